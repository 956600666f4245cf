package dev.evoplan.source.liquibase;

import java.util.Map;
import liquibase.Scope;
import liquibase.configuration.ConfigurationValueProvider;
import liquibase.configuration.LiquibaseConfiguration;
import liquibase.configuration.core.EnvironmentValueProvider;
import liquibase.configuration.core.SystemPropertyValueProvider;

/**
 * Liquibase's environment and system-property configuration providers, answering as Liquibase's own
 * do without their cost per look-up. Liquibase looks a setting up several times per changeset
 * (checksums, SQL generation, every schema object's hash), and each look-up hashed the whole
 * process environment and copied all system properties to see whether they changed: about a sixth
 * of a large changelog's load.
 */
final class ConfigurationProviders {
    private ConfigurationProviders() {}

    /** Puts these providers in place of Liquibase's two, in the JVM's one configuration. */
    static void install() {
        LiquibaseConfiguration configuration =
                Scope.getCurrentScope().getSingleton(LiquibaseConfiguration.class);
        replace(configuration, new EnvironmentValueProvider(), new Environment());
        replace(configuration, new SystemPropertyValueProvider(), new SystemProperties());
    }

    private static void replace(
            LiquibaseConfiguration configuration,
            ConfigurationValueProvider original,
            ConfigurationValueProvider replacement) {
        ConfigurationValueProvider registered = configuration.getProvider(original);
        if (registered != null && configuration.unregisterProvider(registered)) {
            configuration.registerProvider(replacement);
        }
    }

    /**
     * The process environment cannot change while the JVM runs, so its hash (which Liquibase
     * compares to drop the values it found) is taken once.
     */
    static final class Environment extends EnvironmentValueProvider {
        private final int hash = super.getMapHash();

        @Override
        protected int getMapHash() {
            return hash;
        }
    }

    /**
     * System properties can change, so they are still hashed at every look-up, but read where they
     * are instead of copied first ({@code Properties} is safe to read while written).
     */
    static final class SystemProperties extends SystemPropertyValueProvider {
        @Override
        protected Map<?, ?> getMap() {
            return System.getProperties();
        }
    }
}
