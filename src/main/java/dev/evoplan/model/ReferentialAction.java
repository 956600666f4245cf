package dev.evoplan.model;

import java.util.Locale;

/** ON DELETE / ON UPDATE behaviour of a foreign key. */
public enum ReferentialAction {
    NO_ACTION,
    RESTRICT,
    CASCADE,
    SET_NULL,
    SET_DEFAULT;

    public String sql() {
        return name().replace('_', ' ');
    }

    /**
     * Reads {@code CASCADE}, {@code SET NULL}, Liquibase's {@code SET_NULL}, or null (= NO ACTION).
     */
    public static ReferentialAction parse(String written) {
        if (written == null || written.isBlank()) {
            return NO_ACTION;
        }
        return valueOf(written.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
    }
}
