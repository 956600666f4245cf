package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Index;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.testing.PostgresServers;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The folded schema is what PostgreSQL holds after running the SQL Liquibase generates: every
 * statement of the fixture changelog runs on a real PostgreSQL 16, then the catalog is read back
 * and compared, name by name, with the model (the default names PostgreSQL picks included).
 */
@Tag("postgres")
class LiquibaseOnPostgresTest {
    static final Path CHANGELOG = Path.of("fixtures/liquibase/postgres/changelog.yaml");
    static LoadedSchema loaded;
    static List<String> catalog;

    @BeforeAll
    static void runTheChangelogOnPostgresql() throws SQLException {
        loaded = new LiquibaseSource().load(CHANGELOG, LiquibaseOptions.defaults());
        try (Connection db = PostgresServers.freshDatabase(PostgresServers.REFERENCE);
                Statement st = db.createStatement()) {
            st.execute("CREATE SCHEMA billing");
            for (SourceChangeset changeset : loaded.history()) {
                for (SourceChange change : changeset.changes()) {
                    for (String sql : change.writtenSql()) {
                        st.execute(sql);
                    }
                }
            }
            catalog = describe(db);
        }
    }

    @Test
    void everySchemaChangeCameWithTheSqlLiquibaseWouldRun() {
        List<SourceChange> changes =
                loaded.history().stream().flatMap(h -> h.changes().stream()).toList();

        assertThat(changes)
                .filteredOn(c -> c.kind() != SourceChange.Kind.NONE)
                .allSatisfy(c -> assertThat(c.writtenSql()).isNotEmpty());
        // 45 changes, and the UPDATE an addNotNullConstraint's defaultNullValue runs as a data
        // change of its own.
        assertThat(changes).hasSize(46);
        assertThat(changes)
                .filteredOn(c -> c.kind() == SourceChange.Kind.DATA)
                .anyMatch(c -> c.writtenSql().get(0).endsWith("IS NULL"));
    }

    @Test
    void tablesAndColumnsMatchTheCatalog() {
        assertThat(lines("column ")).isEqualTo(filter(catalog, "column "));
        assertThat(lines("table ")).isEqualTo(filter(catalog, "table "));
    }

    @Test
    void constraintNamesMatchTheNamesPostgresqlChose() {
        assertThat(lines("pk ")).isEqualTo(filter(catalog, "pk "));
        assertThat(lines("unique ")).isEqualTo(filter(catalog, "unique "));
        assertThat(lines("fk ")).isEqualTo(filter(catalog, "fk "));
    }

    @Test
    void indexSequenceAndViewNamesMatchTheCatalog() {
        assertThat(lines("index ")).isEqualTo(filter(catalog, "index "));
        assertThat(lines("sequence ")).isEqualTo(filter(catalog, "sequence "));
        assertThat(lines("view ")).isEqualTo(filter(catalog, "view "));
    }

    @Test
    void theComparisonSeesADifference() {
        // Negative case: a model that differs from the database does not describe the same way.
        Schema schema = loaded.schema();
        Table accounts = schema.tables().get(QualifiedName.of("accounts"));
        Schema changed =
                schema.withTable(
                        accounts.withPrimaryKey(
                                new dev.evoplan.model.PrimaryKey("other_pkey", List.of("id"))));
        assertThat(filter(describe(changed), "pk ")).isNotEqualTo(filter(catalog, "pk "));
    }

    private List<String> lines(String prefix) {
        return filter(describe(loaded.schema()), prefix);
    }

    private static List<String> filter(List<String> all, String prefix) {
        return all.stream().filter(s -> s.startsWith(prefix)).sorted().toList();
    }

    // ---- one line per fact, from the model ----------------------------------------------------

