package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP222: DROP DATABASE in a schema migration. It removes a whole database and its data at once,
 * cannot run inside a transaction block, fails while anyone is connected (or, WITH (FORCE), ends
 * their sessions), and cannot be undone: never part of evolving one schema.
 */
public final class DropDatabaseInMigration extends MaintenanceOperationRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "drop-database-in-migration",
                    "EP222",
                    "DROP DATABASE in a migration removes a whole database: its users are cut off and its data is gone",
                    Safety.DOWNTIME,
                    LockLevel.NONE);

    public DropDatabaseInMigration() {
        super(INFO, Change.Maintenance.Operation.DROP_DATABASE);
    }

    @Override
    List<Finding> judge(Change.Maintenance m, JudgeContext context) {
        return FindingBuilder.of(INFO, m, context)
                .lock(LockLevel.NONE)
                .what(
                        m.summary()
                                + " removes the database with every table and row in it; PostgreSQL refuses it"
                                + " inside a transaction block and while any session is connected to it")
                .why(
                        "Whatever used that database stops working and its data cannot be brought back; a schema"
                                + " migration has no business removing a database")
                .fix(
                        "Take it out of the migration; drop the database by hand, after a backup, once nothing uses it")
                .list();
    }
}
