package dev.evoplan.cli;

import dev.evoplan.source.Sources;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The passwords the command line carries, hidden in everything evoplan prints. A pattern alone
 * cannot know where a password ends inside a message ({@code password=a;b c: no such file}), but
 * the argument it came from can: each argument's password values are found whole (up to the next
 * {@code &} of its URL, or the end of the argument) and every occurrence of them is replaced.
 * {@link Sources#redact} still runs after, for secrets that did not come from the command line.
 */
final class Secrets {
    private static final ThreadLocal<List<String>> CURRENT = ThreadLocal.withInitial(List::of);

    /**
     * password=, PGPASSWORD=, sslpassword=: the value runs to the next parameter or the argument's
     * end.
     */
    private static final Pattern PARAMETER =
            Pattern.compile("(?i)(?:ssl|pg)?password\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|[^&]*)");

    /** scheme://user:password@host: the password runs to the last @ of the authority. */
    private static final Pattern USER_INFO = Pattern.compile("://[^/:@\\s]*:([^/\\s]*)@");

    private Secrets() {}

    /** Remembers the secrets of {@code args} for what this thread prints until {@link #forget}. */
    static void remember(String[] args) {
        Set<String> found = new LinkedHashSet<>();
        for (String arg : args) {
            if (arg == null) {
                continue;
            }
            Matcher m = PARAMETER.matcher(arg);
            while (m.find()) {
                String value = m.group(1);
                found.add(value);
                if (value.length() > 2 && value.startsWith("'") && value.endsWith("'")) {
                    found.add(value.substring(1, value.length() - 1));
                }
            }
            Matcher u = USER_INFO.matcher(arg);
            while (u.find()) {
                found.add(u.group(1));
            }
        }
        // Its pieces too: a message may already show a pattern-redacted URL ("password=*** tail").
        for (String secret : List.copyOf(found)) {
            for (String piece : secret.split("[\\s;,]+")) {
                found.add(piece);
            }
        }
        // A very short value would hide every occurrence of a common word; the pattern below still
        // hides it in its URL.
        found.removeIf(v -> v.strip().length() < 4);
        // Longest first: a password that contains another is hidden whole.
        CURRENT.set(
                found.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /**
     * Whether every remembered secret lies within a line: hiding them in a text line by line then
     * hides the same as in the whole.
     */
    static boolean endAtLineBreaks() {
        return CURRENT.get().stream().noneMatch(s -> s.indexOf('\n') >= 0);
    }

    static void forget() {
        CURRENT.remove();
    }

    /**
     * {@code text} with every remembered secret, and anything that looks like one, replaced by ***.
     */
    static String hide(String text) {
        return text == null ? null : Sources.redact(hideRemembered(text));
    }

    /**
     * Whether {@link #hide} hides in {@code text} what it hides in each of its lines alone, given
     * that every remembered secret lies within a line ({@link #endAtLineBreaks}).
     */
    static boolean hidesLineByLine(String text) {
        return Sources.redactsLineByLine(hideRemembered(text));
    }

    private static String hideRemembered(String text) {
        String out = text;
        for (String secret : CURRENT.get()) {
            out = out.replace(secret, "***");
            String encoded =
                    java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
            if (!encoded.equals(secret)) {
                out = out.replace(encoded, "***");
            }
        }
        return out;
    }
}