    static List<String> describe(Schema schema) {
        List<String> out = new ArrayList<>();
        for (Table t : schema.tables().values()) {
            out.add("table " + t.name() + " comment=" + t.comment());
            for (Column c : t.columns()) {
                String def = c.defaultValue() == null ? null : c.defaultValue().normalized();
                out.add(
                        "column "
                                + t.name()
                                + "."
                                + c.name()
                                + " "
                                + c.type().sql()
                                + " notnull="
                                + !c.nullable()
                                + " identity="
                                + c.identity()
                                + " default="
                                + def
                                + " comment="
                                + c.comment());
            }
            if (t.primaryKey() != null) {
                out.add(
                        "pk "
                                + t.name()
                                + " "
                                + t.primaryKey().name()
                                + " "
                                + t.primaryKey().columns());
            }
            for (UniqueConstraint u : t.uniques()) {
                out.add(
                        "unique "
                                + t.name()
                                + " "
                                + u.name()
                                + " "
                                + u.columns()
                                + " deferrable="
                                + u.deferrable());
            }
            for (ForeignKey f : t.foreignKeys()) {
                out.add(
                        "fk "
                                + t.name()
                                + " "
                                + f.name()
                                + " "
                                + f.columns()
                                + " -> "
                                + f.target()
                                + " "
                                + f.targetColumns()
                                + " delete="
                                + f.onDelete()
                                + " update="
                                + f.onUpdate()
                                + " validated="
                                + f.validated());
            }
            for (Index i : t.indexes()) {
                out.add(
                        "index "
                                + t.name()
                                + " "
                                + i.name()
                                + " unique="
                                + i.unique()
                                + " keys="
                                + i.elements().size());
            }
        }
        for (Sequence s : schema.sequences().values()) {
            out.add("sequence " + s.name() + " owned=" + s.ownedBy());
        }
        for (QualifiedName v : schema.views().keySet()) {
            out.add("view " + v);
        }
        return out;
    }

    // ---- the same lines, from the catalog ---------------------------------------------------

