package dev.evoplan.plan;

import static dev.evoplan.plan.Tables.check;
import static dev.evoplan.plan.Tables.col;
import static dev.evoplan.plan.Tables.fk;
import static dev.evoplan.plan.Tables.index;
import static dev.evoplan.plan.Tables.notNull;
import static dev.evoplan.plan.Tables.pk;
import static dev.evoplan.plan.Tables.q;
import static dev.evoplan.plan.Tables.schema;
import static dev.evoplan.plan.Tables.table;
import static dev.evoplan.plan.Tables.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.View;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One change of every kind, each planned alone: each yields steps that name it. */
class EveryKindTest {
    @Test
    void everyKindIsPlanned() {
        Table users =
                pk(
                                table(
                                        "users",
                                        notNull("id", "bigint"),
                                        col("email", "text"),
                                        col("age", "integer")),
                                "id")
                        .withUniques(List.of(unique("users_email_key", "email")))
                        .withChecks(List.of(check("users_age_check", "age > 0")))
                        .withIndexes(List.of(index("users_age_idx", "users", "age")));
        Table orders =
                pk(table("orders", notNull("id", "bigint"), col("user_id", "bigint")), "id")
                        .withForeignKeys(
                                List.of(
                                        fk(
                                                "orders_user_id_fkey",
                                                List.of("user_id"),
                                                "users",
                                                List.of("id"))));
        View view = new View(q("v"), "SELECT 1", false);
        Sequence seq = Sequence.of(q("s"));
        EnumType mood = new EnumType(q("mood"), List.of("a"));
        Schema from = schema(users, orders).withView(view).withSequence(seq).withEnum(mood);
        List<Change> changes =
                List.of(
                        new Change.CreateTable(table("n", col("a", "integer"))),
                        new Change.DropTable(orders),
                        new Change.RenameTable(q("orders"), q("purchases")),
                        new Change.SetTableComment(q("users"), null, "c"),
                        new Change.AddColumn(q("users"), col("nick", "text")),
                        new Change.DropColumn(q("users"), col("age", "integer")),
                        new Change.RenameColumn(q("users"), "email", "mail"),
                        new Change.AlterColumnType(
                                q("users"),
                                "age",
                                SqlType.parse("integer"),
                                SqlType.parse("bigint"),
                                null),
                        new Change.SetNotNull(q("users"), "age"),
                        new Change.DropNotNull(q("users"), "id"),
                        new Change.SetDefault(q("users"), "age", null, DefaultValue.of("1")),
                        new Change.DropDefault(q("users"), "age", DefaultValue.of("1")),
                        new Change.AlterIdentity(
                                q("users"), "id", IdentityKind.NONE, IdentityKind.ALWAYS),
                        new Change.SetColumnComment(q("users"), "age", null, "years"),
                        new Change.AddPrimaryKey(
                                q("orders"), new PrimaryKey("orders_pkey", List.of("id"))),
                        new Change.DropPrimaryKey(q("users"), users.primaryKey()),
                        new Change.AddUnique(q("users"), unique("users_age_key", "age")),
                        new Change.DropUnique(q("users"), unique("users_email_key", "email")),
                        new Change.AddCheck(q("users"), check("users_id_check", "id > 0")),
                        new Change.DropCheck(q("users"), check("users_age_check", "age > 0")),
                        new Change.ValidateCheck(q("users"), check("users_age_check", "age > 0")),
                        new Change.AddForeignKey(
                                q("orders"),
                                fk("orders_id_fkey", List.of("id"), "users", List.of("id"))),
                        new Change.DropForeignKey(q("orders"), orders.foreignKeys().get(0)),
                        new Change.ValidateForeignKey(q("orders"), orders.foreignKeys().get(0)),
                        new Change.CreateIndex(index("users_email_idx", "users", "email")),
                        new Change.DropIndex(index("users_age_idx", "users", "age")),
                        new Change.RenameIndex(q("users"), "users_age_idx", "users_by_age"),
                        new Change.CreateSequence(Sequence.of(q("s2"))),
                        new Change.DropSequence(seq),
                        new Change.AlterSequence(
                                seq,
                                new Sequence(
                                        q("s"), "integer", null, null, null, null, null, false,
                                        null)),
                        new Change.RenameSequence(q("s"), q("s3")),
                        new Change.CreateEnum(new EnumType(q("e2"), List.of("x"))),
                        new Change.DropEnum(mood),
                        new Change.AddEnumValue(q("mood"), "b", "a"),
                        new Change.CreateView(new View(q("v2"), "SELECT 2", false)),
                        new Change.DropView(view),
                        new Change.ReplaceView(view, new View(q("v"), "SELECT 3", false)),
                        new Change.RenameView(q("v"), q("v4")),
                        new Change.CreateExtension(
                                new dev.evoplan.model.Extension("pg_trgm", null)),
                        new Change.DropExtension(new dev.evoplan.model.Extension("hstore", null)),
                        new Change.CreateObject(
                                new dev.evoplan.model.Policy(
                                        q("users"), "own", true, null, List.of(), "true", null)),
                        new Change.AlterObject(
                                new dev.evoplan.model.RowSecurity(q("users"), true, false),
                                new dev.evoplan.model.RowSecurity(q("users"), true, true)),
                        new Change.DropObject(
                                new dev.evoplan.model.Trigger(
                                        q("users"),
                                        "tr",
                                        false,
                                        "BEFORE INSERT",
                                        "FOR EACH ROW EXECUTE FUNCTION f()")),
                        new Change.DataChange(q("users"), "insert", "3 rows"),
                        new Change.Maintenance(
                                q("users"),
                                Change.Maintenance.Operation.REINDEX,
                                false,
                                "REINDEX TABLE users"),
                        new Change.Opaque("sql", "VACUUM"));
        Set<Change.Kind> seen = EnumSet.noneOf(Change.Kind.class);
        for (Change change : changes) {
            Plan p = Planner.plan(from, List.of(change), PlanOptions.defaults(16));
            assertThat(p.steps()).as(change.summary()).isNotEmpty();
            assertThat(p.steps()).allMatch(s -> s.forChange().equals(change.summary()));
            seen.add(change.kind());
        }
        assertThat(seen).containsExactlyInAnyOrder(Change.Kind.values());
    }
}
