package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.Origin;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReferentialAction;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.source.sql.StatementFacts;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared inputs for rule tests: a small shop schema, changes on it, and judge contexts. */
final class RuleFixtures {
    static final QualifiedName ORDERS = QualifiedName.of("orders");
    static final QualifiedName CUSTOMERS = QualifiedName.of("customers");
    static final QualifiedName INVOICES = QualifiedName.of("invoices");
    static final Origin ORIGIN = new Origin("db/changelog/new.yaml", 12, "42", "alice", null);

    private RuleFixtures() {}

    /**
     * customers(id pk), orders(id pk, customer_id, email nullable, total numeric(10,2), status with
     * a validated not-null check).
     */
    static Schema shop() {
        Table customers =
                Table.empty(CUSTOMERS)
                        .withColumns(List.of(Column.of("id", SqlType.of("bigint"), false)))
                        .withPrimaryKey(new PrimaryKey("customers_pkey", List.of("id")));
        Table orders =
                Table.empty(ORDERS)
                        .withColumns(
                                List.of(
                                        Column.of("id", SqlType.of("bigint"), false),
                                        Column.of("customer_id", SqlType.of("bigint"), true),
                                        Column.of(
                                                "email", SqlType.of("character varying", 50), true),
                                        Column.of("total", SqlType.of("numeric", 10, 2), true),
                                        Column.of("status", SqlType.of("text"), true),
                                        Column.of(
                                                "created_at",
                                                SqlType.of("timestamp without time zone"),
                                                true)))
                        .withPrimaryKey(new PrimaryKey("orders_pkey", List.of("id")))
                        .withChecks(
                                List.of(
                                        new CheckConstraint(
                                                "orders_status_not_null",
                                                "(status IS NOT NULL)",
                                                true),
                                        new CheckConstraint(
                                                "orders_email_not_null",
                                                "(email IS NOT NULL)",
                                                false)));
        return Schema.EMPTY.withTable(customers).withTable(orders);
    }

    static Context written() {
        return new Context(Mode.AS_WRITTEN);
    }

    static Context planned() {
        return new Context(Mode.AS_PLANNED);
    }

    /** A builder of judge contexts; defaults: PostgreSQL 16, sizes unknown, no new tables. */
    static final class Context {
        private final Mode mode;
        private int pg = JudgeContext.DEFAULT_PG_VERSION;
        private final Map<QualifiedName, Long> rows = new HashMap<>();
        private final Set<QualifiedName> fresh = new HashSet<>();
        private Schema before = shop();
        private SourceChange source;
        private SourceChangeset changeset;
        private boolean linted;
        private boolean inTransaction;
        private String lockTimeout;

        private Context(Mode mode) {
            this.mode = mode;
        }

        Context pg(int version) {
            this.pg = version;
            return this;
        }

        Context rows(QualifiedName table, long n) {
            rows.put(table, n);
            return this;
        }

        Context fresh(QualifiedName table) {
            fresh.add(table);
            return this;
        }

        Context before(Schema s) {
            this.before = s;
            return this;
        }

        Context source(SourceChange s) {
            this.source = s;
            return this;
        }

        Context changeset(SourceChangeset c) {
            this.changeset = c;
            return this;
        }

        /**
         * Linting: the statement (the source, set separately) runs in or out of a transaction, with
         * that lock_timeout.
         */
        Context statement(boolean inTransaction, String lockTimeout) {
            this.linted = true;
            this.inTransaction = inTransaction;
            this.lockTimeout = lockTimeout;
            return this;
        }

        /** Sizes named in a table-driven case: "unknown", "small", "large", "empty" or "new". */
        Context size(QualifiedName table, String size) {
            return switch (size) {
                case "unknown" -> this;
                case "small" -> rows(table, 1_000);
                case "large" -> rows(table, 50_000_000);
                case "empty" -> rows(table, 0);
                case "new" -> fresh(table);
                default -> throw new IllegalArgumentException(size);
            };
        }

        JudgeContext build() {
            MigrationStatement statement =
                    !linted
                            ? null
                            : new MigrationStatement(
                                    source != null
                                            ? source
                                            : sqlSource(
                                                    SourceChange.Kind.OPAQUE,
                                                    "SQL",
                                                    null,
                                                    "",
                                                    "SELECT 1"),
                                    inTransaction,
                                    1,
                                    lockTimeout);
            return new JudgeContext(
                    mode,
                    pg,
                    new TableStats(rows, TableStats.DEFAULT_SMALL_TABLE_ROWS),
                    before,
                    fresh,
                    source,
                    changeset,
                    statement);
        }
    }

    static Context context(String mode) {
        return switch (mode) {
            case "written" -> written();
            case "planned" -> planned();
            default -> throw new IllegalArgumentException(mode);
        };
    }

    /** A Liquibase-like source change with the SQL it would run. */
    static SourceChange source(String changeType, String... sql) {
        return new SourceChange(
                SourceChange.Kind.SCHEMA,
                changeType,
                ORIGIN,
                Arrays.asList(sql),
                shop(),
                shop(),
                List.of(),
                null,
                null,
                StatementFacts.ofGenerated(Arrays.asList(sql)));
    }

    static final Origin SQL_ORIGIN = Origin.statement("db/migration/V3__x.sql", 4, 1);

    /** One statement of a SQL migration as the SQL front end hands it to the judge. */
    static SourceChange sqlSource(
            SourceChange.Kind kind,
            String changeType,
            QualifiedName table,
            String description,
            String sql) {
        return new SourceChange(
                kind,
                changeType,
                SQL_ORIGIN,
                List.of(sql),
                shop(),
                shop(),
                List.of(),
                description,
                table,
                StatementFacts.ofGenerated(List.of(sql)));
    }

    static Index index(String name, QualifiedName table, boolean unique, String... columns) {
        return new Index(
                name,
                table,
                unique,
                "btree",
                Arrays.stream(columns).map(IndexElement::column).toList(),
                List.of(),
                null);
    }

    static ForeignKey fk(String name, String column, QualifiedName target, boolean validated) {
        return new ForeignKey(
                name,
                List.of(column),
                target,
                List.of("id"),
                ReferentialAction.NO_ACTION,
                ReferentialAction.NO_ACTION,
                false,
                false,
                validated);
    }

    static Change.AddColumn addColumn(Column column) {
        return new Change.AddColumn(ORDERS, column);
    }

    /** The one finding of that rule, asserting there is exactly one. */
    static Finding only(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    /** Asserts the message names a lock as our reports write it and what it blocks. */
    static void assertNamesLock(Finding f, LockLevel lock) {
        assertThat(f.what()).contains(lock.sqlName()).contains(lock.blocksDescription());
    }
}
