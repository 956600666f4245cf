package dev.evoplan.cli;

import dev.evoplan.render.TerminalText;
import java.io.IOException;
import java.io.Writer;

/**
 * What evoplan prints that came from the user's inputs: secrets hidden, terminal controls escaped.
 */
final class UserText {
    private UserText() {}

    static String safe(String text) {
        return TerminalText.escape(Secrets.hide(text));
    }

    /**
     * Writes what it is given to {@code out} as {@link #safe} makes it, a whole number of lines at
     * a time, ending with a line break: the same text as {@code safe} of the whole, which a report
     * of a hundred megabytes does not have to be. Nothing it hides or escapes spans a line break
     * but a password parameter written over lines (its quoted value or the white space around its
     * '=') and a remembered secret holding one: from the first such parameter ({@link
     * Secrets#hidesLineByLine}), or from the start when a secret holds a line break, the rest is
     * made safe whole, at {@link #finish}.
     */
    static final class SafeWriter extends Writer {
        /** Lines are handed on once this many characters are waiting. */
        private static final int PIECE = 1 << 16;

        private final Writer out;
        private final StringBuilder pending = new StringBuilder();
        private boolean whole = !Secrets.endAtLineBreaks();
        private char last;

        SafeWriter(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            pending.append(chars, offset, length);
            handOn();
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            pending.append(text, offset, offset + length);
            handOn();
        }

        private void handOn() throws IOException {
            if (whole || pending.length() < PIECE) {
                return;
            }
            int cut = pending.lastIndexOf("\n") + 1;
            if (cut == 0) {
                return;
            }
            String lines = pending.substring(0, cut);
            if (!Secrets.hidesLineByLine(lines)) {
                whole = true;
                return;
            }
            emit(lines);
            pending.delete(0, cut);
        }

        private void emit(String text) throws IOException {
            String safe = safe(text);
            if (!safe.isEmpty()) {
                out.write(safe);
                last = safe.charAt(safe.length() - 1);
            }
        }

        /** Writes what is left, and a line break unless the text ends with one. */
        void finish() throws IOException {
            emit(pending.toString());
            pending.setLength(0);
            if (last != '\n') {
                out.write("\n");
            }
            out.flush();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
