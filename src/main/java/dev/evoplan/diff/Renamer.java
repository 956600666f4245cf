package dev.evoplan.diff;

import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.Identifiers;
import dev.evoplan.model.Index;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Rename;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SchemaEdits;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.Table;
import dev.evoplan.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies stated renames to a copy of a schema the way PostgreSQL carries them out: objects keep
 * their identity, so whatever refers to a renamed table or column (its indexes, constraints,
 * foreign keys in other tables, owned sequences) follows it. The differ then compares the renamed
 * copy with the target, and a renamed column's index does not show up as changed.
 */
final class Renamer {

    /** The renamed schema and the rename changes, in the order they were stated. */
    record Result(Schema schema, List<Change> changes) {
        Result {
            Objects.requireNonNull(schema, "schema is null");
            changes = List.copyOf(changes);
        }
    }

    private Schema schema;
    private final List<Change> changes = new ArrayList<>();

    private Renamer(Schema schema) {
        this.schema = schema;
    }

    /**
     * Applies {@code renames} in order. A rename whose object is missing (a stale hint), or whose
     * new name is already taken, is ignored: the differ then sees a drop and an add.
     */
    static Result apply(Schema from, List<Rename> renames) {
        Renamer r = new Renamer(from);
        for (Rename rename : renames) {
            switch (rename.kind()) {
                case TABLE -> r.renameTable(rename.table().sibling(rename.from()), rename.to());
                case COLUMN -> r.renameColumn(rename.table(), rename.from(), rename.to());
                case SEQUENCE ->
                        r.renameSequence(rename.table().sibling(rename.from()), rename.to());
                case VIEW -> r.renameView(rename.table().sibling(rename.from()), rename.to());
                case INDEX -> r.renameIndex(rename.table(), rename.from(), rename.to());
            }
        }
        return new Result(r.schema, r.changes);
    }

    private void renameTable(QualifiedName old, String newName) {
        QualifiedName renamed = old.sibling(newName);
        if (schema.tables().get(old) == null
                || schema.tables().containsKey(renamed)
                || old.equals(renamed)) {
            return;
        }
        schema = SchemaEdits.renameTable(schema, old, renamed);
        // Column and index renames run after every table rename, so they must name the table as it
        // ends up.
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            if (c instanceof Change.RenameColumn rc && rc.table().equals(old)) {
                changes.set(i, new Change.RenameColumn(renamed, rc.from(), rc.to()));
            } else if (c instanceof Change.RenameIndex ri && ri.table().equals(old)) {
                changes.set(i, new Change.RenameIndex(renamed, ri.from(), ri.to()));
            }
        }
        changes.add(new Change.RenameTable(old, renamed));
    }

    private void renameColumn(QualifiedName tableName, String old, String newName) {
        Table t = schema.tables().get(tableName);
        if (t == null || !t.hasColumn(old) || t.hasColumn(newName)) {
            return;
        }
        schema = SchemaEdits.renameColumn(schema, tableName, old, newName);
        changes.add(new Change.RenameColumn(tableName, old, newName));
    }

    private void renameSequence(QualifiedName old, String newName) {
        QualifiedName renamed = old.sibling(newName);
        Sequence s = schema.sequences().get(old);
        if (s == null || schema.sequences().containsKey(renamed) || old.equals(renamed)) {
            return;
        }
        schema = schema.withoutSequence(old).withSequence(s.withName(renamed));
        // A default calls nextval on the sequence's oid; PostgreSQL prints the new name once
        // renamed.
        schema =
                mapAllTables(
                        t ->
                                t.withColumns(
                                        t.columns().stream()
                                                .map(
                                                        c ->
                                                                c.defaultValue() == null
                                                                        ? c
                                                                        : c.withDefault(
                                                                                renameInNextval(
                                                                                        c
                                                                                                .defaultValue(),
                                                                                        old,
                                                                                        renamed)))
                                                .toList()));
        changes.add(new Change.RenameSequence(old, renamed));
    }

    private static DefaultValue renameInNextval(
            DefaultValue d, QualifiedName old, QualifiedName renamed) {
        String expr = d.expression();
        for (boolean qualified : new boolean[] {true, false}) {
            if (!qualified && !QualifiedName.DEFAULT_SCHEMA.equals(old.schema())) {
                continue;
            }
            String oldText = spelled(old, qualified);
            Pattern p =
                    Pattern.compile(
                            "(nextval\\s*\\(\\s*')" + Pattern.quote(oldText) + "'",
                            Pattern.CASE_INSENSITIVE);
            expr =
                    p.matcher(expr)
                            .replaceAll(
                                    m ->
                                            Matcher.quoteReplacement(
                                                    m.group(1)
                                                            + spelled(renamed, qualified)
                                                            + "'"));
        }
        return expr.equals(d.expression()) ? d : new DefaultValue(expr, d.volatility());
    }

    private static String spelled(QualifiedName n, boolean qualified) {
        String name = Identifiers.quote(n.name());
        return qualified ? Identifiers.quote(n.schema()) + "." + name : name;
    }

    private void renameView(QualifiedName old, String newName) {
        QualifiedName renamed = old.sibling(newName);
        View v = schema.views().get(old);
        if (v == null || schema.views().containsKey(renamed) || old.equals(renamed)) {
            return;
        }
        schema = schema.withoutView(old).withView(v.withName(renamed));
        changes.add(new Change.RenameView(old, renamed));
    }

    /**
     * {@code where} is the table holding the index, or (for a bare ALTER INDEX) any name in its
     * schema.
     */
    private void renameIndex(QualifiedName where, String old, String newName) {
        Optional<Index> found =
                Optional.ofNullable(schema.tables().get(where))
                        .flatMap(
                                t ->
                                        t.indexes().stream()
                                                .filter(i -> i.name().equals(old))
                                                .findFirst())
                        .or(() -> schema.index(where.sibling(old)));
        if (found.isEmpty()
                || old.equals(newName)
                || schema.index(where.sibling(newName)).isPresent()) {
            return;
        }
        Index i = found.get();
        Index renamed =
                new Index(
                        newName,
                        i.table(),
                        i.unique(),
                        i.method(),
                        i.elements(),
                        i.include(),
                        i.predicate());
        schema =
                schema.mapTable(
                        i.table(),
                        t ->
                                t.withIndexes(
                                        t.indexes().stream()
                                                .map(x -> x.name().equals(old) ? renamed : x)
                                                .toList()));
        changes.add(new Change.RenameIndex(i.table(), old, newName));
    }

    private Schema mapAllTables(UnaryOperator<Table> edit) {
        Schema s = schema;
        for (QualifiedName name : schema.tables().keySet()) {
            s = s.mapTable(name, edit);
        }
        return s;
    }
}
