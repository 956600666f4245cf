package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static List<Token> tokens(String sql) {
        return SqlLexer.tokenize(sql, "t.sql").tokens();
    }

    private static List<TokenKind> kinds(String sql) {
        return tokens(sql).stream().map(Token::kind).toList();
    }

    private static List<String> values(String sql) {
        return tokens(sql).stream().map(Token::value).toList();
    }

    @Test
    void lineCommentsAreSkippedToEndOfLine() {
        assertThat(values("select -- a comment ; with semicolon\n1"))
                .containsExactly("select", "1");
    }

    @Test
    void blockCommentsNest() {
        assertThat(values("a /* outer /* inner */ still comment ; */ b")).containsExactly("a", "b");
        assertThat(values("a /* one */ b /* two */ c")).containsExactly("a", "b", "c");
    }

    @Test
    void unterminatedNestedCommentIsAnErrorWithPosition() {
        SqlLexer.Result r = SqlLexer.tokenize("x\n  /* a /* b */ c", "f.sql");
        assertThat(r.tokens())
                .extracting(Token::kind)
                .containsExactly(TokenKind.IDENTIFIER, TokenKind.ERROR);
        assertThat(r.diagnostics())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.line()).isEqualTo(2);
                            assertThat(d.column()).isEqualTo(3);
                            assertThat(d.message()).contains("unterminated /* comment");
                            assertThat(d.toString()).startsWith("f.sql:2:3: error");
                        });
    }

    @Test
    void unquotedIdentifiersFoldAndQuotedOnesKeepCaseWithDoubledQuotes() {
        List<Token> t = tokens("MyTable \"My\"\"Table\" Ωmega a$b");
        assertThat(t)
                .extracting(Token::kind)
                .containsExactly(
                        TokenKind.IDENTIFIER,
                        TokenKind.QUOTED_IDENTIFIER,
                        TokenKind.IDENTIFIER,
                        TokenKind.IDENTIFIER);
        // Only A-Z fold: PostgreSQL's scanner leaves non-ASCII letters alone in a UTF-8 database.
        assertThat(t)
                .extracting(Token::value)
                .containsExactly("mytable", "My\"Table", "Ωmega", "a$b");
        assertThat(t.get(1).text()).isEqualTo("\"My\"\"Table\"");
    }

    @Test
    void identifiersAreCutTo63BytesOnACharacterBoundary() {
        String e41 = "é".repeat(41);
        List<Token> t = tokens("\"" + e41 + "_a\" " + e41 + "_b " + "x".repeat(70));
        // 41 two-byte characters are 82 bytes: 31 of them (62 bytes) fit, the 32nd would split.
        assertThat(t.get(0).value()).isEqualTo("é".repeat(31));
        assertThat(t.get(1).value()).isEqualTo("é".repeat(31));
        assertThat(t.get(2).value()).isEqualTo("x".repeat(63));
        assertThat(t.get(0).text()).isEqualTo("\"" + e41 + "_a\"");
    }

    @Test
    void zeroLengthQuotedIdentifierIsAnError() {
        SqlLexer.Result r = SqlLexer.tokenize("select \"\"", "t.sql");
        assertThat(r.tokens()).extracting(Token::kind).contains(TokenKind.ERROR);
        assertThat(r.diagnostics())
                .singleElement()
                .extracting(Diagnostic::message)
                .asString()
                .contains("zero-length");
    }

    @Test
    void standardStringsTakeBackslashLiterallyAndDoubleQuotes() {
        List<Token> t = tokens("'it''s' 'a\\nb'");
        assertThat(t).extracting(Token::kind).containsExactly(TokenKind.STRING, TokenKind.STRING);
        assertThat(t).extracting(Token::value).containsExactly("it's", "a\\nb");
    }

    @Test
    void escapeStringsDecodeBackslashes() {
        List<Token> t = tokens("E'a\\nb\\'c' e'\\x41\\101\\u00e9\\\\'");
        assertThat(t).extracting(Token::kind).containsExactly(TokenKind.STRING, TokenKind.STRING);
        assertThat(t).extracting(Token::value).containsExactly("a\nb'c", "AAé\\");
    }

    @Test
    void escapedQuoteDoesNotEndAnEString() {
        // In a standard string the same text would end after 'a\'.
        assertThat(kinds("E'a\\';' ; x"))
                .containsExactly(TokenKind.STRING, TokenKind.SEMICOLON, TokenKind.IDENTIFIER);
        assertThat(kinds("'a\\';' ; x"))
                .containsExactly(TokenKind.STRING, TokenKind.SEMICOLON, TokenKind.ERROR);
    }

    @Test
    void unicodeStringsAndIdentifiersWithUescape() {
        List<Token> t = tokens("U&'d\\0061t\\+000061' U&\"d!0061t\" UESCAPE '!' u&'x'");
        assertThat(t)
                .extracting(Token::kind)
                .containsExactly(TokenKind.STRING, TokenKind.QUOTED_IDENTIFIER, TokenKind.STRING);
        assertThat(t).extracting(Token::value).containsExactly("data", "dat", "x");
        assertThat(t.get(1).text()).isEqualTo("U&\"d!0061t\" UESCAPE '!'");
    }

    @Test
    void otherPrefixedStrings() {
        assertThat(tokens("N'x' B'1010' X'1F'"))
                .extracting(Token::kind)
                .containsExactly(TokenKind.STRING, TokenKind.STRING, TokenKind.STRING);
    }

    @Test
    void unterminatedStringIsAnErrorAtItsStart() {
        SqlLexer.Result r = SqlLexer.tokenize("select 1;\nselect 'abc;\n", "t.sql");
        assertThat(r.diagnostics())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.line()).isEqualTo(2);
                            assertThat(d.column()).isEqualTo(8);
                            assertThat(d.message()).contains("unterminated quoted string");
                        });
    }

    @Test
    void dollarQuotesWithAndWithoutTags() {
        List<Token> t = tokens("$$ it's ; $$ $fn$ body $$ inner $$ ; $fn$ $a1$x$a1$");
        assertThat(t).extracting(Token::kind).containsOnly(TokenKind.DOLLAR_STRING);
        assertThat(t)
                .extracting(Token::value)
                .containsExactly(" it's ; ", " body $$ inner $$ ; ", "x");
    }

    @Test
    void dollarDigitIsAParameterNotAQuote() {
        List<Token> t = tokens("$1 + $23");
        assertThat(t)
                .extracting(Token::kind)
                .containsExactly(TokenKind.PARAMETER, TokenKind.OPERATOR, TokenKind.PARAMETER);
        assertThat(t).extracting(Token::text).containsExactly("$1", "+", "$23");
    }

    @Test
    void unterminatedDollarQuoteIsAnError() {
        SqlLexer.Result r = SqlLexer.tokenize("do $body$ begin", "t.sql");
        assertThat(r.tokens())
                .extracting(Token::kind)
                .containsExactly(TokenKind.IDENTIFIER, TokenKind.ERROR);
        assertThat(r.diagnostics())
                .singleElement()
                .extracting(Diagnostic::message)
                .asString()
                .contains("unterminated dollar-quoted string $body$");
    }

    @Test
    void numericLiterals() {
        List<Token> t = tokens("42 1.5e10 .5 3. 1e-3 0x1F 0o17 0b101 1_000_000 2.5E+2");
        assertThat(t).extracting(Token::kind).containsOnly(TokenKind.NUMBER);
        assertThat(t)
                .extracting(Token::text)
                .containsExactly(
                        "42",
                        "1.5e10",
                        ".5",
                        "3.",
                        "1e-3",
                        "0x1F",
                        "0o17",
                        "0b101",
                        "1_000_000",
                        "2.5E+2");
    }

    @Test
    void exponentWithoutDigitsIsNotPartOfTheNumber() {
        assertThat(tokens("1e")).extracting(Token::text).containsExactly("1", "e");
    }

    @Test
    void operatorsAndCasts() {
        assertThat(tokens("a::text <> b >= c || d ->> 'k' @> e"))
                .extracting(Token::text)
                .containsExactly(
                        "a", "::", "text", "<>", "b", ">=", "c", "||", "d", "->>", "'k'", "@>",
                        "e");
        assertThat(tokens("a::text"))
                .extracting(Token::kind)
                .containsExactly(TokenKind.IDENTIFIER, TokenKind.CAST, TokenKind.IDENTIFIER);
    }

    @Test
    void operatorEndingInMinusSplitsLikePostgres() {
        // scan.l: "=-" is "=" then "-" because the operator holds none of ~!@#%^&|`?.
        assertThat(tokens("a=-1")).extracting(Token::text).containsExactly("a", "=", "-", "1");
        assertThat(tokens("a @- 1")).extracting(Token::text).containsExactly("a", "@-", "1");
    }

    @Test
    void operatorStopsAtCommentStart() {
        assertThat(tokens("a +-- comment\n b"))
                .extracting(Token::text)
                .containsExactly("a", "+", "b");
    }

    @Test
    void punctuation() {
        assertThat(kinds("( ) [ ] , ; . :"))
                .containsExactly(
                        TokenKind.LEFT_PAREN,
                        TokenKind.RIGHT_PAREN,
                        TokenKind.LEFT_BRACKET,
                        TokenKind.RIGHT_BRACKET,
                        TokenKind.COMMA,
                        TokenKind.SEMICOLON,
                        TokenKind.DOT,
                        TokenKind.COLON);
    }

    @Test
    void metaCommandRunsToEndOfLine() {
        List<Token> t = tokens("\\connect mydb\nselect 1");
        assertThat(t)
                .extracting(Token::kind)
                .containsExactly(TokenKind.META_COMMAND, TokenKind.IDENTIFIER, TokenKind.NUMBER);
        assertThat(t.get(0).text()).isEqualTo("\\connect mydb");
    }

    @Test
    void positionsAreOneBasedLineAndColumn() {
        List<Token> t = tokens("create table t (\n  id int\n);");
        Token id = t.get(4);
        assertThat(id.value()).isEqualTo("id");
        assertThat(id.line()).isEqualTo(2);
        assertThat(id.column()).isEqualTo(3);
        assertThat(id.offset()).isEqualTo(19);
        assertThat(t.get(0).line()).isEqualTo(1);
        assertThat(t.get(0).column()).isEqualTo(1);
    }

    @Test
    void strayCharactersAreErrorsNotExceptions() {
        SqlLexer.Result r = SqlLexer.tokenize("select {1}\u0001", "t.sql");
        assertThat(r.tokens()).extracting(Token::kind).contains(TokenKind.ERROR);
        assertThat(r.diagnostics()).hasSize(3);
    }
}
