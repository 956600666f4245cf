package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.IdentityKind;
import java.util.List;

/**
 * EP228: an identity column that stops generating its values (DROP IDENTITY), or turns GENERATED
 * ALWAYS from BY DEFAULT, is a brief catalog update (ACCESS EXCLUSIVE, no rewrite, no scan;
 * measured in IdentityChangeLocksOnPostgresTest), but it breaks INSERTs of code deployed before it:
 * after DROP IDENTITY those that leave the column out fail, after SET GENERATED ALWAYS those that
 * write it are refused. Adding an identity to a column that has none stays for review: its sequence
 * must start past the values already there.
 */
public final class IdentityChangeBreaksInserts implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "identity-change-breaks-inserts",
                    "EP228",
                    "DROP IDENTITY or SET GENERATED ALWAYS breaks the INSERTs of code deployed before it",
                    Safety.MULTI_STEP,
                    LockLevel.ACCESS_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.ALTER_IDENTITY;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.AlterIdentity identity)
                || identity.from() == IdentityKind.NONE) {
            return List.of();
        }
        String column = identity.table() + "." + identity.column();
        String lock =
                LockPhrase.takes(
                        LockLevel.ACCESS_EXCLUSIVE, identity.table().toString(), LockPhrase.BRIEF);
        boolean planned = context.mode() == Mode.AS_PLANNED;
        if (identity.to() == IdentityKind.NONE) {
            return FindingBuilder.of(INFO, change, context)
                    .lock(LockLevel.ACCESS_EXCLUSIVE)
                    .what(
                            (planned
                                            ? "As planned, a deploy checkpoint first has the application"
                                                    + " supply "
                                                    + column
                                                    + " in every INSERT; then, in the contract stage, "
                                            : "")
                                    + "DROP IDENTITY on "
                                    + column
                                    + " "
                                    + lock
                                    + " (no rewrite, no scan); from then on an INSERT that leaves"
                                    + " the column out fails on its NOT NULL")
                    .why(
                            "Code deployed before the drop relies on the identity for "
                                    + column
                                    + " and never supplies it")
                    .fix(
                            "Deploy code that supplies the value (or give the column a default) in"
                                    + " one release, and drop the identity in a later one")
                    .list();
        }
        if (identity.to() == IdentityKind.ALWAYS
                && identity.from() == IdentityKind.BY_DEFAULT
                && !identity.fromOptions().narrowedBy(identity.toOptions())) {
            return FindingBuilder.of(INFO, change, context)
                    .lock(LockLevel.ACCESS_EXCLUSIVE)
                    .what(
                            "SET GENERATED ALWAYS on "
                                    + column
                                    + " "
                                    + lock
                                    + " (no rewrite, no scan); from then on an INSERT that writes"
                                    + " the column is refused (cannot insert a non-DEFAULT value)"
                                    + " unless it says OVERRIDING SYSTEM VALUE")
                    .why(
                            "Code deployed before it may write "
                                    + column
                                    + " itself (imports, copies between databases, fixtures),"
                                    + " which BY DEFAULT accepted")
                    .fix(
                            "Deploy code that never writes the column first, then switch it to"
                                    + " ALWAYS; or keep BY DEFAULT")
                    .list();
        }
        // Options narrowed (PostgreSQL refuses them when the current value falls outside): for
        // review, as unjudged-change says.
        return List.of();
    }
}
