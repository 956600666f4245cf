package dev.evoplan.diff;

import static dev.evoplan.diff.Models.check;
import static dev.evoplan.diff.Models.col;
import static dev.evoplan.diff.Models.def;
import static dev.evoplan.diff.Models.enumType;
import static dev.evoplan.diff.Models.fk;
import static dev.evoplan.diff.Models.identity;
import static dev.evoplan.diff.Models.index;
import static dev.evoplan.diff.Models.materialized;
import static dev.evoplan.diff.Models.notValid;
import static dev.evoplan.diff.Models.onExpression;
import static dev.evoplan.diff.Models.ownedSequence;
import static dev.evoplan.diff.Models.pk;
import static dev.evoplan.diff.Models.q;
import static dev.evoplan.diff.Models.req;
import static dev.evoplan.diff.Models.schema;
import static dev.evoplan.diff.Models.sequence;
import static dev.evoplan.diff.Models.table;
import static dev.evoplan.diff.Models.type;
import static dev.evoplan.diff.Models.unique;
import static dev.evoplan.diff.Models.uniqueIndex;
import static dev.evoplan.diff.Models.view;
import static dev.evoplan.diff.Models.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change.AddForeignKey;
import dev.evoplan.diff.Change.AddPrimaryKey;
import dev.evoplan.diff.Change.AlterColumnType;
import dev.evoplan.diff.Change.CreateTable;
import dev.evoplan.diff.Change.CreateView;
import dev.evoplan.diff.Change.DropForeignKey;
import dev.evoplan.diff.Change.DropPrimaryKey;
import dev.evoplan.diff.Change.DropTable;
import dev.evoplan.diff.Change.DropUnique;
import dev.evoplan.diff.Change.DropView;
import dev.evoplan.diff.Change.ReplaceView;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import dev.evoplan.model.View;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dependency order, changes that need a person, and whole-schema behaviour of the differ. */
class SchemaDifferTest {

    private static final Table PARENT =
            table("z_parent", req("id", "bigint"), req("code", "text"))
                    .withPrimaryKey(pk("z_parent_pkey", "id"));
    private static final Table CHILD =
            table("a_child", req("id", "bigint"), col("parent_id", "bigint"))
                    .withPrimaryKey(pk("a_child_pkey", "id"))
                    .withForeignKeys(
                            List.of(
                                    fk(
                                            "a_child_parent_id_fkey",
                                            List.of("parent_id"),
                                            "z_parent",
                                            "id")));

    private static List<Change.Kind> kinds(List<Change> changes) {
        return changes.stream().map(Change::kind).toList();
    }

    @Test
    void newTablesAreAllCreatedBeforeAForeignKeyBetweenThem() {
        List<Change> changes = SchemaDiffer.diff(Schema.EMPTY, schema(CHILD, PARENT));

        assertThat(changes)
                .containsExactly(
                        new CreateTable(CHILD.withForeignKeys(List.of())),
                        new CreateTable(PARENT),
                        new AddForeignKey(q("a_child"), CHILD.foreignKeys().get(0)));
        assertThat(Changes.createdTables(changes)).containsExactly(q("a_child"), q("z_parent"));
    }

    @Test
    void createdTablesHoldsOnlyTablesTheChangesCreate() {
        List<Change> changes =
                SchemaDiffer.diff(schema(PARENT), schema(CHILD, PARENT.withComment("parents")));

        assertThat(Changes.createdTables(changes)).containsExactly(q("a_child"));
        assertThat(
                        Changes.createdTables(
                                SchemaDiffer.diff(schema(PARENT), schema(PARENT.withComment("x")))))
                .isEmpty();
    }

