package dev.evoplan.rules;
// TEMPORARY SHIM (lead, not to be committed): replaced by helper's class at merge.
public final class SuppressionWithoutReason {
    public static Finding of(dev.evoplan.model.Suppression s) {
        return new Finding("suppression-without-reason", Safety.NEEDS_REVIEW, LockLevel.NONE, null, "no reason", "", "", null, s.origin(), java.util.List.of(), null);
    }
}
