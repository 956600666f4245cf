package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.configuration.ConfigurationValueProvider;
import liquibase.configuration.LiquibaseConfiguration;
import liquibase.configuration.ProvidedValue;
import liquibase.configuration.core.EnvironmentValueProvider;
import liquibase.configuration.core.SystemPropertyValueProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our configuration providers answer as Liquibase's own, which they replace. */
class ConfigurationProvidersTest {
    @BeforeAll
    static void startLiquibase() throws Exception {
        LiquibaseRuntime.quietly(() -> null);
    }

    @Test
    void replaceLiquibasesEnvironmentAndSystemPropertyProviders() {
        List<Class<?>> kinds = new ArrayList<>();
        for (ConfigurationValueProvider p :
                Scope.getCurrentScope().getSingleton(LiquibaseConfiguration.class).getProviders()) {
            kinds.add(p.getClass());
        }
        assertThat(kinds)
                .contains(
                        ConfigurationProviders.Environment.class,
                        ConfigurationProviders.SystemProperties.class)
                .doesNotContain(EnvironmentValueProvider.class, SystemPropertyValueProvider.class);
    }

    @Test
    void aSystemPropertySetLaterIsStillSeen() {
        String key = "liquibase.includeCatalogInSpecification";
        assertThat(GlobalConfiguration.INCLUDE_CATALOG_IN_SPECIFICATION.getCurrentValue())
                .isFalse();
        System.setProperty(key, "true");
        try {
            assertThat(GlobalConfiguration.INCLUDE_CATALOG_IN_SPECIFICATION.getCurrentValue())
                    .isTrue();
        } finally {
            System.clearProperty(key);
        }
        assertThat(GlobalConfiguration.INCLUDE_CATALOG_IN_SPECIFICATION.getCurrentValue())
                .isFalse();
    }

    @Test
    void environmentAnswersAsLiquibasesOwn() {
        ConfigurationProviders.Environment ours = new ConfigurationProviders.Environment();
        EnvironmentValueProvider theirs = new EnvironmentValueProvider();
        List<String> keys = new ArrayList<>(List.of("liquibase.no-such-setting", "nothing"));
        for (String name : System.getenv().keySet()) {
            keys.add(name);
            keys.add(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        }
        for (String key : keys) {
            // Twice: the second answer comes from what the provider kept.
            for (int i = 0; i < 2; i++) {
                assertThat(describe(ours.getProvidedValue(key)))
                        .as(key)
                        .isEqualTo(describe(theirs.getProvidedValue(key)));
            }
        }
    }

    @Test
    void systemPropertiesAnswerAsLiquibasesOwn() {
        ConfigurationProviders.SystemProperties ours =
                new ConfigurationProviders.SystemProperties();
        SystemPropertyValueProvider theirs = new SystemPropertyValueProvider();
        for (String key : System.getProperties().stringPropertyNames()) {
            assertThat(describe(ours.getProvidedValue(key)))
                    .as(key)
                    .isEqualTo(describe(theirs.getProvidedValue(key)));
        }
        System.setProperty("evoplan.test.provider", "one");
        try {
            assertThat(ours.getProvidedValue("evoplan.test.provider").getValue()).isEqualTo("one");
            System.setProperty("evoplan.test.provider", "two");
            assertThat(ours.getProvidedValue("evoplan.test.provider").getValue()).isEqualTo("two");
        } finally {
            System.clearProperty("evoplan.test.provider");
        }
        assertThat(ours.getProvidedValue("evoplan.test.provider")).isNull();
    }

    private static String describe(ProvidedValue value) {
        return value == null
                ? "none"
                : value.getRequestedKey() + "=" + value.getActualKey() + ":" + value.getValue();
    }
}
