package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.rules.RuleInfo.Role;
import dev.evoplan.rules.RuleInfo.Trait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One rule mechanism: rules are typed by what they judge and dispatched by type, and what other
 * code needs to know about a rule is on its metadata, so no main code names a rule by its id.
 */
class RuleMechanismTest {
    private static final Map<Rule.Subject, Class<? extends Rule>> TYPE =
            Map.of(
                    Rule.Subject.CHANGE,
                    ChangeRule.class,
                    Rule.Subject.STATEMENT,
                    StatementRule.class,
                    Rule.Subject.TRANSACTION,
                    TransactionRule.class,
                    Rule.Subject.FILE,
                    FileRule.class,
                    Rule.Subject.SUPPRESSION,
                    SuppressionRule.class,
                    Rule.Subject.HISTORY,
                    HistoryRule.class,
                    Rule.Subject.DESIGN,
                    DesignRule.class);

    @Test
    void everyRuleIsOfTheTypeItsSubjectNames() {
        for (Rule r : RuleCatalogue.all()) {
            assertThat(r).as(r.info().id()).isInstanceOf(TYPE.get(r.subject()));
        }
    }

    @Test
    void thePrecedenceRuleAndEachFallbackAreOneChangeRule() {
        assertThat(RuleCatalogue.withRole(Role.PRECEDENCE))
                .extracting(r -> r.info().id())
                .containsExactly("change-on-new-table");
        assertThat(RuleCatalogue.withRole(Role.FALLBACK_BRIEF))
                .extracting(r -> r.info().id())
                .containsExactly("metadata-only-change");
        assertThat(RuleCatalogue.withRole(Role.FALLBACK_UNJUDGED))
                .extracting(r -> r.info().id())
                .containsExactly("unjudged-change");
        RuleCatalogue.all().stream()
                .filter(r -> !(r instanceof ChangeRule))
                .forEach(r -> assertThat(r.info().role()).as(r.info().id()).isEqualTo(Role.HAZARD));
    }

    @Test
    void aScanOrRewriteIsADowntimeRuleOfAChange() {
        List<Rule> scans =
                RuleCatalogue.all().stream()
                        .filter(r -> r.info().has(Trait.SCANS_OR_REWRITES))
                        .toList();
        assertThat(scans)
                .hasSize(13)
                .allSatisfy(
                        r -> {
                            assertThat(r).isInstanceOf(ChangeRule.class);
                            assertThat(r.info().defaultSafety()).isEqualTo(Safety.DOWNTIME);
                        });
        assertThat(
                        RuleCatalogue.all().stream()
                                .filter(r -> r.info().has(Trait.SEES_DUPLICATE_IDENTITIES)))
                .allSatisfy(r -> assertThat(r).isInstanceOf(HistoryRule.class))
                .hasSize(1);
    }

    @Test
    void aFindingOfNoCataloguedRuleHasNoTrait() {
        Finding stray =
                new Finding(
                        "no-such-rule",
                        Safety.SAFE,
                        LockLevel.NONE,
                        null,
                        "w",
                        "y",
                        "f",
                        null,
                        dev.evoplan.model.Origin.UNKNOWN,
                        List.of(),
                        null);
        for (Trait t : Trait.values()) {
            assertThat(RuleCatalogue.madeWith(stray, t)).isFalse();
        }
    }

    /**
     * A rule's id is written in its own class (and its doc page) only: other main code asks its
     * metadata.
     */
    @Test
    void noMainCodeNamesAnotherRuleById() throws IOException {
        Path main = Path.of("src/main/java");
        List<String> offences = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(main)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            String text = Files.readString(source);
            for (Rule r : RuleCatalogue.all()) {
                boolean own =
                        source.getFileName()
                                .toString()
                                .equals(r.getClass().getSimpleName() + ".java");
                if (!own
                        && (text.contains("\"" + r.info().id() + "\"")
                                || text.contains("\"" + r.info().code() + "\""))) {
                    offences.add(main.relativize(source) + " names " + r.info().id());
                }
            }
        }
        assertThat(offences).isEmpty();
    }
}
