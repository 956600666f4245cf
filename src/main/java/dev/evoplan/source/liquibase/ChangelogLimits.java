package dev.evoplan.source.liquibase;

import dev.evoplan.model.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.exception.UnknownChangeLogParameterException;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * What Liquibase does not bound, bounded before it runs: Liquibase reads YAML and JSON with every
 * alias allowed and no size limit, expands {@code ${property}} values recursively, and follows
 * includes without noticing a cycle; a recursive anchor, an alias bomb, a property cycle or a
 * doubling property ran until the stack overflowed or forever. Each is an input error naming the
 * file and line here.
 */
final class ChangelogLimits {
    /** Liquibase's own YAML nesting limit (snakeyaml's default, which Liquibase keeps). */
    static final int MAX_NESTING = 50;

    /**
     * Nodes a YAML file's aliases may stand for in all: changelogs seldom use aliases at all; a
     * bomb's stand for billions.
     */
    static final long MAX_EXPANDED_NODES = 1_000_000L;

    /**
     * Characters a YAML or JSON changelog may hold (snakeyaml's limit, set explicitly: Liquibase
     * lifts it).
     */
    static final int MAX_CODE_POINTS = 512 * 1024 * 1024;

    /**
     * Property look-ups one expansion may make: a real one makes a handful; a cycle or a doubling
     * chain makes millions.
     */
    static final int MAX_PROPERTY_LOOKUPS = 1_000;

    private ChangelogLimits() {}

