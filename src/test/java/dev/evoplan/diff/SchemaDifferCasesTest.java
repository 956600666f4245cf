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
import static dev.evoplan.diff.Models.notValidCheck;
import static dev.evoplan.diff.Models.onDelete;
import static dev.evoplan.diff.Models.ownedSequence;
import static dev.evoplan.diff.Models.pk;
import static dev.evoplan.diff.Models.q;
import static dev.evoplan.diff.Models.renameColumn;
import static dev.evoplan.diff.Models.renameIndex;
import static dev.evoplan.diff.Models.renameSequence;
import static dev.evoplan.diff.Models.renameTable;
import static dev.evoplan.diff.Models.renameView;
import static dev.evoplan.diff.Models.req;
import static dev.evoplan.diff.Models.schema;
import static dev.evoplan.diff.Models.sequence;
import static dev.evoplan.diff.Models.table;
import static dev.evoplan.diff.Models.type;
import static dev.evoplan.diff.Models.unique;
import static dev.evoplan.diff.Models.uniqueIndex;
import static dev.evoplan.diff.Models.view;
import static dev.evoplan.diff.Models.where;
import static dev.evoplan.diff.Models.withIncrement;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change.AddCheck;
import dev.evoplan.diff.Change.AddColumn;
import dev.evoplan.diff.Change.AddEnumValue;
import dev.evoplan.diff.Change.AddForeignKey;
import dev.evoplan.diff.Change.AddPrimaryKey;
import dev.evoplan.diff.Change.AddUnique;
import dev.evoplan.diff.Change.AlterColumnType;
import dev.evoplan.diff.Change.AlterIdentity;
import dev.evoplan.diff.Change.AlterSequence;
import dev.evoplan.diff.Change.CreateEnum;
import dev.evoplan.diff.Change.CreateIndex;
import dev.evoplan.diff.Change.CreateSequence;
import dev.evoplan.diff.Change.CreateTable;
import dev.evoplan.diff.Change.CreateView;
import dev.evoplan.diff.Change.DropCheck;
import dev.evoplan.diff.Change.DropColumn;
import dev.evoplan.diff.Change.DropDefault;
import dev.evoplan.diff.Change.DropEnum;
import dev.evoplan.diff.Change.DropForeignKey;
import dev.evoplan.diff.Change.DropIndex;
import dev.evoplan.diff.Change.DropNotNull;
import dev.evoplan.diff.Change.DropPrimaryKey;
import dev.evoplan.diff.Change.DropSequence;
import dev.evoplan.diff.Change.DropTable;
import dev.evoplan.diff.Change.DropUnique;
import dev.evoplan.diff.Change.DropView;
import dev.evoplan.diff.Change.RenameColumn;
import dev.evoplan.diff.Change.RenameIndex;
import dev.evoplan.diff.Change.RenameSequence;
import dev.evoplan.diff.Change.RenameTable;
import dev.evoplan.diff.Change.RenameView;
import dev.evoplan.diff.Change.ReplaceView;
import dev.evoplan.diff.Change.SetColumnComment;
import dev.evoplan.diff.Change.SetDefault;
import dev.evoplan.diff.Change.SetNotNull;
import dev.evoplan.diff.Change.SetTableComment;
import dev.evoplan.diff.Change.ValidateCheck;
import dev.evoplan.diff.Change.ValidateForeignKey;
import dev.evoplan.model.Column;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.ReferentialAction;
import dev.evoplan.model.Rename;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: a source schema, a target schema, stated renames, and the exact changes expected.
 * Positive cases show each change kind where it belongs; negative cases ("no ...") show near misses
 * that must produce nothing, or something else.
 */
class SchemaDifferCasesTest {

