package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.rules.JudgeContext;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.TableStats;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrowingSetTest {
    private static final QualifiedName A = QualifiedName.of("a");
    private static final QualifiedName B = QualifiedName.of("b");

    @Test
    void aSnapshotKeepsWhatTheSetHeldWhenItWasTaken() {
        GrowingSet<QualifiedName> created = new GrowingSet<>();
        created.add(A);
        Set<QualifiedName> first = created.snapshot();
        created.add(B);
        created.add(A);
        assertThat(first).containsExactly(A).hasSize(1);
        assertThat(first.contains(B)).isFalse();
        assertThat(created.snapshot()).containsExactly(A, B);
        created.clear();
        assertThat(created.snapshot()).isEmpty();
        assertThat(created.contains(A)).isFalse();
        assertThat(first).containsExactly(A);
        assertThat(first).isEqualTo(Set.of(A));
    }

    @Test
    void aJudgingContextSharesTheSnapshotInsteadOfCopyingIt() {
        GrowingSet<QualifiedName> created = new GrowingSet<>();
        created.add(A);
        Set<QualifiedName> snapshot = created.snapshot();
        JudgeContext context =
                new JudgeContext(
                        Mode.AS_WRITTEN,
                        JudgeContext.DEFAULT_PG_VERSION,
                        TableStats.UNKNOWN,
                        Schema.EMPTY,
                        snapshot,
                        null,
                        null);
        assertThat(context.newTables()).isSameAs(snapshot);
        assertThat(context.isNew(A)).isTrue();
        assertThat(context.isNew(B)).isFalse();
    }
}
