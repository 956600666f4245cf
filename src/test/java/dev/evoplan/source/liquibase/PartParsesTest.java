package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parts parsed ahead on threads of their own come back in order, each parsed in the caller's
 * Liquibase scope, and neither side's scopes leak into the other's while both enter and leave
 * theirs.
 */
class PartParsesTest {
    private int threads;

    @BeforeEach
    void remember() {
        threads = PartParses.threads;
        PartParses.threads = 2;
    }

    @AfterEach
    void restore() {
        PartParses.threads = threads;
    }

    private static List<ChunkedYaml.Part> parts(int n) {
        String whole = "x".repeat(n);
        List<ChunkedYaml.Part> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ChunkedYaml.Part(whole, 0, i, i + 1, List.of()));
        }
        return out;
    }

    @Test
    void partsComeInOrderEachInTheCallersScopeAndScopesStayApart() throws Exception {
        List<ChunkedYaml.Part> parts = parts(40);
        List<String> got = new ArrayList<>();
        List<String> seenByCaller = new ArrayList<>();
        Scope.child(
                Map.of("marker", "caller"),
                () -> {
                    try (PartParses<String> parses =
                            new PartParses<>(
                                    parts,
                                    part ->
                                            Scope.child(
                                                    Map.of("part", part.start()),
                                                    () -> {
                                                        Thread.sleep(2);
                                                        Scope now = Scope.getCurrentScope();
                                                        return now.get("part", Integer.class)
                                                                + " "
                                                                + now.get("marker", String.class)
                                                                + " "
                                                                + now.get("fold", String.class);
                                                    }))) {
                        for (int i = 0; i < parts.size(); i++) {
                            got.add(parses.next());
                            // The fold enters and leaves scopes of its own meanwhile.
                            int at = i;
                            Scope.child(
                                    Map.of("fold", "fold " + at),
                                    () -> {
                                        Thread.sleep(2);
                                        seenByCaller.add(
                                                Scope.getCurrentScope().get("fold", String.class)
                                                        + " "
                                                        + Scope.getCurrentScope()
                                                                .get("part", Integer.class));
                                    });
                        }
                    }
                    assertThat(Scope.getCurrentScope().get("marker", String.class))
                            .isEqualTo("caller");
                });
        List<String> expected = new ArrayList<>();
        List<String> expectedByCaller = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            expected.add(i + " caller null");
            expectedByCaller.add("fold " + i + " null");
        }
        assertThat(got).isEqualTo(expected);
        assertThat(seenByCaller).isEqualTo(expectedByCaller);
    }

    @Test
    void aPartsFailureIsThrownWhenItsTurnComes() throws Exception {
        List<ChunkedYaml.Part> parts = parts(10);
        List<Integer> got = new ArrayList<>();
        Throwable thrown;
        try (PartParses<Integer> parses =
                new PartParses<>(
                        parts,
                        part -> {
                            if (part.start() == 6) {
                                throw new IllegalStateException("part 6");
                            }
                            return part.start();
                        })) {
            thrown =
                    catchThrowable(
                            () -> {
                                for (int i = 0; i < parts.size(); i++) {
                                    got.add(parses.next());
                                }
                            });
        }
        assertThat(got).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("part 6");
    }
}