    record Case(String name, Schema from, Schema to, List<Rename> renames, List<Change> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Column ID = req("id", "bigint");
    private static final Column EMAIL = col("email", "text");
    private static final Column NAME = req("name", "text");
    private static final Column STATUS = col("status", "text").withDefault(def("'active'"));
    private static final Column QTY = col("qty", "integer");
    private static final Column CREATED = col("created", "timestamptz").withDefault(def("now()"));

    private static final Table USERS =
            table("users", ID, EMAIL, NAME, STATUS, QTY, CREATED)
                    .withPrimaryKey(pk("users_pkey", "id"));
    private static final Table ORDERS =
            table(
                            "orders",
                            req("id", "bigint"),
                            col("user_id", "bigint"),
                            col("total", "numeric(12,2)"))
                    .withPrimaryKey(pk("orders_pkey", "id"))
                    .withForeignKeys(
                            List.of(fk("orders_user_id_fkey", List.of("user_id"), "users", "id")))
                    .withIndexes(List.of(index("orders_user_id_idx", "orders", "user_id")));

    private static Case c(String name, Schema from, Schema to, Change... expected) {
        return new Case(name, from, to, List.of(), List.of(expected));
    }

    private static Case renamed(
            String name, Schema from, Schema to, List<Rename> renames, Change... expected) {
        return new Case(name, from, to, renames, List.of(expected));
    }

    /** USERS with one column replaced. */
    private static Table users(Column replacement) {
        return USERS.mapColumn(replacement.name(), x -> replacement);
    }

    static Stream<Case> cases() {
        Schema base = schema(USERS, ORDERS);
        Column nickname = col("nickname", "text");
        Column plan = req("plan", "text").withDefault(def("'free'"));
        Table events = table("events", req("id", "bigint"), req("at", "timestamptz"));
        Table eventsPk = events.withPrimaryKey(pk("events_pkey", "id"));
        ForeignKey ordersFk = ORDERS.foreignKeys().get(0);
        Schema noFk = schema(USERS, ORDERS.withForeignKeys(List.of()));
        Table items =
                table(
                        "items",
                        req("id", "integer").withDefault(def("nextval('items_id_seq'::regclass)")));
        Table orderLines =
                table("order_lines", req("id", "bigint"), req("order_id", "bigint"))
                        .withPrimaryKey(pk("order_lines_pkey", "id"))
                        .withForeignKeys(
                                List.of(
                                        fk(
                                                "order_lines_order_id_fkey",
                                                List.of("order_id"),
                                                "orders",
                                                "id")))
                        .withIndexes(
                                List.of(
                                        index(
                                                "order_lines_order_id_idx",
                                                "order_lines",
                                                "order_id")));
        Table ordersRenamedColumn =
                ORDERS.withColumns(
                                List.of(
                                        req("id", "bigint"),
                                        col("customer_id", "bigint"),
                                        col("total", "numeric(12,2)")))
                        .withForeignKeys(
                                List.of(
                                        fk(
                                                "orders_user_id_fkey",
                                                List.of("customer_id"),
                                                "users",
                                                "id")))
                        .withIndexes(List.of(index("orders_user_id_idx", "orders", "customer_id")));
        return Stream.of(
                // columns
                c(
                        "add a nullable column",
                        base,
                        schema(USERS.withColumn(nickname), ORDERS),
                        new AddColumn(q("users"), nickname)),
                c(
                        "add a NOT NULL column with a default: one AddColumn carrying it all",
                        base,
                        schema(USERS.withColumn(plan), ORDERS),
                        new AddColumn(q("users"), plan)),
                c(
                        "no add or drop when only the column order differs",
                        base,
                        schema(
                                USERS.withColumns(List.of(CREATED, QTY, STATUS, NAME, EMAIL, ID)),
                                ORDERS)),
                c(
                        "drop a column",
                        base,
                        schema(USERS.withoutColumn("email"), ORDERS),
                        new DropColumn(q("users"), EMAIL)),
                c(
                        "change a column type",
                        base,
                        schema(users(QTY.withType(type("bigint"))), ORDERS),
                        new AlterColumnType(
                                q("users"), "qty", type("integer"), type("bigint"), null)),
                c(
                        "no type change for another spelling of the same type",
                        base,
                        schema(users(QTY.withType(type("int4"))), ORDERS)),
                c(
                        "set not null",
                        base,
                        schema(users(EMAIL.withNullable(false)), ORDERS),
                        new SetNotNull(q("users"), "email")),
                c(
                        "drop not null",
                        base,
                        schema(users(NAME.withNullable(true)), ORDERS),
                        new DropNotNull(q("users"), "name")),
                c(
                        "set a first default",
                        base,
                        schema(users(QTY.withDefault(def("0"))), ORDERS),
                        new SetDefault(q("users"), "qty", null, def("0"))),
                c(
                        "change a default",
                        base,
                        schema(users(STATUS.withDefault(def("'pending'"))), ORDERS),
                        new SetDefault(q("users"), "status", def("'active'"), def("'pending'"))),
                c(
                        "drop a default",
                        base,
                        schema(users(STATUS.withDefault(null)), ORDERS),
                        new DropDefault(q("users"), "status", def("'active'"))),
                c(
                        "no default change for 'active' read back as 'active'::text",
                        base,
                        schema(users(STATUS.withDefault(def("'active'::text"))), ORDERS)),
                c(
                        "no default change for now() read back as CURRENT_TIMESTAMP",
                        base,
                        schema(users(CREATED.withDefault(def("CURRENT_TIMESTAMP"))), ORDERS)),
                c(
                        "add identity",
                        base,
                        schema(users(identity("id", "bigint", IdentityKind.ALWAYS)), ORDERS),
                        new AlterIdentity(
                                q("users"), "id", IdentityKind.NONE, IdentityKind.ALWAYS)),
                c(
                        "change identity kind",
                        schema(users(identity("id", "bigint", IdentityKind.ALWAYS)), ORDERS),
                        schema(users(identity("id", "bigint", IdentityKind.BY_DEFAULT)), ORDERS),
                        new AlterIdentity(
                                q("users"), "id", IdentityKind.ALWAYS, IdentityKind.BY_DEFAULT)),
                c(
                        "comment a column",
                        base,
                        schema(users(EMAIL.withComment("where receipts go")), ORDERS),
                        new SetColumnComment(q("users"), "email", null, "where receipts go")),
                c(
                        "no comment change for the same comment",
                        schema(users(EMAIL.withComment("x")), ORDERS),
                        schema(users(EMAIL.withComment("x")), ORDERS)),
                c(
                        "comment a table",
                        base,
                        schema(USERS.withComment("people who buy"), ORDERS),
                        new SetTableComment(q("users"), null, "people who buy")),
                c(
                        "drop a table comment",
                        schema(USERS.withComment("people"), ORDERS),
                        base,
                        new SetTableComment(q("users"), "people", null)),
                // primary keys, uniques
                c(
                        "add a primary key",
                        schema(events),
                        schema(eventsPk),
                        new AddPrimaryKey(q("events"), pk("events_pkey", "id"))),
                c(
                        "drop a primary key",
                        schema(eventsPk),
                        schema(events),
                        new DropPrimaryKey(q("events"), pk("events_pkey", "id"))),
                c(
                        "change a primary key: drop and add",
                        schema(eventsPk),
                        schema(events.withPrimaryKey(pk("events_pkey", "id", "at"))),
                        new DropPrimaryKey(q("events"), pk("events_pkey", "id")),
                        new AddPrimaryKey(q("events"), pk("events_pkey", "id", "at"))),
                c(
                        "add a unique constraint",
                        base,
                        schema(
                                USERS.withUniques(List.of(unique("users_email_key", "email"))),
                                ORDERS),
                        new AddUnique(q("users"), unique("users_email_key", "email"))),
                c(
                        "drop a unique constraint",
                        schema(
                                USERS.withUniques(List.of(unique("users_email_key", "email"))),
                                ORDERS),
                        base,
                        new DropUnique(q("users"), unique("users_email_key", "email"))),
                c(
                        "change a unique constraint: drop and add",
                        schema(
                                USERS.withUniques(List.of(unique("users_email_key", "email"))),
                                ORDERS),
                        schema(
                                USERS.withUniques(
                                        List.of(unique("users_email_key", "email", "name"))),
                                ORDERS),
                        new DropUnique(q("users"), unique("users_email_key", "email")),
                        new AddUnique(q("users"), unique("users_email_key", "email", "name"))),
                // checks
                c(
                        "add a check",
                        base,
                        schema(
                                USERS.withChecks(List.of(check("users_qty_check", "qty > 0"))),
                                ORDERS),
                        new AddCheck(q("users"), check("users_qty_check", "qty > 0"))),
                c(
                        "drop a check",
                        schema(
                                USERS.withChecks(List.of(check("users_qty_check", "qty > 0"))),
                                ORDERS),
                        base,
                        new DropCheck(q("users"), check("users_qty_check", "qty > 0"))),
                c(
                        "change a check: drop and add",
                        schema(
                                USERS.withChecks(List.of(check("users_qty_check", "qty > 0"))),
                                ORDERS),
                        schema(
                                USERS.withChecks(List.of(check("users_qty_check", "qty >= 0"))),
                                ORDERS),
                        new DropCheck(q("users"), check("users_qty_check", "qty > 0")),
                        new AddCheck(q("users"), check("users_qty_check", "qty >= 0"))),
                c(
                        "no check change for PostgreSQL's printing ((qty > 0))",
                        schema(
                                USERS.withChecks(List.of(check("users_qty_check", "qty > 0"))),
                                ORDERS),
                        schema(
                                USERS.withChecks(List.of(check("users_qty_check", "((qty > 0))"))),
                                ORDERS)),
                c(
                        "no check change for case and spacing",
                        schema(
                                USERS.withChecks(
                                        List.of(check("users_qty_check", "qty > 0 AND qty < 10"))),
                                ORDERS),
                        schema(
                                USERS.withChecks(
                                        List.of(check("users_qty_check", "(QTY>0  and qty<10)"))),
                                ORDERS)),
                c(
                        "validate a NOT VALID check",
                        schema(
                                USERS.withChecks(
                                        List.of(notValidCheck("users_qty_check", "qty > 0"))),
                                ORDERS),
                        schema(
                                USERS.withChecks(List.of(check("users_qty_check", "((qty > 0))"))),
                                ORDERS),
                        new ValidateCheck(q("users"), check("users_qty_check", "((qty > 0))"))),
                c(
                        "no validate for a valid check becoming NOT VALID: drop and add",
                        schema(
                                USERS.withChecks(List.of(check("users_qty_check", "qty > 0"))),
                                ORDERS),
                        schema(
                                USERS.withChecks(
                                        List.of(notValidCheck("users_qty_check", "qty > 0"))),
                                ORDERS),
                        new DropCheck(q("users"), check("users_qty_check", "qty > 0")),
                        new AddCheck(q("users"), notValidCheck("users_qty_check", "qty > 0"))),
                c(
                        "no validate when the expression changes too: drop and add",
                        schema(
                                USERS.withChecks(
                                        List.of(notValidCheck("users_qty_check", "qty > 0"))),
                                ORDERS),
                        schema(
                                USERS.withChecks(List.of(check("users_qty_check", "qty > 1"))),
                                ORDERS),
                        new DropCheck(q("users"), notValidCheck("users_qty_check", "qty > 0")),
                        new AddCheck(q("users"), check("users_qty_check", "qty > 1"))),
                // foreign keys
                c("add a foreign key", noFk, base, new AddForeignKey(q("orders"), ordersFk)),
                c("drop a foreign key", base, noFk, new DropForeignKey(q("orders"), ordersFk)),
                c(
                        "change a foreign key: drop and add",
                        base,
                        schema(
                                USERS,
                                ORDERS.withForeignKeys(
                                        List.of(onDelete(ordersFk, ReferentialAction.CASCADE)))),
                        new DropForeignKey(q("orders"), ordersFk),
                        new AddForeignKey(
                                q("orders"), onDelete(ordersFk, ReferentialAction.CASCADE))),
                c(
                        "validate a NOT VALID foreign key",
                        schema(USERS, ORDERS.withForeignKeys(List.of(notValid(ordersFk)))),
                        base,
                        new ValidateForeignKey(q("orders"), ordersFk)),
                c(
                        "no validate for a valid foreign key becoming NOT VALID: drop and add",
                        base,
                        schema(USERS, ORDERS.withForeignKeys(List.of(notValid(ordersFk)))),
                        new DropForeignKey(q("orders"), ordersFk),
                        new AddForeignKey(q("orders"), notValid(ordersFk))),
                // indexes
                c(
                        "create an index",
                        base,
                        schema(
                                USERS.withIndexes(
                                        List.of(index("users_email_idx", "users", "email"))),
                                ORDERS),
                        new CreateIndex(index("users_email_idx", "users", "email"))),
                c(
                        "drop an index",
                        base,
                        schema(USERS, ORDERS.withIndexes(List.of())),
                        new DropIndex(index("orders_user_id_idx", "orders", "user_id"))),
                c(
                        "change an index: drop and create",
                        base,
                        schema(
                                USERS,
                                ORDERS.withIndexes(
                                        List.of(
                                                uniqueIndex(
                                                        "orders_user_id_idx",
                                                        "orders",
                                                        "user_id")))),
                        new DropIndex(index("orders_user_id_idx", "orders", "user_id")),
                        new CreateIndex(uniqueIndex("orders_user_id_idx", "orders", "user_id"))),
                c(
                        "no index change for a predicate printed with parentheses",
                        schema(
                                USERS.withIndexes(
                                        List.of(
                                                where(
                                                        index("users_email_idx", "users", "email"),
                                                        "status = 'x'"))),
                                ORDERS),
                        schema(
                                USERS.withIndexes(
                                        List.of(
                                                where(
                                                        index("users_email_idx", "users", "email"),
                                                        "(status = 'x')"))),
                                ORDERS)),
                // sequences
                c(
                        "create a sequence",
                        base,
                        schema(USERS, ORDERS, sequence("invoice_no")),
                        new CreateSequence(sequence("invoice_no"))),
                c(
                        "drop a sequence",
                        schema(USERS, ORDERS, sequence("invoice_no")),
                        base,
                        new DropSequence(sequence("invoice_no"))),
                c(
                        "alter a sequence",
                        schema(USERS, ORDERS, sequence("invoice_no")),
                        schema(USERS, ORDERS, withIncrement(sequence("invoice_no"), 10)),
                        new AlterSequence(
                                sequence("invoice_no"), withIncrement(sequence("invoice_no"), 10))),
                c(
                        "no sequence drop when its owning table is dropped (it goes with the table)",
                        schema(items, ownedSequence("items_id_seq", "items.id")),
                        Schema.EMPTY,
                        new DropTable(items)),
                c(
                        "no sequence drop when its owning column is dropped",
                        schema(
                                items.withColumn(col("note", "text")),
                                ownedSequence("items_id_seq", "items.id")),
                        schema(table("items", col("note", "text"))),
                        new DropColumn(q("items"), items.columns().get(0))),
                c(
                        "a sequence not owned by the dropped table is dropped",
                        schema(items, sequence("items_id_seq")),
                        Schema.EMPTY,
                        new DropTable(items),
                        new DropSequence(sequence("items_id_seq"))),
                // enums
                c(
                        "create an enum",
                        base,
                        schema(USERS, ORDERS, enumType("mood", "sad", "ok")),
                        new CreateEnum(enumType("mood", "sad", "ok"))),
                c(
                        "drop an enum",
                        schema(USERS, ORDERS, enumType("mood", "sad", "ok")),
                        base,
                        new DropEnum(enumType("mood", "sad", "ok"))),
                c(
                        "append an enum value",
                        schema(enumType("mood", "sad", "ok")),
                        schema(enumType("mood", "sad", "ok", "happy")),
                        new AddEnumValue(q("mood"), "happy", "ok")),
                c(
                        "insert an enum value in the middle",
                        schema(enumType("mood", "sad", "happy")),
                        schema(enumType("mood", "sad", "ok", "happy")),
                        new AddEnumValue(q("mood"), "ok", "sad")),
                c(
                        "insert an enum value first",
                        schema(enumType("mood", "sad", "happy")),
                        schema(enumType("mood", "awful", "sad", "happy")),
                        new AddEnumValue(q("mood"), "awful", null)),
                c(
                        "append two enum values, each after the one before",
                        schema(enumType("mood", "sad")),
                        schema(enumType("mood", "sad", "zen", "calm")),
                        new AddEnumValue(q("mood"), "zen", "sad"),
                        new AddEnumValue(q("mood"), "calm", "zen")),
                // views
                c(
                        "create a view",
                        base,
                        schema(USERS, ORDERS, view("active_users", "select id from users")),
                        new CreateView(view("active_users", "select id from users"))),
                c(
                        "drop a view",
                        schema(USERS, ORDERS, view("active_users", "select id from users")),
                        base,
                        new DropView(view("active_users", "select id from users"))),
                c(
                        "replace a changed view",
                        schema(view("v", "select id from users")),
                        schema(view("v", "select id, email from users")),
                        new ReplaceView(
                                view("v", "select id from users"),
                                view("v", "select id, email from users"))),
                c(
                        "no view change for whitespace and a trailing semicolon",
                        schema(view("v", "select id from users")),
                        schema(view("v", "select id\n  from users;"))),
                c(
                        "a view becoming materialized is dropped and created",
                        schema(view("v", "select 1")),
                        schema(materialized("v", "select 1")),
                        new DropView(view("v", "select 1")),
                        new CreateView(materialized("v", "select 1"))),
                // tables
                c(
                        "a new table is created bare; its index and foreign key follow",
                        base,
                        schema(USERS, ORDERS, orderLines),
                        new CreateTable(
                                orderLines.withForeignKeys(List.of()).withIndexes(List.of())),
                        new CreateIndex(
                                index("order_lines_order_id_idx", "order_lines", "order_id")),
                        new AddForeignKey(q("order_lines"), orderLines.foreignKeys().get(0))),
                c(
                        "a dropped table is one DropTable, its foreign key and index included",
                        base,
                        schema(USERS),
                        new DropTable(ORDERS)),
                // renames
                renamed(
                        "a renamed column keeps its index and foreign key",
                        base,
                        schema(USERS, ordersRenamedColumn),
                        List.of(renameColumn("orders", "user_id", "customer_id")),
                        new RenameColumn(q("orders"), "user_id", "customer_id")),
                c(
                        "no rename without the hint: drop and add, index and foreign key recreated",
                        base,
                        schema(USERS, ordersRenamedColumn),
                        new DropForeignKey(q("orders"), ordersFk),
                        new DropIndex(index("orders_user_id_idx", "orders", "user_id")),
                        new AddColumn(q("orders"), col("customer_id", "bigint")),
                        new CreateIndex(index("orders_user_id_idx", "orders", "customer_id")),
                        new AddForeignKey(
                                q("orders"),
                                fk("orders_user_id_fkey", List.of("customer_id"), "users", "id")),
                        new DropColumn(q("orders"), col("user_id", "bigint"))),
                renamed(
                        "a renamed referenced column is followed by the foreign keys to it",
                        base,
                        schema(
                                USERS.withColumns(
                                                List.of(
                                                        req("uid", "bigint"),
                                                        EMAIL,
                                                        NAME,
                                                        STATUS,
                                                        QTY,
                                                        CREATED))
                                        .withPrimaryKey(pk("users_pkey", "uid")),
                                ORDERS.withForeignKeys(
                                        List.of(
                                                fk(
                                                        "orders_user_id_fkey",
                                                        List.of("user_id"),
                                                        "users",
                                                        "uid")))),
                        List.of(renameColumn("users", "id", "uid")),
                        new RenameColumn(q("users"), "id", "uid")),
                renamed(
                        "a renamed table is followed by its indexes and the foreign keys to it",
                        base,
                        schema(
                                USERS.withName(q("customers")),
                                ORDERS.withForeignKeys(
                                        List.of(
                                                fk(
                                                        "orders_user_id_fkey",
                                                        List.of("user_id"),
                                                        "customers",
                                                        "id")))),
                        List.of(renameTable("users", "customers")),
                        new RenameTable(q("users"), q("customers"))),
                renamed(
                        "no rename for a stale hint (the column does not exist)",
                        base,
                        base,
                        List.of(renameColumn("users", "nickname", "handle"))),
                renamed(
                        "no rename for a stale hint: the real change stays a drop and an add",
                        base,
                        schema(
                                users(EMAIL).withoutColumn("email").withColumn(col("mail", "text")),
                                ORDERS),
                        List.of(renameColumn("users", "e_mail", "mail")),
                        new AddColumn(q("users"), col("mail", "text")),
                        new DropColumn(q("users"), EMAIL)),
                renamed(
                        "a renamed column then retyped",
                        base,
                        schema(
                                users(QTY)
                                        .withColumns(
                                                List.of(
                                                        ID,
                                                        EMAIL,
                                                        NAME,
                                                        STATUS,
                                                        col("quantity", "bigint"),
                                                        CREATED)),
                                ORDERS),
                        List.of(renameColumn("users", "qty", "quantity")),
                        new RenameColumn(q("users"), "qty", "quantity"),
                        new AlterColumnType(
                                q("users"), "quantity", type("integer"), type("bigint"), null)),
                renamed(
                        "a check follows a column rename",
                        schema(USERS.withChecks(List.of(check("users_qty_check", "qty > 0")))),
                        schema(
                                USERS.withColumns(
                                                List.of(
                                                        ID,
                                                        EMAIL,
                                                        NAME,
                                                        STATUS,
                                                        col("quantity", "integer"),
                                                        CREATED))
                                        .withChecks(
                                                List.of(
                                                        check(
                                                                "users_qty_check",
                                                                "(quantity > 0)")))),
                        List.of(renameColumn("users", "qty", "quantity")),
                        new RenameColumn(q("users"), "qty", "quantity")),
                renamed(
                        "a column rename stated before its table's rename names the table as renamed",
                        base,
                        schema(
                                USERS.mapColumn("email", x -> x.withName("mail"))
                                        .withName(q("customers")),
                                ORDERS.withForeignKeys(
                                        List.of(
                                                fk(
                                                        "orders_user_id_fkey",
                                                        List.of("user_id"),
                                                        "customers",
                                                        "id")))),
                        List.of(
                                renameColumn("users", "email", "mail"),
                                renameTable("users", "customers")),
                        new RenameTable(q("users"), q("customers")),
                        new RenameColumn(q("customers"), "email", "mail")),
                renamed(
                        "a renamed sequence is followed by the default that calls it",
                        schema(items, ownedSequence("items_id_seq", "items.id")),
                        schema(
                                items.mapColumn(
                                        "id",
                                        x -> x.withDefault(def("nextval('item_ids'::regclass)"))),
                                ownedSequence("item_ids", "items.id")),
                        List.of(renameSequence("items_id_seq", "item_ids")),
                        new RenameSequence(q("items_id_seq"), q("item_ids"))),
                c(
                        "a new extension is created first",
                        base,
                        base.withExtension(new dev.evoplan.model.Extension("pg_trgm", null)),
                        new Change.CreateExtension(
                                new dev.evoplan.model.Extension("pg_trgm", null))),
                c(
                        "a new function is created",
                        base,
                        base.withObject(FUNCTION),
                        new Change.CreateObject(FUNCTION)),
                c(
                        "a function whose body changed is replaced",
                        base.withObject(FUNCTION),
                        base.withObject(FUNCTION_V2),
                        new Change.AlterObject(FUNCTION, FUNCTION_V2)),
                c(
                        "a function no longer there is dropped",
                        base.withObject(FUNCTION),
                        base,
                        new Change.DropObject(FUNCTION)),
                c(
                        "an extension no longer there is dropped",
                        base.withExtension(new dev.evoplan.model.Extension("hstore", "public")),
                        base,
                        new Change.DropExtension(
                                new dev.evoplan.model.Extension("hstore", "public"))),
                renamed(
                        "a renamed view",
                        schema(view("v", "select 1")),
                        schema(view("w", "select 1")),
                        List.of(renameView("v", "w")),
                        new RenameView(q("v"), q("w"))),
                renamed(
                        "a renamed index",
                        base,
                        schema(
                                USERS,
                                ORDERS.withIndexes(
                                        List.of(
                                                index(
                                                        "orders_customer_idx",
                                                        "orders",
                                                        "user_id")))),
                        List.of(renameIndex("orders", "orders_user_id_idx", "orders_customer_idx")),
                        new RenameIndex(q("orders"), "orders_user_id_idx", "orders_customer_idx")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diffGivesExactlyTheExpectedChanges(Case c) {
        assertThat(SchemaDiffer.diff(c.from(), c.to(), c.renames()))
                .containsExactlyElementsOf(c.expected());
    }

    private static final dev.evoplan.model.Routine FUNCTION =
            new dev.evoplan.model.Routine(
                    q("f"),
                    "integer",
                    false,
                    "(a integer) RETURNS int LANGUAGE sql RETURN a",
                    "sql");
    private static final dev.evoplan.model.Routine FUNCTION_V2 =
            new dev.evoplan.model.Routine(
                    q("f"),
                    "integer",
                    false,
                    "(a integer) RETURNS int LANGUAGE sql RETURN a + 1",
                    "sql");

    @Test
    void theCasesCoverEveryChangeKindTheDifferProduces() {
        Set<Change.Kind> seen =
                cases().flatMap(c -> c.expected().stream())
                        .map(Change::kind)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Change.Kind.class)));
        // Rows are never a difference between two states; opaque changes have their own tests.
        Set<Change.Kind> expected =
                EnumSet.complementOf(
                        EnumSet.of(
                                Change.Kind.DATA_CHANGE,
                                Change.Kind.MAINTENANCE,
                                Change.Kind.OPAQUE));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }
}
