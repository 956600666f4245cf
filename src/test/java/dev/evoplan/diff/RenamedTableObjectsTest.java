package dev.evoplan.diff;

import static dev.evoplan.diff.Models.col;
import static dev.evoplan.diff.Models.q;
import static dev.evoplan.diff.Models.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Rename;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Trigger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A table's triggers follow its stated rename, once, whatever other table takes its old name. */
class RenamedTableObjectsTest {
    private static Trigger audit(String table, String name) {
        return new Trigger(
                q(table), name, false, "AFTER INSERT", "FOR EACH ROW EXECUTE FUNCTION f()");
    }

    @Test
    void aTriggerStaysWithItsTableWhenAnotherTableTakesTheOldName() {
        Schema from =
                Schema.EMPTY
                        .withTable(table("a", col("id", "int")))
                        .withTable(table("c", col("id", "int")))
                        .withObject(audit("a", "t_a"))
                        .withObject(audit("c", "t_c"));
        Schema to =
                Schema.EMPTY
                        .withTable(table("b", col("id", "int")))
                        .withTable(table("a", col("id", "int")))
                        .withObject(audit("b", "t_a"))
                        .withObject(audit("a", "t_c"));
        List<Change> changes =
                SchemaDiffer.diff(
                        from,
                        to,
                        List.of(
                                new Rename(Rename.Kind.TABLE, q("a"), "a", "b"),
                                new Rename(Rename.Kind.TABLE, q("c"), "c", "a")));
        assertThat(changes).noneMatch(c -> c instanceof Change.CreateObject);
        assertThat(changes).noneMatch(c -> c instanceof Change.DropObject);
        assertThat(changes).noneMatch(c -> c instanceof Change.AlterObject);
    }
}
