package dev.evoplan.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * PostgreSQL's rules for what a rename or a drop does to the objects that depend on the renamed or
 * dropped one, in one place: the SQL front end, the Liquibase folder, the renamer and the planner's
 * schema evolution all edit the model through here, so they cannot disagree.
 *
 * <p>PostgreSQL holds dependents by OID, so a rename carries them: constraints, indexes (their
 * expressions and predicates too), generated columns, foreign keys of other tables, sequences owned
 * by a column, unmodelled objects attached to a table. A drop takes with it what depends on the
 * object automatically (a column's indexes and constraints, generated columns that read it, its
 * owned sequences) and refuses, without CASCADE, while something outside the table still does
 * (foreign keys of other tables, views); with CASCADE those go too.
 *
 * <p>View queries are kept as written (text), so a view depends on a table when its query names the
 * table, and on a column when it names both; renames leave the text alone (a view keeps its output
 * column names in PostgreSQL too).
 *
 * <p>A new object kind with dependents (a trigger, a policy, a partition) adds its rule to the
 * methods here, once, and every path follows.
 */
public final class SchemaEdits {
    private SchemaEdits() {}

    /**
     * PostgreSQL would refuse the edit: the object is missing, the new name is taken, or something
     * still depends on what a drop without CASCADE would remove. Each caller turns it into its own
     * error (or, for the lenient renamer and evolution, ignores the edit).
     */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    // ---- constraint attributes and table switches ----------------------------------------

    /**
     * {@code ALTER TABLE table ALTER CONSTRAINT name [[NOT] DEFERRABLE] [INITIALLY ...]}, each
     * attribute null when not written. PostgreSQL alters foreign keys only (42809 for any other
     * constraint) and sets both attributes from what is written, as CREATE does: DEFERRABLE only
     * when written or implied by INITIALLY DEFERRED, INITIALLY DEFERRED only when written (measured
     * on 14 and 18, docs/lock-facts.md).
     */
    public static Schema alterForeignKeyDeferral(
            Schema s,
            QualifiedName table,
            String name,
            Boolean deferrable,
            Boolean initiallyDeferred) {
        Table t = requireTable(s, table);
        ForeignKey fk =
                t.foreignKeys().stream()
                        .filter(f -> f.name().equals(name))
                        .findFirst()
                        .orElse(null);
        if (fk == null) {
            throw new Refused(
                    t.constraintNames().contains(name)
                            ? "constraint "
                                    + name
                                    + " of "
                                    + table
                                    + " is not a foreign key: PostgreSQL alters only a foreign"
                                    + " key's deferral"
                            : "constraint " + name + " of " + table + " does not exist");
        }
        boolean deferred = Boolean.TRUE.equals(initiallyDeferred);
        if (deferred && Boolean.FALSE.equals(deferrable)) {
            throw new Refused("constraint declared INITIALLY DEFERRED must be DEFERRABLE");
        }
        boolean canDefer = Boolean.TRUE.equals(deferrable) || deferred;
        if (fk.deferrable() == canDefer && fk.initiallyDeferred() == deferred) {
            return s;
        }
        ForeignKey altered =
                new ForeignKey(
                        fk.name(),
                        fk.columns(),
                        fk.target(),
                        fk.targetColumns(),
                        fk.onDelete(),
                        fk.onUpdate(),
                        canDefer,
                        deferred,
                        fk.validated());
        return s.withTable(
                t.withForeignKeys(
                        t.foreignKeys().stream().map(f -> f == fk ? altered : f).toList()));
    }

