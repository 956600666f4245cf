package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import dev.evoplan.render.Format;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.verify.VerifyReport.StepCheck;
import dev.evoplan.verify.VerifyReport.StepVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * verify's JSON is written by the reports' one writer: the same spacing as the plan JSON
 * (docs/json-format.md).
 */
class VerifyRendererTest {
    private static VerifyReport report() {
        StepCheck step =
                new StepCheck(
                        1,
                        StageKind.EXPAND,
                        Step.Kind.SQL,
                        "add column qty",
                        "public.items",
                        LockLevel.ACCESS_EXCLUSIVE,
                        LockLevel.ACCESS_EXCLUSIVE,
                        false,
                        12,
                        StepVerdict.OK,
                        List.of(),
                        List.of());
        return new VerifyReport(
                "a.yaml",
                "b.yaml",
                16,
                "16.4",
                "embedded",
                List.of(new SeedResult(QualifiedName.of("items"), 10, 10, null)),
                List.of(step),
                null,
                List.of(),
                0,
                40);
    }

    @Test
    void jsonUsesThePlanJsonSpacing() {
        String json = VerifyRenderer.render(report(), Format.JSON);

        assertThat(json)
                .contains("\n  \"verdict\": \"pass\",\n")
                .contains("\"probeMaxWaitMs\": null")
                .contains("\"schemaDifferences\": []")
                .doesNotContain("\" : ")
                .endsWith("}\n");
    }

    @Test
    void jsonKeepsTheKeysInReportOrder() {
        String json = VerifyRenderer.render(report(), Format.JSON);

        assertThat(json.indexOf("\"schemaVersion\"")).isLessThan(json.indexOf("\"from\""));
        assertThat(json.indexOf("\"seeded\"")).isLessThan(json.indexOf("\"steps\""));
        assertThat(json.indexOf("\"replanSteps\"")).isLessThan(json.indexOf("\"totalMs\""));
    }
}
