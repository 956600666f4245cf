package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    private static List<String> texts(String sql) {
        return SqlSplitter.split(sql, "t.sql").statements().stream()
                .map(SqlSplitter.Statement::text)
                .toList();
    }

    @Test
    void splitsOnTopLevelSemicolonsAndDropsEmptyStatements() {
        assertThat(texts("select 1; ;; select 2;\nselect 3"))
                .containsExactly("select 1", "select 2", "select 3");
    }

    @Test
    void neverSplitsInsideStringsIdentifiersCommentsOrDollarBodies() {
        String sql =
                """
                insert into t values ('a;b', E'c\\';d');
                create table "x;y" (id int);
                select 1 /* ; /* ; */ ; */ + 1;
                -- select ignored;
                create function f() returns int language plpgsql as $fn$ begin return 1; end; $fn$;
                """;
        List<String> texts = texts(sql);
        assertThat(texts).hasSize(4);
        assertThat(texts.get(0)).isEqualTo("insert into t values ('a;b', E'c\\';d')");
        assertThat(texts.get(1)).isEqualTo("create table \"x;y\" (id int)");
        assertThat(texts.get(3)).endsWith("$fn$ begin return 1; end; $fn$");
    }

    @Test
    void beginAtomicBodyIsOneStatement() {
        String sql =
                """
                create function add(a int, b int) returns int language sql
                begin atomic
                  select case when a > 0 then a else 0 end;
                  select a + b;
                end;
                select 1;
                """;
        List<String> texts = texts(sql);
        assertThat(texts).hasSize(2);
        assertThat(texts.get(0)).endsWith("select a + b;\nend");
        assertThat(texts.get(1)).isEqualTo("select 1");
    }

    @Test
    void plainBeginIsATransactionNotABody() {
        assertThat(texts("begin; select 1; commit;"))
                .containsExactly("begin", "select 1", "commit");
    }

    @Test
    void metaCommandsAreSkippedWithANote() {
        SqlSplitter.Result r =
                SqlSplitter.split(
                        "\\set ON_ERROR_STOP on\nselect 1;\n\\connect other\nselect 2;", "m.sql");
        assertThat(r.statements())
                .extracting(SqlSplitter.Statement::text)
                .containsExactly("select 1", "select 2");
        assertThat(r.diagnostics())
                .hasSize(2)
                .allSatisfy(
                        d -> {
                            assertThat(d.severity()).isEqualTo(Diagnostic.Severity.NOTE);
                            assertThat(d.message()).startsWith("psql meta-command skipped");
                        });
        assertThat(r.diagnostics().get(1).line()).isEqualTo(3);
    }

    @Test
    void statementsKnowWhereTheyStart() {
        List<SqlSplitter.Statement> s =
                SqlSplitter.split("select 1;\n\n   -- c\n   select 2;", "t.sql").statements();
        assertThat(s.get(1).line()).isEqualTo(4);
        assertThat(s.get(1).column()).isEqualTo(4);
        assertThat(s.get(0).line()).isEqualTo(1);
        assertThat(s.get(0).column()).isEqualTo(1);
    }

    @Test
    void unterminatedQuoteSwallowsTheRestAsOneStatement() {
        SqlSplitter.Result r = SqlSplitter.split("select 1; select 'oops; select 2;", "t.sql");
        assertThat(r.statements()).hasSize(2);
        assertThat(r.statements().get(1).hasLexicalError()).isTrue();
        assertThat(r.statements().get(0).hasLexicalError()).isFalse();
    }
}
