package dev.evoplan.model;

/**
 * Input we cannot read (malformed file, missing include, unknown ref, ...). The message is one line
 * for the user and names the file and line; it maps to exit code 3.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    public InputException(String file, int line, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    public InputException(String file, int line, String message) {
        this(file, line, message, null);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** {@code file:line: message}, the one line the CLI prints. */
    public String oneLine() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        }
        sb.append(
                getMessage() == null
                        ? "invalid input"
                        : getMessage().replaceAll("\\s*\\R\\s*", " "));
        return sb.toString();
    }
}
