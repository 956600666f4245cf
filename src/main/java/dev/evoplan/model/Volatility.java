package dev.evoplan.model;

/**
 * How a default expression behaves when a column is added: a constant or stable default is stored
 * once in the catalog (PostgreSQL 11+), a volatile one is evaluated per row (rewrite).
 */
public enum Volatility {
    CONSTANT,
    STABLE,
    VOLATILE
}
