package dev.evoplan.source.liquibase;

import dev.evoplan.model.Checksum;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>The key of a changeset is the hash of its file's text, the file's format, and the changeset's
 * place among those Liquibase parsed from that file, given only where Liquibase's checksum is a
 * function of those alone:
 *
 * <ul>
 *   <li>every change is a core change type that reads no file ({@code sqlFile}, {@code loadData},
 *       {@code loadUpdateData}, {@code createProcedure} and {@code createView}, which may name a
 *       path, and any extension or {@code customChange} compute their checksum when loaded, as
 *       before: their files are read through the load's resources), and every {@code modifySql} is
 *       a core one;
 *   <li>the file's properties are kept as written: every {@code ${name}} in it names a property its
 *       changelog has no value for, and nothing else in it could spell one (an escape that may be a
 *       {@code $} or a brace, {@code \} in YAML and JSON; in XML a character reference to one, or a
 *       {@code $} right before markup); no {@code valueBlobFile} or {@code valueClobFile};
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

    /** Whether each parsed changelog defines none of the properties its text names. */
    private final Map<DatabaseChangeLog, Boolean> literal = new IdentityHashMap<>();

    /**
     * The format and text hash of a file whose parse its text alone decides, but for the properties
     * it names ({@code ${name}}).
     */
    record FileText(String key, Set<String> properties) {}

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
     * {@code now}: computed at once (a load that keeps none of Liquibase's parse).
     */
    Checksum of(ChangeSet changeSet, String physical, boolean now) {
        if (!changeSet.isRunOnChange()
                && !changeSet.isAlwaysRun()
                && changeSet.getValidCheckSums().stream()
                        .map(Object::toString)
                        .anyMatch(c -> c.equalsIgnoreCase("ANY") || c.equalsIgnoreCase("1:ANY"))) {
            return Checksum.of(null);
        }
        if (now || !readsNoFile(changeSet)) {
            return Checksum.of(compute(changeSet));
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

    private static String compute(ChangeSet changeSet) {
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

    private String key(ChangeSet changeSet, String physical) {
        DatabaseChangeLog log = changeSet.getChangeLog();
        if (physical == null || log == null || log.getChangeLogParameters() == null) {
            return null;
        }
        Optional<FileText> file = files.computeIfAbsent(physical, p -> fileText(p, texts.apply(p)));
        if (file.isEmpty() || !literal.computeIfAbsent(log, l -> definesNone(l, file.get()))) {
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
        return place == null ? null : file.get().key() + "\n" + place;
    }

    /**
     * Whether none of the properties the file names has a value for its changelog: a property is
     * only ever added, so none had one when the file was parsed either, and each {@code ${name}}
     * was kept as written.
     */
    private static boolean definesNone(DatabaseChangeLog log, FileText file) {
        for (String name : file.properties()) {
            if (log.getChangeLogParameters().getValue(name, log) != null
                    || log.getChangeLogParameters().hasValue(name, log)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The format and hash of a file's text, and the properties it names, when its text alone
     * decides what Liquibase parses from it once those are known (see the class); empty otherwise.
     */
    static Optional<FileText> fileText(String path, String text) {
        String lower = path.toLowerCase(Locale.ROOT);
        String format =
                List.of(".xml", ".yaml", ".yml", ".json", ".sql").stream()
                        .filter(lower::endsWith)
                        .findFirst()
                        .orElse(null);
        if (format == null || text == null || text.isEmpty()) {
            return Optional.empty();
        }
        Set<String> properties = properties(text);
        if (properties == null || spellsProperty(text, format.equals(".xml"))) {
            return Optional.empty();
        }
        String folded = text.toLowerCase(Locale.ROOT);
        if (folded.contains("blobfile") || folded.contains("clobfile")) {
            return Optional.empty();
        }
        if (format.equals(".xml") && !XsdGrammarCache.servedByLiquibase(text)) {
            return Optional.empty();
        }
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return Optional.of(
                    new FileText(format + ":" + HexFormat.of().formatHex(hash), properties));
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /**
     * The names of the {@code ${name}} in the text (an escaped {@code ${:name}} both with and
     * without its colon); null where one is not a plain name (nested, or never closed).
     */
    private static Set<String> properties(String text) {
        Set<String> out = new TreeSet<>();
        int at = text.indexOf("${");
        while (at >= 0) {
            int end = text.indexOf('}', at + 2);
            if (end < 0) {
                return null;
            }
            String name = text.substring(at + 2, end);
            if (name.contains("$") || name.contains("{")) {
                return null;
            }
            out.add(name);
            out.add(name.trim());
            if (name.trim().startsWith(":")) {
                out.add(name.trim().substring(1));
            }
            at = text.indexOf("${", end);
        }
        return out;
    }

    /**
     * Whether the parse could make a {@code ${} the text does not hold: in YAML and JSON a
     * character escape by number (a backslash and {@code x}, {@code u} or {@code U}), or a {@code $} and an
     * escaped line break joined away; in XML a character reference to a {@code $} or a brace, or
     * a {@code $} right before markup (a comment or CDATA section between it and the brace).
     */
    private static boolean spellsProperty(String text, boolean xml) {
        if (!xml) {
            return text.contains("\\x")
                    || text.contains("\\u")
                    || text.contains("\\U")
                    || (text.indexOf('$') >= 0 && text.indexOf('\\') >= 0);
        }
        if (text.contains("$<")) {
            return true;
        }
        int at = text.indexOf("&#");
        while (at >= 0) {
            int end = text.indexOf(';', at);
            if (end < 0) {
                return true;
            }
            String ref = text.substring(at + 2, end);
            int code;
            try {
                code =
                        ref.startsWith("x") || ref.startsWith("X")
                                ? Integer.parseInt(ref.substring(1), 16)
                                : Integer.parseInt(ref);
            } catch (NumberFormatException e) {
                return true;
            }
            if (code == '$' || code == '{' || code == '}') {
                return true;
            }
            at = text.indexOf("&#", end);
        }
        return false;
    }
}
