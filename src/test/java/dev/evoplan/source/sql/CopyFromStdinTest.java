package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.QualifiedName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * pg_dump writes table data as {@code COPY ... FROM stdin;} followed by the rows, up to a line
 * {@code \.}: the rows are data psql sends to the server, not statements. They were read as SQL (a
 * row holding {@code DROP TABLE} became a statement, a {@code /*} in a row swallowed the statements
 * after it).
 */
class CopyFromStdinTest {
    private static final Path DUMP = Path.of("fixtures", "hostile", "pg-dump-copy.sql");

    @Test
    void theRowsOfAPgDumpCopyBlockAreSkippedAndTheCopyIsADataChange() throws IOException {
        SqlScript script = SqlParser.parse(Files.readString(DUMP), "pg-dump-copy.sql");
        assertThat(script.diagnostics()).isEmpty();
        assertThat(script.statements())
                .extracting(SqlStatement::kind)
                .containsExactly(
                        SqlStatement.Kind.SET,
                        SqlStatement.Kind.SET,
                        SqlStatement.Kind.CREATE_TABLE,
                        SqlStatement.Kind.DML,
                        SqlStatement.Kind.ALTER_TABLE);
        SqlStatement.Dml copy = (SqlStatement.Dml) script.statements().get(3);
        assertThat(copy.verb()).isEqualTo(SqlStatement.DmlVerb.COPY);
        assertThat(copy.table()).isEqualTo(QualifiedName.of("public", "notes"));
        assertThat(copy.span().line()).isEqualTo(17);
        assertThat(script.statements().get(4).span().line()).isEqualTo(25);
    }

    @Test
    void copyDataEndsAtABackslashDotLineOrTheEndOfTheFile() {
        SqlScript crlf =
                SqlParser.parse(
                        "COPY t FROM STDIN WITH (FORMAT csv);\r\na;b\r\n\\.\r\nSELECT 1;\r\n",
                        "t.sql");
        assertThat(crlf.statements())
                .extracting(SqlStatement::kind)
                .containsExactly(SqlStatement.Kind.DML, SqlStatement.Kind.SELECT);
        assertThat(crlf.diagnostics()).isEmpty();
        SqlScript unterminated =
                SqlParser.parse("copy t (a) from stdin;\n1\n2; drop table t;\n", "t.sql");
        assertThat(unterminated.statements())
                .extracting(SqlStatement::kind)
                .containsExactly(SqlStatement.Kind.DML);
    }

    @Test
    void copyFromAFileOrToStdoutReadsNoDataFromTheScript() {
        SqlScript script =
                SqlParser.parse(
                        "COPY t FROM '/tmp/rows.csv';\nCOPY t TO STDOUT;\nCOPY (SELECT 1) TO STDOUT;\nSELECT 1;\n",
                        "t.sql");
        assertThat(script.statements())
                .extracting(SqlStatement::kind)
                .containsExactly(
                        SqlStatement.Kind.DML,
                        SqlStatement.Kind.SELECT,
                        SqlStatement.Kind.SELECT,
                        SqlStatement.Kind.SELECT);
    }
}
