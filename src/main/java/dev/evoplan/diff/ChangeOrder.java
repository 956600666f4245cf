package dev.evoplan.diff;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SchemaObject;
import dev.evoplan.model.SqlText;
import dev.evoplan.model.Table;
import dev.evoplan.model.View;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.BiPredicate;

/**
 * Puts changes in the dependency order of docs/decisions.md, so that each runs when what it needs
 * exists and what it removes is no longer needed.
 */
public final class ChangeOrder {
    private ChangeOrder() {}

    /** The groups, in the order they run. */
    enum Phase {
        // Extensions first: a type, index operator class or default may come from one.
        CREATE_EXTENSIONS,
        CREATE_ENUMS,
        ADD_ENUM_VALUES,
        CREATE_SEQUENCES,
        ALTER_SEQUENCES,
        RENAME_TABLES,
        RENAME_COLUMNS,
        RENAME_INDEXES,
        // Triggers and policies go before the columns, views and routines they use.
        DROP_TRIGGERS_AND_POLICIES,
        DROP_VIEWS,
        CREATE_TABLES,
        // Constraint drops and identity removal come before column edits: PostgreSQL refuses
        // DROP NOT NULL on a primary-key column and SET DEFAULT / DROP NOT NULL on an identity
        // column.
        DROP_FOREIGN_KEYS,
        DROP_CHECKS,
        DROP_UNIQUES,
        DROP_PRIMARY_KEYS,
        DROP_INDEXES,
        DROP_IDENTITY,
        ADD_COLUMNS,
        // A sequence's new owner: once the owning column exists, and before the old owning column
        // or table is dropped (PostgreSQL would drop the sequence with it).
        SEQUENCE_OWNERS,
        // Routines once the tables and columns a SQL body reads exist, before the defaults, checks,
        // views and triggers that call them.
        CREATE_ROUTINES,
        ALTER_TYPES,
        DEFAULTS,
        DROP_NOT_NULL,
        SET_NOT_NULL,
        IDENTITY,
        COMMENTS,
        ADD_PRIMARY_KEYS,
        ADD_UNIQUES,
        CREATE_INDEXES,
        ADD_CHECKS,
        VALIDATE_CHECKS,
        ADD_FOREIGN_KEYS,
        VALIDATE_FOREIGN_KEYS,
        CREATE_VIEWS,
        CREATE_TRIGGERS_AND_POLICIES,
        OTHER,
        DROP_COLUMNS,
        DROP_TABLES,
        // Routines once nothing calls them, before the types their signatures name.
        DROP_ROUTINES,
        DROP_SEQUENCES,
        DROP_ENUMS,
        DROP_EXTENSIONS,
        // A named schema once everything in it is gone.
        DROP_SCHEMAS
    }