    static List<String> describe(Connection db) throws SQLException {
        List<String> out = new ArrayList<>();
        String userSchemas =
                "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'";
        try (Statement st = db.createStatement()) {
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT c.oid, n.nspname, c.relname, obj_description(c.oid, 'pg_class') "
                                    + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND "
                                    + userSchemas)) {
                while (rs.next()) {
                    tables.add(
                            new String[] {
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)
                            });
                }
            }
            for (String[] t : tables) {
                String name = new QualifiedName(t[1], t[2]).toString();
                out.add("table " + name + " comment=" + t[3]);
                try (ResultSet rs =
                        st.executeQuery(
                                "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                                        + "pg_get_expr(d.adbin, d.adrelid), a.attidentity, col_description(a.attrelid, a.attnum) "
                                        + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                                        + "WHERE a.attrelid = "
                                        + t[0]
                                        + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
                    while (rs.next()) {
                        String identity =
                                switch (rs.getString(5)) {
                                    case "a" -> IdentityKind.ALWAYS.name();
                                    case "d" -> IdentityKind.BY_DEFAULT.name();
                                    default -> IdentityKind.NONE.name();
                                };
                        String def =
                                rs.getString(4) == null
                                        ? null
                                        : DefaultValue.of(rs.getString(4)).normalized();
                        out.add(
                                "column "
                                        + name
                                        + "."
                                        + rs.getString(1)
                                        + " "
                                        + SqlType.parse(rs.getString(2)).sql()
                                        + " notnull="
                                        + rs.getBoolean(3)
                                        + " identity="
                                        + identity
                                        + " default="
                                        + def
                                        + " comment="
                                        + rs.getString(6));
                    }
                }
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT n.nspname, r.relname, c.conname, c.contype, "
                                    + "ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a "
                                    + "  ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[], "
                                    + "fn.nspname, f.relname, "
                                    + "ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a "
                                    + "  ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[], "
                                    + "c.confdeltype, c.confupdtype, c.convalidated, c.condeferrable "
                                    + "FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace "
                                    + "LEFT JOIN pg_class f ON f.oid = c.confrelid LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace "
                                    + "WHERE c.contype IN ('p', 'u', 'f') AND "
                                    + userSchemas)) {
                while (rs.next()) {
                    String table = new QualifiedName(rs.getString(1), rs.getString(2)).toString();
                    List<String> columns = strings(rs.getArray(5));
                    switch (rs.getString(4)) {
                        case "p" -> out.add("pk " + table + " " + rs.getString(3) + " " + columns);
                        case "u" ->
                                out.add(
                                        "unique "
                                                + table
                                                + " "
                                                + rs.getString(3)
                                                + " "
                                                + columns
                                                + " deferrable="
                                                + rs.getBoolean(12));
                        default ->
                                out.add(
                                        "fk "
                                                + table
                                                + " "
                                                + rs.getString(3)
                                                + " "
                                                + columns
                                                + " -> "
                                                + new QualifiedName(
                                                        rs.getString(6), rs.getString(7))
                                                + " "
                                                + strings(rs.getArray(8))
                                                + " delete="
                                                + action(rs.getString(9))
                                                + " update="
                                                + action(rs.getString(10))
                                                + " validated="
                                                + rs.getBoolean(11));
                    }
                }
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT n.nspname, r.relname, i.relname, x.indisunique, x.indnkeyatts "
                                    + "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class r ON r.oid = x.indrelid "
                                    + "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE "
                                    + userSchemas
                                    + " AND NOT EXISTS "
                                    + "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))")) {
                while (rs.next()) {
                    out.add(
                            "index "
                                    + new QualifiedName(rs.getString(1), rs.getString(2))
                                    + " "
                                    + rs.getString(3)
                                    + " unique="
                                    + rs.getBoolean(4)
                                    + " keys="
                                    + rs.getInt(5));
                }
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT n.nspname, s.relname, t.relname, a.attname FROM pg_class s "
                                    + "JOIN pg_namespace n ON n.oid = s.relnamespace "
                                    + "LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'a' "
                                    + "LEFT JOIN pg_class t ON t.oid = d.refobjid "
                                    + "LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                                    + "WHERE s.relkind = 'S' AND "
                                    + userSchemas
                                    + " AND NOT EXISTS "
                                    + "(SELECT 1 FROM pg_depend i WHERE i.objid = s.oid AND i.deptype = 'i')")) {
                while (rs.next()) {
                    String owner =
                            rs.getString(3) == null
                                    ? null
                                    : QualifiedName.of(rs.getString(3)) + "." + rs.getString(4);
                    out.add(
                            "sequence "
                                    + new QualifiedName(rs.getString(1), rs.getString(2))
                                    + " owned="
                                    + owner);
                }
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT n.nspname, c.relname FROM pg_class c "
                                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v' AND "
                                    + userSchemas)) {
                while (rs.next()) {
                    out.add("view " + new QualifiedName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static String action(String code) {
        return switch (code) {
            case "c" -> "CASCADE";
            case "n" -> "SET_NULL";
            case "d" -> "SET_DEFAULT";
            case "r" -> "RESTRICT";
            default -> "NO_ACTION";
        };
    }

    @Test
    void theCatalogHoldsWhatTheFixtureIsAbout() {
        // Guards the comparison itself: the facts it compares are there.
        assertThat(new TreeSet<>(catalog))
                .contains(
                        "pk a_very_long_table_name_that_goes_on_and_on_and_on_for_ever_more "
                                + "a_very_long_table_name_that_goes_on_and_on_and_on_for_eve_pkey "
                                + "[an_equally_long_column_name_that_also_goes_on_and_on_forever]",
                        "index accounts users_lower_team_id_idx unique=false keys=2",
                        "sequence users_team_id_seq owned=accounts.team_id",
                        "sequence invoice_seq owned=accounts.order_no",
                        "pk Mixed Mixed_pkey [Id]",
                        "pk billing.invoices invoices_pkey [id]");
    }
}
