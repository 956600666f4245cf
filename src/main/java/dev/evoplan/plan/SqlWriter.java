package dev.evoplan.plan;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Identifiers;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.PostgresNames;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReferentialAction;
import dev.evoplan.model.SchemaEdits.Owner;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlText;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * PostgreSQL DDL for model objects. Identifiers are quoted only where PostgreSQL needs it, and
 * every statement ends with a semicolon so that several can share one step.
 */
public final class SqlWriter {
    /** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes; generated names must too. */
    private SqlWriter() {}

    /** {@code name}, quoted where needed. */
    public static String id(String name) {
        return Identifiers.quote(name);
    }

    /** A comma-separated list of quoted column names. */
    public static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(SqlWriter::id).toList());
    }

    /**
     * {@code CREATE TABLE} with columns, primary key, unique and check constraints inline. Foreign
     * keys and indexes are separate statements ({@link #addForeignKey}, {@link #createIndex}), as
     * the differ emits them separately; a check that is {@code NOT VALID} in the model is left out
     * here (PostgreSQL would validate it inline) and added with {@link #addCheck}.
     */
    public static String createTable(Table table) {
        List<String> lines = new ArrayList<>();
        table.columns().forEach(c -> lines.add(columnDefinition(c)));
        if (table.primaryKey() != null) {
            lines.add(primaryKeyClause(table.primaryKey()));
        }
        table.uniques().forEach(u -> lines.add(uniqueClause(u)));
        table.checks().stream()
                .filter(CheckConstraint::validated)
                .forEach(c -> lines.add(checkClause(c)));
        return "CREATE TABLE "
                + table.name().sql()
                + " (\n    "
                + String.join(",\n    ", lines)
                + "\n)"
                + (table.partitioned() && table.partitioning().key() != null
                        ? " PARTITION BY " + table.partitioning().key()
                        : "")
                + ";";
    }

    /**
     * One column as in {@code CREATE TABLE} or {@code ADD COLUMN}: name, type,
     * identity/generated/default, NOT NULL.
     */
    public static String columnDefinition(Column c) {
        StringBuilder sb =
                new StringBuilder(id(c.name()))
                        .append(' ')
                        .append(c.type().sql())
                        .append(collate(c.collation()));
        if (c.identity() != IdentityKind.NONE) {
            sb.append(' ').append(identity(c));
        } else if (c.generatedExpression() != null) {
            sb.append(" GENERATED ALWAYS AS (").append(c.generatedExpression()).append(") STORED");
        } else if (c.defaultValue() != null) {
            sb.append(" DEFAULT ").append(c.defaultValue().expression());
        }
        if (!c.nullable()) {
            sb.append(" NOT NULL");
        }
        return sb.toString();
    }

    /** {@code " COLLATE name"}, or nothing for the type's own collation (null). */
    public static String collate(String collation) {
        return collation == null ? "" : " COLLATE " + id(collation);
    }

    /**
     * {@code GENERATED ... AS IDENTITY}, with the sequence options that are not the default in
     * parentheses; for an identity column only.
     */
    public static String identity(Column c) {
        String options = c.identityOptions() == null ? "" : c.identityOptions().written();
        return c.identity().sql() + (options.isEmpty() ? "" : " (" + options + ")");
    }

    public static String primaryKeyClause(PrimaryKey pk) {
        return "CONSTRAINT " + id(pk.name()) + " PRIMARY KEY (" + columnList(pk.columns()) + ")";
    }

    public static String uniqueClause(UniqueConstraint u) {
        return "CONSTRAINT "
                + id(u.name())
                + " UNIQUE ("
                + columnList(u.columns())
                + ")"
                + (u.deferrable() ? " DEFERRABLE" : "");
    }

    public static String checkClause(CheckConstraint c) {
        return "CONSTRAINT "
                + id(c.name())
                + " CHECK ("
                + SqlText.withoutOuterParentheses(c.expression())
                + ")"
                + (c.noInherit() ? " NO INHERIT" : "");
    }

    /** The FOREIGN KEY clause without {@code NOT VALID}. */
    public static String foreignKeyClause(ForeignKey fk) {
        StringBuilder sb =
                new StringBuilder("CONSTRAINT ")
                        .append(id(fk.name()))
                        .append(" FOREIGN KEY (")
                        .append(columnList(fk.columns()))
                        .append(") REFERENCES ")
                        .append(fk.target().sql())
                        .append(" (")
                        .append(columnList(fk.targetColumns()))
                        .append(')');
        if (fk.onDelete() != ReferentialAction.NO_ACTION) {
            sb.append(" ON DELETE ").append(fk.onDelete().sql());
        }
        if (fk.onUpdate() != ReferentialAction.NO_ACTION) {
            sb.append(" ON UPDATE ").append(fk.onUpdate().sql());
        }
        if (fk.deferrable()) {
            sb.append(" DEFERRABLE");
            if (fk.initiallyDeferred()) {
                sb.append(" INITIALLY DEFERRED");
            }
        }
        return sb.toString();
    }

    public static String addColumn(QualifiedName table, Column c) {
        return "ALTER TABLE " + table.sql() + " ADD COLUMN " + columnDefinition(c) + ";";
    }

    public static String dropColumn(QualifiedName table, String column) {
        return "ALTER TABLE " + table.sql() + " DROP COLUMN " + id(column) + ";";
    }

    public static String alterColumn(QualifiedName table, String column, String action) {
        return "ALTER TABLE " + table.sql() + " ALTER COLUMN " + id(column) + " " + action + ";";
    }

    public static String addPrimaryKey(QualifiedName table, PrimaryKey pk) {
        return "ALTER TABLE " + table.sql() + " ADD " + primaryKeyClause(pk) + ";";
    }

    /**
     * {@code ALTER TABLE ONLY parent ADD clause}: on a partitioned table, the parent's constraint
     * alone, its index empty and invalid until each partition's index is attached.
     */
    public static String addToParentOnly(QualifiedName parent, String clause) {
        return "ALTER TABLE ONLY " + parent.sql() + " ADD " + clause + ";";
    }

    public static String addUnique(QualifiedName table, UniqueConstraint u) {
        return "ALTER TABLE " + table.sql() + " ADD " + uniqueClause(u) + ";";
    }

    /**
     * {@code ADD CONSTRAINT name UNIQUE|PRIMARY KEY USING INDEX index}: the index takes the
     * constraint's name.
     */
    public static String addConstraintUsingIndex(
            QualifiedName table,
            String constraint,
            boolean primaryKey,
            String index,
            boolean deferrable) {
        return "ALTER TABLE "
                + table.sql()
                + " ADD CONSTRAINT "
                + id(constraint)
                + (primaryKey ? " PRIMARY KEY" : " UNIQUE")
                + " USING INDEX "
                + id(index)
                + (deferrable ? " DEFERRABLE" : "")
                + ";";
    }

    /**
     * {@code ALTER INDEX parent ATTACH PARTITION partition}: a partition's index becomes part of
     * the partitioned index built {@code ON ONLY} the parent.
     */
    public static String attachIndexPartition(QualifiedName parent, QualifiedName partition) {
        return "ALTER INDEX " + parent.sql() + " ATTACH PARTITION " + partition.sql() + ";";
    }

    public static String addCheck(QualifiedName table, CheckConstraint c, boolean notValid) {
        return "ALTER TABLE "
                + table.sql()
                + " ADD "
                + checkClause(c)
                + (notValid ? " NOT VALID" : "")
                + ";";
    }

    public static String addForeignKey(QualifiedName table, ForeignKey fk, boolean notValid) {
        return "ALTER TABLE "
                + table.sql()
                + " ADD "
                + foreignKeyClause(fk)
                + (notValid ? " NOT VALID" : "")
                + ";";
    }

    public static String validateConstraint(QualifiedName table, String constraint) {
        return "ALTER TABLE " + table.sql() + " VALIDATE CONSTRAINT " + id(constraint) + ";";
    }

    public static String dropConstraint(QualifiedName table, String constraint) {
        return "ALTER TABLE " + table.sql() + " DROP CONSTRAINT " + id(constraint) + ";";
    }

    public static String renameConstraint(QualifiedName table, String from, String to) {
        return "ALTER TABLE "
                + table.sql()
                + " RENAME CONSTRAINT "
                + id(from)
                + " TO "
                + id(to)
                + ";";
    }

    /**
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] name ON table [USING method] (...) [INCLUDE
     * (...)] [WHERE ...]}.
     */
    public static String createIndex(Index index, boolean concurrently) {
        return createIndex(index, concurrently, false);
    }

    /**
     * {@code CREATE [UNIQUE] INDEX name ON ONLY table ...}: a partitioned table's own index, built
     * on no partition, invalid until each partition's index is attached to it.
     */
    public static String createIndexOnOnly(Index index) {
        return createIndex(index, false, true);
    }

    private static String createIndex(Index index, boolean concurrently, boolean only) {
        StringBuilder sb = new StringBuilder("CREATE ");
        if (index.unique()) {
            sb.append("UNIQUE ");
        }
        sb.append("INDEX ");
        if (concurrently) {
            sb.append("CONCURRENTLY ");
        }
        sb.append(id(index.name())).append(only ? " ON ONLY " : " ON ").append(index.table().sql());
        if (!"btree".equals(index.method())) {
            sb.append(" USING ").append(index.method());
        }
        sb.append(" (")
                .append(
                        String.join(
                                ", ", index.elements().stream().map(IndexElement::sql).toList()))
                .append(')');
        if (!index.include().isEmpty()) {
            sb.append(" INCLUDE (").append(columnList(index.include())).append(')');
        }
        if (index.predicate() != null) {
            sb.append(" WHERE ").append(index.predicate());
        }
        return sb.append(';').toString();
    }

    public static String dropIndex(QualifiedName index, boolean concurrently, boolean ifExists) {
        return "DROP INDEX "
                + (concurrently ? "CONCURRENTLY " : "")
                + (ifExists ? "IF EXISTS " : "")
                + index.sql()
                + ";";
    }

    public static String renameIndex(QualifiedName index, String to) {
        return "ALTER INDEX " + index.sql() + " RENAME TO " + id(to) + ";";
    }

    public static String commentOnTable(QualifiedName table, String comment) {
        return "COMMENT ON TABLE " + table.sql() + " IS " + commentLiteral(comment) + ";";
    }

    public static String commentOnColumn(QualifiedName table, String column, String comment) {
        return "COMMENT ON COLUMN "
                + table.sql()
                + "."
                + id(column)
                + " IS "
                + commentLiteral(comment)
                + ";";
    }

    private static String commentLiteral(String comment) {
        return comment == null ? "NULL" : Identifiers.literal(comment);
    }

    /**
     * {@code CREATE SCHEMA IF NOT EXISTS}: IF NOT EXISTS, because an empty schema of the old
     * database is not in the model, and the plan makes the schema of each object it creates in one.
     */
    public static String createSchema(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + id(schema) + ";";
    }

    /** {@code DROP SCHEMA} without CASCADE: it fails while anything is left in it. */
    public static String dropSchema(String schema) {
        return "DROP SCHEMA " + id(schema) + ";";
    }

    /**
     * {@code CREATE SEQUENCE} with every option the model states; {@code ownedBy} may be left out
     * by passing false.
     */
    public static String createSequence(Sequence s, boolean withOwnedBy) {
        StringBuilder sb = new StringBuilder("CREATE SEQUENCE ").append(s.name().sql());
        if (!"bigint".equals(s.dataType())) {
            sb.append(" AS ").append(s.dataType());
        }
        if (s.increment() != null) {
            sb.append(" INCREMENT BY ").append(s.increment());
        }
        if (s.minValue() != null) {
            sb.append(" MINVALUE ").append(s.minValue());
        }
        if (s.maxValue() != null) {
            sb.append(" MAXVALUE ").append(s.maxValue());
        }
        if (s.start() != null) {
            sb.append(" START WITH ").append(s.start());
        }
        if (s.cache() != null) {
            sb.append(" CACHE ").append(s.cache());
        }
        if (s.cycle()) {
            sb.append(" CYCLE");
        }
        if (withOwnedBy && s.ownedBy() != null) {
            sb.append(" OWNED BY ").append(ownedBySql(s));
        }
        return sb.append(';').toString();
    }

    /**
     * {@code ALTER SEQUENCE} setting what differs between {@code from} and {@code to} (same name).
     */
    public static String alterSequence(Sequence from, Sequence to) {
        StringBuilder sb = new StringBuilder("ALTER SEQUENCE ").append(to.name().sql());
        if (!from.dataType().equals(to.dataType())) {
            sb.append(" AS ").append(to.dataType());
        }
        if (!Objects.equals(from.increment(), to.increment())) {
            sb.append(" INCREMENT BY ").append(to.increment() == null ? 1 : to.increment());
        }
        if (!Objects.equals(from.minValue(), to.minValue())) {
            sb.append(to.minValue() == null ? " NO MINVALUE" : " MINVALUE " + to.minValue());
        }
        if (!Objects.equals(from.maxValue(), to.maxValue())) {
            sb.append(to.maxValue() == null ? " NO MAXVALUE" : " MAXVALUE " + to.maxValue());
        }
        if (!Objects.equals(from.start(), to.start()) && to.start() != null) {
            sb.append(" START WITH ").append(to.start());
        }
        if (!Objects.equals(from.cache(), to.cache())) {
            sb.append(" CACHE ").append(to.cache() == null ? 1 : to.cache());
        }
        if (from.cycle() != to.cycle()) {
            sb.append(to.cycle() ? " CYCLE" : " NO CYCLE");
        }
        if (!Objects.equals(from.ownedBy(), to.ownedBy())) {
            sb.append(" OWNED BY ").append(to.ownedBy() == null ? "NONE" : ownedBySql(to));
        }
        return sb.append(';').toString();
    }

    /**
     * {@code OWNED BY} target: the model's {@code table.column}, in the sequence's schema unless
     * qualified.
     */
    static String ownedBySql(Sequence s) {
        Owner owner = Owner.of(s);
        return owner.table().sql() + "." + id(owner.column());
    }

    public static String createEnum(EnumType e) {
        return "CREATE TYPE "
                + e.name().sql()
                + " AS ENUM ("
                + String.join(", ", e.values().stream().map(Identifiers::literal).toList())
                + ");";
    }

    public static String createView(View v, boolean orReplace) {
        String kind = v.materialized() ? "MATERIALIZED VIEW " : "VIEW ";
        return "CREATE "
                + (orReplace && !v.materialized() ? "OR REPLACE " : "")
                + kind
                + v.name().sql()
                + (v.options().isEmpty()
                        ? ""
                        : " WITH " + dev.evoplan.model.StorageParameters.optionList(v.options()))
                + " AS\n"
                + v.query()
                + ";";
    }

    /**
     * {@code ALTER [MATERIALIZED] VIEW v RESET (...)} then {@code ... SET (...)}: turns {@code
     * from}'s options into {@code to}'s in place, the query kept. One statement per action, as
     * evoplan's own reader (and a reviewer) reads them; PostgreSQL runs both under the same lock.
     */
    public static String alterViewOptions(View from, View to) {
        String head =
                "ALTER " + (to.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + to.name().sql();
        List<String> statements = new ArrayList<>();
        for (String action :
                dev.evoplan.model.StorageParameters.actionList(from.options(), to.options())) {
            statements.add(head + " " + action + ";");
        }
        return String.join("\n", statements);
    }

    public static String dropView(View v) {
        return "DROP " + (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + v.name().sql() + ";";
    }

    /**
     * A name PostgreSQL would keep as written: {@code base + suffix}, with {@code base} cut so the
     * whole fits in 63 bytes (PostgreSQL truncates longer names silently, and the plan must refer
     * to what it really created).
     */
    static String generatedName(String base, String suffix) {
        int room =
                PostgresNames.MAX_IDENTIFIER_BYTES
                        - suffix.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return PostgresNames.clip(base, Math.max(0, room)) + suffix;
    }
}
