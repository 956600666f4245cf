package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP230: DROP EXTENSION removes every function, type and operator the extension brought; the
 * running application may still call them, and fails the moment they are gone.
 */
public final class DropExtensionBreaksRunningCode implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "drop-extension-breaks-running-code",
                    "EP230",
                    "DROP EXTENSION breaks running code that still calls its functions or uses its types",
                    Safety.MULTI_STEP,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.DROP_EXTENSION;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.DropExtension drop)) {
            return List.of();
        }
        String name = drop.extension().name();
        return FindingBuilder.of(INFO, change, context)
                .lock(LockLevel.NONE)
                .what(
                        "DROP EXTENSION "
                                + name
                                + " locks no table, but removes every function, type and operator"
                                + " class of "
                                + name
                                + "; without CASCADE it fails while an index, default or column still"
                                + " uses one, and with CASCADE it drops those with it")
                .why(
                        "Application code deployed before the drop may still call its functions (a query with"
                                + " similarity() or uuid_generate_v4()), and those statements fail from the moment it is gone")
                .fix(
                        "Deploy code that no longer uses the extension first, drop what in the schema uses it, then"
                                + " DROP EXTENSION without CASCADE in a later release")
                .list();
    }
}
