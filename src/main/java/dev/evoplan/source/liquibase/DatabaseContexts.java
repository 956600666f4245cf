package dev.evoplan.source.liquibase;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.ContextExpression;
import liquibase.Contexts;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ChangeSetFilterResult;

/**
 * Contexts named after a database kind. Some projects tell Liquibase which database it runs on as a
 * context (Apache Fineract passes {@code postgresql} or {@code mysql} on every run) and write a
 * changeset or property once per database under that context, often with one id. Run with no
 * contexts, Liquibase would run every copy; the project never does. So when the user names no
 * contexts, an expression that names database kinds only (such as {@code mysql}, {@code
 * postgresql}, {@code !mysql}, {@code mysql or mariadb}) is evaluated as on PostgreSQL, and an
 * expression naming any other context runs, as Liquibase runs it given no contexts.
 */
final class DatabaseContexts {
    private DatabaseContexts() {}

    /**
     * Liquibase's short names of the databases it supports, and the spellings projects use for
     * them.
     */
    static final Set<String> DATABASE_KINDS =
            Set.of(
                    "postgresql",
                    "postgres",
                    "pgsql",
                    "mysql",
                    "mariadb",
                    "oracle",
                    "mssql",
                    "sqlserver",
                    "h2",
                    "hsqldb",
                    "derby",
                    "db2",
                    "db2z",
                    "db2i",
                    "sqlite",
                    "sybase",
                    "asany",
                    "firebird",
                    "informix",
                    "ingres",
                    "cockroachdb",
                    "snowflake",
                    "edb",
                    "hana",
                    "sybasease");

    private static final Contexts ON_POSTGRESQL = new Contexts("postgresql", "postgres", "pgsql");
    private static final Pattern WORD = Pattern.compile("[^\\s(),!]+");
    private static final Set<String> OPERATORS = Set.of("and", "or", "not");

    /** True when {@code expression} names database kinds only and none PostgreSQL would be. */
    static boolean excludesPostgresql(ContextExpression expression) {
        if (expression == null || expression.isEmpty()) {
            return false;
        }
        String text =
                expression.getOriginalString() != null
                        ? expression.getOriginalString()
                        : expression.toString();
        Set<String> names = new TreeSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group().toLowerCase(Locale.ROOT);
            if (!OPERATORS.contains(word)) {
                names.add(word);
            }
        }
        return !names.isEmpty()
                && DATABASE_KINDS.containsAll(names)
                && !expression.matches(ON_POSTGRESQL);
    }

    /**
     * A changeset filter that leaves out the changesets whose own or inherited context excludes
     * PostgreSQL.
     */
    static ChangeSetFilter filter() {
        return new ChangeSetFilter() {
            @Override
            public ChangeSetFilterResult accepts(ChangeSet changeSet) {
                boolean excluded =
                        excludesPostgresql(changeSet.getContextFilter())
                                || anyExcludes(changeSet.getInheritableContextFilter());
                return new ChangeSetFilterResult(
                        !excluded,
                        excluded ? "its context names another database than PostgreSQL" : "context",
                        getClass(),
                        getMdcName(),
                        getDisplayName());
            }

            @Override
            public String getMdcName() {
                return "databaseContext";
            }

            @Override
            public String getDisplayName() {
                return "Database context";
            }
        };
    }

    private static boolean anyExcludes(Collection<ContextExpression> expressions) {
        return expressions != null
                && expressions.stream().anyMatch(DatabaseContexts::excludesPostgresql);
    }
}
