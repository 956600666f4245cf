package dev.evoplan.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plain indexes and validated foreign keys of the old schema, set aside while the seeder fills
 * the tables and built again from their own definitions afterwards, as a bulk load does: one index
 * build and one foreign-key scan per object instead of an index insert and a key lookup per row
 * (the sample with 100,000 rows per table spent most of its seeding there).
 *
 * <p>The seeder builds a table's indexes again as soon as that table's rows are in ({@link
 * #restoreIndexesOf}), on the session that seeded it, while other tables are still being filled,
 * and adds its foreign keys back then too when the tables they point at are finished ({@link
 * #restoreForeignKeysOf}); {@link #restore} then builds and adds whatever is left.
 *
 * <p>What verify proves does not change: every object comes back as it was, in PostgreSQL's own
 * spelling ({@code pg_get_indexdef}, {@code pg_get_constraintdef}), with its comment and CLUSTER
 * mark, before the steps run and before the statistics are taken; each foreign key is added back
 * validated, so PostgreSQL checks every seeded row against it, and a row breaking it fails the run
 * instead of passing unseen. What a row must satisfy as it is inserted stays in place: primary
 * keys, unique indexes and constraints, exclusions, CHECKs, NOT NULL, and foreign keys not
 * validated (adding one back would not check the rows). Objects of partitions and partitioned
 * tables (their copies on each partition carry names of their own), of extensions, in a tablespace,
 * invalid, or with a statistics target stay too, as does anything PostgreSQL will not drop on its
 * own (something depends on it).
 */
final class BuiltAfterSeeding {
    private static final String USER_TABLE =
            " t.relkind = 'r' AND NOT t.relispartition"
                    + " AND t.relnamespace NOT IN (SELECT oid FROM pg_namespace"
                    + "   WHERE nspname IN ('pg_catalog', 'information_schema') OR nspname LIKE 'pg\\_toast%')"
                    + " AND t.relname NOT IN ('databasechangelog', 'databasechangeloglock')"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                    + "   AND d.objid = t.oid AND d.deptype = 'e')";

    private static final String PLAIN_INDEXES =
            "SELECT format('%I.%I', n.nspname, c.relname), quote_ident(c.relname),"
                    + " pg_get_indexdef(i.indexrelid), obj_description(i.indexrelid, 'pg_class'),"
                    + " i.indisclustered, i.indrelid::regclass::text, i.indrelid::bigint"
                    + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class t ON t.oid = i.indrelid"
                    + " WHERE NOT i.indisunique AND NOT i.indisprimary AND NOT i.indisexclusion"
                    + " AND i.indisvalid AND i.indisready AND i.indislive AND c.reltablespace = 0"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indexrelid"
                    + "   AND coalesce(a.attstattarget::int, -1) >= 0)"
                    + " AND"
                    + USER_TABLE
                    + " ORDER BY c.oid";

    private static final String VALIDATED_FOREIGN_KEYS =
            "SELECT quote_ident(k.conname), k.conrelid::regclass::text, pg_get_constraintdef(k.oid),"
                    + " obj_description(k.oid, 'pg_constraint'), k.conrelid::bigint, k.confrelid::bigint"
                    + " FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid"
                    + " JOIN pg_class r ON r.oid = k.confrelid"
                    + " WHERE k.contype = 'f' AND k.convalidated AND k.conparentid = 0"
                    + " AND r.relkind = 'r' AND NOT r.relispartition AND"
                    + USER_TABLE
                    + " ORDER BY k.oid";

    /**
     * An index set aside: its qualified and its own name, its definition, comment, CLUSTER mark,
     * table and the table's oid.
     */
    private record PlainIndex(
            String name,
            String ownName,
            String definition,
            String comment,
            boolean clustered,
            String table,
            long tableOid) {}

    /**
     * A foreign key set aside: its quoted name, table, definition, comment, and the oids of its
     * table and of the table it points at.
     */
    private record ForeignKey(
            String name,
            String table,
            String definition,
            String comment,
            long tableOid,
            long targetOid) {}

    private final List<PlainIndex> indexes;
    private final List<ForeignKey> foreignKeys;

    /** The indexes built again so far (tables are finished on several sessions at once). */
    private final Set<PlainIndex> built = ConcurrentHashMap.newKeySet();

    /** The foreign keys added back so far. */
    private final Set<ForeignKey> added = ConcurrentHashMap.newKeySet();

    private BuiltAfterSeeding(List<PlainIndex> indexes, List<ForeignKey> foreignKeys) {
        this.indexes = indexes;
        this.foreignKeys = foreignKeys;
    }

    /**
     * Drops the foreign keys, then the indexes, that can be built again after the data; what
     * PostgreSQL refuses to drop stays.
     */
    static BuiltAfterSeeding setAside(Connection db) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(VALIDATED_FOREIGN_KEYS)) {
            while (rs.next()) {
                keys.add(
                        new ForeignKey(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getLong(5),
                                rs.getLong(6)));
            }
        }
        List<PlainIndex> plain = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(PLAIN_INDEXES)) {
            while (rs.next()) {
                plain.add(
                        new PlainIndex(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getBoolean(5),
                                rs.getString(6),
                                rs.getLong(7)));
            }
        }
        List<ForeignKey> dropped = new ArrayList<>();
        for (ForeignKey key : keys) {
            if (tryExecute(db, "ALTER TABLE " + key.table() + " DROP CONSTRAINT " + key.name())) {
                dropped.add(key);
            }
        }
        List<PlainIndex> droppedIndexes = new ArrayList<>();
        for (PlainIndex index : plain) {
            if (tryExecute(db, "DROP INDEX " + index.name())) {
                droppedIndexes.add(index);
            }
        }
        return new BuiltAfterSeeding(List.copyOf(droppedIndexes), List.copyOf(dropped));
    }

    /** How many objects were set aside (for tests). */
    int size() {
        return indexes.size() + foreignKeys.size();
    }

    /**
     * Builds again the indexes of the table with that oid, in the order they had, once its rows are
     * in: the seeder finishes each table on its own session while others are still being filled.
     */
    void restoreIndexesOf(Connection db, long tableOid) throws SQLException {
        for (PlainIndex index : indexes) {
            if (index.tableOid() == tableOid) {
                build(db, index);
            }
        }
    }

    /**
     * Builds every index not built yet again, then adds every foreign key back validated (the scan
     * that checks the seeded rows), each with its comment. Throws when a seeded row breaks a
     * foreign key.
     */
    void restore(Connection db) throws SQLException {
        for (PlainIndex index : indexes) {
            build(db, index);
        }
        for (ForeignKey key : foreignKeys) {
            add(db, key);
        }
    }

    /**
     * Adds back, validated and in their order, the foreign keys of the table with that oid when
     * every one of them points at a table in {@code finished} (tables whose rows are final and that
     * no other session is finishing); otherwise leaves all of them to {@link #restore}, so a
     * table's keys keep their order. Run while other tables are seeded: a key locks its own table
     * and the one it points at, which only reads of the seeding sessions use by then.
     */
    void restoreForeignKeysOf(Connection db, long tableOid, Set<Long> finished)
            throws SQLException {
        List<ForeignKey> own = foreignKeys.stream().filter(k -> k.tableOid() == tableOid).toList();
        if (own.stream().allMatch(k -> finished.contains(k.targetOid()))) {
            for (ForeignKey key : own) {
                add(db, key);
            }
        }
    }

    /** Adds {@code key} back validated, with its comment, unless it is back. */
    private void add(Connection db, ForeignKey key) throws SQLException {
        if (!added.add(key)) {
            return;
        }
        execute(
                db,
                "ALTER TABLE "
                        + key.table()
                        + " ADD CONSTRAINT "
                        + key.name()
                        + " "
                        + key.definition());
        if (key.comment() != null) {
            execute(
                    db,
                    "COMMENT ON CONSTRAINT "
                            + key.name()
                            + " ON "
                            + key.table()
                            + " IS "
                            + literal(db, key.comment()));
        }
    }

    /** Builds {@code index} again with its comment and CLUSTER mark, unless it is built. */
    private void build(Connection db, PlainIndex index) throws SQLException {
        if (!built.add(index)) {
            return;
        }
        execute(db, index.definition());
        if (index.comment() != null) {
            execute(db, "COMMENT ON INDEX " + index.name() + " IS " + literal(db, index.comment()));
        }
        if (index.clustered()) {
            execute(db, "ALTER TABLE " + index.table() + " CLUSTER ON " + index.ownName());
        }
    }

    private static String literal(Connection db, String text) throws SQLException {
        try (var ps = db.prepareStatement("SELECT quote_literal(?)")) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static boolean tryExecute(Connection db, String sql) {
        try {
            execute(db, sql);
            return true;
        } catch (SQLException refused) {
            return false; // it stays, and rows are checked against it as they go in
        }
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(sql);
        }
    }
}
