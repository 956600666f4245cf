package dev.evoplan.cli;

import dev.evoplan.model.InputException;
import dev.evoplan.model.Schema;
import dev.evoplan.source.SourceSettings;
import dev.evoplan.source.Sources;
import picocli.CommandLine.Option;

/**
 * {@code --schema SRC}: what exists before the first migration or changeset, one option for {@code
 * lint}, {@code plan} and {@code check}.
 */
final class StartSchemaOption {
    @Option(
            names = "--schema",
            paramLabel = "SRC",
            description =
                    "What exists before the first migration (a changelog, SQL file or folder, git:REF:PATH or "
                            + "jdbc:postgresql: URL). lint: without it, objects a migration uses are assumed to exist, of unknown size. "
                            + "plan, check: both sides (changelogs, migration folders) go on from it, as a changelog that builds on another does.")
    String schema;

    /**
     * {@code e}, where no {@code --schema} was given and a source changes something it does not
     * make ("table x does not exist"), with a hint that it may build on another changelog.
     */
    InputException hinted(InputException e) {
        if (schema != null
                || e.getMessage() == null
                || !e.getMessage().contains(" does not exist")) {
            return e;
        }
        return new InputException(
                e.file(),
                e.line(),
                e.getMessage()
                        + " (if it builds on another changelog or folder, give that one with --schema SRC)",
                e);
    }

    /** The schema {@code --schema} names, read alone; {@link Schema#EMPTY} without it. */
    Schema load(SourceSettings settings) {
        return schema == null ? Schema.EMPTY : Sources.load(schema, settings).schema();
    }
}
