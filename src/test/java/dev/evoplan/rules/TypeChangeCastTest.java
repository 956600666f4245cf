package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.SqlType;
import org.junit.jupiter.api.Test;

/**
 * Which type changes PostgreSQL has a cast for: without one, only a USING the user writes can
 * convert.
 */
class TypeChangeCastTest {

    private static boolean cast(String from, String to) {
        return TypeChange.hasCast(SqlType.parse(from), SqlType.parse(to));
    }

    @Test
    void typesWithoutACastAreRecognised() {
        assertThat(cast("bigint", "timestamp")).isFalse();
        assertThat(cast("integer", "date")).isFalse();
        assertThat(cast("uuid", "bigint")).isFalse();
        assertThat(cast("boolean", "timestamptz")).isFalse();
        assertThat(cast("integer[]", "integer")).isFalse();
    }

    @Test
    void typesWithACastOrUnknownTypesAreNotFlagged() {
        assertThat(cast("integer", "bigint")).isTrue();
        assertThat(cast("int", "smallint")).isTrue();
        assertThat(cast("text", "uuid")).isTrue();
        assertThat(cast("uuid", "varchar(36)")).isTrue();
        assertThat(cast("timestamp", "timestamptz")).isTrue();
        assertThat(cast("date", "timestamp")).isTrue();
        assertThat(cast("json", "jsonb")).isTrue();
        assertThat(cast("integer", "boolean")).isTrue();
        assertThat(cast("integer[]", "text")).isTrue();
        assertThat(cast("integer", "my_enum")).isTrue();
    }
}
