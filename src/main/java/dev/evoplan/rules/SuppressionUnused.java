package dev.evoplan.rules;
// TEMPORARY SHIM (lead, not to be committed): replaced by helper's class at merge.
public final class SuppressionUnused {
    public static Finding of(dev.evoplan.model.Suppression s, String message) {
        return new Finding("suppression-unused", Safety.SAFE, LockLevel.NONE, null, "unused: " + message, "", "", null, s.origin(), java.util.List.of(), null);
    }
}
