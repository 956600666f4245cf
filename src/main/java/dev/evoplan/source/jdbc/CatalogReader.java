package dev.evoplan.source.jdbc;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.IdentityOptions;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.Partitioning;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReferentialAction;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SchemaEdits;
import dev.evoplan.model.SchemaObject;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlText;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.View;
import dev.evoplan.source.sql.SqlParser;
import dev.evoplan.source.sql.SqlStatement;
import dev.evoplan.source.sql.SqlStatementApplier;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a live PostgreSQL database's schema from {@code pg_catalog} into the model (PostgreSQL 12
 * and later; tested on 14, 16 and 18).
 *
 * <p>Everything is read in one read-only snapshot with the search path set to {@code public}, so
 * the texts PostgreSQL prints (defaults, checks, index expressions, views) name objects of {@code
 * public} bare and those of other schemas qualified, as the model does. Objects that belong to an
 * extension are left out: they are the extension's, not the schema's. A partition is read as its
 * name, parent and bound (a {@link dev.evoplan.model.Partition}), not as a table: its columns, keys
 * and indexes are its parent's clones. Exclusion constraints and their indexes are left out.
 */
public final class CatalogReader {
    private CatalogReader() {}

    /**
     * Whether the column {@code a} (a {@code pg_attribute} row) is NOT NULL as the model reads it:
     * attnotnull, unless that comes from a not-null constraint of PostgreSQL 18 not validated yet.
     */
    public static final String ATTRIBUTE_NOT_NULL =
            "a.attnotnull AND NOT EXISTS (SELECT 1 FROM pg_constraint nn"
                    + " WHERE nn.conrelid = a.attrelid AND nn.contype = 'n'"
                    + " AND nn.conkey[1] = a.attnum AND NOT nn.convalidated)";

