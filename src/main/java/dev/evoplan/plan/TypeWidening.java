package dev.evoplan.plan;

import dev.evoplan.model.SqlType;

/**
 * Type changes PostgreSQL makes in the catalog only (no rewrite, no index rebuild), as measured
 * in EVOLUTION.md: longer or unbounded {@code varchar}, {@code varchar} to {@code text},
 * more {@code numeric} precision at the same scale, or unconstrained {@code numeric}.
 */
final class TypeWidening {
    private static final String VARCHAR = "character varying";

    private TypeWidening() {}

    static boolean isBinaryCompatibleWidening(SqlType from, SqlType to) {
        if (from.arrayDimensions() != to.arrayDimensions()) {
            return false;
        }
        if (from.equals(to)) {
            return true;
        }
        String f = from.name();
        String t = to.name();
        if (f.equals(VARCHAR) && t.equals("text")) {
            return true;
        }
        if (f.equals("text") && t.equals(VARCHAR) && to.modifiers().isEmpty()) {
            return true;
        }
        if (f.equals(VARCHAR) && t.equals(VARCHAR) || f.equals("bit varying") && t.equals("bit varying")) {
            return to.modifiers().isEmpty()
                    || !from.modifiers().isEmpty() && to.modifiers().get(0) >= from.modifiers().get(0);
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            if (to.modifiers().isEmpty()) {
                return true;
            }
            if (from.modifiers().isEmpty()) {
                return false;
            }
            int fromScale = from.modifiers().size() > 1 ? from.modifiers().get(1) : 0;
            int toScale = to.modifiers().size() > 1 ? to.modifiers().get(1) : 0;
            return fromScale == toScale && to.modifiers().get(0) >= from.modifiers().get(0);
        }
        return false;
    }
}
