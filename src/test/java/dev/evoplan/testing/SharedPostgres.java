package dev.evoplan.testing;

import dev.evoplan.verify.EmbeddedServers;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (src/test/resources: the Extension service file, with
 * autodetection on in junit-platform.properties). Before the first class it makes production code
 * that starts an embedded server (verify, --shadow, a live database's spelling) borrow the shared
 * {@link PostgresServers} instead; when the engine has run every class it stops those servers and
 * removes their data folders, before the test JVM exits; after each top-level class it drops the
 * databases the class made, so little is left to remove. It also tells {@link TestTier} which class
 * runs and whether it carries {@code @Tag("postgres")}.
 */
public final class SharedPostgres implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedPostgres.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root context's store is closed when the engine finishes: that ends the servers.
        context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Servers.class, k -> new Servers(), Servers.class);
        TestTier.entered(
                context.getRequiredTestClass(), context.getTags().contains(TestTier.POSTGRES));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestTier.left();
        if (context.getParent().filter(parent -> parent == context.getRoot()).isPresent()) {
            // A top-level class is done with its databases (a @Nested one shares its enclosing
            // class's).
            PostgresServers.dropDatabases();
        }
    }

    /** The servers of one test run, lent to production code while the run lasts. */
    static final class Servers implements AutoCloseable {
        Servers() {
            EmbeddedServers.lendFrom(PostgresServers::server);
        }

        @Override
        public void close() {
            EmbeddedServers.lendFrom(null);
            PostgresServers.stopAll();
        }
    }
}
