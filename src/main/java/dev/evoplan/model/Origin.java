package dev.evoplan.model;

/**
 * Where a change came from, as far as the source knows it. Every field may be null.
 *
 * @param file path of the file as the source names it (a changelog's logical path)
 * @param line 1-based line, or 0 when the source does not give one
 * @param changesetId Liquibase changeset id, or null
 * @param author Liquibase changeset author, or null
 * @param commit git commit that introduced it, or null
 */
public record Origin(String file, int line, String changesetId, String author, String commit) {
    public static final Origin UNKNOWN = new Origin(null, 0, null, null, null);

    public static Origin file(String file, int line) {
        return new Origin(file, line, null, null, null);
    }

    /** {@code file:line (changeset id by author), introduced in commit}, leaving out what is unknown. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
            }
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
