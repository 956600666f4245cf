package dev.evoplan.source.liquibase;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import liquibase.changelog.ChangeSet;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * The checksums of one part of a master parsed in parts ({@link ChunkedYaml}), whose parse is let
 * go once folded: computed from a parse of the part made again when one of them is first read, all
 * of the part's at once. Most are never read (a plan compares a changeset's checksum only with
 * another load's of the same identity, and the new side of an appended changelog takes the old
 * side's changesets over, the same objects): computing each at load was a fifth of the CPU of the
 * 50 MB YAML plan.
 *
 * <p>What it keeps for that is the part's text compressed (about a tenth of it: a load's parts kept
 * the whole file's text for the rest of the run, 54 MB for the 50 MB plan), the entries its
 * changesets must match and the master's file; the parse reads the part from there, not from the
 * load's resources, which may be closed by then.
 */
final class PartChecksums {
    /** Liquibase's parse of the master as {@code resources} serve it. */
    interface Parse {
        List<ChangeSet> parse(ResourceAccessor resources) throws Exception;
    }

    private final byte[] header;
    private final byte[] body;
    private final List<ChangesetLines.Entry> entries;
    private final String master;
    private final Resource file;
    private final Parse parse;
    private String[] sums;

    /**
     * {@code header}: the part's header as UTF-8, shared by a load's parts; {@code file}: the
     * master as the load's resources found it.
     */
    PartChecksums(ChunkedYaml.Part part, byte[] header, String master, Resource file, Parse parse) {
        this.header = header;
        this.body = deflate(part.whole().substring(part.start(), part.end()));
        this.entries = List.copyOf(part.entries());
        this.master = master;
        this.file = file;
        this.parse = parse;
    }

    /** The checksum of the part's {@code nth} changeset as Liquibase parses it. */
    Supplier<String> of(int nth) {
        return () -> sum(nth);
    }

    private synchronized String sum(int nth) {
        if (sums == null) {
            sums = computeAll();
        }
        return nth < sums.length ? sums[nth] : null;
    }

    /** Every changeset's checksum; none when the parse is not the one folded. */
    private String[] computeAll() {
        try {
            byte[] text = inflate(header, body);
            // The master alone: no other path is served.
            try (Appended.Overlay resources =
                    Appended.Overlay.readAlready(
                            new CompositeResourceAccessor(),
                            master,
                            new Appended.Replaced(file, text))) {
                List<ChangeSet> again =
                        LiquibaseRuntime.quietly(
                                () ->
                                        LiquibaseRuntime.withResources(
                                                resources, () -> parse.parse(resources)));
                if (!ChunkedYaml.matches(entries, again, master)) {
                    return new String[0];
                }
                String[] out = new String[again.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Checksums.compute(again.get(i));
                }
                return out;
            }
        } catch (Exception e) {
            return new String[0];
        }
    }

    private static byte[] deflate(String text) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 8 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** {@code prefix}, then what {@code compressed} inflates to. */
    private static byte[] inflate(byte[] prefix, byte[] compressed) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out =
                    new ByteArrayOutputStream(prefix.length + compressed.length * 8);
            out.write(prefix, 0, prefix.length);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated part");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
