package dev.evoplan.cli;

import dev.evoplan.render.TerminalText;

/**
 * What evoplan prints that came from the user's inputs: secrets hidden, terminal controls escaped.
 */
final class UserText {
    private UserText() {}

    static String safe(String text) {
        return TerminalText.escape(Secrets.hide(text));
    }
}
