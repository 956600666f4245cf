package dev.evoplan.model;

/**
 * Where a change came from, as far as the source knows it. Every field may be null.
 *
 * @param file path of the file as the source names it (a changelog's logical path)
 * @param line 1-based line, or 0 when the source does not give one
 * @param changesetId Liquibase changeset id, or null
 * @param author Liquibase changeset author, or null
 * @param commit git commit that introduced it, or null
 * @param column 1-based column of a SQL statement within its line, or 0 when not known
 */
public record Origin(
        String file, int line, String changesetId, String author, String commit, int column) {
    public static final Origin UNKNOWN = new Origin(null, 0, null, null, null, 0);

    /** An origin without a column (changelog changes, whole files). */
    public Origin(String file, int line, String changesetId, String author, String commit) {
        this(file, line, changesetId, author, commit, 0);
    }

    public static Origin file(String file, int line) {
        return new Origin(file, line, null, null, null);
    }

    /** A statement's place in a SQL file: {@code file:line:column}. */
    public static Origin statement(String file, int line, int column) {
        return new Origin(file, line, null, null, null, column);
    }

    /** The same origin, introduced in {@code commitId}. */
    public Origin withCommit(String commitId) {
        return new Origin(file, line, changesetId, author, commitId, column);
    }

    /**
     * {@code file:line:column}, {@code file:line} or {@code file}; null when the file is unknown.
     */
    public String place() {
        if (file == null) {
            return null;
        }
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }

    /**
     * {@code file:line (changeset id by author), introduced in commit}, leaving out what is
     * unknown.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(place());
        }
        if (changesetId != null) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append("(changeset ").append(changesetId);
            if (author != null) {
                sb.append(" by ").append(author);
            }
            sb.append(')');
        }
        if (commit != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("introduced in ").append(commit);
        }
        return sb.toString();
    }
}
