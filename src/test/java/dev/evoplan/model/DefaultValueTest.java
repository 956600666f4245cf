package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A default written as an escape string equals the standard literal PostgreSQL stores for it. */
class DefaultValueTest {

    @Test
    void anEscapeStringDefaultEqualsTheLiteralTheCatalogPrints() {
        assertThat(DefaultValue.of("E'it\\'s'").sameAs(DefaultValue.of("'it''s'::text"))).isTrue();
        assertThat(DefaultValue.of("E'a\\nb'").sameAs(DefaultValue.of("'a\nb'::character varying")))
                .isTrue();
        assertThat(DefaultValue.of("e'tab\\there'").sameAs(DefaultValue.of("'tab\there'::text")))
                .isTrue();
        assertThat(DefaultValue.of("E'\\x41\\101\\u0041'").sameAs(DefaultValue.of("'AAA'::text")))
                .isTrue();
        assertThat(
                        DefaultValue.of("E'back\\\\slash'")
                                .sameAs(DefaultValue.of("'back\\slash'::text")))
                .isTrue();
    }

    @Test
    void anEscapeStringOfAnotherValueStillDiffers() {
        assertThat(DefaultValue.of("E'a\\nb'").sameAs(DefaultValue.of("'a\\nb'::text"))).isFalse();
        assertThat(DefaultValue.of("E'x'").sameAs(DefaultValue.of("'y'::text"))).isFalse();
    }

    @Test
    void aNullDefaultIsNoDefault() {
        assertThat(
                        new Column(
                                        "c",
                                        SqlType.parse("integer"),
                                        true,
                                        DefaultValue.of("NULL::integer"),
                                        IdentityKind.NONE,
                                        null,
                                        null)
                                .defaultValue())
                .isNull();
        assertThat(
                        new Column(
                                        "c",
                                        SqlType.parse("text"),
                                        true,
                                        DefaultValue.of("null"),
                                        IdentityKind.NONE,
                                        null,
                                        null)
                                .defaultValue())
                .isNull();
        assertThat(DefaultValue.of("'null'::text").isNull()).isFalse();
    }

    @Test
    void theFunctionsADefaultCallsAreListedByNameWithoutTypesOrStrings() {
        assertThat(
                        DefaultValue.of(
                                        "My_Fn() + audit.next_no(1)::numeric(10,2) + length('f(x)') + my_fn()")
                                .functionsCalled())
                .containsExactly(
                        QualifiedName.of("my_fn"),
                        new QualifiedName("audit", "next_no"),
                        QualifiedName.of("length"));
        assertThat(DefaultValue.of("'x'::varchar(10)").functionsCalled()).isEmpty();
    }
}