    @Test
    void aForeignKeyIsDroppedBeforeTheUniqueConstraintItReliesOn() {
        Table parent = PARENT.withUniques(List.of(unique("z_parent_code_key", "code")));
        Table child =
                table("a_child", req("id", "bigint"), col("parent_code", "text"))
                        .withForeignKeys(
                                List.of(
                                        fk(
                                                "a_child_parent_code_fkey",
                                                List.of("parent_code"),
                                                "z_parent",
                                                "code")));

        List<Change> changes =
                SchemaDiffer.diff(
                        schema(child, parent), schema(child.withForeignKeys(List.of()), PARENT));

        assertThat(changes)
                .containsExactly(
                        new DropForeignKey(q("a_child"), child.foreignKeys().get(0)),
                        new DropUnique(q("z_parent"), unique("z_parent_code_key", "code")));
    }

    @Test
    void anUnchangedForeignKeyOnARecreatedPrimaryKeyIsDroppedAndAddedAroundIt() {
        Table renamedPk = PARENT.withPrimaryKey(pk("z_parent_pk", "id"));

        List<Change> changes = SchemaDiffer.diff(schema(CHILD, PARENT), schema(CHILD, renamedPk));

        assertThat(changes)
                .containsExactly(
                        new DropForeignKey(q("a_child"), CHILD.foreignKeys().get(0)),
                        new DropPrimaryKey(q("z_parent"), pk("z_parent_pkey", "id")),
                        new AddPrimaryKey(q("z_parent"), pk("z_parent_pk", "id")),
                        new AddForeignKey(q("a_child"), CHILD.foreignKeys().get(0)));
    }

    @Test
    void aForeignKeyOnAnotherKeyIsLeftAloneWhenAPrimaryKeyIsRecreated() {
        Table parent = PARENT.withUniques(List.of(unique("z_parent_code_key", "code")));
        Table child =
                table("a_child", req("id", "bigint"), col("parent_code", "text"))
                        .withForeignKeys(
                                List.of(
                                        fk(
                                                "a_child_parent_code_fkey",
                                                List.of("parent_code"),
                                                "z_parent",
                                                "code")));

        List<Change> changes =
                SchemaDiffer.diff(
                        schema(child, parent),
                        schema(child, parent.withPrimaryKey(pk("z_parent_pk", "id"))));

        assertThat(kinds(changes))
                .containsExactly(Change.Kind.DROP_PRIMARY_KEY, Change.Kind.ADD_PRIMARY_KEY);
    }

    @Test
    void aValidationPendingOnARecreatedKeyBecomesAnAddOfTheValidatedForeignKey() {
        Table childNotValid = CHILD.withForeignKeys(List.of(notValid(CHILD.foreignKeys().get(0))));

        List<Change> changes =
                SchemaDiffer.diff(
                        schema(childNotValid, PARENT),
                        schema(CHILD, PARENT.withPrimaryKey(pk("z_parent_pk", "id"))));

        assertThat(changes)
                .containsExactly(
                        new DropForeignKey(q("a_child"), childNotValid.foreignKeys().get(0)),
                        new DropPrimaryKey(q("z_parent"), pk("z_parent_pkey", "id")),
                        new AddPrimaryKey(q("z_parent"), pk("z_parent_pk", "id")),
                        new AddForeignKey(q("a_child"), CHILD.foreignKeys().get(0)));
    }

    @Test
    void aViewOnARetypedColumnIsDroppedBeforeTheTypeChangeAndCreatedAfter() {
        Table users = table("users", req("id", "bigint"), col("name", "varchar(50)"));
        View names = view("user_names", "select id, name from users");
        View other = view("all_ids", "select id from accounts");

        List<Change> changes =
                SchemaDiffer.diff(
                        schema(users, names, other),
                        schema(
                                users.mapColumn("name", c -> c.withType(type("varchar(100)"))),
                                names,
                                other));

        assertThat(changes)
                .containsExactly(
                        new DropView(names),
                        new AlterColumnType(
                                q("users"),
                                "name",
                                type("varchar(50)"),
                                type("varchar(100)"),
                                null),
                        new CreateView(names));
    }

