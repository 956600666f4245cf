package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Schema#triggersOn}: the triggers of one table, among tables whose names run alike. */
class TriggersOnTest {

    private static Trigger trigger(String table, String name) {
        return new Trigger(
                QualifiedName.parse(table),
                name,
                false,
                "AFTER INSERT",
                "FOR EACH ROW EXECUTE FUNCTION f()");
    }

    @Test
    void holdsTheTriggersOfThatTableAloneInNameOrder() {
        Trigger onTb = trigger("t", "b");
        Trigger onTa = trigger("t", "a");
        // Tables whose keys sort next to t's: a longer name, one that goes on with a space, the
        // same name in another schema; and other objects keyed by the table's name.
        List<SchemaObject> others =
                List.of(
                        trigger("ta", "a"),
                        trigger("s", "z"),
                        trigger("\"t x\"", "y"),
                        trigger("other.t", "a"),
                        trigger("u", "a"),
                        new RowSecurity(QualifiedName.parse("t"), true, false));
        Schema schema = Schema.EMPTY;
        for (SchemaObject o : others) {
            schema = schema.withObject(o);
        }
        assertThat(schema.triggersOn(QualifiedName.parse("t"))).isEmpty();
        schema = schema.withObject(onTb).withObject(onTa);

        assertThat(schema.triggersOn(QualifiedName.parse("t"))).containsExactly(onTa, onTb);
        assertThat(schema.triggersOn(QualifiedName.parse("\"t x\"")))
                .containsExactly(trigger("\"t x\"", "y"));
        assertThat(schema.triggersOn(QualifiedName.parse("other.t")))
                .containsExactly(trigger("other.t", "a"));
        // The last trigger of the map.
        assertThat(schema.triggersOn(QualifiedName.parse("u"))).containsExactly(trigger("u", "a"));
        assertThat(schema.triggersOn(QualifiedName.parse("v"))).isEmpty();
    }
}
