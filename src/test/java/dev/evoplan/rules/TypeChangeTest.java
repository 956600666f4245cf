package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.SqlType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeChangeTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "varchar(50)|varchar(100)|true",
                "varchar(50)|varchar|true",
                "varchar(50)|text|true",
                "text|varchar|true",
                "numeric(10,2)|numeric(12,2)|true",
                "numeric(10,2)|numeric|true",
                "varchar(100)|varchar(50)|false",
                "text|varchar(20)|false",
                "numeric(10,2)|numeric(12,4)|false",
                "numeric|numeric(12,2)|false",
                "integer|bigint|false",
                "timestamp|timestamptz|false",
                "varchar(50)|varchar(100)[]|false"
            })
    void knowsWhichChangesAreCatalogOnly(String from, String to, boolean widening) {
        assertThat(TypeChange.isBinaryCompatible(SqlType.parse(from), SqlType.parse(to), null))
                .isEqualTo(widening);
    }

    @org.junit.jupiter.api.Test
    void anExplicitConversionAlwaysCountsAsARewrite() {
        assertThat(
                        TypeChange.isBinaryCompatible(
                                SqlType.parse("varchar(50)"), SqlType.parse("text"), "name::text"))
                .isFalse();
        assertThat(
                        TypeChange.isBinaryCompatible(
                                SqlType.parse("varchar(50)"), SqlType.parse("text"), null))
                .isTrue();
    }
}
