package dev.evoplan.diff;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReferentialAction;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.View;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Small consistent schemas from a seed. Every decision for one object draws from a stream seeded by
 * that object alone, and a second "noise" stream flips a decision now and then: the same seed with
 * a little noise gives a nearby schema, so pairs differ in a few places rather than all. Values
 * stay within what the differ compares by value: no two defaults, checks or predicates in the pools
 * mean the same thing.
 */
final class SchemaGenerator {

    private static final List<String> TABLES = List.of("t_a", "t_b", "t_c");
    private static final List<String> COLUMNS = List.of("id", "code", "name", "qty");
    private static final List<String> TYPES =
            List.of("bigint", "integer", "text", "varchar(20)", "varchar(40)", "numeric(10,2)");
    private static final List<String> DEFAULTS = List.of("0", "42", "'x'", "'y'", "now()");
    private static final List<String> LABELS = List.of("sad", "ok", "happy", "great");

    private final long seed;
    private final Random noise;
    private final double flip;

    private SchemaGenerator(long seed, Random noise, double flip) {
        this.seed = seed;
        this.noise = noise;
        this.flip = flip;
    }

    /** The schema for {@code seed}, each decision flipped with probability {@code flip}. */
    static Schema generate(long seed, long noiseSeed, double flip) {
        return new SchemaGenerator(seed, new Random(noiseSeed), flip).build();
    }

    /** Decisions for one object. */
    private final class Picker {
        private final Random r;

        Picker(int stream) {
            r = new Random(seed * 7919 + stream);
        }

        int pick(int n) {
            int v = r.nextInt(n);
            return noise.nextDouble() < flip ? noise.nextInt(n) : v;
        }

        boolean chance(double p) {
            boolean v = r.nextDouble() < p;
            return noise.nextDouble() < flip ? !v : v;
        }

        <T> T of(List<T> items) {
            return items.get(pick(items.size()));
        }
    }

    private Schema build() {
        Schema s = Schema.EMPTY;
        for (String e : List.of("mood", "color")) {
            Picker p = new Picker(e.hashCode());
            if (p.chance(0.5)) {
                List<String> values = new ArrayList<>();
                LABELS.forEach(
                        l -> {
                            if (p.chance(0.6)) {
                                values.add(l);
                            }
                        });
                if (values.size() > 1 && p.chance(0.15)) {
                    Collections.swap(values, 0, 1);
                }
                s = s.withEnum(new EnumType(QualifiedName.of(e), values));
            }
        }
        for (int i = 0; i < TABLES.size(); i++) {
            Picker p = new Picker(100 + i);
            if (p.chance(0.75)) {
                s = s.withTable(table(TABLES.get(i), p, s));
            }
        }
        for (int i = 0; i < TABLES.size(); i++) {
            Picker p = new Picker(200 + i);
            Table t = s.tables().get(QualifiedName.of(TABLES.get(i)));
            if (t != null && p.chance(0.5)) {
                s = s.withTable(withForeignKey(t, p, s));
            }
        }
        for (String name : List.of("s_a", "s_b")) {
            Picker p = new Picker(300 + name.hashCode());
            if (p.chance(0.5)) {
                s = s.withSequence(sequence(name, p, s));
            }
        }
        for (String name : List.of("v_a", "v_b")) {
            Picker p = new Picker(400 + name.hashCode());
            if (p.chance(0.5) && !s.tables().isEmpty()) {
                s = s.withView(view(name, p, s));
            }
        }
        return s;
    }

