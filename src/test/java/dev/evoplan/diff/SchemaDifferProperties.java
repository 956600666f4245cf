package dev.evoplan.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.EnumType;
import dev.evoplan.model.Schema;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of the differ over small generated schemas. */
class SchemaDifferProperties {

    /** A target near the source (same seed, some decisions flipped), equal to it, or unrelated. */
    private static Schema target(long seed, long noiseSeed, int mode) {
        return switch (mode) {
            case 0 -> SchemaGenerator.generate(seed, noiseSeed, 0.0);
            case 1 -> SchemaGenerator.generate(seed, noiseSeed, 0.02);
            case 2 -> SchemaGenerator.generate(seed, noiseSeed, 0.08);
            default -> SchemaGenerator.generate(noiseSeed, seed, 0.0);
        };
    }

    @Property(tries = 300)
    void aSchemaHasNoDifferenceFromItself(@ForAll long seed) {
        Schema a = SchemaGenerator.generate(seed, 0, 0.0);

        assertThat(SchemaDiffer.diff(a, a)).isEmpty();
    }

    @Property(tries = 600)
    void theDiffIsEmptyExactlyWhenTheSchemasAreEqual(
            @ForAll long seed,
            @ForAll long noiseSeed,
            @ForAll @IntRange(min = 0, max = 3) int mode) {
        Schema a = SchemaGenerator.generate(seed, 0, 0.0);
        Schema b = target(seed, noiseSeed, mode);

        assertThat(SchemaDiffer.diff(a, b).isEmpty())
                .isEqualTo(sequencesNormalized(a).equals(sequencesNormalized(b)));
    }

    /**
     * The strongest check: carried out in order on the model, with PostgreSQL's refusals as
     * preconditions, the changes turn the source into the target. An enum that needs manual
     * migration is the one thing left undone, and it is reported.
     */
    @Property(tries = 600)
    void theChangesInTheirOrderTurnTheSourceIntoTheTarget(
            @ForAll long seed,
            @ForAll long noiseSeed,
            @ForAll @IntRange(min = 0, max = 3) int mode) {
        Schema a = SchemaGenerator.generate(seed, 0, 0.0);
        Schema b = target(seed, noiseSeed, mode);

        List<Change> changes = SchemaDiffer.diff(a, b);
        List<Change> opaque = changes.stream().filter(c -> c.kind() == Change.Kind.OPAQUE).toList();
        Schema result =
                ChangeApplier.apply(
                        a, changes.stream().filter(c -> c.kind() != Change.Kind.OPAQUE).toList());

        for (Change o : opaque) {
            EnumType before =
                    a.enums().values().stream()
                            .filter(e -> ((Change.Opaque) o).text().contains(e.name().name()))
                            .findFirst()
                            .orElseThrow();
            EnumType after = b.enums().get(before.name());
            assertThat(after.values())
                    .as("only a label removal or reorder is opaque")
                    .isNotEqualTo(before.values());
            result = result.withEnum(after);
        }
        assertThat(sequencesNormalized(ChangeApplier.columnsSorted(result)))
                .isEqualTo(sequencesNormalized(ChangeApplier.columnsSorted(b)));
    }

    /**
     * Sequences compare with PostgreSQL's defaults spelled out or left out alike, as the differ
     * does.
     */
    private static Schema sequencesNormalized(Schema s) {
        Schema result = s;
        for (var seq : s.sequences().values()) {
            result = result.withSequence(seq.normalized());
        }
        return result;
    }

    @Property(tries = 200)
    void theDiffIsDeterministic(@ForAll long seed, @ForAll long noiseSeed) {
        Schema a = SchemaGenerator.generate(seed, 0, 0.0);
        Schema b = target(seed, noiseSeed, 2);

        assertThat(SchemaDiffer.diff(a, b)).isEqualTo(SchemaDiffer.diff(a, b));
    }
}
