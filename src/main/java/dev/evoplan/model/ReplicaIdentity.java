package dev.evoplan.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a table writes to the WAL to identify an updated or deleted row for logical replication
 * ({@code ALTER TABLE ... REPLICA IDENTITY}, pg_class.relreplident). Held only when it is not
 * {@code DEFAULT} (the primary key): a table without one has the default. Per relation: a partition
 * has its own, not its parent's.
 *
 * @param table the table or partition
 * @param mode {@link Mode#FULL}, {@link Mode#NOTHING} or {@link Mode#INDEX}
 * @param index the unique index it uses, for {@link Mode#INDEX} only (else null)
 */
public record ReplicaIdentity(QualifiedName table, Mode mode, String index)
        implements SchemaObject {

    /** The settings other than DEFAULT, each with the words that set it. */
    public enum Mode {
        DEFAULT("DEFAULT"),
        FULL("FULL"),
        NOTHING("NOTHING"),
        INDEX("USING INDEX");

        private final String sql;

        Mode(String sql) {
            this.sql = sql;
        }

        /**
         * The mode written after REPLICA IDENTITY ({@code full}, {@code using index}), any case.
         */
        public static Mode of(String written) {
            String w = written.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            for (Mode m : values()) {
                if (m.sql.equals(w)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("not a replica identity: " + written);
        }
    }

    public ReplicaIdentity {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(mode, "mode is null");
        if ((mode == Mode.INDEX) != (index != null)) {
            throw new IllegalArgumentException("USING INDEX and only it names an index");
        }
    }

    @Override
    public Kind kind() {
        return Kind.REPLICA_IDENTITY;
    }

    @Override
    public QualifiedName key() {
        return key(table);
    }

    /** The key of {@code table}'s replica identity. */
    public static QualifiedName key(QualifiedName table) {
        return new QualifiedName("replica identity", table.toString());
    }

    @Override
    public String describe() {
        return "replica identity of " + table;
    }

    /** The statement that sets it, from whatever the table had. */
    @Override
    public List<String> createSql() {
        return List.of(sql(mode, index));
    }

    /** Back to the default (the primary key). */
    @Override
    public String dropSql() {
        return sql(Mode.DEFAULT, null);
    }

    private String sql(Mode m, String usingIndex) {
        return "ALTER TABLE "
                + table.sql()
                + " REPLICA IDENTITY "
                + m.sql
                + (usingIndex == null ? "" : " " + Identifiers.quote(usingIndex));
    }

    @Override
    public SchemaObject onTable(QualifiedName newTable) {
        return new ReplicaIdentity(newTable, mode, index);
    }
}