    static Phase phase(Change c) {
        return switch (c.kind()) {
            case CREATE_EXTENSION -> Phase.CREATE_EXTENSIONS;
            case DROP_EXTENSION -> Phase.DROP_EXTENSIONS;
            case CREATE_OBJECT, ALTER_OBJECT ->
                    Change.objectOf(c).kind() == SchemaObject.Kind.ROUTINE
                            ? Phase.CREATE_ROUTINES
                            : Phase.CREATE_TRIGGERS_AND_POLICIES;
            case DROP_OBJECT ->
                    Change.objectOf(c).kind() == SchemaObject.Kind.ROUTINE
                            ? Phase.DROP_ROUTINES
                            : Phase.DROP_TRIGGERS_AND_POLICIES;
            case CREATE_ENUM -> Phase.CREATE_ENUMS;
            case ADD_ENUM_VALUE -> Phase.ADD_ENUM_VALUES;
            case CREATE_SEQUENCE -> Phase.CREATE_SEQUENCES;
            case ALTER_SEQUENCE ->
                    ((Change.AlterSequence) c).ownerChanges()
                            ? Phase.SEQUENCE_OWNERS
                            : Phase.ALTER_SEQUENCES;
            case RENAME_SEQUENCE -> Phase.ALTER_SEQUENCES;
            // ALTER TABLE ... RENAME also renames views; docs/decisions.md gives views no rename
            // group of their own.
            case RENAME_TABLE, RENAME_VIEW -> Phase.RENAME_TABLES;
            case RENAME_COLUMN -> Phase.RENAME_COLUMNS;
            case RENAME_INDEX -> Phase.RENAME_INDEXES;
            case DROP_VIEW -> Phase.DROP_VIEWS;
            case CREATE_TABLE -> Phase.CREATE_TABLES;
            case ADD_COLUMN -> Phase.ADD_COLUMNS;
            case ALTER_COLUMN_TYPE -> Phase.ALTER_TYPES;
            case SET_DEFAULT, DROP_DEFAULT -> Phase.DEFAULTS;
            case DROP_NOT_NULL -> Phase.DROP_NOT_NULL;
            case SET_NOT_NULL -> Phase.SET_NOT_NULL;
            case ALTER_IDENTITY ->
                    ((Change.AlterIdentity) c).to() == dev.evoplan.model.IdentityKind.NONE
                            ? Phase.DROP_IDENTITY
                            : Phase.IDENTITY;
            case SET_TABLE_COMMENT, SET_COLUMN_COMMENT -> Phase.COMMENTS;
            case DROP_FOREIGN_KEY -> Phase.DROP_FOREIGN_KEYS;
            case DROP_CHECK -> Phase.DROP_CHECKS;
            case DROP_UNIQUE -> Phase.DROP_UNIQUES;
            case DROP_PRIMARY_KEY -> Phase.DROP_PRIMARY_KEYS;
            case DROP_INDEX -> Phase.DROP_INDEXES;
            case ADD_PRIMARY_KEY -> Phase.ADD_PRIMARY_KEYS;
            case ADD_UNIQUE -> Phase.ADD_UNIQUES;
            case CREATE_INDEX -> Phase.CREATE_INDEXES;
            case ADD_CHECK -> Phase.ADD_CHECKS;
            case VALIDATE_CHECK -> Phase.VALIDATE_CHECKS;
            case ADD_FOREIGN_KEY -> Phase.ADD_FOREIGN_KEYS;
            case VALIDATE_FOREIGN_KEY -> Phase.VALIDATE_FOREIGN_KEYS;
            case CREATE_VIEW, REPLACE_VIEW -> Phase.CREATE_VIEWS;
            // Rows and unreadable changes run once the new shape exists and before anything is
            // removed.
            case DATA_CHANGE, MAINTENANCE -> Phase.OTHER;
            case OPAQUE ->
                    ((Change.Opaque) c).schema() != null && ((Change.Opaque) c).schema().dropped()
                            ? Phase.DROP_SCHEMAS
                            : Phase.OTHER;
            case DROP_COLUMN -> Phase.DROP_COLUMNS;
            case DROP_TABLE -> Phase.DROP_TABLES;
            case DROP_SEQUENCE -> Phase.DROP_SEQUENCES;
            case DROP_ENUM -> Phase.DROP_ENUMS;
        };
    }

    private static final QualifiedName NO_NAME = new QualifiedName("", "");

