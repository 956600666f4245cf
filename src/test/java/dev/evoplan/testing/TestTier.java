package dev.evoplan.testing;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which test class is running and whether it is tagged {@link #POSTGRES}, kept by {@link
 * SharedPostgres}: a test server is refused to an untagged class, so a test that needs PostgreSQL
 * without the tag fails in the fast tier instead of slowing it down unseen.
 */
public final class TestTier {
    /** The tag of the PostgreSQL tier ({@code @Tag("postgres")}). */
    public static final String POSTGRES = "postgres";

    private record Running(Class<?> testClass, boolean tagged) {}

    /** Innermost class last: a {@code @Nested} class runs inside its enclosing one. */
    private static final Deque<Running> RUNNING = new ArrayDeque<>();

    private TestTier() {}

    static synchronized void entered(Class<?> testClass, boolean taggedPostgres) {
        RUNNING.push(new Running(testClass, taggedPostgres));
    }

    static synchronized void left() {
        RUNNING.poll();
    }

    /**
     * Why the running test class may not have a server, or null when it may: it is tagged, or no
     * JUnit Jupiter class is running (another engine, or code outside a test).
     */
    static synchronized String refusal() {
        Running running = RUNNING.peek();
        if (running == null || running.tagged()) {
            return null;
        }
        return running.testClass().getName()
                + " uses PostgreSQL but is not tagged @Tag(\""
                + POSTGRES
                + "\"): add the tag so the test runs in the PostgreSQL tier (docs/testing.md)";
    }

    /** Throws when the running test class is not tagged {@link #POSTGRES}. */
    static void requirePostgresTag() {
        String refusal = refusal();
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }
}
