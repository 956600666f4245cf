package dev.evoplan.source.liquibase;

import dev.evoplan.model.Checksum;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import liquibase.ChecksumVersion;
import liquibase.change.Change;
import liquibase.change.core.CreateProcedureChange;
import liquibase.change.core.CreateViewChange;
import liquibase.change.core.LoadDataChange;
import liquibase.change.core.SQLFileChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.sql.visitor.SqlVisitor;

/**
 * Liquibase's checksums of one load's changesets, each computed when first read: the history rules
 * compare a changeset's checksum with the other side's only, and most are the same changeset in the
 * same bytes, which the key proves without computing either (Liquibase's own computation was a
 * quarter of a Fineract plan).
 *
 * <p>The key of a changeset is its file's text and format, its place among the changesets Liquibase
 * parsed from that file, and every property look-up the parse made for the file with its answer, in
 * order; given only where Liquibase's checksum is a function of those alone:
 *
 * <ul>
 *   <li>every change is a core change type that reads no file ({@code sqlFile}, {@code loadData},
 *       {@code loadUpdateData}, {@code createProcedure} and {@code createView}, which may name a
 *       path, and any extension or {@code customChange} compute their checksum when loaded, as
 *       before: their files are read through the load's resources), and every {@code modifySql} is
 *       a core one;
 *   <li>a property enters the parse only through a look-up: Liquibase's expansion of a {@code
 *       ${name}}, however the file spells it (an XML character reference, a YAML escape), asks
 *       {@link ChangelogLimits.Parameters}, which keeps each look-up with the changelog it was made
 *       for (one made for no changelog leaves the load without keys);
 *   <li>no {@code valueBlobFile} or {@code valueClobFile} in the file;
 *   <li>an XML file cites only XSDs Liquibase serves from its own jar and declares no DOCTYPE
 *       ({@link XsdGrammarCache#keyOf}: the grammar, with its attribute defaults, is the same);
 *   <li>the changeset was parsed from the file itself (its place is among the file's own).
 * </ul>
 *
 * Changes that read no file need nothing of the load to compute their checksum later: the load's
 * scope holds no database, and the checksum version is given.
 */
final class Checksums {
    /** Each file's text as far as a key goes, by the path it was parsed from. */
    private final Map<String, Optional<FileText>> files = new HashMap<>();

    /** Each parsed changelog's own changesets, by their place in it. */
    private final Map<DatabaseChangeLog, Map<ChangeSet, Integer>> places = new IdentityHashMap<>();

    /** What each parse read of the properties, by the changelog it read them for. */
    private final Map<DatabaseChangeLog, List<String>> lookups = new IdentityHashMap<>();

    /**
     * Whether each XML file's grammar is one Liquibase serves, as its parse found, by the path it
     * was parsed from ({@link ChangelogLimits.Parameters#xmlServedByLiquibase}).
     */
    private final Map<String, Boolean> xmlServed = new HashMap<>();

    /** The format and text of a file whose parse its text alone decides, but for properties. */
    record FileText(String format, Content content) {}

    /**
     * A file text's content, one object for each distinct text in this JVM ({@link #canonical}):
     * keys compare it as an object, not a character at a time for each changeset.
     */
    static final class Content {
        final String text;

        private Content(String text) {
            this.text = text;
        }
    }

    /**
     * A changeset's key: its place in a file's content of a format, and what the parse of the file
     * read of the properties.
     */
    private record Place(String format, Content content, int place, List<String> properties) {}

    /** Each text's content while a key holds it (the content holds the text, the map's key). */
    private static final Map<String, WeakReference<Content>> CANONICAL = new WeakHashMap<>();

    /** The one content object of this text. */
    private static Content canonical(String text) {
        synchronized (CANONICAL) {
            WeakReference<Content> known = CANONICAL.get(text);
            Content found = known == null ? null : known.get();
            if (found != null) {
                return found;
            }
            Content made = new Content(text);
            CANONICAL.remove(text); // a cleared entry's key may be another instance of the text
            CANONICAL.put(text, new WeakReference<>(made));
            return made;
        }
    }

    private final UnaryOperator<String> texts;

    /** {@code texts}: a file's text as Liquibase reads it, empty when it cannot be read. */
    Checksums(UnaryOperator<String> texts) {
        this.texts = texts;
    }

