package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Input meant to break the parser: it must answer with diagnostics or unrecognized statements,
 * never throw.
 */
class SqlParserHostileTest {

    private static final List<String> SOUP =
            List.of(
                    "CREATE",
                    "TABLE",
                    "INDEX",
                    "ALTER",
                    "ADD",
                    "COLUMN",
                    "DROP",
                    "CONSTRAINT",
                    "CHECK",
                    "NOT",
                    "NULL",
                    "VALID",
                    "DEFAULT",
                    "PRIMARY",
                    "KEY",
                    "REFERENCES",
                    "ON",
                    "DELETE",
                    "CONCURRENTLY",
                    "IF",
                    "EXISTS",
                    "UNIQUE",
                    "USING",
                    "WHERE",
                    "INCLUDE",
                    "TYPE",
                    "ENUM",
                    "AS",
                    "BEGIN",
                    "ATOMIC",
                    "END",
                    "CASE",
                    "FUNCTION",
                    "TRIGGER",
                    "SET",
                    "WITH",
                    "(",
                    ")",
                    "(",
                    ")",
                    ",",
                    ";",
                    ".",
                    "::",
                    "'x'",
                    "E'\\''",
                    "'",
                    "\"",
                    "\"q\"",
                    "$$",
                    "$t$",
                    "$1",
                    "/*",
                    "*/",
                    "--",
                    "\n",
                    "\\set x",
                    "1.5e10",
                    "0x1F",
                    "t",
                    "s.t",
                    "a",
                    "b",
                    "[",
                    "]",
                    "=",
                    "<>",
                    "U&'\\0041'",
                    "UESCAPE",
                    "*",
                    "ONLY",
                    "PARTITION",
                    "OF",
                    "FOR",
                    "VALUES",
                    "FROM",
                    "TO",
                    "RENAME",
                    "GENERATED",
                    "ALWAYS",
                    "IDENTITY",
                    "STORED");

    private static void survives(String sql) {
        SqlScript script = SqlParser.parse(sql, "fuzz.sql");
        assertThat(script).isNotNull();
        for (SqlStatement s : script.statements()) {
            assertThat(s.span().line()).isPositive();
            assertThat(s.span().column()).isPositive();
            assertThat(sql.substring(s.span().offset())).startsWith(s.span().text());
        }
    }

    @Property(tries = 500)
    void randomStringsNeverThrow(@ForAll @StringLength(max = 200) String sql) {
        survives(sql);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(SOUP).list().ofMaxSize(60).map(parts -> String.join(" ", parts));
    }

    @Property(tries = 1000)
    void tokenSoupsNeverThrow(@ForAll("tokenSoup") String sql) {
        survives(sql);
    }

    @Provide
    Arbitrary<String> truncatedCorpus() throws Exception {
        String corpus = Files.readString(Path.of("fixtures/sql/corpus.sql"));
        List<String> statements =
                SqlParser.parse(corpus, "c.sql").statements().stream()
                        .map(s -> s.span().text())
                        .toList();
        return Arbitraries.of(statements)
                .flatMap(
                        s ->
                                Arbitraries.integers()
                                        .between(0, s.length())
                                        .map(n -> s.substring(0, n)));
    }

    @Property(tries = 1000)
    void truncationsOfValidStatementsNeverThrow(@ForAll("truncatedCorpus") String sql) {
        survives(sql);
    }

    @Test
    void binaryJunkGivesDiagnosticsNotExceptions() {
        byte[] bytes = new byte[64 * 1024];
        new Random(42).nextBytes(bytes);
        String junk = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        SqlScript script = SqlParser.parse(junk, "junk.bin");
        assertThat(script.diagnostics()).isNotEmpty();
        assertThat(script.statements())
                .allSatisfy(
                        s ->
                                assertThat(s.kind())
                                        .isIn(
                                                SqlStatement.Kind.UNRECOGNIZED,
                                                SqlStatement.Kind.SELECT,
                                                SqlStatement.Kind.TRANSACTION,
                                                SqlStatement.Kind.RESET));
    }

    @Test
    void unterminatedStringMakesTheStatementUnrecognizedWithADiagnostic() {
        SqlScript script =
                SqlParser.parse(
                        "CREATE INDEX i ON t (a);\nCOMMENT ON TABLE t IS 'never closed;\n",
                        "u.sql");
        assertThat(script.statements())
                .extracting(SqlStatement::kind)
                .containsExactly(SqlStatement.Kind.CREATE_INDEX, SqlStatement.Kind.UNRECOGNIZED);
        assertThat(script.diagnostics())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR);
                            assertThat(d.line()).isEqualTo(2);
                            assertThat(d.column()).isEqualTo(23);
                        });
    }

    @Test
    void unterminatedDollarQuoteMakesTheStatementUnrecognized() {
        SqlScript script =
                SqlParser.parse(
                        "CREATE FUNCTION f() RETURNS int AS $body$ select 1; LANGUAGE sql;",
                        "u.sql");
        assertThat(script.statements())
                .singleElement()
                .extracting(SqlStatement::kind)
                .isEqualTo(SqlStatement.Kind.UNRECOGNIZED);
        assertThat(script.diagnostics())
                .singleElement()
                .satisfies(d -> assertThat(d.message()).contains("$body$"));
    }

    @Test
    void nestedCommentsAndUnicodeIdentifiersParse() {
        SqlScript script =
                SqlParser.parse(
                        """
                /* outer /* inner; */ still; */
                CREATE TABLE "Café" (größe int /* a; b */ NOT NULL, 名前 text);
                """,
                        "u.sql");
        SqlStatement.CreateTable t = (SqlStatement.CreateTable) script.statements().get(0);
        assertThat(t.name().name()).isEqualTo("Café");
        assertThat(t.columns()).extracting(ColumnDefinition::name).containsExactly("größe", "名前");
        assertThat(t.columns().get(0).notNull()).isTrue();
        assertThat(script.diagnostics()).isEmpty();
    }

    @Test
    void aOneMegabyteStatementIsReadQuickly() {
        StringBuilder sb = new StringBuilder("INSERT INTO t (v) VALUES ");
        while (sb.length() < 1_000_000) {
            sb.append("('value with ; inside'), ");
        }
        sb.append("('last');");
        long start = System.nanoTime();
        SqlScript script = SqlParser.parse(sb.toString(), "big.sql");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(script.statements())
                .singleElement()
                .extracting(SqlStatement::kind)
                .isEqualTo(SqlStatement.Kind.DML);
        System.out.println("1 MB statement parsed in " + millis + " ms");
    }

    @Test
    void oneMegabyteOfUnterminatedInputIsOneUnrecognizedStatement() {
        String sql = "SELECT 'x" + "a;b".repeat(350_000);
        SqlScript script = SqlParser.parse(sql, "big.sql");
        assertThat(script.statements())
                .singleElement()
                .extracting(SqlStatement::kind)
                .isEqualTo(SqlStatement.Kind.UNRECOGNIZED);
        assertThat(script.diagnostics()).hasSize(1);
    }

    @Test
    void nullInputIsAnEmptyScript() {
        assertThat(SqlParser.parse(null, null).statements()).isEmpty();
    }
}