    @Test
    void aViewOnAnotherColumnIsLeftAloneByATypeChange() {
        Table users = table("users", req("id", "bigint"), col("name", "varchar(50)"));
        View ids = view("user_ids", "select id from users");

        List<Change> changes =
                SchemaDiffer.diff(
                        schema(users, ids),
                        schema(
                                users.mapColumn("name", c -> c.withType(type("varchar(100)"))),
                                ids));

        assertThat(kinds(changes)).containsExactly(Change.Kind.ALTER_COLUMN_TYPE);
    }

    @Test
    void aChangedViewOnARetypedColumnIsDroppedAndCreatedRatherThanReplaced() {
        Table users = table("users", req("id", "bigint"), col("name", "varchar(50)"));
        View before = view("user_names", "select name from users");
        View after = view("user_names", "select id, name from users");

        List<Change> changes =
                SchemaDiffer.diff(
                        schema(users, before),
                        schema(users.mapColumn("name", c -> c.withType(type("text"))), after));

        assertThat(changes)
                .containsExactly(
                        new DropView(before),
                        new AlterColumnType(
                                q("users"), "name", type("varchar(50)"), type("text"), null),
                        new CreateView(after));
    }

    @Test
    void viewsOnARecreatedViewAreRecreatedInDependencyOrder() {
        Table users = table("users", req("id", "bigint"), col("name", "varchar(50)"));
        View base = view("z_names", "select name from users");
        View onTop = materialized("a_top_names", "select name from z_names limit 10");
        View unrelated = view("m_ids", "select id from users");

        List<Change> changes =
                SchemaDiffer.diff(
                        schema(users, base, onTop, unrelated),
                        schema(
                                users.mapColumn("name", c -> c.withType(type("text"))),
                                base,
                                onTop,
                                unrelated));

        assertThat(changes)
                .containsExactly(
                        new DropView(onTop),
                        new DropView(base),
                        new AlterColumnType(
                                q("users"), "name", type("varchar(50)"), type("text"), null),
                        new CreateView(base),
                        new CreateView(onTop));
    }

    @Test
    void replacedAndCreatedViewsComeAfterTheViewsTheyRead() {
        View a = view("a_report", "select * from b_totals");
        View b = view("b_totals", "select 1 as total");
        View bChanged = view("b_totals", "select 2 as total");

        assertThat(SchemaDiffer.diff(Schema.EMPTY, schema(a, b)))
                .containsExactly(new CreateView(b), new CreateView(a));
        assertThat(SchemaDiffer.diff(schema(a, b), Schema.EMPTY))
                .containsExactly(new DropView(a), new DropView(b));
        assertThat(SchemaDiffer.diff(schema(b), schema(a, bChanged)))
                .containsExactly(new ReplaceView(b, bChanged), new CreateView(a));
    }

    @Test
    void aViewOnADroppedViewIsDroppedFirstAndCreatedAgain() {
        View base = view("a_base", "select 1 as x");
        View top = view("z_top", "select x from a_base");
        View topAlone = view("z_top", "select 1 as x");

        assertThat(SchemaDiffer.diff(schema(base, top), schema(topAlone)))
                .containsExactly(new DropView(top), new DropView(base), new CreateView(topAlone));
    }