    /**
     * Reads every user schema (all but pg_catalog, information_schema, pg_toast*, pg_temp*) or only
     * the given ones.
     *
     * @param schemas the schema names to read; null or empty reads every user schema
     */
    public static Schema read(Connection connection, Set<String> schemas) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            connection.setAutoCommit(false);
            execute(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        } else {
            // Inside the caller's transaction: a savepoint lets the search path go back as it was.
            savepoint = connection.setSavepoint();
        }
        Schema schema;
        try {
            execute(connection, "SELECT set_config('search_path', 'public', true)");
            schema = new Reading(connection, schemas).schema();
        } catch (SQLException | RuntimeException e) {
            try {
                restore(connection, savepoint);
            } catch (SQLException restoring) {
                e.addSuppressed(restoring);
            }
            throw e;
        }
        restore(connection, savepoint);
        return schema;
    }

    /** Ends the read-only transaction, or goes back to the savepoint in the caller's. */
    private static void restore(Connection connection, Savepoint savepoint) throws SQLException {
        if (savepoint == null) {
            connection.rollback();
            connection.setAutoCommit(true);
        } else {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** One read: the queries share the schema filter and fill the model's parts by table oid. */
    private static final class Reading {
        private static final String USER_SCHEMAS =
                """
                SELECT nspname
                FROM pg_namespace
                WHERE nspname NOT IN ('pg_catalog', 'information_schema')
                  AND nspname NOT LIKE 'pg\\_toast%'
                  AND nspname NOT LIKE 'pg\\_temp%'
                ORDER BY nspname
                """;
        private static final String TABLES =
                """
                SELECT c.oid, n.nspname, c.relname, obj_description(c.oid, 'pg_class') AS comment
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p')
                  AND NOT c.relispartition
                  AND n.nspname = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
                """;

        /**
         * Partitioned tables' strategy, key ({@code pg_get_partkeydef}) and their attached
         * partitions (none: an empty array) with their bounds ({@code relpartbound}).
         */
        private static final String PARTITIONING =
                """
                SELECT pt.partrelid,
                       CASE pt.partstrat WHEN 'r' THEN 'RANGE' WHEN 'l' THEN 'LIST' ELSE 'HASH' END AS strategy,
                       ARRAY(SELECT pn.nspname
                             FROM pg_inherits i
                             JOIN pg_class pc ON pc.oid = i.inhrelid
                             JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                             WHERE i.inhparent = pt.partrelid
                             ORDER BY pn.nspname || '.' || pc.relname) AS partition_schemas,
                       ARRAY(SELECT pc.relname
                             FROM pg_inherits i
                             JOIN pg_class pc ON pc.oid = i.inhrelid
                             JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                             WHERE i.inhparent = pt.partrelid
                             ORDER BY pn.nspname || '.' || pc.relname) AS partition_names,
                       dn.nspname AS default_schema,
                       d.relname AS default_name,
                       ARRAY(SELECT pg_get_expr(pc.relpartbound, pc.oid)
                             FROM pg_inherits i
                             JOIN pg_class pc ON pc.oid = i.inhrelid
                             JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                             WHERE i.inhparent = pt.partrelid
                             ORDER BY pn.nspname || '.' || pc.relname) AS partition_bounds,
                       pg_get_partkeydef(pt.partrelid) AS partition_key
                FROM pg_partitioned_table pt
                -- partdefid is PostgreSQL 11's; read through jsonb so that 10 gives none
                LEFT JOIN pg_class d ON d.oid = (to_jsonb(pt) ->> 'partdefid')::oid
                LEFT JOIN pg_namespace dn ON dn.oid = d.relnamespace
                JOIN pg_class c ON c.oid = pt.partrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY (?)
                """;

        /**
         * Columns in attnum order. PostgreSQL 18 sets attnotnull for a not-null constraint added
         * NOT VALID too; such a column may still hold nulls, so it reads as nullable, the way a NOT
         * VALID check reads as not validated: the differ then still sees work to finish.
         */
        private static final String COLUMNS =
                """
                SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
                """
                        + ATTRIBUTE_NOT_NULL
                        + """
                           AS notnull,
                       a.attidentity, a.attgenerated,
                       d.oid AS default_oid, pg_get_expr(d.adbin, d.adrelid, true) AS expression,
                       col_description(a.attrelid, a.attnum) AS comment,
                       CASE WHEN a.attcollation <> ty.typcollation THEN coll.collname END AS collation,
                       seq.seqstart, seq.seqincrement, seq.seqmin, seq.seqmax, seq.seqcache,
                       seq.seqcycle, format_type(seq.seqtypid, NULL) AS seqtype
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_type ty ON ty.oid = a.atttypid
                LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                LEFT JOIN pg_depend sd ON a.attidentity <> '' AND sd.refclassid = 'pg_class'::regclass
                                      AND sd.refobjid = a.attrelid AND sd.refobjsubid = a.attnum
                                      AND sd.classid = 'pg_class'::regclass AND sd.deptype = 'i'
                LEFT JOIN pg_sequence seq ON seq.seqrelid = sd.objid
                WHERE c.relkind IN ('r', 'p')
                  AND n.nspname = ANY (?)
                  AND a.attnum > 0
                  AND NOT a.attisdropped
                ORDER BY a.attrelid, a.attnum
                """;

        /** Functions a default depends on, directly or through a user-defined operator. */
        private static final String DEFAULT_FUNCTIONS =
                """
                SELECT d.objid AS default_oid, pn.nspname, p.proname, p.provolatile
                FROM pg_depend d
                JOIN pg_attrdef ad ON ad.oid = d.objid
                JOIN pg_class c ON c.oid = ad.adrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_operator o ON d.refclassid = 'pg_operator'::regclass AND o.oid = d.refobjid
                JOIN pg_proc p ON p.oid = CASE WHEN d.refclassid = 'pg_proc'::regclass THEN d.refobjid
                                               ELSE o.oprcode::oid END
                JOIN pg_namespace pn ON pn.oid = p.pronamespace
                WHERE d.classid = 'pg_attrdef'::regclass
                  AND d.refclassid IN ('pg_proc'::regclass, 'pg_operator'::regclass)
                  AND n.nspname = ANY (?)
                """;

        private static final String FUNCTIONS_BY_NAME =
                """
                SELECT n.nspname, p.proname, p.provolatile
                FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.proname = ANY (?)
                """;

        /**
         * Primary keys, uniques, checks and foreign keys. PostgreSQL 18's not-null constraints
         * (contype 'n') are Column.nullable in the model; conparentid skips the copies PostgreSQL
         * makes for each partition of a referenced partitioned table.
         */
        private static final String CONSTRAINTS =
                """
                SELECT con.conrelid, con.conname, con.contype, con.condeferrable, con.condeferred,
                       con.convalidated, con.connoinherit, con.confdeltype, con.confupdtype,
                       pg_get_constraintdef(con.oid, true) AS definition,
                       ARRAY(SELECT a.attname::text
                             FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                             ORDER BY k.ord) AS columns,
                       tn.nspname AS target_schema, t.relname AS target_table,
                       ARRAY(SELECT a.attname::text
                             FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                             ORDER BY k.ord) AS target_columns
                FROM pg_constraint con
                JOIN pg_class c ON c.oid = con.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_class t ON t.oid = con.confrelid
                LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
                WHERE con.contype IN ('p', 'u', 'c', 'f')
                  AND con.conparentid = 0
                  AND n.nspname = ANY (?)
                ORDER BY con.conrelid, con.conname
                """;

        /** Indexes, without those a primary key, unique or exclusion constraint owns. */
        private static final String INDEXES =
                """
                SELECT i.indexrelid, i.indrelid, ic.relname AS name, i.indisunique, am.amname,
                       pg_get_expr(i.indpred, i.indrelid, true) AS predicate
                FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_am am ON am.oid = ic.relam
                JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                                  WHERE con.conrelid = i.indrelid AND con.conindid = i.indexrelid
                                    AND con.contype IN ('p', 'u', 'x'))
                  AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
                """;

        /**
         * Partitions that are tables (not sub-partitioned): their own keys, foreign keys and
         * indexes are read as a table's are; clones of the parent's are skipped (conparentid, an
         * index attached to a parent index in pg_inherits).
         */
        private static final String PARTITION_RELATIONS =
                """
                SELECT c.oid, n.nspname, c.relname
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r'
                  AND c.relispartition
                  AND n.nspname = ANY (?)
                """;

        /**
         * Every index column: keys first (with sort options and operator class), then INCLUDE
         * columns. pg_get_indexdef with a column number prints only the column or expression.
         */
        private static final String INDEX_COLUMNS =
                """
                SELECT i.indexrelid, k.position, k.position > i.indnkeyatts AS included,
                       a.attname, pg_get_indexdef(i.indexrelid, k.position, true) AS definition,
                       i.indoption[k.position - 1] AS options,
                       opc.opcname, opc.opcdefault, opcn.nspname AS opcschema
                FROM pg_index i
                JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                CROSS JOIN LATERAL generate_series(1, i.indnatts) AS k(position)
                LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.position - 1]
                LEFT JOIN pg_opclass opc ON k.position <= i.indnkeyatts AND opc.oid = i.indclass[k.position - 1]
                LEFT JOIN pg_namespace opcn ON opcn.oid = opc.opcnamespace
                WHERE n.nspname = ANY (?)
                ORDER BY i.indexrelid, k.position
                """;

        /** Sequences but those of identity columns, which belong to the column (deptype 'i'). */
        private static final String SEQUENCES =
                """
                SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL) AS type,
                       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                       t.relname AS owner_table, a.attname AS owner_column
                FROM pg_sequence s
                JOIN pg_class c ON c.oid = s.seqrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                     AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
                                     AND d.refobjsubid > 0
                LEFT JOIN pg_class t ON t.oid = d.refobjid
                LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                WHERE n.nspname = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid
                                    AND e.deptype IN ('i', 'e'))
                """;

        private static final String ENUMS =
                """
                SELECT n.nspname, t.typname,
                       ARRAY(SELECT e.enumlabel::text FROM pg_enum e
                             WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
                FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE t.typtype = 'e'
                  AND n.nspname = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                                  WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
                """;
        private static final String EXTENSIONS =
                """
                SELECT e.extname, n.nspname, e.extversion
                FROM pg_extension e
                JOIN pg_namespace n ON n.oid = e.extnamespace
                WHERE e.extname <> 'plpgsql'
                ORDER BY e.extname
                """;
        private static final String TRIGGERS =
                """
                SELECT pg_get_triggerdef(t.oid)
                FROM pg_trigger t
                JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT t.tgisinternal
                  AND t.tgparentid = 0
                  AND n.nspname = ANY (?)
                ORDER BY n.nspname, c.relname, t.tgname
                """;
        private static final String POLICIES =
                """
                SELECT n.nspname, c.relname, p.polname, p.polpermissive,
                       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT'
                                     WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
                       CASE WHEN p.polroles = '{0}' THEN 'PUBLIC'
                            ELSE (SELECT string_agg(quote_ident(r.rolname), ', ' ORDER BY r.rolname)
                                  FROM pg_roles r WHERE r.oid = ANY (p.polroles)) END AS roles,
                       pg_get_expr(p.polqual, p.polrelid, true) AS qual,
                       pg_get_expr(p.polwithcheck, p.polrelid, true) AS with_check
                FROM pg_policy p
                JOIN pg_class c ON c.oid = p.polrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY (?)
                ORDER BY n.nspname, c.relname, p.polname
                """;
        private static final String ROW_SECURITY =
                """
                SELECT n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE (c.relrowsecurity OR c.relforcerowsecurity)
                  AND n.nspname = ANY (?)
                ORDER BY n.nspname, c.relname
                """;

        /**
         * Tables' and partitions' replica identity (relreplident, the index's name for USING INDEX)
         * and storage parameters (their TOAST table's with the toast. prefix), where not default.
         */
        private static final String RELATION_SETTINGS =
                """
                SELECT n.nspname, c.relname, c.relreplident,
                       (SELECT ic.relname FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
                        WHERE x.indrelid = c.oid AND x.indisreplident) AS replident_index,
                       coalesce(c.reloptions, '{}') || coalesce((SELECT array_agg('toast.' || o)
                                 FROM pg_class t, unnest(t.reloptions) o
                                 WHERE t.oid = c.reltoastrelid), '{}') AS options
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p')
                  AND n.nspname = ANY (?)
                ORDER BY n.nspname, c.relname
                """;

        private static final String VIEWS =
                """
                SELECT n.nspname, c.relname, c.relkind, c.reloptions, pg_get_viewdef(c.oid, true) AS definition
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('v', 'm')
                  AND n.nspname = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
                """;

        private final Connection connection;
        private final Set<String> requested;
        private Array schemaNames;

        Reading(Connection connection, Set<String> requested) {
            this.connection = connection;
            this.requested = requested == null ? Set.of() : Set.copyOf(requested);
        }

        Schema schema() throws SQLException {
            schemaNames = connection.createArrayOf("text", schemasToRead().toArray());
            Map<Long, TableParts> tables = tables();
            columns(tables);
            Map<Long, TableParts> partitionParts = partitionRelations();
            Map<Long, TableParts> withPartitions = new LinkedHashMap<>(tables);
            withPartitions.putAll(partitionParts);
            constraints(withPartitions);
            indexes(withPartitions);
            partitioning(tables);

            TreeMap<QualifiedName, Table> tableMap = new TreeMap<>();
            for (TableParts t : tables.values()) {
                Table table = t.table();
                tableMap.put(table.name(), table);
            }
            Schema shape =
                    new Schema(
                            tableMap, sequences(), enums(), views(), extensions(), new TreeMap<>());
            Map<QualifiedName, TableParts> ownByName = new HashMap<>();
            partitionParts.values().forEach(t -> ownByName.put(t.name, t));
            for (dev.evoplan.model.Partition p : partitions) {
                TableParts own = ownByName.get(p.name());
                shape =
                        shape.withObject(
                                own == null
                                        ? p
                                        : new dev.evoplan.model.Partition(
                                                p.name(),
                                                p.parent(),
                                                p.bound(),
                                                own.primaryKey,
                                                own.uniques,
                                                own.foreignKeys,
                                                own.indexes));
            }
            for (dev.evoplan.model.UnmodelledObject o : identitySequenceTypes) {
                shape = shape.withUnmodelled(o);
            }
            Schema withCode =
                    CatalogRoutines.read(connection, schemaNames, withTriggersAndPolicies(shape));
            return CatalogGrants.read(connection, schemaNames, withCode);
        }

        /**
         * Identity columns whose own sequence has another data type than the column: kept for
         * review, as the SQL reader keeps the ALTER SEQUENCE ... AS that makes one.
         */
        private final List<dev.evoplan.model.UnmodelledObject> identitySequenceTypes =
                new ArrayList<>();

        /** The partitions of the partitioned tables read, with their bounds. */
        private final List<dev.evoplan.model.Partition> partitions = new ArrayList<>();

        /**
         * The triggers, row-level-security policies and switches of the tables read, as the SQL
         * reader makes them from the statements PostgreSQL prints for them ({@code
         * pg_get_triggerdef}; {@code CREATE POLICY} and {@code ALTER TABLE ... ROW LEVEL SECURITY}
         * rebuilt from pg_policies and pg_class): one way from text to object, so the database and
         * the SQL that made it hold the same ones. Routines are read the same way, by {@link
         * CatalogRoutines}; table grants by {@link CatalogGrants}.
         */
        private Schema withTriggersAndPolicies(Schema shape) throws SQLException {
            StringBuilder ddl = new StringBuilder();
            // A partition's clone of its parent's trigger is the parent's (tgparentid from 13 on).
            String triggers =
                    connection.getMetaData().getDatabaseMajorVersion() >= 13
                            ? TRIGGERS
                            : TRIGGERS.replace("AND t.tgparentid = 0", "");
            query(triggers, schemaNames, rs -> ddl.append(rs.getString(1)).append(";\n"));
            query(
                    POLICIES,
                    schemaNames,
                    rs -> {
                        QualifiedName table =
                                new QualifiedName(rs.getString("nspname"), rs.getString("relname"));
                        ddl.append("CREATE POLICY ")
                                .append(
                                        dev.evoplan.model.Identifiers.quote(
                                                rs.getString("polname")))
                                .append(" ON ")
                                .append(table.sql())
                                .append(rs.getBoolean("polpermissive") ? "" : " AS RESTRICTIVE")
                                .append(" FOR ")
                                .append(rs.getString("command"))
                                .append(" TO ")
                                .append(rs.getString("roles"));
                        String using = rs.getString("qual");
                        String check = rs.getString("with_check");
                        if (using != null) {
                            ddl.append(" USING (").append(using).append(')');
                        }
                        if (check != null) {
                            ddl.append(" WITH CHECK (").append(check).append(')');
                        }
                        ddl.append(";\n");
                    });
            query(
                    ROW_SECURITY,
                    schemaNames,
                    rs -> {
                        String table =
                                new QualifiedName(rs.getString("nspname"), rs.getString("relname"))
                                        .sql();
                        if (rs.getBoolean("relrowsecurity")) {
                            ddl.append("ALTER TABLE ")
                                    .append(table)
                                    .append(" ENABLE ROW LEVEL SECURITY;\n");
                        }
                        if (rs.getBoolean("relforcerowsecurity")) {
                            ddl.append("ALTER TABLE ")
                                    .append(table)
                                    .append(" FORCE ROW LEVEL SECURITY;\n");
                        }
                    });
            relationSettings(shape, ddl);
            if (ddl.isEmpty()) {
                return shape;
            }
            SqlStatementApplier applier = new SqlStatementApplier(shape);
            for (SqlStatement statement : SqlParser.parse(ddl.toString(), "catalog").statements()) {
                applier.fold(statement);
            }
            Schema out = shape;
            for (SchemaObject o : applier.schema().objects().values()) {
                out = out.withObject(o);
            }
            return out;
        }

        /**
         * The replica identity and storage parameters of each table and partition read, as the
         * ALTER TABLE statements that set them: the SQL reader makes the same objects of them as of
         * a file's.
         */
        private void relationSettings(Schema shape, StringBuilder ddl) throws SQLException {
            query(
                    RELATION_SETTINGS,
                    schemaNames,
                    rs -> {
                        QualifiedName name =
                                new QualifiedName(rs.getString("nspname"), rs.getString("relname"));
                        if (!shape.tables().containsKey(name)
                                && !dev.evoplan.model.SchemaEdits.isPartition(shape, name)) {
                            return;
                        }
                        String mode =
                                switch (rs.getString("relreplident")) {
                                    case "f" -> "FULL";
                                    case "n" -> "NOTHING";
                                    case "i" ->
                                            rs.getString("replident_index") == null
                                                    ? null
                                                    : "USING INDEX "
                                                            + dev.evoplan.model.Identifiers.quote(
                                                                    rs.getString(
                                                                            "replident_index"));
                                    default -> null;
                                };
                        if (mode != null) {
                            ddl.append("ALTER TABLE ")
                                    .append(name.sql())
                                    .append(" REPLICA IDENTITY ")
                                    .append(mode)
                                    .append(";\n");
                        }
                        List<String> options = new ArrayList<>();
                        for (String o : strings(rs.getArray("options"))) {
                            int eq = o.indexOf('=');
                            options.add(
                                    o.substring(0, eq)
                                            + "="
                                            + dev.evoplan.model.Identifiers.literal(
                                                    o.substring(eq + 1)));
                        }
                        if (!options.isEmpty()) {
                            ddl.append("ALTER TABLE ")
                                    .append(name.sql())
                                    .append(" SET (")
                                    .append(String.join(", ", options))
                                    .append(");\n");
                        }
                    });
        }

        /**
         * Every extension but plpgsql (built in): database-wide, so read whatever schemas were
         * asked for.
         */
        private TreeMap<QualifiedName, dev.evoplan.model.Extension> extensions()
                throws SQLException {
            TreeMap<QualifiedName, dev.evoplan.model.Extension> out = new TreeMap<>();
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery(EXTENSIONS)) {
                while (rs.next()) {
                    dev.evoplan.model.Extension e =
                            new dev.evoplan.model.Extension(
                                    rs.getString(1), rs.getString(2), rs.getString(3));
                    out.put(e.key(), e);
                }
            }
            return out;
        }

        private List<String> schemasToRead() throws SQLException {
            List<String> names = new ArrayList<>();
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery(USER_SCHEMAS)) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (requested.isEmpty() || requested.contains(name)) {
                        names.add(name);
                    }
                }
            }
            return names;
        }

        private Map<Long, TableParts> partitionRelations() throws SQLException {
            Map<Long, TableParts> out = new LinkedHashMap<>();
            query(
                    PARTITION_RELATIONS,
                    schemaNames,
                    rs ->
                            out.put(
                                    rs.getLong("oid"),
                                    new TableParts(
                                            new QualifiedName(
                                                    rs.getString("nspname"),
                                                    rs.getString("relname")),
                                            null)));
            return out;
        }

        private Map<Long, TableParts> tables() throws SQLException {
            Map<Long, TableParts> tables = new LinkedHashMap<>();
            query(
                    TABLES,
                    schemaNames,
                    rs -> {
                        QualifiedName name =
                                new QualifiedName(rs.getString("nspname"), rs.getString("relname"));
                        tables.put(
                                rs.getLong("oid"), new TableParts(name, rs.getString("comment")));
                    });
            return tables;
        }

        private void partitioning(Map<Long, TableParts> tables) throws SQLException {
            query(
                    PARTITIONING,
                    schemaNames,
                    rs -> {
                        TableParts t = tables.get(rs.getLong("partrelid"));
                        if (t == null) {
                            return;
                        }
                        String[] schemas = (String[]) rs.getArray("partition_schemas").getArray();
                        String[] names = (String[]) rs.getArray("partition_names").getArray();
                        String[] bounds = (String[]) rs.getArray("partition_bounds").getArray();
                        List<QualifiedName> partitions = new ArrayList<>();
                        for (int i = 0; i < names.length; i++) {
                            QualifiedName partition = new QualifiedName(schemas[i], names[i]);
                            partitions.add(partition);
                            this.partitions.add(
                                    new dev.evoplan.model.Partition(partition, t.name, bounds[i]));
                        }
                        QualifiedName defaultPartition =
                                rs.getString("default_name") == null
                                        ? null
                                        : new QualifiedName(
                                                rs.getString("default_schema"),
                                                rs.getString("default_name"));
                        t.partitioning =
                                new Partitioning(
                                        rs.getString("strategy"),
                                        partitions,
                                        defaultPartition,
                                        rs.getString("partition_key"));
                    });
        }

        private void columns(Map<Long, TableParts> tables) throws SQLException {
            List<ColumnRow> rows = new ArrayList<>();
            Set<String> calledNames = new TreeSet<>();
            query(
                    COLUMNS,
                    schemaNames,
                    rs -> {
                        long relid = rs.getLong("attrelid");
                        if (!tables.containsKey(relid)) {
                            return;
                        }
                        ColumnRow row =
                                new ColumnRow(
                                        relid,
                                        rs.getString("attname"),
                                        rs.getString("type"),
                                        rs.getBoolean("notnull"),
                                        rs.getString("attidentity"),
                                        rs.getString("attgenerated"),
                                        rs.getLong("default_oid"),
                                        rs.getString("expression"),
                                        rs.getString("comment"),
                                        rs.getString("collation"),
                                        identityOptions(rs));
                        rows.add(row);
                        String seqType = rs.getString("seqtype");
                        if (seqType != null
                                && !SqlType.parse(seqType)
                                        .name()
                                        .equals(SqlType.parse(row.type()).name())) {
                            identitySequenceTypes.add(
                                    dev.evoplan.model.UnmodelledObject.identitySequenceType(
                                            tables.get(relid).name,
                                            row.name(),
                                            SqlType.parse(seqType).name(),
                                            null));
                        }
                        if (row.expression() != null && row.generated().isEmpty()) {
                            calledNames.addAll(DefaultVolatility.calledNames(row.expression()));
                        }
                    });
            Map<Long, List<DefaultVolatility.Function>> dependencies = new HashMap<>();
            query(
                    DEFAULT_FUNCTIONS,
                    schemaNames,
                    rs ->
                            dependencies
                                    .computeIfAbsent(
                                            rs.getLong("default_oid"), k -> new ArrayList<>())
                                    .add(function(rs)));
            Map<String, List<DefaultVolatility.Function>> byName = new HashMap<>();
            query(
                    FUNCTIONS_BY_NAME,
                    connection.createArrayOf("text", calledNames.toArray()),
                    rs -> {
                        DefaultVolatility.Function f = function(rs);
                        byName.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
                    });
            DefaultVolatility volatility = new DefaultVolatility(byName);

            for (ColumnRow row : rows) {
                DefaultValue defaultValue = null;
                String generated = null;
                if (row.expression() != null) {
                    // PostgreSQL 18's virtual generated columns ('v') are read as generated too:
                    // the model has no flag for them, and a plain default would be wrong.
                    if (row.generated().isEmpty()) {
                        defaultValue =
                                new DefaultValue(
                                        row.expression(),
                                        volatility.of(
                                                row.expression(),
                                                dependencies.getOrDefault(
                                                        row.defaultOid(), List.of())));
                    } else {
                        generated = row.expression();
                    }
                }
                tables.get(row.relid())
                        .columns
                        .add(
                                new Column(
                                        row.name(),
                                        SqlType.parse(row.type()),
                                        !row.notNull(),
                                        defaultValue,
                                        identity(row.identity()),
                                        generated,
                                        row.comment(),
                                        row.collation(),
                                        row.identityOptions()));
            }
        }

        private static DefaultVolatility.Function function(ResultSet rs) throws SQLException {
            return new DefaultVolatility.Function(
                    rs.getString("nspname"),
                    rs.getString("proname"),
                    DefaultVolatility.Function.of(rs.getString("provolatile")));
        }

        /**
         * The options of an identity column's own sequence (pg_sequence), normalized; null for a
         * column without one.
         */
        private static IdentityOptions identityOptions(ResultSet rs) throws SQLException {
            String type = rs.getString("seqtype");
            if (type == null) {
                return null;
            }
            return IdentityOptions.of(
                    new Sequence(
                            new QualifiedName("", "identity"),
                            SqlType.parse(type).name(),
                            rs.getLong("seqstart"),
                            rs.getLong("seqincrement"),
                            rs.getLong("seqmin"),
                            rs.getLong("seqmax"),
                            rs.getLong("seqcache"),
                            rs.getBoolean("seqcycle"),
                            null));
        }

        private static IdentityKind identity(String attidentity) {
            return switch (attidentity) {
                case "a" -> IdentityKind.ALWAYS;
                case "d" -> IdentityKind.BY_DEFAULT;
                default -> IdentityKind.NONE;
            };
        }

        private void constraints(Map<Long, TableParts> tables) throws SQLException {
            query(
                    CONSTRAINTS,
                    schemaNames,
                    rs -> {
                        TableParts table = tables.get(rs.getLong("conrelid"));
                        if (table == null) {
                            return;
                        }
                        String name = rs.getString("conname");
                        List<String> columns = strings(rs.getArray("columns"));
                        boolean deferrable = rs.getBoolean("condeferrable");
                        boolean validated = rs.getBoolean("convalidated");
                        switch (rs.getString("contype")) {
                            case "p" -> table.primaryKey = new PrimaryKey(name, columns);
                            case "u" ->
                                    table.uniques.add(
                                            new UniqueConstraint(name, columns, deferrable));
                            case "c" ->
                                    table.checks.add(
                                            new CheckConstraint(
                                                    name,
                                                    checkExpression(rs.getString("definition")),
                                                    validated,
                                                    rs.getBoolean("connoinherit")));
                            case "f" ->
                                    table.foreignKeys.add(
                                            new ForeignKey(
                                                    name,
                                                    columns,
                                                    new QualifiedName(
                                                            rs.getString("target_schema"),
                                                            rs.getString("target_table")),
                                                    strings(rs.getArray("target_columns")),
                                                    action(rs.getString("confdeltype")),
                                                    action(rs.getString("confupdtype")),
                                                    deferrable,
                                                    rs.getBoolean("condeferred"),
                                                    validated));
                            default ->
                                    throw new IllegalStateException(
                                            "constraint kind the query excludes: " + name);
                        }
                    });
        }

        /**
         * The expression inside {@code CHECK (...)}: pg_get_constraintdef adds {@code NO INHERIT}
         * and {@code NOT VALID} after it, which the model keeps apart (validated) or not at all.
         */
        static String checkExpression(String definition) {
            String s = definition.strip();
            s = stripSuffix(s, " NOT VALID");
            s = stripSuffix(s, " NO INHERIT");
            if (s.startsWith("CHECK (") && s.endsWith(")")) {
                s = s.substring("CHECK (".length(), s.length() - 1);
            }
            return s.strip();
        }

        private static String stripSuffix(String s, String suffix) {
            return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()).strip() : s;
        }

        private static ReferentialAction action(String code) {
            return switch (code) {
                case "r" -> ReferentialAction.RESTRICT;
                case "c" -> ReferentialAction.CASCADE;
                case "n" -> ReferentialAction.SET_NULL;
                case "d" -> ReferentialAction.SET_DEFAULT;
                default -> ReferentialAction.NO_ACTION;
            };
        }

        private void indexes(Map<Long, TableParts> tables) throws SQLException {
            Map<Long, IndexParts> indexes = new HashMap<>();
            query(
                    INDEXES,
                    schemaNames,
                    rs -> {
                        long relid = rs.getLong("indrelid");
                        if (tables.containsKey(relid)) {
                            indexes.put(
                                    rs.getLong("indexrelid"),
                                    new IndexParts(
                                            relid,
                                            rs.getString("name"),
                                            rs.getBoolean("indisunique"),
                                            rs.getString("amname"),
                                            rs.getString("predicate")));
                        }
                    });
            query(
                    INDEX_COLUMNS,
                    schemaNames,
                    rs -> {
                        IndexParts index = indexes.get(rs.getLong("indexrelid"));
                        if (index == null) {
                            return;
                        }
                        String column = rs.getString("attname");
                        if (rs.getBoolean("included")) {
                            index.include.add(column);
                            return;
                        }
                        int options = rs.getInt("options");
                        boolean descending = (options & 1) != 0;
                        boolean nullsFirst = (options & 2) != 0;
                        String opclass = null;
                        if (!rs.getBoolean("opcdefault")) {
                            String schema = rs.getString("opcschema");
                            String opcname = rs.getString("opcname");
                            opclass =
                                    schema.equals("pg_catalog")
                                                    || schema.equals(QualifiedName.DEFAULT_SCHEMA)
                                            ? opcname
                                            : schema + "." + opcname;
                        }
                        index.elements.add(
                                new IndexElement(
                                        column != null
                                                ? column
                                                : SqlText.withoutOuterParentheses(
                                                        rs.getString("definition")),
                                        column == null,
                                        descending,
                                        // Null means PostgreSQL's default: NULLS FIRST for DESC,
                                        // NULLS LAST for ASC.
                                        nullsFirst == descending ? null : nullsFirst,
                                        opclass));
                    });
            for (IndexParts index : indexes.values()) {
                TableParts table = tables.get(index.relid);
                table.indexes.add(
                        new Index(
                                index.name,
                                table.name,
                                index.unique,
                                index.method,
                                index.elements,
                                index.include,
                                index.predicate));
            }
        }

        private TreeMap<QualifiedName, Sequence> sequences() throws SQLException {
            TreeMap<QualifiedName, Sequence> sequences = new TreeMap<>();
            query(
                    SEQUENCES,
                    schemaNames,
                    rs -> {
                        QualifiedName name =
                                new QualifiedName(rs.getString("nspname"), rs.getString("relname"));
                        String ownerTable = rs.getString("owner_table");
                        // Spelled as the SQL and Liquibase sources spell it (Owner.text).
                        String ownedBy =
                                ownerTable == null
                                        ? null
                                        : SchemaEdits.Owner.text(
                                                new QualifiedName(
                                                        rs.getString("nspname"), ownerTable),
                                                rs.getString("owner_column"));
                        Sequence sequence =
                                new Sequence(
                                        name,
                                        SqlType.parse(rs.getString("type")).name(),
                                        rs.getLong("seqstart"),
                                        rs.getLong("seqincrement"),
                                        rs.getLong("seqmin"),
                                        rs.getLong("seqmax"),
                                        rs.getLong("seqcache"),
                                        rs.getBoolean("seqcycle"),
                                        ownedBy);
                        sequences.put(name, sequence.normalized());
                    });
            return sequences;
        }

        private TreeMap<QualifiedName, EnumType> enums() throws SQLException {
            TreeMap<QualifiedName, EnumType> enums = new TreeMap<>();
            query(
                    ENUMS,
                    schemaNames,
                    rs -> {
                        QualifiedName name =
                                new QualifiedName(rs.getString("nspname"), rs.getString("typname"));
                        enums.put(name, new EnumType(name, strings(rs.getArray("labels"))));
                    });
            return enums;
        }

        private TreeMap<QualifiedName, View> views() throws SQLException {
            TreeMap<QualifiedName, View> views = new TreeMap<>();
            query(
                    VIEWS,
                    schemaNames,
                    rs -> {
                        QualifiedName name =
                                new QualifiedName(rs.getString("nspname"), rs.getString("relname"));
                        String definition = rs.getString("definition").strip();
                        if (definition.endsWith(";")) {
                            definition = definition.substring(0, definition.length() - 1).strip();
                        }
                        java.util.SortedMap<String, String> options = new TreeMap<>();
                        for (String o : strings(rs.getArray("reloptions"))) {
                            int eq = o.indexOf('=');
                            options.put(o.substring(0, eq), o.substring(eq + 1));
                        }
                        views.put(
                                name,
                                new View(
                                        name,
                                        definition,
                                        rs.getString("relkind").equals("m"),
                                        options));
                    });
            return views;
        }

        private static List<String> strings(Array array) throws SQLException {
            return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
        }

        private void query(String sql, Array parameter, RowHandler handler) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setArray(1, parameter);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.row(rs);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private record ColumnRow(
            long relid,
            String name,
            String type,
            boolean notNull,
            String identity,
            String generated,
            long defaultOid,
            String expression,
            String comment,
            String collation,
            IdentityOptions identityOptions) {}

    /** A table being assembled from several queries. */
    private static final class TableParts {
        final QualifiedName name;
        final String comment;
        final List<Column> columns = new ArrayList<>();
        PrimaryKey primaryKey;
        final List<UniqueConstraint> uniques = new ArrayList<>();
        final List<CheckConstraint> checks = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<Index> indexes = new ArrayList<>();
        Partitioning partitioning;

        TableParts(QualifiedName name, String comment) {
            this.name = name;
            this.comment = comment;
        }

        Table table() {
            return new Table(
                    name,
                    columns,
                    primaryKey,
                    uniques,
                    checks,
                    foreignKeys,
                    indexes,
                    comment,
                    partitioning);
        }
    }

    /** An index being assembled from its row and its column rows. */
    private static final class IndexParts {
        final long relid;
        final String name;
        final boolean unique;
        final String method;
        final String predicate;
        final List<IndexElement> elements = new ArrayList<>();
        final List<String> include = new ArrayList<>();

        IndexParts(long relid, String name, boolean unique, String method, String predicate) {
            this.relid = relid;
            this.name = name;
            this.unique = unique;
            this.method = method;
            this.predicate = predicate;
        }
    }
}