    /**
     * {@code ALTER TABLE table ENABLE | DISABLE | [NO] FORCE ROW LEVEL SECURITY}: sets the switch
     * written ({@code enabled} or {@code forced}, the other null) and keeps the other; a table with
     * both off holds no {@link RowSecurity}.
     */
    public static Schema setRowSecurity(
            Schema s, QualifiedName table, Boolean enabled, Boolean forced) {
        requireRelation(s, table);
        RowSecurity was =
                s.objects().get(RowSecurity.key(table)) instanceof RowSecurity r
                        ? r
                        : new RowSecurity(table, false, false);
        RowSecurity now =
                new RowSecurity(
                        table,
                        enabled == null ? was.enabled() : enabled,
                        forced == null ? was.forced() : forced);
        if (now.equals(was)) {
            return s;
        }
        return now.off() ? s.withoutObject(now.key()) : s.withObject(now);
    }

    /**
     * {@code ALTER TABLE table ALTER COLUMN column SET GENERATED kind} and {@code SET} sequence
     * options of an identity column: {@code kind} null keeps the kind, {@code options} null keeps
     * the options. PostgreSQL refuses (55000) a column that is no identity.
     */
    public static Schema alterIdentity(
            Schema s,
            QualifiedName table,
            String column,
            IdentityKind kind,
            IdentityOptions options) {
        Table t = s.tables().get(table);
        if (t == null) {
            throw new Refused("table " + table + " does not exist");
        }
        Column c =
                t.column(column)
                        .orElseThrow(
                                () ->
                                        new Refused(
                                                "column "
                                                        + column
                                                        + " of "
                                                        + table
                                                        + " does not exist"));
        if (c.identity() == IdentityKind.NONE) {
            throw new Refused(notAnIdentity(table, column));
        }
        Column now = c;
        if (kind != null) {
            now = now.withIdentity(kind);
        }
        if (options != null) {
            now = now.withIdentityOptions(options.forType(c.type()));
        }
        Column edited = now;
        return edited.equals(c) ? s : s.withTable(t.mapColumn(column, x -> edited));
    }

    /**
     * The identity column (its table and the column) whose own sequence PostgreSQL names {@code
     * sequence} ({@code table_column_seq} in the table's schema, as CREATE TABLE names it when the
     * name is free), or null. The model holds an identity's sequence as the column's options.
     */
    public static java.util.Map.Entry<QualifiedName, Column> identityWithSequence(
            Schema s, QualifiedName sequence) {
        for (Table t : s.tables().values()) {
            if (!t.name().schema().equals(sequence.schema())) {
                continue;
            }
            for (Column c : t.columns()) {
                if (c.identity() != IdentityKind.NONE
                        && sequence.name()
                                .equals(
                                        Identifiers.fold(
                                                Identifiers.quote(
                                                        t.name().name()
                                                                + "_"
                                                                + c.name()
                                                                + "_seq")))) {
                    return java.util.Map.entry(t.name(), c);
                }
            }
        }
        return null;
    }

    /** PostgreSQL's refusal of an identity clause on a column that is no identity. */
    public static String notAnIdentity(QualifiedName table, String column) {
        return "column " + column + " of relation " + table + " is not an identity column";
    }

    /**
     * {@code ALTER TABLE table REPLICA IDENTITY ...} on a table or a partition; DEFAULT holds no
     * {@link ReplicaIdentity}. USING INDEX needs a unique index of the table by that name.
     */
    public static Schema setReplicaIdentity(
            Schema s, QualifiedName table, ReplicaIdentity.Mode mode, String index) {
        requireRelation(s, table);
        if (mode == ReplicaIdentity.Mode.INDEX
                && s.tables().get(table) != null
                && !s.tables().get(table).indexRelationNames().contains(table.sibling(index))) {
            throw new Refused("index " + index + " of " + table + " does not exist");
        }
        if (mode == ReplicaIdentity.Mode.DEFAULT) {
            return s.objects().containsKey(ReplicaIdentity.key(table))
                    ? s.withoutObject(ReplicaIdentity.key(table))
                    : s;
        }
        ReplicaIdentity now = new ReplicaIdentity(table, mode, index);
        return now.equals(s.objects().get(now.key())) ? s : s.withObject(now);
    }