    @Test
    void tablesReferringToEachOtherInARingLoseTheirForeignKeysBeforeTheyAreDropped() {
        Table a =
                table("a", req("id", "bigint"), col("b_id", "bigint"))
                        .withPrimaryKey(pk("a_pkey", "id"))
                        .withForeignKeys(List.of(fk("a_b_id_fkey", List.of("b_id"), "b", "id")));
        Table b =
                table("b", req("id", "bigint"), col("a_id", "bigint"))
                        .withPrimaryKey(pk("b_pkey", "id"))
                        .withForeignKeys(List.of(fk("b_a_id_fkey", List.of("a_id"), "a", "id")));
        Table self =
                table("c", req("id", "bigint"), col("up", "bigint"))
                        .withPrimaryKey(pk("c_pkey", "id"))
                        .withForeignKeys(List.of(fk("c_up_fkey", List.of("up"), "c", "id")));

        assertThat(SchemaDiffer.diff(schema(a, b, self), Schema.EMPTY))
                .containsExactly(
                        new DropForeignKey(q("a"), a.foreignKeys().get(0)),
                        new DropForeignKey(q("b"), b.foreignKeys().get(0)),
                        new DropTable(a.withForeignKeys(List.of())),
                        new DropTable(b.withForeignKeys(List.of())),
                        new DropTable(self));
    }

    @Test
    void aDroppedTablesForeignKeyOnARecreatedKeyIsDroppedBeforeTheKey() {
        List<Change> changes =
                SchemaDiffer.diff(
                        schema(CHILD, PARENT),
                        schema(PARENT.withPrimaryKey(pk("z_parent_pk", "id"))));

        assertThat(changes)
                .containsExactly(
                        new DropForeignKey(q("a_child"), CHILD.foreignKeys().get(0)),
                        new DropPrimaryKey(q("z_parent"), pk("z_parent_pkey", "id")),
                        new AddPrimaryKey(q("z_parent"), pk("z_parent_pk", "id")),
                        new DropTable(CHILD.withForeignKeys(List.of())));
    }

    @Test
    void droppedTablesGoReferencingTableFirst() {
        Table child =
                table("z_child", req("id", "bigint"), col("parent_id", "bigint"))
                        .withForeignKeys(
                                List.of(
                                        fk(
                                                "z_child_parent_id_fkey",
                                                List.of("parent_id"),
                                                "a_parent",
                                                "id")));
        Table parent =
                table("a_parent", req("id", "bigint")).withPrimaryKey(pk("a_parent_pkey", "id"));
        Table loner = table("m_loner", req("id", "bigint"));

        assertThat(SchemaDiffer.diff(schema(child, parent, loner), Schema.EMPTY))
                .containsExactly(new DropTable(child), new DropTable(parent), new DropTable(loner));
    }

    @Test
    void tiesAreSortedByTableThenObjectName() {
        Table b = table("b", req("id", "bigint"));
        Table a = table("a", req("id", "bigint"));

        List<Change> changes =
                SchemaDiffer.diff(
                        schema(a, b),
                        schema(
                                b.withColumn(col("z", "text")).withColumn(col("y", "text")),
                                a.withColumn(col("x", "text")).withColumn(col("w", "text"))));

        assertThat(changes)
                .extracting(Change::summary)
                .containsExactly(
                        "add column a.w", "add column a.x", "add column b.y", "add column b.z");
    }

    @Test
    void theGroupsRunInTheDecidedOrder() {
        Table before =
                table(
                                "t",
                                req("id", "bigint"),
                                col("a", "integer"),
                                col("b", "text"),
                                col("gone", "text"))
                        .withChecks(List.of(check("t_a_check", "a > 0")))
                        .withIndexes(List.of(index("t_b_idx", "t", "b")));
        Table after =
                table(
                                "t",
                                req("id", "bigint"),
                                col("a", "bigint"),
                                req("b", "text"),
                                col("c", "text"))
                        .withPrimaryKey(pk("t_pkey", "id"))
                        .withChecks(List.of(check("t_a_check", "a > 1")))
                        .withIndexes(List.of(index("t_c_idx", "t", "c")));

        List<Change> changes =
                SchemaDiffer.diff(
                        schema(before, enumType("e", "x"), sequence("s_old")),
                        schema(
                                after,
                                enumType("e", "x", "y"),
                                enumType("f", "z"),
                                sequence("s_new")));

        assertThat(kinds(changes))
                .containsExactly(
                        Change.Kind.CREATE_ENUM,
                        Change.Kind.ADD_ENUM_VALUE,
                        Change.Kind.CREATE_SEQUENCE,
                        Change.Kind.DROP_CHECK,
                        Change.Kind.DROP_INDEX,
                        Change.Kind.ADD_COLUMN,
                        Change.Kind.ALTER_COLUMN_TYPE,
                        Change.Kind.SET_NOT_NULL,
                        Change.Kind.ADD_PRIMARY_KEY,
                        Change.Kind.CREATE_INDEX,
                        Change.Kind.ADD_CHECK,
                        Change.Kind.DROP_COLUMN,
                        Change.Kind.DROP_SEQUENCE);
    }

