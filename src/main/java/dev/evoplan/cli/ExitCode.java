package dev.evoplan.cli;

/** The process exit codes, listed in every command's help. */
public enum ExitCode {
    /** Nothing at or above the gate. */
    OK(0, "nothing at or above the gate"),
    /** A finding at or above the gate. */
    GATE(1, "findings at or above the gate (--fail-on), or verify saw a difference"),
    /** Bad command line. */
    USAGE(2, "usage error"),
    /** Unreadable or invalid input; the message names the file and line. */
    INPUT(3, "input error (unreadable or invalid input, with file:line)"),
    /** A bug in evoplan. */
    INTERNAL(4, "internal error");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
