package dev.evoplan.source.liquibase;

import java.util.HashMap;
import java.util.Map;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.change.ChangeFactory;
import liquibase.changeset.ChangeSetServiceFactory;
import liquibase.logging.core.NoOpLogService;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Runs Liquibase code in a scope of its own: our resource accessor, and no logging or console
 * output (Liquibase logs parse errors and warnings through java.util.logging and prints {@code
 * output} messages; the CLI alone decides what the user sees).
 */
final class LiquibaseRuntime {
    private static boolean pluginsRegistered;

    /**
     * SnakeYAML logs through java.util.logging, under the name of Liquibase's YAML constructor, not
     * through Liquibase's log service: a mapping that holds a key twice (Metabase's {@code - sql:}
     * over {@code sql: SELECT 1;}) printed a timestamped warning naming neither file nor line on
     * every load. Liquibase reads the last value, and so does the model. Held here: the logging
     * framework keeps loggers only weakly, and a collected logger forgets its level; set on each
     * load, in case logging was configured again since.
     */
    private static final java.util.logging.Logger YAML_LOG =
            java.util.logging.Logger.getLogger("liquibase.parser.core.yaml");

    private LiquibaseRuntime() {}

    /** Work that needs the Liquibase scope; may throw anything Liquibase throws. */
    interface Work<T> {
        T run() throws Exception;
    }

    /** Runs work with Liquibase's logging, console output and duplicate-file errors turned off. */
    static <T> T quietly(Work<T> work) throws Exception {
        registerPlugins();
        YAML_LOG.setLevel(java.util.logging.Level.OFF);
        Map<String, Object> values = new HashMap<>();
        values.put(Scope.Attr.logService.name(), new NoOpLogService());
        values.put(Scope.Attr.ui.name(), new LoggerUIService());
        // The value every scope below would find at the root: found here, Liquibase's change
        // factory looks it up once per registered change type for every change it creates.
        values.put(Scope.Attr.checksumVersion.name(), Scope.getCurrentScope().getChecksumVersion());
        // A path found under two roots (the changelog's directory and the current one) is taken
        // from the first, as a search path is meant to work, instead of failing the load.
        values.put(
                GlobalConfiguration.DUPLICATE_FILE_MODE.getKey(),
                GlobalConfiguration.DuplicateFileMode.WARN);
        return Scope.child(
                values,
                () -> {
                    XsdGrammarCache.register();
                    return work.run();
                });
    }

    /**
     * Runs work (inside {@link #quietly}) with the resource accessor Liquibase's parsers read from.
     */
    static <T> T withResources(ResourceAccessor accessor, Work<T> work) throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put(Scope.Attr.resourceAccessor.name(), accessor);
        values.put(Scope.Attr.checksumVersion.name(), Scope.getCurrentScope().getChecksumVersion());
        // The change factory's choices, asked once per name for the whole load.
        values.put(ChangeChoices.SCOPE_KEY, new ChangeChoices());
        return Scope.child(values, work::run);
    }

    /**
     * Liquibase keeps one change registry and one changeset service registry per JVM. Our
     * customChange replaces Liquibase's only where the named class is missing; everywhere else it
     * does what Liquibase's own wrapper does. Our changeset service makes Liquibase's changesets,
     * which inside a load create their changes by the load's {@link ChangeChoices}.
     */
    private static synchronized void registerPlugins() throws Exception {
        if (pluginsRegistered) {
            return;
        }
        Map<String, Object> quiet = new HashMap<>();
        quiet.put(Scope.Attr.logService.name(), new NoOpLogService());
        Scope.child(
                quiet,
                () -> {
                    Scope.getCurrentScope()
                            .getSingleton(ChangeFactory.class)
                            .register(new UnloadedCustomChange());
                    ChangeSetServiceFactory.getInstance().register(new ChangeChoices.Service());
                });
        ConfigurationProviders.install();
        pluginsRegistered = true;
    }
}