    @Test
    void aRemovedEnumLabelIsHandedToAPersonNotDropped() {
        List<Change> changes =
                SchemaDiffer.diff(
                        schema(enumType("mood", "sad", "ok", "happy")),
                        schema(enumType("mood", "sad", "happy")));

        assertThat(changes)
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.kind()).isEqualTo(Change.Kind.OPAQUE);
                            Change.Opaque o = (Change.Opaque) c;
                            assertThat(o.changeType()).isEqualTo("enum");
                            assertThat(o.text())
                                    .contains(
                                            "mood",
                                            "[sad, ok, happy]",
                                            "[sad, happy]",
                                            "needs manual migration");
                        });
    }

    @Test
    void aReorderedEnumIsHandedToAPersonEvenWithANewLabel() {
        List<Change> changes =
                SchemaDiffer.diff(
                        schema(enumType("mood", "sad", "happy")),
                        schema(enumType("mood", "happy", "sad", "zen")));

        assertThat(kinds(changes)).containsExactly(Change.Kind.OPAQUE);
        assertThat(((Change.Opaque) changes.get(0)).text()).contains("needs manual migration");
    }

    @Test
    void aChangedGenerationExpressionIsHandedToAPerson() {
        Table t =
                table(
                        "lines",
                        col("qty", "integer"),
                        col("price", "numeric"),
                        col("total", "numeric").withGenerated("qty * price"));

        List<Change> changed =
                SchemaDiffer.diff(
                        schema(t),
                        schema(t.mapColumn("total", c -> c.withGenerated("qty * price * 2"))));
        List<Change> reprinted =
                SchemaDiffer.diff(
                        schema(t),
                        schema(t.mapColumn("total", c -> c.withGenerated("(qty * price)"))));

        assertThat(changed)
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.kind()).isEqualTo(Change.Kind.OPAQUE);
                            assertThat(c.summary())
                                    .contains("lines.total", "generation expression");
                        });
        assertThat(reprinted).isEmpty();
    }

    @Test
    void aRichSchemaHasNoDifferenceFromItself() {
        Schema rich = richSchema();

        assertThat(SchemaDiffer.diff(rich, rich)).isEmpty();
        assertThat(
                        SchemaDiffer.diff(
                                rich, rich, List.of(Models.renameColumn("users", "nope", "x"))))
                .isEmpty();
    }

    @Test
    void aRichSchemaIsBuiltFromNothingAndTornDownAgain() {
        Schema rich = richSchema();

        List<Change> build = SchemaDiffer.diff(Schema.EMPTY, rich);
        List<Change> teardown = SchemaDiffer.diff(rich, Schema.EMPTY);

        assertThat(kinds(build))
                .containsExactly(
                        Change.Kind.CREATE_ENUM,
                        Change.Kind.CREATE_SEQUENCE,
                        Change.Kind.CREATE_SEQUENCE,
                        Change.Kind.CREATE_TABLE,
                        Change.Kind.CREATE_TABLE,
                        Change.Kind.CREATE_INDEX,
                        Change.Kind.CREATE_INDEX,
                        Change.Kind.CREATE_INDEX,
                        Change.Kind.ADD_FOREIGN_KEY,
                        Change.Kind.CREATE_VIEW,
                        Change.Kind.CREATE_VIEW);
        // The owned serial sequence goes with its table; the free one is dropped on its own.
        assertThat(teardown)
                .extracting(Change::summary)
                .containsExactly(
                        "drop view order_totals",
                        "drop materialized view top_users",
                        "drop table orders",
                        "drop table users",
                        "drop sequence invoice_no",
                        "drop enum type mood");
    }

    /** One of everything the model holds, in the forms a source produces. */
    static Schema richSchema() {
        Table users =
                table(
                                "users",
                                identity("id", "bigint", IdentityKind.ALWAYS),
                                req("email", "varchar(320)").withComment("login"),
                                col("status", "text").withDefault(def("'active'::text")),
                                col("mood", "mood"),
                                col("tags", "text[]"),
                                col("created", "timestamptz").withDefault(def("now()")))
                        .withPrimaryKey(pk("users_pkey", "id"))
                        .withUniques(List.of(unique("users_email_key", "email")))
                        .withChecks(List.of(check("users_status_check", "((status <> ''::text))")))
                        .withIndexes(
                                List.of(
                                        onExpression(
                                                "users_lower_email_idx",
                                                "users",
                                                "lower((email)::text)"),
                                        where(
                                                index("users_created_idx", "users", "created"),
                                                "(status = 'active'::text)")))
                        .withComment("people");
        Table orders =
                table(
                                "orders",
                                req("id", "integer")
                                        .withDefault(def("nextval('orders_id_seq'::regclass)")),
                                req("user_id", "bigint"),
                                col("qty", "integer"),
                                col("price", "numeric(12,2)"),
                                col("total", "numeric").withGenerated("(qty * price)"))
                        .withPrimaryKey(pk("orders_pkey", "id"))
                        .withChecks(List.of(Models.notValidCheck("orders_qty_check", "(qty > 0)")))
                        .withForeignKeys(
                                List.of(
                                        notValid(
                                                fk(
                                                        "orders_user_id_fkey",
                                                        List.of("user_id"),
                                                        "users",
                                                        "id"))))
                        .withIndexes(
                                List.of(uniqueIndex("orders_user_id_idx", "orders", "user_id")));
        return schema(
                users,
                orders,
                ownedSequence("orders_id_seq", "orders.id"),
                sequence("invoice_no"),
                enumType("mood", "sad", "ok", "happy"),
                view(
                        "order_totals",
                        "SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id"),
                materialized("top_users", "select id from users order by created limit 10"));
    }

    @Test
    void aForeignKeyThatDiffersInItsDeferralAloneIsAlteredInPlaceNotRebuilt() {
        dev.evoplan.model.ForeignKey was = CHILD.foreignKeys().get(0);
        dev.evoplan.model.ForeignKey deferred =
                new dev.evoplan.model.ForeignKey(
                        was.name(),
                        was.columns(),
                        was.target(),
                        was.targetColumns(),
                        was.onDelete(),
                        was.onUpdate(),
                        true,
                        true,
                        was.validated());
        Table child = CHILD.withForeignKeys(List.of(deferred));

        assertThat(SchemaDiffer.diff(schema(CHILD, PARENT), schema(child, PARENT)))
                .containsExactly(
                        new Change.Maintenance(
                                q("a_child"),
                                Change.Maintenance.Operation.ALTER_CONSTRAINT,
                                false,
                                "ALTER TABLE a_child ALTER CONSTRAINT a_child_parent_id_fkey"
                                        + " DEFERRABLE INITIALLY DEFERRED;"));
        // Another column is another key: rebuilt as before.
        Table other =
                CHILD.withForeignKeys(List.of(fk(was.name(), List.of("id"), "z_parent", "id")));
        assertThat(SchemaDiffer.diff(schema(CHILD, PARENT), schema(other, PARENT)))
                .hasSize(2)
                .allMatch(c -> c instanceof DropForeignKey || c instanceof AddForeignKey);
    }
}
