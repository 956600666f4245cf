package dev.evoplan.source.liquibase;

import dev.evoplan.model.LoadedSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import liquibase.resource.AbstractResource;
import liquibase.resource.OpenOptions;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * Reuse of one changelog load by the next load in the same run ({@code plan --from --to}, the two
 * sides of {@code check --base}, a git ref and a folder): every lookup the first load made through
 * its resource accessor (a path asked for, a folder searched, a file resolved next to another) is
 * kept with the git blob id of each file it answered with (known from the tree for a commit's file,
 * else hashed from its bytes as git does). The next load asks the same lookups of its own accessor
 * first. Where every answer is the same, Liquibase would read the same bytes and the load gives the
 * same schema and history: the first load's result is the answer, parsed and folded once. Where
 * only the master differs, by changesets appended to it, only those are parsed and folded ({@link
 * LiquibaseSource#append}). Anything else is loaded whole, as before.
 */
final class SideReuse {
    /** The last load made with lookups recorded; only loads of the same master can reuse it. */
    private static final AtomicReference<Remembered> LAST = new AtomicReference<>();

    private SideReuse() {}

    /** Drops the last load (tests: the next load is a whole one). */
    static void forget() {
        LAST.set(null);
    }

    /**
     * @param ran whether its changesets keep only what they changed ({@link
     *     LiquibaseSource.Kept#RAN}): then no load that keeps every state reuses it
     */
    private record Remembered(
            String master,
            LiquibaseOptions options,
            LiquibaseSource.Loaded loaded,
            Map<Lookup, String> answers,
            Map<Object, Object> systemProperties,
            boolean ran) {}

    /** Keeps a whole load's result and the answers its accessor gave, for the next load. */
    static void remember(
            String master,
            LiquibaseOptions options,
            LiquibaseSource.Loaded loaded,
            Lookups lookups,
            LiquibaseSource.Kept kept) {
        Map<Lookup, String> answers = lookups == null ? null : lookups.answers();
        if (answers != null) {
            LAST.set(
                    new Remembered(master, options, loaded, answers, systemProperties(), kept.ran));
        }
    }

    /**
     * The load of {@code master} through {@code accessor} taken from the last one where it reads
     * the same bytes, or gone on from it where only the master gained changesets; empty when
     * neither applies (then load it whole). Changesets that keep only what they changed ({@link
     * LiquibaseSource.Kept#RAN}) are taken over only by a load that keeps no more, or by the new
     * side compared with them ({@link LiquibaseSource.Kept#after}).
     */
    static Optional<LoadedSchema> reuse(
            LiquibaseSource source,
            String master,
            LiquibaseOptions options,
            RecordingAccessor accessor,
            String shown,
            UnaryOperator<String> display,
            LiquibaseSource.Kept kept) {
        Remembered last = LAST.get();
        // Liquibase expands ${name} from the system properties too.
        if (last == null
                || (last.ran && !kept.ran && kept.after != last.loaded.schema().history())
                || !last.master.equals(master)
                || !last.options.equals(options)
                || !last.systemProperties.equals(systemProperties())) {
            return Optional.empty();
        }
        Lookups now = Lookups.replaying(accessor.delegate());
        boolean masterChanged = false;
        for (Map.Entry<Lookup, String> asked : last.answers.entrySet()) {
            Lookup lookup = asked.getKey();
            String answer = now.replay(lookup);
            if (answer.equals(asked.getValue())) {
                continue;
            }
            if (lookup.kind() != Lookup.Kind.GET
                    || !Preconditions.normalPath(lookup.path())
                            .equals(Preconditions.normalPath(master))) {
                return Optional.empty();
            }
            masterChanged = true;
        }
        if (!masterChanged) {
            LoadedSchema was = last.loaded.schema();
            return Optional.of(new LoadedSchema(shown, was.schema(), was.history()));
        }
        // The appended part's limits are checked as it is read (RecordingAccessor), the rest was
        // checked by the last load.
        return source.append(last.loaded.resumable(), accessor.delegate(), shown, display)
                .map(LiquibaseSource.Loaded::schema);
    }

    private static Map<Object, Object> systemProperties() {
        return Map.copyOf(System.getProperties());
    }

    /** One question asked of a resource accessor, or of a resource it answered with. */
    record Lookup(
            Kind kind,
            String path,
            Object searchOptions,
            boolean recursive,
            Lookup base,
            int index) {
        enum Kind {
            GET,
            SEARCH,
            SEARCH_RECURSIVE,
            RESOLVE,
            RESOLVE_SIBLING
        }
    }

    /**
     * The lookups of one load and the hash of each answer (null when not recording); hands out
     * resources that note what is resolved from them.
     */
    static final class Lookups {
        /** A lookup that failed or answered nothing. */
        static final String UNANSWERED = "unanswered";

        private final ResourceAccessor accessor;
        private final Map<Lookup, String> answers;
        private final Map<Lookup, List<Resource>> found = new LinkedHashMap<>();
        private final Map<java.net.URI, String> hashes =
                new java.util.concurrent.ConcurrentHashMap<>();

        private Lookups(ResourceAccessor accessor, boolean recording) {
            this.accessor = accessor;
            this.answers = recording ? new LinkedHashMap<>() : null;
        }

        /** Notes every answer given to {@link #note}. */
        static Lookups recording() {
            return new Lookups(null, true);
        }

        /** Asks recorded lookups again of {@code accessor} ({@link #replay}). */
        static Lookups replaying(ResourceAccessor accessor) {
            return new Lookups(accessor, false);
        }

        /** The answers in the order first asked; null when not recording. */
        synchronized Map<Lookup, String> answers() {
            return answers == null ? null : new LinkedHashMap<>(answers);
        }

        /** Notes an accessor's answer; the resources to hand on. */
        List<Resource> note(Lookup lookup, List<Resource> answer) {
            if (answers == null) {
                return answer;
            }
            synchronized (this) {
                if (!answers.containsKey(lookup)) {
                    answers.put(lookup, answer == null ? UNANSWERED : digest(answer));
                }
            }
            if (answer == null) {
                return null;
            }
            List<Resource> out = new ArrayList<>(answer.size());
            for (int i = 0; i < answer.size(); i++) {
                out.add(new Tracked(answer.get(i), this, lookup, i));
            }
            return out;
        }

        /** Asks a recorded lookup again of this accessor; the hash of the answer. */
        String replay(Lookup lookup) {
            List<Resource> answer = resources(lookup);
            return answer == null ? UNANSWERED : digest(answer);
        }

        private List<Resource> resources(Lookup lookup) {
            if (found.containsKey(lookup)) {
                return found.get(lookup);
            }
            List<Resource> answer;
            try {
                answer =
                        switch (lookup.kind()) {
                            case GET -> accessor.getAll(lookup.path());
                            case SEARCH ->
                                    accessor.search(
                                            lookup.path(),
                                            (ResourceAccessor.SearchOptions)
                                                    lookup.searchOptions());
                            case SEARCH_RECURSIVE ->
                                    accessor.search(lookup.path(), lookup.recursive());
                            case RESOLVE, RESOLVE_SIBLING -> {
                                List<Resource> bases = resources(lookup.base());
                                if (bases == null || bases.size() <= lookup.index()) {
                                    yield null;
                                }
                                Resource b = bases.get(lookup.index());
                                Resource resolved =
                                        lookup.kind() == Lookup.Kind.RESOLVE
                                                ? b.resolve(lookup.path())
                                                : b.resolveSibling(lookup.path());
                                yield resolved == null ? null : List.of(resolved);
                            }
                        };
            } catch (IOException | RuntimeException e) {
                answer = null;
            }
            found.put(lookup, answer);
            return answer;
        }

        /** Each resource's path, and its bytes' blob id where it exists and can be read. */
        private String digest(List<Resource> resources) {
            StringBuilder out = new StringBuilder();
            for (Resource r : resources) {
                out.append(r.getPath()).append('\0').append(contentHash(r)).append('\0');
            }
            return out.toString();
        }

        /**
         * A resource's bytes' git blob id: a commit's file knows it without reading a byte ({@link
         * BlobIdentified}); any other is hashed once per resource (Liquibase looks a file up by
         * path, then again next to its includer, and reads it several times). One kind of id for
         * both, so a commit's file and a folder's compare too.
         */
        private String contentHash(Resource r) {
            if (r instanceof BlobIdentified b) {
                Optional<String> id = b.blobId();
                if (id.isPresent()) {
                    return id.get();
                }
            }
            boolean exists;
            try {
                exists = r.exists();
            } catch (RuntimeException e) {
                exists = false;
            }
            if (!exists) {
                return "missing";
            }
            java.net.URI uri = r.getUri();
            String known = uri == null ? null : hashes.get(uri);
            if (known != null) {
                return known;
            }
            String hash;
            try (InputStream in = r.openInputStream()) {
                hash = BlobIdentified.of(in.readAllBytes());
            } catch (IOException | RuntimeException e) {
                hash = "unreadable";
            }
            if (uri != null) {
                hashes.put(uri, hash);
            }
            return hash;
        }
    }

    /** A resource whose own lookups (a file resolved next to it) are noted. */
    private static final class Tracked extends AbstractResource {
        private final Resource original;
        private final Lookups lookups;
        private final Lookup from;
        private final int index;

        Tracked(Resource original, Lookups lookups, Lookup from, int index) {
            super(original.getPath(), original.getUri());
            this.original = original;
            this.lookups = lookups;
            this.from = from;
            this.index = index;
        }

        @Override
        public InputStream openInputStream() throws IOException {
            return original.openInputStream();
        }

        @Override
        public OutputStream openOutputStream(OpenOptions openOptions) throws IOException {
            return original.openOutputStream(openOptions);
        }

        @Override
        public boolean exists() {
            return original.exists();
        }

        @Override
        public boolean isWritable() {
            return original.isWritable();
        }

        @Override
        public Resource resolve(String other) {
            return noted(Lookup.Kind.RESOLVE, other, original.resolve(other));
        }

        @Override
        public Resource resolveSibling(String other) {
            return noted(Lookup.Kind.RESOLVE_SIBLING, other, original.resolveSibling(other));
        }

        @Override
        public String getOriginalPath() {
            return original instanceof AbstractResource a ? a.getOriginalPath() : getPath();
        }

        private Resource noted(Lookup.Kind kind, String other, Resource resolved) {
            Lookup lookup = new Lookup(kind, other, null, false, from, index);
            List<Resource> out = lookups.note(lookup, resolved == null ? null : List.of(resolved));
            return out == null ? null : out.get(0);
        }
    }
}
