package dev.evoplan.source.liquibase;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import dev.evoplan.source.sql.SqlParser;
import dev.evoplan.source.sql.SqlStatementApplier;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Liquibase's own tables, {@code databasechangelog} and {@code databasechangeloglock}: Liquibase
 * makes them before the first changeset runs, so a changeset may change them (Metabase adds a
 * unique constraint to {@code databasechangelog}), but they are not part of the application's
 * schema: a changelog's schema and a live database's are compared without them. A changelog's
 * working schema takes them in where a change or raw SQL names one, and preconditions find them;
 * the states of a changelog that never names them stay as they were.
 */
public final class Bookkeeping {
    /** The tables, as Liquibase names them on PostgreSQL. */
    public static final List<QualifiedName> TABLES =
            List.of(
                    QualifiedName.of("databasechangelog"),
                    QualifiedName.of("databasechangeloglock"));

    /** The tables as Liquibase 4 creates them on PostgreSQL. */
    private static final String DDL =
            """
            CREATE TABLE databasechangelog (
              id VARCHAR(255) NOT NULL, author VARCHAR(255) NOT NULL,
              filename VARCHAR(255) NOT NULL, dateexecuted TIMESTAMP WITHOUT TIME ZONE NOT NULL,
              orderexecuted INTEGER NOT NULL, exectype VARCHAR(10) NOT NULL, md5sum VARCHAR(35),
              description VARCHAR(255), comments VARCHAR(255), tag VARCHAR(255),
              liquibase VARCHAR(20), contexts VARCHAR(255), labels VARCHAR(255),
              deployment_id VARCHAR(10));
            CREATE TABLE databasechangeloglock (
              id INTEGER NOT NULL, locked BOOLEAN NOT NULL,
              lockgranted TIMESTAMP WITHOUT TIME ZONE, lockedby VARCHAR(255),
              CONSTRAINT databasechangeloglock_pkey PRIMARY KEY (id));
            """;

    private Bookkeeping() {}

    /** The tables, folded once, when first needed: most changelogs never name them. */
    private static final class Made {
        static final Schema SCHEMA = made();

        private Made() {}

        private static Schema made() {
            SqlStatementApplier folder = new SqlStatementApplier(Schema.EMPTY);
            folder.foldAll(SqlParser.parse(DDL, "liquibase"));
            return folder.schema();
        }
    }

    /** {@code schema} with Liquibase's tables; the same instance when it holds them. */
    static Schema with(Schema schema) {
        Schema out = schema;
        for (QualifiedName name : TABLES) {
            if (out.table(name).isEmpty()) {
                Table t = Made.SCHEMA.table(name).orElseThrow();
                out = out.withTable(t);
            }
        }
        return out;
    }

    /** Whether SQL text names one of the tables (in any case: PostgreSQL folds it). */
    static boolean mentionedIn(String sql) {
        int n = sql.length() - MARK.length();
        for (int i = 0; i <= n; i++) {
            char c = sql.charAt(i);
            if ((c == 'd' || c == 'D') && sql.regionMatches(true, i, MARK, 0, MARK.length())) {
                return true;
            }
        }
        return false;
    }

    /** What both names start with. */
    private static final String MARK = "databasechangelog";

    /**
     * The tables {@code wanted} accepts that {@code schema} does not hold, as Liquibase made them.
     */
    static Stream<Table> absentFrom(Schema schema, Predicate<QualifiedName> wanted) {
        return TABLES.stream()
                .filter(name -> wanted.test(name) && schema.table(name).isEmpty())
                .map(name -> Made.SCHEMA.table(name).orElseThrow());
    }

    /** {@code schema} without Liquibase's tables. */
    public static Schema without(Schema schema) {
        Schema out = schema;
        for (QualifiedName name : TABLES) {
            if (out.table(name).isPresent()) {
                out = out.withoutTable(name);
            }
        }
        return out;
    }
}