    /**
     * The changeset's checksum; null where Liquibase checks none: a changeset that declares {@code
     * <validCheckSum>ANY</validCheckSum>} (Keycloak's 2.5.0-unicode-oracle) is valid whatever a
     * database recorded, so an edit of it stops no deploy. A runOnChange or runAlways one keeps its
     * checksum: a changed one still runs again. {@code physical}: the file it was parsed from;
     * {@code again}: for a load that keeps none of Liquibase's parse, the checksum computed from a
     * parse made again when it is read (null: the changeset is kept for that).
     */
    Checksum of(ChangeSet changeSet, String physical, Supplier<String> again) {
        if (!changeSet.isRunOnChange()
                && !changeSet.isAlwaysRun()
                && changeSet.getValidCheckSums().stream()
                        .map(Object::toString)
                        .anyMatch(c -> c.equalsIgnoreCase("ANY") || c.equalsIgnoreCase("1:ANY"))) {
            return Checksum.of(null);
        }
        if (!readsNoFile(changeSet)) {
            return Checksum.of(compute(changeSet));
        }
        if (again != null) {
            return Checksum.computedWhenRead(null, again);
        }
        return Checksum.computedWhenRead(
                key(changeSet, physical),
                () -> {
                    try {
                        return LiquibaseRuntime.quietly(() -> compute(changeSet));
                    } catch (Exception e) {
                        return null;
                    }
                });
    }

    static String compute(ChangeSet changeSet) {
        try {
            return changeSet.generateCheckSum(ChecksumVersion.latest()).toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether its checksum reads nothing but the changeset as parsed. */
    static boolean readsNoFile(ChangeSet changeSet) {
        for (Change change : changeSet.getChanges()) {
            if (!change.getClass().getPackageName().equals("liquibase.change.core")
                    || change instanceof SQLFileChange
                    || change instanceof LoadDataChange
                    || change instanceof CreateProcedureChange
                    || change instanceof CreateViewChange) {
                return false;
            }
        }
        for (SqlVisitor visitor : changeSet.getSqlVisitors()) {
            if (!visitor.getClass().getPackageName().equals("liquibase.sql.visitor")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keeps what a parse read of the properties, and what it found of each XML file's grammar, once
     * it is done.
     */
    void parsed(Map<DatabaseChangeLog, List<String>> read, Map<String, Boolean> xmlServed) {
        this.xmlServed.putAll(xmlServed);
        read.forEach(
                (log, names) ->
                        lookups.merge(
                                log,
                                names,
                                (a, b) -> {
                                    List<String> both = new ArrayList<>(a);
                                    both.addAll(b);
                                    return both;
                                }));
    }

    private Place key(ChangeSet changeSet, String physical) {
        DatabaseChangeLog log = changeSet.getChangeLog();
        // A look-up made for no changelog could have been for any file's text.
        if (physical == null || log == null || lookups.containsKey(null)) {
            return null;
        }
        Optional<FileText> file =
                files.computeIfAbsent(physical, p -> fileText(p, texts.apply(p), xmlServed.get(p)));
        if (file.isEmpty()) {
            return null;
        }
        Integer place =
                places.computeIfAbsent(
                                log,
                                l -> {
                                    Map<ChangeSet, Integer> out = new IdentityHashMap<>();
                                    for (ChangeSet cs : l.getChangeSets()) {
                                        if (cs.getChangeLog() == l) {
                                            out.put(cs, out.size());
                                        }
                                    }
                                    return out;
                                })
                        .get(changeSet);
        return place == null
                ? null
                : new Place(
                        file.get().format(),
                        file.get().content(),
                        place,
                        lookups.getOrDefault(log, List.of()));
    }

    /**
     * The format and text of a file, and the properties it names, when its text alone decides what
     * Liquibase parses from it once those are known (see the class); empty otherwise.
     */
    static Optional<FileText> fileText(String path, String text) {
        return fileText(path, text, null);
    }

    /**
     * As {@link #fileText(String, String)}; {@code servedByLiquibase}: whether an XML file's
     * grammar is one Liquibase serves, as its parse found (null: not known, found here).
     */
    private static Optional<FileText> fileText(
            String path, String text, Boolean servedByLiquibase) {
        String lower = path.toLowerCase(Locale.ROOT);
        String format =
                List.of(".xml", ".yaml", ".yml", ".json", ".sql").stream()
                        .filter(lower::endsWith)
                        .findFirst()
                        .orElse(null);
        if (format == null || text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (namesLobFile(text)) {
            return Optional.empty();
        }
        if (format.equals(".xml")
                && !(servedByLiquibase != null
                        ? servedByLiquibase
                        : XsdGrammarCache.servedByLiquibase(text))) {
            return Optional.empty();
        }
        return Optional.of(new FileText(format, canonical(text)));
    }

    /**
     * Whether the text holds {@code blobFile} or {@code clobFile} in any case of its letters (a
     * {@code valueBlobFile} or {@code valueClobFile}), read in place.
     */
    private static boolean namesLobFile(String text) {
        for (int i = 0, end = text.length() - "blobfile".length(); i <= end; i++) {
            char c = text.charAt(i);
            if ((c == 'b' || c == 'B' || c == 'c' || c == 'C')
                    && text.regionMatches(true, i + 1, "lobfile", 0, "lobfile".length())) {
                return true;
            }
        }
        return false;
    }
}
