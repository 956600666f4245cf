package dev.evoplan.source.sql;

import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the option list of CREATE / ALTER SEQUENCE ({@code AS}, {@code START}, {@code INCREMENT},
 * ...).
 */
final class SequenceOptions {
    private static final Pattern AS =
            Pattern.compile(
                    "(?i)\\bAS\\s+([a-z_][a-z0-9_ ]*?)(?=\\s+(?:START|INCREMENT|MINVALUE|MAXVALUE|NO|CACHE|CYCLE|OWNED|RESTART)\\b|\\s*$)");
    private static final Pattern START = Pattern.compile("(?i)\\bSTART\\s+(?:WITH\\s+)?(-?\\d+)");
    private static final Pattern INCREMENT =
            Pattern.compile("(?i)\\bINCREMENT\\s+(?:BY\\s+)?(-?\\d+)");
    private static final Pattern MIN = Pattern.compile("(?i)(?<!NO\\s)\\bMINVALUE\\s+(-?\\d+)");
    private static final Pattern MAX = Pattern.compile("(?i)(?<!NO\\s)\\bMAXVALUE\\s+(-?\\d+)");
    private static final Pattern NO_MIN = Pattern.compile("(?i)\\bNO\\s+MINVALUE\\b");
    private static final Pattern NO_MAX = Pattern.compile("(?i)\\bNO\\s+MAXVALUE\\b");
    private static final Pattern CACHE = Pattern.compile("(?i)\\bCACHE\\s+(\\d+)");
    private static final Pattern NO_CYCLE = Pattern.compile("(?i)\\bNO\\s+CYCLE\\b");
    private static final Pattern CYCLE = Pattern.compile("(?i)\\bCYCLE\\b");

    private static final Pattern RESTART = Pattern.compile("(?i)\\bRESTART\\b");

    private SequenceOptions() {}

    /** The options restart the sequence ({@code RESTART [WITH n]}). */
    static boolean restarts(String options) {
        return RESTART.matcher(options).find();
    }

    /** The sequence with every option written in {@code options} applied; the rest kept. */
    static Sequence apply(Sequence s, String options) {
        String o = options.strip();
        String type = s.dataType();
        Matcher m = AS.matcher(o);
        if (m.find()) {
            type = SqlType.parse(m.group(1).toLowerCase(Locale.ROOT)).name();
        }
        Long start = number(START, o, s.start());
        Long increment = number(INCREMENT, o, s.increment());
        Long min = NO_MIN.matcher(o).find() ? null : number(MIN, o, s.minValue());
        Long max = NO_MAX.matcher(o).find() ? null : number(MAX, o, s.maxValue());
        Long cache = number(CACHE, o, s.cache());
        boolean cycle = NO_CYCLE.matcher(o).find() ? false : CYCLE.matcher(o).find() || s.cycle();
        return new Sequence(s.name(), type, start, increment, min, max, cache, cycle, s.ownedBy());
    }

    private static Long number(Pattern p, String options, Long current) {
        Matcher m = p.matcher(options);
        if (!m.find()) {
            return current;
        }
        try {
            return Long.valueOf(m.group(1));
        } catch (NumberFormatException e) {
            throw new OutOfRange(m.group(1));
        }
    }

    /**
     * A sequence option beyond bigint, which PostgreSQL refuses: an input error, in PostgreSQL's
     * words.
     */
    static final class OutOfRange extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfRange(String value) {
            super("value \"" + value + "\" is out of range for type bigint", null, false, false);
        }
    }
}