    static boolean isYamlOrJson(String path) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        return p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith(".json");
    }

    /**
     * Whether the text may hold a YAML alias: only an alias can be recursive or expand to a bomb
     * (an alias is {@code *name}, and UTF-8 never uses the byte of {@code *} inside another
     * character). A file without one is checked only if Liquibase's parse of it fails ({@link
     * RecordingAccessor#checkUnchecked}).
     */
    static boolean mayHoldAliases(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '*') {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads a YAML or JSON changelog's events (no objects built) and refuses recursion, bombs and
     * deep nesting.
     */
    static void checkYaml(String file, InputStream in) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMaxAliasesForCollections(
                Integer.MAX_VALUE); // counted below, by what they expand to
        options.setAllowRecursiveKeys(false);
        Map<String, Long> anchored = new HashMap<>();
        Deque<long[]> sizes = new ArrayDeque<>();
        Deque<String> anchors = new ArrayDeque<>();
        long total = 0;
        try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (Event e : new Yaml(options).parse(reader)) {
                int line = line(e.getStartMark());
                if (e instanceof CollectionStartEvent start) {
                    if (sizes.size() >= MAX_NESTING) {
                        throw new InputException(
                                file,
                                line,
                                "nested deeper than "
                                        + MAX_NESTING
                                        + " levels (Liquibase's limit for YAML and JSON)");
                    }
                    sizes.push(new long[] {1});
                    anchors.push(start.getAnchor() == null ? "" : start.getAnchor());
                } else if (e.is(Event.ID.SequenceEnd) || e.is(Event.ID.MappingEnd)) {
                    long size = sizes.pop()[0];
                    String anchor = anchors.pop();
                    if (!anchor.isEmpty()) {
                        anchored.put(anchor, size);
                    }
                    if (!sizes.isEmpty()) {
                        sizes.peek()[0] += size;
                    }
                } else if (e instanceof AliasEvent alias) {
                    String name = alias.getAnchor();
                    if (anchors.contains(name)) {
                        throw new InputException(
                                file,
                                line,
                                "recursive YAML anchor: *"
                                        + name
                                        + " is used inside &"
                                        + name
                                        + " itself, which has no end");
                    }
                    long size = anchored.getOrDefault(name, 1L);
                    total += size;
                    if (!sizes.isEmpty()) {
                        sizes.peek()[0] += size;
                    }
                    if (total > MAX_EXPANDED_NODES) {
                        throw new InputException(
                                file,
                                line,
                                "YAML aliases expand to more than "
                                        + MAX_EXPANDED_NODES
                                        + " nodes (an alias bomb): refused");
                    }
                } else if (e instanceof ScalarEvent scalar) {
                    if (scalar.getAnchor() != null) {
                        anchored.put(scalar.getAnchor(), 1L);
                    }
                    if (!sizes.isEmpty()) {
                        sizes.peek()[0]++;
                    }
                }
            }
        } catch (YAMLException | IOException e) {
            // Malformed: Liquibase's own parse reports it in its words, with the line.
        }
    }

    private static int line(Mark mark) {
        return mark == null ? 0 : mark.getLine() + 1;
    }

    /**
     * Liquibase's parameters, counting the look-ups of one expansion: a property defined through
     * itself, a cycle of properties, or a chain of properties each doubling the last would
     * otherwise recurse until the stack overflows or expand for ever.
     */
    static final class Parameters extends ChangeLogParameters {
        private int depth;
        private int lookups;
        private String expanding;

        /**
         * Every look-up, in order, by the changelog it was made for: what the parse of a file read
         * of the properties ({@link Checksums}).
         */
        private final Map<DatabaseChangeLog, List<String>> looked = new IdentityHashMap<>();

        private final ResourceAccessor accessor;

        Parameters(Database database, ResourceAccessor accessor) {
            super(database);
            this.accessor = accessor;
        }

        /**
         * Whether a property under a context naming only other databases is left out (see {@link
         * DatabaseContexts}).
         */
        private boolean postgresqlOnly;

        void onPostgresqlOnly(boolean on) {
            postgresqlOnly = on;
        }

        @Override
        public void set(
                String key,
                Object value,
                String contexts,
                String labels,
                String databases,
                boolean globalParam,
                DatabaseChangeLog changeLog) {
            if (postgresqlOnly
                    && contexts != null
                    && DatabaseContexts.excludesPostgresql(
                            new liquibase.ContextExpression(contexts))) {
                return;
            }
            super.set(key, value, contexts, labels, databases, globalParam, changeLog);
        }

        @Override
        public void set(
                String key,
                Object value,
                liquibase.ContextExpression contexts,
                liquibase.Labels labels,
                String databases,
                boolean globalParam,
                DatabaseChangeLog changeLog) {
            if (postgresqlOnly && DatabaseContexts.excludesPostgresql(contexts)) {
                return;
            }
            super.set(key, value, contexts, labels, databases, globalParam, changeLog);
        }

        @Override
        public String expandExpressions(String text, DatabaseChangeLog changeLog)
                throws UnknownChangeLogParameterException {
            // Liquibase copies a text with no expression in it a character at a time and notes
            // every property it ever expanded in its logging context, each time: the same text
            // back, for each attribute and text of every element.
            if (text == null || !text.contains("${")) {
                return text;
            }
            if (depth == 0) {
                lookups = 0;
                expanding = text;
            }
            depth++;
            try {
                return super.expandExpressions(text, changeLog);
            } finally {
                depth--;
            }
        }

        @Override
        public Object getValue(String key, DatabaseChangeLog changeLog) {
            if (depth > 0 && ++lookups > MAX_PROPERTY_LOOKUPS) {
                String file = changeLog == null ? null : changeLog.getPhysicalFilePath();
                throw new InputException(
                        file,
                        file == null ? 0 : lineContaining(accessor, file, "${" + key + "}"),
                        "expanding "
                                + shorten(expanding)
                                + " looks up properties more than "
                                + MAX_PROPERTY_LOOKUPS
                                + " times: a ${property} defined through itself, a cycle of properties,"
                                + " or a chain of properties each doubling the last (property "
                                + key
                                + ")");
            }
            Object value = super.getValue(key, changeLog);
            looked.computeIfAbsent(changeLog, l -> new ArrayList<>())
                    .add(value == null ? key : key + "=" + value);
            return value;
        }

        /**
         * Whether each XML file parsed so far cites only XSDs Liquibase serves from its jar and no
         * DOCTYPE ({@link XsdGrammarCache#keyOf}), as its parser found while parsing it, by the
         * path it was parsed from.
         */
        private final Map<String, Boolean> xmlServedByLiquibase = new HashMap<>();

        void parsedXml(String physical, boolean servedByLiquibase) {
            xmlServedByLiquibase.put(physical, servedByLiquibase);
        }

        Map<String, Boolean> xmlServedByLiquibase() {
            return Map.copyOf(xmlServedByLiquibase);
        }

        /**
         * The look-ups made so far for each changelog (null: for none), each as {@code name} where
         * the property had no value and {@code name=value} where it had one.
         */
        Map<DatabaseChangeLog, List<String>> lookups() {
            Map<DatabaseChangeLog, List<String>> out = new IdentityHashMap<>();
            looked.forEach((log, names) -> out.put(log, List.copyOf(names)));
            return out;
        }

        private static String shorten(String s) {
            String one = String.valueOf(s).replaceAll("\\s+", " ");
            return "'" + (one.length() > 60 ? one.substring(0, 60) + "..." : one) + "'";
        }
    }

    /**
     * The input error for a stack overflow while Liquibase parsed: an include cycle when the
     * changelogs it opened repeat (named as a chain of file:line), else input nested too deeply.
     */
    static InputException tooDeep(
            List<String> openedInOrder,
            ResourceAccessor accessor,
            String master,
            java.util.function.UnaryOperator<String> display,
            Throwable error) {
        int n = openedInOrder.size();
        for (int period = 1; period <= Math.min(50, n / 3); period++) {
            boolean repeats = true;
            for (int i = n - 1; i >= n - 2 * period && repeats; i--) {
                repeats = openedInOrder.get(i).equals(openedInOrder.get(i - period));
            }
            if (repeats) {
                // Liquibase looks a file up more than once per include: the cycle is the files of
                // one period, each once, starting from the one opened first.
                List<String> window = openedInOrder.subList(n - period, n);
                List<String> cycle = new ArrayList<>(new java.util.LinkedHashSet<>(window));
                cycle.sort(java.util.Comparator.comparingInt(openedInOrder::indexOf));
                StringBuilder chain = new StringBuilder();
                for (int i = 0; i < cycle.size(); i++) {
                    String from = cycle.get(i);
                    String to = cycle.get((i + 1) % cycle.size());
                    chain.append(display.apply(from));
                    int line = lineNaming(accessor, from, to);
                    if (line > 0) {
                        chain.append(':').append(line);
                    }
                    chain.append(" -> ");
                }
                chain.append(display.apply(cycle.get(0)));
                String first = cycle.get(0);
                return new InputException(
                        display.apply(first),
                        lineNaming(accessor, first, cycle.get(1 % cycle.size())),
                        "include cycle: " + chain + " (each includes the next)",
                        error);
            }
        }
        String last = n == 0 ? master : openedInOrder.get(n - 1);
        return new InputException(
                display.apply(last),
                0,
                "nested too deeply to read (a recursive structure or"
                        + " ${property}, or includes deeper than evoplan's stack)",
                error);
    }

    private static final java.util.regex.Pattern CIRCULAR_INCLUDE_ALL =
            java.util.regex.Pattern.compile("Circular reference detected in '");
    private static final java.util.regex.Pattern EXTERNAL_ENTITY =
            java.util.regex.Pattern.compile("Unable to resolve xml entity (\\S+?)\\.?\\s");

    /**
     * Liquibase's own refusals of a cycle or an external entity, placed at the line that causes
     * them (Liquibase names no line, and for includeAll not even the file); null for anything else.
     */
    static InputException refusedByLiquibase(
            String messages, LiquibaseSource.Loading loading, Throwable error) {
        List<String> recent = loading.accessor.openedMostRecentFirst();
        String file = recent.isEmpty() ? loading.master : recent.get(0);
        if (CIRCULAR_INCLUDE_ALL.matcher(messages).find()) {
            return new InputException(
                    loading.display(file),
                    lineContaining(loading.accessor, file, "includeAll"),
                    "include cycle: includeAll of the folder that holds this changelog includes the changelog again",
                    error);
        }
        if (messages.contains("Could not find databaseChangeLog node")) {
            return new InputException(
                    loading.display(file),
                    1,
                    "not a Liquibase changelog: its top level has no databaseChangeLog",
                    error);
        }
        java.util.regex.Matcher entity = EXTERNAL_ENTITY.matcher(messages);
        if (entity.find()) {
            String url = entity.group(1);
            return new InputException(
                    loading.display(file),
                    lineContaining(loading.accessor, file, url),
                    "external XML entity "
                            + url
                            + " refused: a changelog may not read other files or URLs through its DOCTYPE",
                    error);
        }
        return null;
    }

    /**
     * The first line of {@code from} that names {@code to} (an include), else its first include
     * line.
     */
    private static int lineNaming(ResourceAccessor accessor, String from, String to) {
        int line = lineContaining(accessor, from, to.substring(to.lastIndexOf('/') + 1));
        return line > 0 ? line : lineContaining(accessor, from, "include");
    }

    /** The first line of {@code file} holding {@code text}, or 0. */
    static int lineContaining(ResourceAccessor accessor, String file, String text) {
        try {
            List<Resource> found = accessor.getAll(file);
            if (found == null || found.isEmpty()) {
                return 0;
            }
            String all;
            try (InputStream in = found.get(0).openInputStream()) {
                all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String[] lines = all.split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(text)) {
                    return i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // No line then: the message still says what is wrong.
        }
        return 0;
    }
}