    /** The table a change is filed under for sorting: its table, else the object itself. */
    static QualifiedName sortTable(Change c) {
        QualifiedName t =
                switch (c.kind()) {
                    case CREATE_SEQUENCE -> ((Change.CreateSequence) c).sequence().name();
                    case DROP_SEQUENCE -> ((Change.DropSequence) c).sequence().name();
                    case ALTER_SEQUENCE -> ((Change.AlterSequence) c).to().name();
                    case RENAME_SEQUENCE -> ((Change.RenameSequence) c).from();
                    case CREATE_ENUM -> ((Change.CreateEnum) c).type().name();
                    case DROP_ENUM -> ((Change.DropEnum) c).type().name();
                    case ADD_ENUM_VALUE -> ((Change.AddEnumValue) c).type();
                    case CREATE_VIEW -> ((Change.CreateView) c).view().name();
                    case DROP_VIEW -> ((Change.DropView) c).view().name();
                    case REPLACE_VIEW -> ((Change.ReplaceView) c).to().name();
                    case RENAME_VIEW -> ((Change.RenameView) c).from();
                    case CREATE_EXTENSION -> ((Change.CreateExtension) c).extension().key();
                    case DROP_EXTENSION -> ((Change.DropExtension) c).extension().key();
                    case CREATE_OBJECT, ALTER_OBJECT, DROP_OBJECT ->
                            Change.objectOf(c).table() == null
                                    ? Change.objectOf(c).key()
                                    : Change.objectOf(c).table();
                    case CREATE_TABLE,
                            DROP_TABLE,
                            RENAME_TABLE,
                            SET_TABLE_COMMENT,
                            ADD_COLUMN,
                            DROP_COLUMN,
                            RENAME_COLUMN,
                            ALTER_COLUMN_TYPE,
                            SET_NOT_NULL,
                            DROP_NOT_NULL,
                            SET_DEFAULT,
                            DROP_DEFAULT,
                            ALTER_IDENTITY,
                            SET_COLUMN_COMMENT,
                            ADD_PRIMARY_KEY,
                            DROP_PRIMARY_KEY,
                            ADD_UNIQUE,
                            DROP_UNIQUE,
                            ADD_CHECK,
                            DROP_CHECK,
                            VALIDATE_CHECK,
                            ADD_FOREIGN_KEY,
                            DROP_FOREIGN_KEY,
                            VALIDATE_FOREIGN_KEY,
                            CREATE_INDEX,
                            DROP_INDEX,
                            RENAME_INDEX,
                            DATA_CHANGE,
                            MAINTENANCE,
                            OPAQUE ->
                            c.table();
                };
        return t == null ? NO_NAME : t;
    }

    /**
     * The name of the object within its table (column, constraint, index); empty for the table
     * itself.
     */
    static String objectName(Change c) {
        return switch (c.kind()) {
            case CREATE_TABLE,
                    DROP_TABLE,
                    RENAME_TABLE,
                    SET_TABLE_COMMENT,
                    CREATE_SEQUENCE,
                    DROP_SEQUENCE,
                    ALTER_SEQUENCE,
                    RENAME_SEQUENCE,
                    CREATE_ENUM,
                    DROP_ENUM,
                    ADD_ENUM_VALUE,
                    CREATE_VIEW,
                    DROP_VIEW,
                    REPLACE_VIEW,
                    RENAME_VIEW,
                    CREATE_EXTENSION,
                    DROP_EXTENSION ->
                    "";
            case CREATE_OBJECT, ALTER_OBJECT, DROP_OBJECT -> Change.objectOf(c).key().toString();
            case ADD_COLUMN -> ((Change.AddColumn) c).column().name();
            case DROP_COLUMN -> ((Change.DropColumn) c).column().name();
            case RENAME_COLUMN -> ((Change.RenameColumn) c).from();
            case ALTER_COLUMN_TYPE -> ((Change.AlterColumnType) c).column();
            case SET_NOT_NULL -> ((Change.SetNotNull) c).column();
            case DROP_NOT_NULL -> ((Change.DropNotNull) c).column();
            case SET_DEFAULT -> ((Change.SetDefault) c).column();
            case DROP_DEFAULT -> ((Change.DropDefault) c).column();
            case ALTER_IDENTITY -> ((Change.AlterIdentity) c).column();
            case SET_COLUMN_COMMENT -> ((Change.SetColumnComment) c).column();
            case ADD_PRIMARY_KEY -> ((Change.AddPrimaryKey) c).primaryKey().name();
            case DROP_PRIMARY_KEY -> ((Change.DropPrimaryKey) c).primaryKey().name();
            case ADD_UNIQUE -> ((Change.AddUnique) c).constraint().name();
            case DROP_UNIQUE -> ((Change.DropUnique) c).constraint().name();
            case ADD_CHECK -> ((Change.AddCheck) c).constraint().name();
            case DROP_CHECK -> ((Change.DropCheck) c).constraint().name();
            case VALIDATE_CHECK -> ((Change.ValidateCheck) c).constraint().name();
            case ADD_FOREIGN_KEY -> ((Change.AddForeignKey) c).foreignKey().name();
            case DROP_FOREIGN_KEY -> ((Change.DropForeignKey) c).foreignKey().name();
            case VALIDATE_FOREIGN_KEY -> ((Change.ValidateForeignKey) c).foreignKey().name();
            case CREATE_INDEX -> ((Change.CreateIndex) c).index().name();
            case DROP_INDEX -> ((Change.DropIndex) c).index().name();
            case RENAME_INDEX -> ((Change.RenameIndex) c).from();
            case DATA_CHANGE -> ((Change.DataChange) c).operation();
            case MAINTENANCE -> ((Change.Maintenance) c).operation().sql();
            case OPAQUE -> ((Change.Opaque) c).changeType() + " " + ((Change.Opaque) c).text();
        };
    }