    private Table table(String name, Picker p, Schema s) {
        List<String> types = new ArrayList<>(TYPES);
        s.enums().keySet().forEach(e -> types.add(e.name()));
        List<Column> columns = new ArrayList<>();
        for (String c : COLUMNS) {
            if (!p.chance(c.equals("id") ? 0.9 : 0.6)) {
                continue;
            }
            SqlType type = SqlType.parse(p.of(types));
            boolean nullable = p.chance(0.5);
            DefaultValue def = p.chance(0.3) ? DefaultValue.of(p.of(DEFAULTS)) : null;
            IdentityKind identity =
                    c.equals("id") && p.chance(0.25)
                            ? p.of(List.of(IdentityKind.ALWAYS, IdentityKind.BY_DEFAULT))
                            : IdentityKind.NONE;
            String comment = p.chance(0.2) ? p.of(List.of("c1", "c2")) : null;
            if (identity != IdentityKind.NONE) {
                nullable = false;
                def = null;
            }
            columns.add(new Column(c, type, nullable, def, identity, null, comment));
        }
        Table t = Table.empty(QualifiedName.of(name)).withColumns(columns);
        if (t.hasColumn("id") && p.chance(0.6)) {
            List<String> keyColumns =
                    t.hasColumn("code") && p.chance(0.3) ? List.of("id", "code") : List.of("id");
            t =
                    t.withPrimaryKey(
                            new PrimaryKey(
                                    p.of(List.of(name + "_pkey", name + "_pk")), keyColumns));
            for (String k : keyColumns) {
                t = t.mapColumn(k, col -> col.withNullable(false));
            }
        }
        List<String> others =
                columns.stream().map(Column::name).filter(c -> !c.equals("id")).toList();
        List<UniqueConstraint> uniques = new ArrayList<>();
        List<CheckConstraint> checks = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        for (String c : others) {
            if (p.chance(0.25)) {
                uniques.add(
                        new UniqueConstraint(name + "_" + c + "_key", List.of(c), p.chance(0.2)));
            }
            if (p.chance(0.3)) {
                String expression = p.of(List.of(c + " IS NOT NULL", c + " <> 'z'"));
                checks.add(
                        new CheckConstraint(name + "_" + c + "_check", expression, p.chance(0.8)));
            }
            if (p.chance(0.3)) {
                List<IndexElement> elements =
                        p.chance(0.15)
                                ? List.of(
                                        new IndexElement(
                                                "lower(" + c + "::text)", true, false, null, null))
                                : t.hasColumn("id") && p.chance(0.3)
                                        ? List.of(IndexElement.column(c), IndexElement.column("id"))
                                        : List.of(IndexElement.column(c));
                String predicate = p.chance(0.2) ? c + " IS NOT NULL" : null;
                indexes.add(
                        new Index(
                                name + "_" + c + "_idx",
                                t.name(),
                                p.chance(0.2),
                                p.of(List.of("btree", "hash")),
                                elements,
                                List.of(),
                                predicate));
            }
        }
        return t.withUniques(uniques)
                .withChecks(checks)
                .withIndexes(indexes)
                .withComment(p.chance(0.2) ? p.of(List.of("t1", "t2")) : null);
    }

    /** A foreign key to a table with a primary key, from as many of this table's columns. */
    private Table withForeignKey(Table t, Picker p, Schema s) {
        List<Table> targets =
                s.tables().values().stream().filter(x -> x.primaryKey() != null).toList();
        if (targets.isEmpty()) {
            return t;
        }
        Table target = p.of(targets);
        int width = target.primaryKey().columns().size();
        List<String> columns = new ArrayList<>(t.columns().stream().map(Column::name).toList());
        if (columns.size() < width) {
            return t;
        }
        Collections.rotate(columns, p.pick(columns.size()));
        List<String> fkColumns = List.copyOf(columns.subList(0, width));
        ForeignKey fk =
                new ForeignKey(
                        t.name().name() + "_" + fkColumns.get(0) + "_fkey",
                        fkColumns,
                        target.name(),
                        target.primaryKey().columns(),
                        p.of(List.of(ReferentialAction.NO_ACTION, ReferentialAction.CASCADE)),
                        ReferentialAction.NO_ACTION,
                        false,
                        false,
                        p.chance(0.8));
        return t.withForeignKeys(List.of(fk));
    }

    private Sequence sequence(String name, Picker p, Schema s) {
        List<String> owners = new ArrayList<>();
        s.tables()
                .values()
                .forEach(
                        t ->
                                t.columns()
                                        .forEach(
                                                c -> owners.add(t.name().name() + "." + c.name())));
        String ownedBy = !owners.isEmpty() && p.chance(0.4) ? p.of(owners) : null;
        Long increment = p.of(java.util.Arrays.asList(null, 1L, 5L));
        return new Sequence(
                QualifiedName.of(name),
                "bigint",
                null,
                increment,
                null,
                null,
                null,
                p.chance(0.2),
                ownedBy);
    }

    private View view(String name, Picker p, Schema s) {
        if (name.equals("v_b") && s.views().containsKey(QualifiedName.of("v_a")) && p.chance(0.5)) {
            return new View(QualifiedName.of(name), "select * from v_a", p.chance(0.3));
        }
        Table t = p.of(List.copyOf(s.tables().values()));
        if (t.columns().isEmpty()) {
            return new View(
                    QualifiedName.of(name),
                    "select count(*) from " + t.name().name(),
                    p.chance(0.3));
        }
        String c = p.of(t.columns()).name();
        String definition =
                p.chance(0.5)
                        ? "select " + c + " from " + t.name().name()
                        : "select "
                                + c
                                + " from "
                                + t.name().name()
                                + " where "
                                + c
                                + " is not null";
        return new View(QualifiedName.of(name), definition, p.chance(0.3));
    }
}
