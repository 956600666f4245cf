package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/new-rule.md: a rule is four places, and every rule has all four. Its class; its doc page
 * {@code rules/<id>.md}; its own test class {@code <Class>Test} with at least two tests (a positive
 * and a negative case), except the design rules, which share one fixture schema and have one test
 * named after each rule in {@code DesignRulesTest}; and its line in {@link RuleCatalogue}.
 */
class RuleFourPlacesTest {
    private static final Path RULES = Path.of("src/main/java/dev/evoplan/rules");

    @Test
    void everyRuleHasItsDocPageAndItsTests() {
        List<String> missing = new ArrayList<>();
        Set<String> designTests =
                Arrays.stream(DesignRulesTest.class.getDeclaredMethods())
                        .filter(m -> m.isAnnotationPresent(Test.class))
                        .map(Method::getName)
                        .collect(Collectors.toSet());
        for (Rule rule : RuleCatalogue.all()) {
            String name = rule.getClass().getSimpleName();
            String id = rule.info().id();
            if (RuleCatalogue.class.getClassLoader().getResource("rules/" + id + ".md") == null) {
                missing.add(id + ": no doc page src/main/resources/rules/" + id + ".md");
            }
            if (rule instanceof DesignRule) {
                String method = Character.toLowerCase(name.charAt(0)) + name.substring(1);
                if (!designTests.contains(method)) {
                    missing.add(id + ": no test " + method + "() in DesignRulesTest");
                }
                continue;
            }
            try {
                Class<?> test = Class.forName("dev.evoplan.rules." + name + "Test");
                long tests =
                        Arrays.stream(test.getDeclaredMethods())
                                .filter(
                                        m ->
                                                m.isAnnotationPresent(Test.class)
                                                        || m.isAnnotationPresent(
                                                                org.junit.jupiter.params
                                                                        .ParameterizedTest.class))
                                .count();
                if (tests < 2) {
                    missing.add(
                            id
                                    + ": "
                                    + name
                                    + "Test has "
                                    + tests
                                    + " test(s); a positive and a negative case are two");
                }
            } catch (ClassNotFoundException e) {
                missing.add(
                        id
                                + ": no test class src/test/java/dev/evoplan/rules/"
                                + name
                                + "Test.java");
            }
        }
        assertThat(missing).isEmpty();
    }

    /**
     * A rule class that is not in the catalogue is never asked: the registration is the fourth
     * place.
     */
    @Test
    void everyRuleClassIsRegistered() throws IOException, ClassNotFoundException {
        Set<Class<?>> registered =
                RuleCatalogue.all().stream().map(Object::getClass).collect(Collectors.toSet());
        List<String> unregistered = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.list(RULES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path source : sources) {
            String simple = source.getFileName().toString().replace(".java", "");
            Class<?> c = Class.forName("dev.evoplan.rules." + simple);
            if (Rule.class.isAssignableFrom(c)
                    && !c.isInterface()
                    && !Modifier.isAbstract(c.getModifiers())
                    && !registered.contains(c)) {
                unregistered.add(simple);
            }
        }
        assertThat(unregistered).isEmpty();
    }
}