    /**
     * Sorts by group, then table, then object name. Three exceptions keep the result runnable:
     * renames, data changes, maintenance and opaque statements keep the order they were stated in
     * (one rename may free the name another takes; an UPDATE may touch the row an INSERT adds);
     * enum values keep their order (each goes after the one before it); and dropped tables, dropped
     * views and created views are put in dependency order (a referencing table or dependent view is
     * dropped first and created last), falling back to the name order.
     */
    public static List<Change> sort(List<Change> changes) {
        List<Indexed> indexed = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            indexed.add(new Indexed(changes.get(i), i));
        }
        indexed.sort(
                Comparator.comparing((Indexed x) -> phase(x.change))
                        .thenComparing(
                                x -> keepsStatedOrder(x.change) ? NO_NAME : sortTable(x.change))
                        .thenComparing(x -> keepsStatedOrder(x.change) ? "" : objectName(x.change))
                        .thenComparingInt(x -> x.position));
        List<Change> sorted = new ArrayList<>(indexed.stream().map(x -> x.change).toList());
        reorderPhase(sorted, Phase.DROP_TABLES, (a, b) -> references(dropped(a), dropped(b)));
        reorderPhase(sorted, Phase.DROP_VIEWS, (a, b) -> dependsOn(view(a), view(b)));
        reorderPhase(sorted, Phase.CREATE_VIEWS, (a, b) -> dependsOn(view(b), view(a)));
        // A SQL routine's body is checked when it is created: what it calls comes first; and a
        // routine goes before the ones it calls.
        reorderPhase(sorted, Phase.CREATE_ROUTINES, (a, b) -> calls(b, a));
        reorderPhase(sorted, Phase.DROP_ROUTINES, ChangeOrder::calls);
        indexesAfterTheirViews(sorted);
        return List.copyOf(sorted);
    }

    /**
     * An index of a materialized view that is created (or dropped and created) in the same plan is
     * built once the view exists: it moves from the index group to just after its view.
     */
    private static void indexesAfterTheirViews(List<Change> sorted) {
        // Only an index on a created view's name can move: the others are not looked after (the
        // scan after each index made a plan of 170,000 indexes quadratic).
        java.util.Set<QualifiedName> views = new java.util.HashSet<>();
        for (Change c : sorted) {
            if (c.kind() == Change.Kind.CREATE_VIEW || c.kind() == Change.Kind.REPLACE_VIEW) {
                views.add(sortTable(c));
            }
        }
        if (views.isEmpty()) {
            return;
        }
        for (int i = sorted.size() - 1; i >= 0; i--) {
            if (!(sorted.get(i) instanceof Change.CreateIndex create)
                    || !views.contains(create.index().table())) {
                continue;
            }
            int lastView = -1;
            for (int j = i + 1; j < sorted.size(); j++) {
                Change c = sorted.get(j);
                if ((c.kind() == Change.Kind.CREATE_VIEW || c.kind() == Change.Kind.REPLACE_VIEW)
                        && sortTable(c).equals(create.index().table())) {
                    lastView = j;
                }
            }
            if (lastView > i) {
                sorted.add(lastView, sorted.remove(i));
            }
        }
    }

    private record Indexed(Change change, int position) {}

    private static boolean keepsStatedOrder(Change c) {
        return switch (c.kind()) {
            // Statements whose effect depends on what ran before them keep their written order too:
            // an UPDATE of the row an INSERT adds, a VACUUM after a DELETE, a DO block.
            case RENAME_TABLE,
                    RENAME_VIEW,
                    RENAME_COLUMN,
                    RENAME_INDEX,
                    RENAME_SEQUENCE,
                    DATA_CHANGE,
                    MAINTENANCE,
                    OPAQUE ->
                    true;
            case CREATE_TABLE,
                    DROP_TABLE,
                    SET_TABLE_COMMENT,
                    ADD_COLUMN,
                    DROP_COLUMN,
                    ALTER_COLUMN_TYPE,
                    SET_NOT_NULL,
                    DROP_NOT_NULL,
                    SET_DEFAULT,
                    DROP_DEFAULT,
                    ALTER_IDENTITY,
                    SET_COLUMN_COMMENT,
                    ADD_PRIMARY_KEY,
                    DROP_PRIMARY_KEY,
                    ADD_UNIQUE,
                    DROP_UNIQUE,
                    ADD_CHECK,
                    DROP_CHECK,
                    VALIDATE_CHECK,
                    ADD_FOREIGN_KEY,
                    DROP_FOREIGN_KEY,
                    VALIDATE_FOREIGN_KEY,
                    CREATE_INDEX,
                    DROP_INDEX,
                    CREATE_SEQUENCE,
                    DROP_SEQUENCE,
                    ALTER_SEQUENCE,
                    CREATE_ENUM,
                    DROP_ENUM,
                    ADD_ENUM_VALUE,
                    CREATE_VIEW,
                    DROP_VIEW,
                    REPLACE_VIEW,
                    CREATE_EXTENSION,
                    DROP_EXTENSION,
                    CREATE_OBJECT,
                    ALTER_OBJECT,
                    DROP_OBJECT ->
                    false;
        };
    }

    private static Table dropped(Change c) {
        return ((Change.DropTable) c).definition();
    }

    /** True when {@code a} has a foreign key to {@code b} (a self-reference does not count). */
    private static boolean references(Table a, Table b) {
        return !a.name().equals(b.name())
                && a.foreignKeys().stream().anyMatch(fk -> fk.target().equals(b.name()));
    }

    private static View view(Change c) {
        return switch (c.kind()) {
            case CREATE_VIEW -> ((Change.CreateView) c).view();
            case DROP_VIEW -> ((Change.DropView) c).view();
            case REPLACE_VIEW -> ((Change.ReplaceView) c).to();
            case CREATE_TABLE,
                    DROP_TABLE,
                    RENAME_TABLE,
                    SET_TABLE_COMMENT,
                    ADD_COLUMN,
                    DROP_COLUMN,
                    RENAME_COLUMN,
                    ALTER_COLUMN_TYPE,
                    SET_NOT_NULL,
                    DROP_NOT_NULL,
                    SET_DEFAULT,
                    DROP_DEFAULT,
                    ALTER_IDENTITY,
                    SET_COLUMN_COMMENT,
                    ADD_PRIMARY_KEY,
                    DROP_PRIMARY_KEY,
                    ADD_UNIQUE,
                    DROP_UNIQUE,
                    ADD_CHECK,
                    DROP_CHECK,
                    VALIDATE_CHECK,
                    ADD_FOREIGN_KEY,
                    DROP_FOREIGN_KEY,
                    VALIDATE_FOREIGN_KEY,
                    CREATE_INDEX,
                    DROP_INDEX,
                    RENAME_INDEX,
                    CREATE_SEQUENCE,
                    DROP_SEQUENCE,
                    ALTER_SEQUENCE,
                    RENAME_SEQUENCE,
                    CREATE_ENUM,
                    DROP_ENUM,
                    ADD_ENUM_VALUE,
                    RENAME_VIEW,
                    CREATE_EXTENSION,
                    DROP_EXTENSION,
                    CREATE_OBJECT,
                    ALTER_OBJECT,
                    DROP_OBJECT,
                    DATA_CHANGE,
                    MAINTENANCE,
                    OPAQUE ->
                    throw new IllegalArgumentException("not a view change: " + c.summary());
        };
    }

    /**
     * True when routine change {@code a}'s definition names {@code b}'s routine (a textual test: a
     * false positive only reorders); false for anything that is not a routine.
     */
    static boolean calls(Change a, Change b) {
        if (!(Change.objectOf(a) instanceof dev.evoplan.model.Routine ra)
                || !(Change.objectOf(b) instanceof dev.evoplan.model.Routine rb)
                || ra.name().equals(rb.name())) {
            return false;
        }
        return SqlText.identifiers(ra.definition()).contains(rb.name().name());
    }

    /**
     * True when {@code a}'s query names {@code b} (a textual test: a false positive only reorders).
     */
    static boolean dependsOn(View a, View b) {
        if (a.name().equals(b.name())) {
            return false;
        }
        return identifiersOf(a).contains(b.name().name());
    }

    /**
     * The words a view's query names, tokenised once per definition: dependsOn is asked for pairs
     * of views, and linting asks again for every statement. Weak keys: an entry lives as long as
     * some view holds its definition.
     */
    private static final Map<String, Set<String>> IDENTIFIERS =
            Collections.synchronizedMap(new WeakHashMap<>());

    static Set<String> identifiersOf(View v) {
        return IDENTIFIERS.computeIfAbsent(
                v.definition(), d -> Collections.unmodifiableSet(SqlText.identifiers(d)));
    }

    /**
     * Reorders the run of {@code phase} so that whenever {@code mustPrecede(x, y)} x comes first:
     * each change in the current (name) order is placed right after the ones it needs; a cycle,
     * which only a textual false positive can make, is broken where it is found.
     */
    private static void reorderPhase(
            List<Change> sorted, Phase phase, BiPredicate<Change, Change> mustPrecede) {
        int start = 0;
        while (start < sorted.size() && phase(sorted.get(start)) != phase) {
            start++;
        }
        int end = start;
        while (end < sorted.size() && phase(sorted.get(end)) == phase) {
            end++;
        }
        List<Change> run = List.copyOf(sorted.subList(start, end));
        List<Change> ordered = new ArrayList<>();
        Set<Integer> placed = new HashSet<>();
        Set<Integer> visiting = new HashSet<>();
        for (int i = 0; i < run.size(); i++) {
            place(i, run, mustPrecede, placed, visiting, ordered);
        }
        for (int i = 0; i < ordered.size(); i++) {
            sorted.set(start + i, ordered.get(i));
        }
    }

    private static void place(
            int i,
            List<Change> run,
            BiPredicate<Change, Change> mustPrecede,
            Set<Integer> placed,
            Set<Integer> visiting,
            List<Change> ordered) {
        if (placed.contains(i) || !visiting.add(i)) {
            return;
        }
        for (int j = 0; j < run.size(); j++) {
            if (j != i && mustPrecede.test(run.get(j), run.get(i))) {
                place(j, run, mustPrecede, placed, visiting, ordered);
            }
        }
        visiting.remove(i);
        placed.add(i);
        ordered.add(run.get(i));
    }
}