    /**
     * {@code ALTER TABLE table SET (...)} ({@code reset} false: the parameters given are set, the
     * others kept) or {@code RESET (...)} ({@code reset} true: those named go), on a table or a
     * partition; none left holds no {@link StorageParameters}.
     */
    public static Schema setStorageParameters(
            Schema s, QualifiedName table, java.util.Map<String, String> given, boolean reset) {
        requireRelation(s, table);
        java.util.SortedMap<String, String> now = new java.util.TreeMap<>();
        if (s.objects().get(StorageParameters.key(table)) instanceof StorageParameters p) {
            now.putAll(p.parameters());
        }
        if (reset) {
            now.keySet().removeAll(given.keySet());
        } else {
            now.putAll(given);
        }
        if (now.isEmpty()) {
            return s.objects().containsKey(StorageParameters.key(table))
                    ? s.withoutObject(StorageParameters.key(table))
                    : s;
        }
        StorageParameters p = new StorageParameters(table, now);
        return p.equals(s.objects().get(p.key())) ? s : s.withObject(p);
    }

    /** Whether {@code name} is a partition of a partitioned table {@code s} holds. */
    public static boolean isPartition(Schema s, QualifiedName name) {
        for (Table t : s.tables().values()) {
            if (t.partitioned() && t.partitioning().partitions().contains(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A table, or a partition (which the model holds only by name): each has its own row security,
     * replica identity and storage parameters.
     */
    private static void requireRelation(Schema s, QualifiedName name) {
        if (!s.tables().containsKey(name) && !isPartition(s, name)) {
            throw new Refused("table " + name + " does not exist");
        }
    }

    /**
     * {@code GRANT privilege ON table TO grantee [WITH GRANT OPTION]}: granting again keeps a grant
     * option already held (PostgreSQL adds privileges, it never takes the option back on GRANT).
     */
    public static Schema grant(Schema s, TableGrant grant) {
        requireTable(s, grant.table());
        boolean held = s.objects().get(grant.key()) instanceof TableGrant g && g.grantable();
        TableGrant now =
                new TableGrant(
                        grant.table(),
                        grant.grantee(),
                        grant.privilege(),
                        grant.grantable() || held);
        return now.equals(s.objects().get(now.key())) ? s : s.withObject(now);
    }

    /**
     * {@code REVOKE [GRANT OPTION FOR] privilege ON table FROM grantee}: the privilege goes, or
     * with GRANT OPTION FOR only the option; revoking what was never granted changes nothing.
     */
    public static Schema revoke(
            Schema s, QualifiedName table, String grantee, String privilege, boolean optionOnly) {
        requireTable(s, table);
        if (!(s.objects().get(TableGrant.key(table, grantee, privilege)) instanceof TableGrant g)) {
            return s;
        }
        if (!optionOnly) {
            return s.withoutObject(g.key());
        }
        return g.grantable() ? s.withObject(new TableGrant(table, grantee, privilege, false)) : s;
    }

    // ---- sequences ----------------------------------------------------------------------

    /**
     * {@code DROP SEQUENCE name [CASCADE]}: a column default that calls nextval on it depends on
     * it. Without CASCADE PostgreSQL refuses while one does; with CASCADE the default goes (the
     * column stays).
     */
    public static Schema dropSequence(Schema s, QualifiedName name, boolean cascade) {
        if (!s.sequences().containsKey(name)) {
            throw new Refused("sequence " + name + " does not exist");
        }
        if (!cascade) {
            for (Table t : s.tables().values()) {
                for (Column c : t.columns()) {
                    if (callsSequence(c.defaultValue(), name)) {
                        throw new Refused(
                                "default of "
                                        + t.name()
                                        + "."
                                        + c.name()
                                        + " depends on sequence "
                                        + name);
                    }
                }
            }
        }
        return rewriteDefaults(s.withoutSequence(name), name, d -> null);
    }

    /**
     * {@code ALTER SEQUENCE from RENAME TO to}: defaults hold the sequence by OID, so PostgreSQL
     * shows them calling the new name.
     */
    public static Schema renameSequence(Schema s, QualifiedName from, QualifiedName to) {
        Sequence sequence = s.sequences().get(from);
        if (sequence == null) {
            throw new Refused("sequence " + from + " does not exist");
        }
        if (s.tables().containsKey(to)
                || s.views().containsKey(to)
                || s.sequences().containsKey(to)) {
            throw new Refused("relation " + to + " already exists");
        }
        DefaultValue next =
                DefaultValue.of("nextval(" + Identifiers.literal(to.sql()) + "::regclass)");
        return rewriteDefaults(
                s.withoutSequence(from).withSequence(sequence.withName(to)), from, d -> next);
    }

    private static final java.util.regex.Pattern NEXTVAL =
            java.util.regex.Pattern.compile("(?i)nextval\\s*\\(\\s*'([^']+)'");

    /** Whether the default calls nextval on {@code sequence}, however its name is spelled. */
    public static boolean callsSequence(DefaultValue d, QualifiedName sequence) {
        return sequencesCalled(d).contains(sequence);
    }

    /** The sequences the default calls nextval on, in the order written; empty for none. */
    public static List<QualifiedName> sequencesCalled(DefaultValue d) {
        if (d == null) {
            return List.of();
        }
        List<QualifiedName> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = NEXTVAL.matcher(d.expression());
        while (m.find()) {
            out.add(QualifiedName.parse(m.group(1).replace("''", "'")));
        }
        return out;
    }

    private static Schema rewriteDefaults(
            Schema s, QualifiedName sequence, UnaryOperator<DefaultValue> edit) {
        Schema out = s;
        for (Table t : s.tables().values()) {
            if (t.columns().stream().anyMatch(c -> callsSequence(c.defaultValue(), sequence))) {
                out =
                        out.withTable(
                                t.withColumns(
                                        t.columns().stream()
                                                .map(
                                                        c ->
                                                                callsSequence(
                                                                                c.defaultValue(),
                                                                                sequence)
                                                                        ? c.withDefault(
                                                                                edit.apply(
                                                                                        c
                                                                                                .defaultValue()))
                                                                        : c)
                                                .toList()));
            }
        }
        return out;
    }

    // ---- tables -------------------------------------------------------------------------

    /** {@code ALTER TABLE from RENAME TO to}: whatever points at the table follows it. */
    public static Schema renameTable(Schema s, QualifiedName from, QualifiedName to) {
        Table table = requireTable(s, from);
        if (from.equals(to)) {
            return s;
        }
        if (s.tables().containsKey(to)
                || s.views().containsKey(to)
                || s.sequences().containsKey(to)) {
            throw new Refused("relation " + to + " already exists");
        }
        Schema out = s.withoutTable(from).withTable(table.withName(to));
        for (Table other : List.copyOf(out.tables().values())) {
            if (other.foreignKeys().stream().anyMatch(f -> f.target().equals(from))) {
                out =
                        out.withTable(
                                other.withForeignKeys(
                                        map(
                                                other.foreignKeys(),
                                                f ->
                                                        f.target().equals(from)
                                                                ? retarget(f, to, f.targetColumns())
                                                                : f)));
            }
        }
        for (Sequence seq : List.copyOf(out.sequences().values())) {
            Owner owner = Owner.of(seq);
            if (owner != null && owner.table().equals(from)) {
                out = out.withSequence(owner.moved(seq, to, owner.column()));
            }
        }
        for (UnmodelledObject o : List.copyOf(out.unmodelled().values())) {
            if (from.equals(o.table())) {
                out =
                        out.withUnmodelled(
                                new UnmodelledObject(
                                        o.kind(), o.identity(), o.text(), o.origin(), to));
            }
        }
        // Its triggers, policies and row-security switches follow it.
        return out.withObjectsOf(from, to);
    }

    /**
     * {@code DROP TABLE name [CASCADE]}: its owned sequences and attached unmodelled objects go
     * with it; foreign keys of other tables and views that read it refuse the drop, or with CASCADE
     * go (the views that read those views too).
     */
    public static Schema dropTable(Schema s, QualifiedName name, boolean cascade) {
        Table table = requireTable(s, name);
        Schema out = s;
        for (Table other : List.copyOf(out.tables().values())) {
            if (other.name().equals(name)) {
                continue;
            }
            List<ForeignKey> kept = new ArrayList<>();
            for (ForeignKey fk : other.foreignKeys()) {
                if (!fk.target().equals(name)) {
                    kept.add(fk);
                } else if (!cascade) {
                    throw new Refused("table " + other.name() + " has a foreign key to " + name);
                }
            }
            if (kept.size() != other.foreignKeys().size()) {
                out = out.withTable(other.withForeignKeys(kept));
            }
        }
        out = dropViews(out, v -> reads(v, name), cascade, "table " + name);
        for (Column column : table.columns()) {
            out = dropOwnedSequences(out, name, column.name());
        }
        return out.withoutTable(name).withoutUnmodelledOf(name).withObjectsOf(name, null);
    }

    /**
     * {@code s} without the view {@code name} and what goes with it: its options and comments
     * (unmodelled objects of it) and its triggers.
     */
    public static Schema withoutView(Schema s, QualifiedName name) {
        return s.withoutView(name).withoutUnmodelledOf(name).withObjectsOf(name, null);
    }

    // ---- columns ------------------------------------------------------------------------

    /**
     * {@code ALTER TABLE table RENAME COLUMN from TO to}: keys, checks, indexes (their expressions
     * and predicates), generated columns, foreign keys here and in other tables, and sequences
     * owned by the column all follow the new name.
     */
    public static Schema renameColumn(Schema s, QualifiedName tableName, String from, String to) {
        Table t = requireTable(s, tableName);
        if (!t.hasColumn(from)) {
            throw new Refused("column " + from + " of table " + tableName + " does not exist");
        }
        if (from.equals(to)) {
            return s;
        }
        if (t.hasColumn(to)) {
            throw new Refused("column " + to + " of table " + tableName + " already exists");
        }
        UnaryOperator<List<String>> names = cols -> map(cols, c -> c.equals(from) ? to : c);
        UnaryOperator<String> expr = e -> SqlText.renameIdentifier(e, from, to);
        Table edited =
                t.withColumns(renamedColumns(t.columns(), from, to, expr))
                        .withPrimaryKey(
                                t.primaryKey() == null
                                        ? null
                                        : new PrimaryKey(
                                                t.primaryKey().name(),
                                                names.apply(t.primaryKey().columns())))
                        .withUniques(
                                map(
                                        t.uniques(),
                                        u ->
                                                new UniqueConstraint(
                                                        u.name(),
                                                        names.apply(u.columns()),
                                                        u.deferrable())))
                        .withChecks(
                                map(t.checks(), c -> c.withExpression(expr.apply(c.expression()))))
                        .withForeignKeys(
                                map(
                                        t.foreignKeys(),
                                        f ->
                                                new ForeignKey(
                                                        f.name(),
                                                        names.apply(f.columns()),
                                                        f.target(),
                                                        f.target().equals(tableName)
                                                                ? names.apply(f.targetColumns())
                                                                : f.targetColumns(),
                                                        f.onDelete(),
                                                        f.onUpdate(),
                                                        f.deferrable(),
                                                        f.initiallyDeferred(),
                                                        f.validated())))
                        .withIndexes(map(t.indexes(), i -> renameInIndex(i, from, to)));
        Schema out = s.withTable(edited);
        for (Table other : List.copyOf(out.tables().values())) {
            if (!other.name().equals(tableName)
                    && other.foreignKeys().stream()
                            .anyMatch(
                                    f ->
                                            f.target().equals(tableName)
                                                    && f.targetColumns().contains(from))) {
                out =
                        out.withTable(
                                other.withForeignKeys(
                                        map(
                                                other.foreignKeys(),
                                                f ->
                                                        f.target().equals(tableName)
                                                                ? retarget(
                                                                        f,
                                                                        tableName,
                                                                        names.apply(
                                                                                f.targetColumns()))
                                                                : f)));
            }
        }
        for (Sequence seq : List.copyOf(out.sequences().values())) {
            Owner owner = Owner.of(seq);
            if (owner != null && owner.table().equals(tableName) && owner.column().equals(from)) {
                out = out.withSequence(owner.moved(seq, tableName, to));
            }
        }
        return out;
    }

    /**
     * {@code ALTER TABLE table DROP COLUMN column [CASCADE]}: the indexes and constraints that use
     * the column, generated columns that read it and sequences it owns go with it. Foreign keys of
     * other tables that reference it, and views that read it, refuse the drop, or with CASCADE go.
     */
    public static Schema dropColumn(
            Schema s, QualifiedName tableName, String column, boolean cascade) {
        Table t = requireTable(s, tableName);
        if (!t.hasColumn(column)) {
            throw new Refused("column " + column + " of table " + tableName + " does not exist");
        }
        // Generated columns that read the column go with it, and so on down the chain.
        Set<String> gone = new java.util.TreeSet<>(List.of(column));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Column c : t.columns()) {
                if (!gone.contains(c.name())
                        && c.generatedExpression() != null
                        && usesAny(SqlText.identifiers(c.generatedExpression()), gone)) {
                    gone.add(c.name());
                    grew = true;
                }
            }
        }
        Schema out = s;
        // Foreign keys elsewhere that reference the column (through the key it is part of).
        for (Table other : List.copyOf(out.tables().values())) {
            if (other.name().equals(tableName)) {
                continue;
            }
            List<ForeignKey> kept = new ArrayList<>();
            for (ForeignKey fk : other.foreignKeys()) {
                if (gone.stream().noneMatch(c -> references(fk, tableName, c))) {
                    kept.add(fk);
                } else if (!cascade) {
                    throw new Refused(
                            "foreign key "
                                    + fk.name()
                                    + " on "
                                    + other.name()
                                    + " depends on column "
                                    + column);
                }
            }
            if (kept.size() != other.foreignKeys().size()) {
                out = out.withTable(other.withForeignKeys(kept));
            }
        }
        // Views that read the column, or a generated column going with it.
        out =
                dropViews(
                        out,
                        v -> reads(v, tableName) && usesAny(SqlText.identifiersOfQuery(v), gone),
                        cascade,
                        "column " + column + " of table " + tableName);
        Table edited = out.tables().get(tableName);
        for (String col : gone) {
            edited = withoutColumnAndDependents(edited, col);
        }
        out = out.withTable(edited);
        for (String col : gone) {
            out = dropOwnedSequences(out, tableName, col);
            // Its storage, statistics target, collation and identity options go with it.
            String identity = UnmodelledObject.columnIdentity(tableName, col);
            for (UnmodelledObject o : List.copyOf(out.unmodelled().values())) {
                if (tableName.equals(o.table()) && o.identity().equals(identity)) {
                    out = out.withoutUnmodelled(o.key());
                }
            }
        }
        return out;
    }

    private static Table withoutColumnAndDependents(Table t, String col) {
        Table out = t.withoutColumn(col);
        if (out.primaryKey() != null && out.primaryKey().columns().contains(col)) {
            out = out.withPrimaryKey(null);
        }
        return out.withUniques(minus(out.uniques(), u -> u.columns().contains(col)))
                .withForeignKeys(
                        minus(
                                out.foreignKeys(),
                                f ->
                                        f.columns().contains(col)
                                                || f.target().equals(t.name())
                                                        && f.targetColumns().contains(col)))
                .withChecks(
                        minus(out.checks(), c -> SqlText.identifiers(c.expression()).contains(col)))
                .withIndexes(minus(out.indexes(), i -> indexUses(i, col)));
    }

    /** Whether the index reads the column: as a key, in an expression, in INCLUDE or WHERE. */
    public static boolean indexUses(Index i, String column) {
        if (i.include().contains(column)) {
            return true;
        }
        for (IndexElement e : i.elements()) {
            if (e.expression()
                    ? SqlText.identifiers(e.columnOrExpression()).contains(column)
                    : e.columnOrExpression().equals(column)) {
                return true;
            }
        }
        return i.predicate() != null && SqlText.identifiers(i.predicate()).contains(column);
    }

    /** The index with column {@code from} written {@code to} everywhere it reads it. */
    public static Index renameInIndex(Index i, String from, String to) {
        List<IndexElement> elements =
                map(
                        i.elements(),
                        e ->
                                e.expression()
                                        ? new IndexElement(
                                                SqlText.renameIdentifier(
                                                        e.columnOrExpression(), from, to),
                                                true,
                                                e.descending(),
                                                e.nullsFirst(),
                                                e.opclass())
                                        : e.columnOrExpression().equals(from)
                                                ? new IndexElement(
                                                        to,
                                                        false,
                                                        e.descending(),
                                                        e.nullsFirst(),
                                                        e.opclass())
                                                : e);
        return new Index(
                i.name(),
                i.table(),
                i.unique(),
                i.method(),
                elements,
                map(i.include(), c -> c.equals(from) ? to : c),
                SqlText.renameIdentifier(i.predicate(), from, to));
    }

    // ---- helpers ------------------------------------------------------------------------

    private static Table requireTable(Schema s, QualifiedName name) {
        Table t = s.tables().get(name);
        if (t == null) {
            throw new Refused("table " + name + " does not exist");
        }
        return t;
    }

    private static boolean references(ForeignKey fk, QualifiedName table, String column) {
        return fk.target().equals(table) && fk.targetColumns().contains(column);
    }

    /** A textual test, as everywhere views are concerned: the query names the relation. */
    private static boolean reads(View v, QualifiedName relation) {
        return SqlText.identifiersOfQuery(v).contains(relation.name());
    }

    private static boolean usesAny(Set<String> words, Set<String> names) {
        for (String n : names) {
            if (words.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops the views {@code depends} selects and, transitively, the views that read those; without
     * CASCADE any such view refuses the drop of {@code what}.
     */
    private static Schema dropViews(
            Schema s, Predicate<View> depends, boolean cascade, String what) {
        Schema out = s;
        Deque<QualifiedName> gone = new ArrayDeque<>();
        for (View v : List.copyOf(out.views().values())) {
            if (depends.test(v)) {
                if (!cascade) {
                    throw new Refused("view " + v.name() + " depends on " + what);
                }
                out = withoutView(out, v.name());
                gone.push(v.name());
            }
        }
        while (!gone.isEmpty()) {
            QualifiedName next = gone.pop();
            for (View v : List.copyOf(out.views().values())) {
                if (reads(v, next)) {
                    out = withoutView(out, v.name());
                    gone.push(v.name());
                }
            }
        }
        return out;
    }

    private static Schema dropOwnedSequences(Schema s, QualifiedName table, String column) {
        Schema out = s;
        // A drop of a table asks this for each of its columns, of every sequence: the owner is
        // parsed only when its text names both (unfolded, so a name without a quote in it is
        // spelled as it is).
        boolean spelled = table.name().indexOf('"') < 0 && column.indexOf('"') < 0;
        for (Sequence seq : List.copyOf(s.sequences().values())) {
            String ownedBy = seq.ownedBy();
            if (ownedBy == null
                    || (spelled && !(ownedBy.contains(column) && ownedBy.contains(table.name())))) {
                continue;
            }
            Owner owner = Owner.of(seq);
            if (owner != null && owner.table().equals(table) && owner.column().equals(column)) {
                out = out.withoutSequence(seq.name());
            }
        }
        return out;
    }

    private static ForeignKey retarget(
            ForeignKey f, QualifiedName target, List<String> targetColumns) {
        return new ForeignKey(
                f.name(),
                f.columns(),
                target,
                targetColumns,
                f.onDelete(),
                f.onUpdate(),
                f.deferrable(),
                f.initiallyDeferred(),
                f.validated());
    }

    /**
     * The columns with {@code from} renamed {@code to} and generated expressions following it. With
     * no generated column, only the renamed one changes: one array copy instead of a new list of
     * every column, each compared with the old (a wide table paid that per RENAME COLUMN).
     */
    private static List<Column> renamedColumns(
            List<Column> columns, String from, String to, UnaryOperator<String> expr) {
        if (columns instanceof ColumnList list
                && columns.stream().allMatch(c -> c.generatedExpression() == null)) {
            int at = list.indexOf(from);
            if (at >= 0 && list.onlyOneNamedAs(at)) {
                return list.replaced(at, list.get(at).withName(to));
            }
        }
        return map(
                columns,
                c ->
                        (c.name().equals(from) ? c.withName(to) : c)
                                .withGenerated(expr.apply(c.generatedExpression())));
    }

    private static <T> List<T> map(List<T> items, UnaryOperator<T> edit) {
        List<T> out = new ArrayList<>(items.size());
        boolean changed = false;
        for (T item : items) {
            T e = edit.apply(item);
            changed |= !e.equals(item);
            out.add(e);
        }
        return changed ? out : items;
    }

    private static <T> List<T> minus(List<T> items, Predicate<T> drop) {
        return items.stream().filter(drop.negate()).toList();
    }

    /**
     * The column a sequence is owned by, read from {@link Sequence#ownedBy()} ({@code table.column}
     * or {@code schema.table.column}); PostgreSQL keeps an owned sequence in its table's schema.
     * The one reader of that text (the differ's {@code OwnedBy} and the rules read it through
     * here).
     */
    public record Owner(QualifiedName table, String column) {
        /** The owner of {@code s}, or null when it has none or the text is no column reference. */
        public static Owner of(Sequence s) {
            String text = s.ownedBy();
            if (text == null || text.isBlank()) {
                return null;
            }
            List<String> parts = Identifiers.splitQualified(text.strip());
            if (parts.size() == 2) {
                return new Owner(s.name().sibling(part(parts.get(0))), part(parts.get(1)));
            }
            if (parts.size() == 3) {
                return new Owner(
                        new QualifiedName(part(parts.get(0)), part(parts.get(1))),
                        part(parts.get(2)));
            }
            return null;
        }

        /**
         * One name of the model's {@code table.column}: the names there are PostgreSQL's own
         * already (a mixed-case table stays mixed-case, with its spaces), so only quotes are taken
         * off, nothing is folded.
         */
        private static String part(String name) {
            return name.startsWith("\"") ? Identifiers.fold(name) : name;
        }

        /**
         * {@code [schema.]table.column} as {@link Sequence#ownedBy()} holds it: each name quoted
         * where PostgreSQL would need it (so a name holding a dot reads back as one name), the
         * schema only when it is not public. The one writer of that text.
         */
        public static String text(QualifiedName table, String column) {
            return table.sql() + "." + Identifiers.quote(column);
        }

        /** The sequence owned by {@code table.column}. */
        public Sequence moved(Sequence s, QualifiedName table, String column) {
            String text = text(table, column);
            return new Sequence(
                    s.name(),
                    s.dataType(),
                    s.start(),
                    s.increment(),
                    s.minValue(),
                    s.maxValue(),
                    s.cache(),
                    s.cycle(),
                    text);
        }
    }
}
