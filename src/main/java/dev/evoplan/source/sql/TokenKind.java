package dev.evoplan.source.sql;

/** The lexical class of a {@link Token}, after PostgreSQL's scanner (scan.l) and psql's. */
public enum TokenKind {
    /** An unquoted word: a key word or an identifier (value folded to lower case). */
    IDENTIFIER,
    /** A {@code "quoted"} or {@code U&"quoted"} identifier (value decoded, case kept). */
    QUOTED_IDENTIFIER,
    /**
     * A string constant: standard, {@code E''}, {@code U&''}, {@code N''}, bit or hex strings
     * (value decoded).
     */
    STRING,
    /** A dollar-quoted string, {@code $$...$$} or {@code $tag$...$tag$} (value is the body). */
    DOLLAR_STRING,
    NUMBER,
    /** A positional parameter, {@code $1}. */
    PARAMETER,
    OPERATOR,
    /** {@code ::} */
    CAST,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    SEMICOLON,
    DOT,
    COLON,
    /** A psql meta-command line ({@code \connect db}); never sent to the server. */
    META_COMMAND,
    /**
     * Input the scanner could not read (unterminated quote or comment, stray byte); a diagnostic
     * says why.
     */
    ERROR
}
