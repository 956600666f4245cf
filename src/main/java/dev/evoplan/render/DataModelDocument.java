package dev.evoplan.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evoplan.engine.Analysis;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.plan.SqlWriter;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.DesignReview;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.PiiColumnWithoutComment;
import dev.evoplan.rules.PiiColumns;
import dev.evoplan.rules.RuleCatalogue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data-model guide's "Data Model" document of one schema: title, Mermaid ER diagram, entities,
 * relationships, business rules, privacy, evolution plan, open questions; as Markdown (GitHub
 * renders the diagram) or as the same facts in JSON. Everything is derived from the schema; what is
 * inferred is said to be.
 */
public final class DataModelDocument {
    /**
     * Characters per Mermaid block. Mermaid refuses diagrams over its {@code maxTextSize} (default
     * 50,000 characters, which GitHub keeps); the margin leaves room for a renderer's own wrapping.
     */
    public static final int MAX_DIAGRAM_CHARS = 40_000;

    private static final Pattern IN_LIST =
            Pattern.compile(
                    "^\\(*\\s*\"?([A-Za-z_][A-Za-z0-9_]*)\"?(?:\\)?::[a-z ]+)?\\s+IN\\s*\\((.*)\\)\\s*\\)*$",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ANY_ARRAY =
            Pattern.compile(
                    "^\\(*\\s*\"?([A-Za-z_][A-Za-z0-9_]*)\"?(?:\\)?::[a-z ]+)?\\s*=\\s*ANY\\s*\\(\\s*\\(?ARRAY\\s*\\[(.*)\\]\\s*\\)?(?:::[a-z \\[\\]]+)?\\s*\\)\\s*\\)*$",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");

    /** One relationship: a foreign key read as the guide's relationship types. */
    public record Relationship(
            QualifiedName from,
            QualifiedName to,
            String type,
            String onDelete,
            String constraint,
            List<String> columns,
            boolean optional,
            boolean oneToOne) {}

    private final String name;
    private final List<Table> tables;
    private final Map<QualifiedName, Long> rows;
    private final Analysis evolution;
    private final List<Finding> advisories;
    private final int maxDiagramChars;

    private DataModelDocument(
            String name,
            Schema schema,
            List<Table> tables,
            Map<QualifiedName, Long> rows,
            Analysis evolution,
            int maxDiagramChars) {
        this.name = name;
        this.tables = tables;
        this.rows = rows;
        this.evolution = evolution;
        this.maxDiagramChars = maxDiagramChars;
        Set<QualifiedName> shown = new HashSet<>();
        tables.forEach(t -> shown.add(t.name()));
        this.advisories =
                DesignReview.reviewSchema(schema).stream()
                        .filter(f -> shown.contains(f.table()))
                        .toList();
    }

    /**
     * The document of {@code schema}'s tables that {@code include} accepts.
     *
     * @param rows known row counts; tables not in it have an unknown cardinality
     * @param evolution the analysis from the --from side to this schema, or null when there is none
     */
    public static DataModelDocument of(
            String name,
            Schema schema,
            Predicate<QualifiedName> include,
            Map<QualifiedName, Long> rows,
            Analysis evolution,
            int maxDiagramChars) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(schema, "schema is null");
        List<Table> tables =
                schema.tables().values().stream().filter(t -> include.test(t.name())).toList();
        return new DataModelDocument(
                name, schema, tables, Map.copyOf(rows), evolution, maxDiagramChars);
    }

    // ------------------------------------------------------------------ facts

    /** Every foreign key of the shown tables as a relationship, in table and constraint order. */
    public List<Relationship> relationships() {
        List<Relationship> out = new ArrayList<>();
        for (Table t : tables) {
            Optional<List<ForeignKey>> junction = junctionKeys(t);
            for (ForeignKey fk : t.foreignKeys()) {
                boolean optional =
                        fk.columns().stream()
                                .anyMatch(c -> t.column(c).map(Column::nullable).orElse(true));
                boolean unique = isUnique(t, fk.columns());
                String type;
                if (fk.target().equals(t.name())) {
                    type = "hierarchical (self-reference)";
                } else if (junction.isPresent()) {
                    List<ForeignKey> pair = junction.get();
                    QualifiedName other =
                            pair.get(0) == fk ? pair.get(1).target() : pair.get(0).target();
                    type =
                            "many-to-many ("
                                    + fk.target()
                                    + " to "
                                    + other
                                    + " via "
                                    + t.name()
                                    + ")";
                } else if (unique) {
                    type = "one-to-one";
                } else {
                    type = "one-to-many";
                }
                if (isTemporal(t)) {
                    type += ", temporal (valid_from/valid_to)";
                }
                out.add(
                        new Relationship(
                                t.name(),
                                fk.target(),
                                type,
                                fk.onDelete().sql(),
                                fk.name(),
                                fk.columns(),
                                optional,
                                unique && junction.isEmpty()));
            }
        }
        return out;
    }

    /**
     * The two foreign keys that make {@code t} a junction table: together they are its whole key.
     */
    private static Optional<List<ForeignKey>> junctionKeys(Table t) {
        if (t.foreignKeys().size() != 2) {
            return Optional.empty();
        }
        Set<String> keyed = new HashSet<>(t.foreignKeys().get(0).columns());
        keyed.addAll(t.foreignKeys().get(1).columns());
        List<List<String>> keys = new ArrayList<>();
        if (t.primaryKey() != null) {
            keys.add(t.primaryKey().columns());
        }
        t.uniques().forEach(u -> keys.add(u.columns()));
        boolean isKey = keys.stream().anyMatch(k -> new HashSet<>(k).equals(keyed));
        return isKey ? Optional.of(t.foreignKeys()) : Optional.empty();
    }

    private static boolean isUnique(Table t, List<String> columns) {
        Set<String> cols = new HashSet<>(columns);
        if (t.primaryKey() != null && new HashSet<>(t.primaryKey().columns()).equals(cols)) {
            return true;
        }
        return t.uniques().stream().anyMatch(u -> new HashSet<>(u.columns()).equals(cols))
                || t.indexes().stream()
                        .anyMatch(
                                i ->
                                        i.unique()
                                                && i.predicate() == null
                                                && i.elements().stream()
                                                        .noneMatch(IndexElement::expression)
                                                && new HashSet<>(i.columnNames()).equals(cols));
    }

    private static boolean isTemporal(Table t) {
        return t.hasColumn("valid_from") && t.hasColumn("valid_to");
    }

    /** How often rows change, inferred from the columns and comment, and said as an inference. */
    static String mutability(Table t) {
        String comment = t.comment() == null ? "" : t.comment().toLowerCase(Locale.ROOT);
        boolean created = t.hasColumn("created_at");
        boolean updated = t.hasColumn("updated_at");
        if (comment.contains("append-only")
                || comment.contains("append only")
                || comment.contains("immutable")) {
            return "immutable, append-only (from the table comment)";
        }
        if (created && !updated && t.hasColumn("version")) {
            return "immutable, append-only (inferred: version and created_at, no updated_at)";
        }
        if (updated
                && (t.hasColumn("status")
                        || t.columns().stream().anyMatch(c -> c.name().endsWith("_status")))) {
            return "frequently updated (inferred: updated_at and a status column)";
        }
        if (updated) {
            return "updated in place (inferred: updated_at)";
        }
        if (created) {
            return "rarely or never updated (inferred: created_at without updated_at)";
        }
        return "unknown (no created_at, updated_at or status column to infer from)";
    }

    private String cardinality(Table t) {
        Long n = rows.get(t.name());
        return n == null ? "unknown" : String.format(Locale.ROOT, "%,d rows", n);
    }

    /** The CREATE TABLE as PostgreSQL would take it, with foreign keys, indexes and comments. */
    static String createSql(Table t) {
        String table = SqlWriter.createTable(t);
        if (!t.foreignKeys().isEmpty()) {
            StringBuilder fks = new StringBuilder();
            t.foreignKeys()
                    .forEach(
                            fk ->
                                    fks.append(",\n    ")
                                            .append(SqlWriter.foreignKeyClause(fk))
                                            .append(fk.validated() ? "" : " NOT VALID"));
            table = table.substring(0, table.length() - "\n);".length()) + fks + "\n);";
        }
        StringBuilder sb = new StringBuilder(table);
        t.indexes().forEach(i -> sb.append('\n').append(SqlWriter.createIndex(i, false)));
        if (t.comment() != null) {
            sb.append('\n').append(SqlWriter.commentOnTable(t.name(), t.comment()));
        }
        t.columns().stream()
                .filter(c -> c.comment() != null)
                .forEach(
                        c ->
                                sb.append('\n')
                                        .append(
                                                SqlWriter.commentOnColumn(
                                                        t.name(), c.name(), c.comment())));
        return sb.toString();
    }

    /** Each index of the table (keys and unique constraints included) with what it is there for. */
    static List<List<String>> indexRows(Table t) {
        List<List<String>> out = new ArrayList<>();
        if (t.primaryKey() != null) {
            out.add(
                    List.of(
                            t.primaryKey().name(),
                            String.join(", ", t.primaryKey().columns()),
                            "primary key: identity, lookups by "
                                    + String.join(", ", t.primaryKey().columns())));
        }
        for (UniqueConstraint u : t.uniques()) {
            out.add(
                    List.of(
                            u.name(),
                            String.join(", ", u.columns()),
                            "unique rule: " + uniqueScope(t, u.columns())));
        }
        for (Index i : t.indexes()) {
            List<String> reasons = new ArrayList<>();
            if (i.unique()) {
                reasons.add("unique rule: " + uniqueScope(t, i.columnNames()));
            }
            for (ForeignKey fk : t.foreignKeys()) {
                List<String> cols = i.columnNames();
                if (cols.size() >= fk.columns().size()
                        && new HashSet<>(cols.subList(0, fk.columns().size()))
                                .equals(new HashSet<>(fk.columns()))) {
                    reasons.add(
                            "foreign key "
                                    + fk.name()
                                    + " (the rows of one "
                                    + fk.target()
                                    + " row; deletes on "
                                    + fk.target()
                                    + " find them without a scan)");
                }
            }
            List<String> sorted =
                    i.elements().stream()
                            .filter(e -> e.sql().toUpperCase(Locale.ROOT).contains(" DESC"))
                            .map(IndexElement::sql)
                            .toList();
            if (!sorted.isEmpty()) {
                reasons.add("sort: ORDER BY " + String.join(", ", sorted));
            } else if (i.elements().size() > 1 && reasons.isEmpty()) {
                reasons.add(
                        "composite lookup by "
                                + String.join(
                                        ", ",
                                        i.elements().stream().map(IndexElement::sql).toList()));
            }
            if (i.predicate() != null) {
                reasons.add("partial: only rows WHERE " + i.predicate());
            }
            if (!i.method().equals("btree")) {
                reasons.add(i.method() + " index (containment, full-text or similarity search)");
            }
            if (i.elements().stream().anyMatch(IndexElement::expression)) {
                reasons.add("expression: lookups by the computed value");
            }
            if (reasons.isEmpty()) {
                reasons.add(
                        "lookups by "
                                + String.join(
                                        ", ", i.elements().stream().map(IndexElement::sql).toList())
                                + " (no access pattern recorded)");
            }
            out.add(
                    List.of(
                            i.name(),
                            String.join(
                                    ", ", i.elements().stream().map(IndexElement::sql).toList()),
                            String.join("; ", reasons)));
        }
        return out;
    }

    /**
     * Global for one column; per-owner when a composite key starts with a foreign key's columns.
     */
    static String uniqueScope(Table t, List<String> columns) {
        if (columns.size() <= 1) {
            return "global, one row per " + String.join(", ", columns);
        }
        for (ForeignKey fk : t.foreignKeys()) {
            if (columns.containsAll(fk.columns()) && fk.columns().size() < columns.size()) {
                List<String> rest =
                        columns.stream().filter(c -> !fk.columns().contains(c)).toList();
                return "per "
                        + String.join(", ", fk.columns())
                        + " (one row per "
                        + String.join(", ", rest)
                        + " within each "
                        + fk.target()
                        + " row)";
            }
        }
        return "per "
                + columns.get(0)
                + ", composite (one row per "
                + String.join(", ", columns.subList(1, columns.size()))
                + " within each "
                + columns.get(0)
                + ")";
    }

    /** The business rules of one table, one sentence each. */
    static List<String> businessRules(Table t) {
        List<String> out = new ArrayList<>();
        for (CheckConstraint c : t.checks()) {
            Optional<String> list = enumList(c.expression());
            out.add(
                    list.map(l -> "`" + c.name() + "`: " + l + " (enum-like CHECK list)")
                                    .orElse(
                                            "`"
                                                    + c.name()
                                                    + "`: CHECK ("
                                                    + c.expression().strip()
                                                    + ")")
                            + (c.validated() ? "" : " (NOT VALID: existing rows unchecked)"));
        }
        for (UniqueConstraint u : t.uniques()) {
            out.add(
                    "`"
                            + u.name()
                            + "`: UNIQUE ("
                            + String.join(", ", u.columns())
                            + "), scope "
                            + uniqueScope(t, u.columns()));
        }
        for (Index i : t.indexes()) {
            if (i.unique()) {
                out.add(
                        "`"
                                + i.name()
                                + "`: UNIQUE ("
                                + String.join(
                                        ", ", i.elements().stream().map(IndexElement::sql).toList())
                                + ")"
                                + (i.predicate() == null ? "" : " WHERE " + i.predicate())
                                + ", scope "
                                + uniqueScope(t, i.columnNames()));
            }
        }
        List<String> nullable =
                t.columns().stream().filter(Column::nullable).map(Column::name).toList();
        long notNull = t.columns().size() - nullable.size();
        out.add(
                "NOT NULL: "
                        + notNull
                        + " of "
                        + t.columns().size()
                        + " columns"
                        + (nullable.isEmpty() ? "" : "; nullable: " + String.join(", ", nullable)));
        return out;
    }

    /**
     * {@code status IN ('a', 'b')} or PostgreSQL's {@code status = ANY (ARRAY['a'::text, ...])} as
     * {@code status ∈ {a, b}}.
     */
    static Optional<String> enumList(String expression) {
        String e = expression.strip();
        Matcher m = IN_LIST.matcher(e);
        if (!m.matches()) {
            m = ANY_ARRAY.matcher(e);
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        List<String> values = new ArrayList<>();
        Matcher lit = LITERAL.matcher(m.group(2));
        while (lit.find()) {
            values.add(lit.group(1).replace("''", "'"));
        }
        return values.isEmpty()
                ? Optional.empty()
                : Optional.of(m.group(1) + " is one of " + String.join(", ", values));
    }

    private record PrivacyRow(QualifiedName table, String column, PiiColumns.Tag tag) {}

    private List<PrivacyRow> privacyRows() {
        List<PrivacyRow> out = new ArrayList<>();
        for (Table t : tables) {
            for (Column c : t.columns()) {
                PiiColumns.tag(c.comment())
                        .ifPresent(tag -> out.add(new PrivacyRow(t.name(), c.name(), tag)));
            }
        }
        return out;
    }

    private List<String> unknownCardinalities() {
        return tables.stream()
                .filter(t -> !rows.containsKey(t.name()))
                .map(t -> t.name().toString())
                .toList();
    }

    // ------------------------------------------------------------------ the diagram

    /**
     * The Mermaid erDiagram blocks: one per schema, a schema split into chunks that stay under the
     * limit.
     */
    public List<String> diagrams() {
        List<Relationship> rels = relationships();
        List<String> out = new ArrayList<>();
        Set<String> schemas = new LinkedHashSet<>();
        tables.forEach(t -> schemas.add(t.name().schema()));
        for (String s : schemas) {
            StringBuilder block = new StringBuilder();
            for (Table t : tables) {
                if (!t.name().schema().equals(s)) {
                    continue;
                }
                StringBuilder part = new StringBuilder(entity(t));
                rels.stream()
                        .filter(r -> r.from().equals(t.name()))
                        .forEach(r -> part.append(edge(r)));
                if (block.length() > 0
                        && header().length() + block.length() + part.length() > maxDiagramChars) {
                    out.add(header() + block);
                    block.setLength(0);
                }
                block.append(part);
            }
            if (block.length() > 0) {
                out.add(header() + block);
            }
        }
        return out;
    }

    private static String header() {
        return "erDiagram\n";
    }

    private static String entityName(QualifiedName n) {
        String s =
                QualifiedName.DEFAULT_SCHEMA.equals(n.schema())
                        ? n.name()
                        : n.schema() + "__" + n.name();
        return s.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String entity(Table t) {
        StringBuilder sb = new StringBuilder("    ").append(entityName(t.name())).append(" {\n");
        Set<String> pk =
                t.primaryKey() == null ? Set.of() : new HashSet<>(t.primaryKey().columns());
        Set<String> fk = new HashSet<>();
        t.foreignKeys().forEach(f -> fk.addAll(f.columns()));
        Set<String> uk = new HashSet<>();
        t.uniques().stream()
                .filter(u -> u.columns().size() == 1)
                .forEach(u -> uk.addAll(u.columns()));
        t.indexes().stream()
                .filter(i -> i.unique() && i.predicate() == null && i.elements().size() == 1)
                .forEach(i -> uk.addAll(i.columnNames()));
        for (Column c : t.columns()) {
            List<String> keys = new ArrayList<>();
            if (pk.contains(c.name())) {
                keys.add("PK");
            }
            if (fk.contains(c.name())) {
                keys.add("FK");
            }
            if (uk.contains(c.name())) {
                keys.add("UK");
            }
            sb.append("        ")
                    .append(mermaidType(c))
                    .append(' ')
                    .append(c.name().replaceAll("[^A-Za-z0-9_]", "_"));
            if (!keys.isEmpty()) {
                sb.append(' ').append(String.join(", ", keys));
            }
            if (!c.nullable()) {
                sb.append(" \"NOT NULL\"");
            }
            sb.append('\n');
        }
        return sb.append("    }\n").toString();
    }

    /**
     * A type in the characters Mermaid accepts in an attribute type: short names, no spaces or
     * commas.
     */
    static String mermaidType(Column c) {
        String base =
                switch (c.type().name()) {
                    case "timestamp with time zone" -> "timestamptz";
                    case "timestamp without time zone" -> "timestamp";
                    case "character varying" -> "varchar";
                    case "character" -> "char";
                    case "double precision" -> "float8";
                    case "time with time zone" -> "timetz";
                    case "time without time zone" -> "time";
                    case "bit varying" -> "varbit";
                    default -> c.type().name();
                };
        String mods =
                c.type().modifiers().isEmpty()
                        ? ""
                        : "("
                                + String.join(
                                        "-",
                                        c.type().modifiers().stream().map(String::valueOf).toList())
                                + ")";
        String arrays = "[]".repeat(c.type().arrayDimensions());
        String t = (base + mods + arrays).replaceAll("[^A-Za-z0-9_()\\[\\]-]", "_");
        return Character.isLetter(t.charAt(0)) || t.charAt(0) == '_' ? t : "t_" + t;
    }

    private static String edge(Relationship r) {
        String parentSide = r.optional() ? "|o" : "||";
        String childSide = r.oneToOne() ? "o|" : "o{";
        return "    "
                + entityName(r.to())
                + " "
                + parentSide
                + "--"
                + childSide
                + " "
                + entityName(r.from())
                + " : \""
                + r.constraint().replace("\"", "'")
                + "\"\n";
    }

    // ------------------------------------------------------------------ Markdown

    public String markdown() {
        StringBuilder out =
                new StringBuilder("# Data Model: ").append(Markdown.text(name)).append("\n\n");
        out.append("Generated by `evoplan doc` from the schema: ")
                .append(tables.size())
                .append(" table")
                .append(tables.size() == 1 ? "" : "s")
                .append(". What is inferred rather than read is marked so.\n");
        out.append("\n## Entity-Relationship Diagram\n\n");
        List<String> diagrams = diagrams();
        if (diagrams.isEmpty()) {
            out.append("No tables.\n");
        }
        if (diagrams.size() > 1) {
            out.append("The diagram is split in ")
                    .append(diagrams.size())
                    .append(" parts (one per schema, each under ")
                    .append(String.format(Locale.ROOT, "%,d", maxDiagramChars))
                    .append(
                            " characters, so that Mermaid renders it); a table referenced from another part is drawn there without columns.\n\n");
        }
        for (String d : diagrams) {
            out.append("```mermaid\n").append(d).append("```\n\n");
        }
        out.append("## Entities\n");
        for (Table t : tables) {
            out.append("\n### ").append(Markdown.text(t.name().toString())).append("\n\n");
            out.append("- **Purpose:** ")
                    .append(
                            t.comment() == null
                                    ? "not documented (no COMMENT ON TABLE)"
                                    : Markdown.text(t.comment().strip()))
                    .append('\n');
            out.append("- **Cardinality:** ").append(cardinality(t)).append('\n');
            out.append("- **Mutability:** ").append(mutability(t)).append('\n');
            out.append("\n#### Schema\n\n```sql\n").append(createSql(t)).append("\n```\n");
            out.append("\n#### Indexes\n\n");
            List<List<String>> idx = indexRows(t);
            if (idx.isEmpty()) {
                out.append("None.\n");
            } else {
                out.append("| Index | Columns | Rationale |\n|---|---|---|\n");
                idx.forEach(
                        r ->
                                out.append("| ")
                                        .append(Markdown.codeCell(r.get(0)))
                                        .append(" | ")
                                        .append(Markdown.codeCell(r.get(1)))
                                        .append(" | ")
                                        .append(Markdown.cell(r.get(2)))
                                        .append(" |\n"));
            }
        }
        out.append("\n## Relationships\n\n");
        List<Relationship> rels = relationships();
        if (rels.isEmpty()) {
            out.append("No foreign keys.\n");
        } else {
            out.append("| From | To | Type | On delete | Constraint |\n|---|---|---|---|---|\n");
            rels.forEach(
                    r ->
                            out.append("| ")
                                    .append(
                                            Markdown.cell(
                                                    r.from()
                                                            + " ("
                                                            + String.join(", ", r.columns())
                                                            + ")"))
                                    .append(" | ")
                                    .append(Markdown.cell(r.to().toString()))
                                    .append(" | ")
                                    .append(Markdown.cell(r.type()))
                                    .append(" | ")
                                    .append(r.onDelete())
                                    .append(" | ")
                                    .append(Markdown.codeCell(r.constraint()))
                                    .append(" |\n"));
        }
        out.append("\n## Business Rules\n");
        for (Table t : tables) {
            out.append("\n**").append(Markdown.text(t.name().toString())).append("**\n\n");
            businessRules(t).forEach(r -> out.append("- ").append(r).append('\n'));
        }
        out.append("\n## Privacy\n\n");
        List<PrivacyRow> privacy = privacyRows();
        if (privacy.isEmpty()) {
            out.append(
                    "No column carries a PII comment (`PII: <class>. Retention: ... Erasure: ...`).\n");
        } else {
            out.append(
                    "| Column | Classification | Retention | Erasure strategy |\n|---|---|---|---|\n");
            privacy.forEach(
                    p ->
                            out.append("| ")
                                    .append(Markdown.codeCell(p.table() + "." + p.column()))
                                    .append(" | ")
                                    .append(Markdown.cell(p.tag().classification()))
                                    .append(" | ")
                                    .append(Markdown.cell(orUnknown(p.tag().retention())))
                                    .append(" | ")
                                    .append(Markdown.cell(orUnknown(p.tag().erasure())))
                                    .append(" |\n"));
        }
        List<Finding> untagged =
                advisories.stream().filter(PiiColumnWithoutComment::raised).toList();
        if (!untagged.isEmpty()) {
            out.append(
                    "\nColumns that look like personal data but carry no PII comment (open questions):\n\n");
            untagged.forEach(f -> out.append("- ").append(Markdown.text(f.what())).append('\n'));
        }
        out.append("\n## Evolution Plan\n\n");
        appendEvolution(out);
        out.append("\n## Open Questions\n\n");
        List<String> unknown = unknownCardinalities();
        if (advisories.isEmpty() && unknown.isEmpty()) {
            out.append("None.\n");
        }
        for (Finding f : advisories) {
            String code = RuleCatalogue.byId(f.ruleId()).map(r -> r.info().code()).orElse("");
            out.append("- **")
                    .append(code)
                    .append(' ')
                    .append(f.ruleId())
                    .append("** ")
                    .append(Markdown.text(f.what()))
                    .append(". ")
                    .append(Markdown.text(f.fix()))
                    .append('\n');
        }
        if (!unknown.isEmpty()) {
            out.append("- **Cardinality unknown** (give `--table-rows` or `--stats-from`): ")
                    .append(Markdown.text(String.join(", ", unknown)))
                    .append('\n');
        }
        return out.toString();
    }

    private static String orUnknown(String s) {
        return s == null ? "not stated" : s;
    }

    private void appendEvolution(StringBuilder out) {
        if (evolution == null) {
            out.append(
                    "No pending changes (no `--from` given: this is the schema as it stands).\n");
            return;
        }
        if (evolution.changes().isEmpty()) {
            out.append("No pending changes between ")
                    .append(Markdown.code(evolution.from()))
                    .append(" and ")
                    .append(Markdown.code(evolution.to()))
                    .append(".\n");
            return;
        }
        out.append("From ")
                .append(Markdown.code(evolution.from()))
                .append(" to ")
                .append(Markdown.code(evolution.to()))
                .append(": ")
                .append(evolution.changes().size())
                .append(" change")
                .append(evolution.changes().size() == 1 ? "" : "s")
                .append(", judged on PostgreSQL ")
                .append(evolution.pgVersion())
                .append(".\n\n");
        out.append("| Change | Safe? | Strategy | Downtime required? |\n|---|---|---|---|\n");
        for (FindingWithFix v : evolution.verdicts()) {
            Finding f = v.finding();
            String change = f.change() == null ? f.what() : f.change().summary();
            out.append("| ")
                    .append(Markdown.cell(change))
                    .append(" | ")
                    .append(safe(f))
                    .append(" | ")
                    .append(Markdown.cell(f.fix() == null ? "" : f.fix()))
                    .append(" | ")
                    .append(downtime(f))
                    .append(" |\n");
        }
        int n = 0;
        for (Stage stage : evolution.plan().stages()) {
            out.append("\n### Stage ")
                    .append(++n)
                    .append(": ")
                    .append(stage.kind().label())
                    .append("\n\n");
            int k = 0;
            for (Step step : stage.steps()) {
                out.append(++k).append(". ");
                if (step.kind() == Step.Kind.CHECKPOINT) {
                    out.append("Checkpoint: ")
                            .append(Markdown.text(step.description()))
                            .append('\n');
                } else {
                    out.append(Markdown.text(step.description()))
                            .append(" (lock: ")
                            .append(Wording.lockName(step.lock()))
                            .append(step.transactional() ? "" : ", outside a transaction")
                            .append(")\n\n")
                            .append("    ```sql\n    ")
                            .append(step.sql().replace("\n", "\n    "))
                            .append("\n    ```\n");
                }
            }
        }
    }

    /** The guide's "Safe?" column. */
    private static String safe(Finding f) {
        return switch (f.safety()) {
            case ADVICE, SAFE -> "YES";
            case MULTI_STEP, DOWNTIME -> "NO";
            case NEEDS_REVIEW -> "REVIEW";
        };
    }

    /** The guide's "Downtime required?" column. */
    private static String downtime(Finding f) {
        return switch (f.safety()) {
            case ADVICE, SAFE -> "No";
            case MULTI_STEP -> "No (multi-step)";
            case NEEDS_REVIEW -> "Possibly (not judged: read it)";
            case DOWNTIME -> "Yes, unless staged as planned";
        };
    }

    /** The domain's name, as in the title. */
    public String name() {
        return name;
    }

    // ------------------------------------------------------------------ JSON

    public String json() {
        ObjectNode root = Json.object();
        root.put("name", name);
        ArrayNode diagrams = root.putArray("diagrams");
        diagrams().forEach(diagrams::add);
        ArrayNode entities = root.putArray("entities");
        for (Table t : tables) {
            ObjectNode e = entities.addObject();
            e.put("table", t.name().toString());
            if (t.comment() == null) {
                e.putNull("purpose");
            } else {
                e.put("purpose", t.comment().strip());
            }
            Long n = rows.get(t.name());
            if (n == null) {
                e.putNull("rows");
            } else {
                e.put("rows", n);
            }
            e.put("mutability", mutability(t));
            ArrayNode cols = e.putArray("columns");
            for (Column c : t.columns()) {
                ObjectNode col = cols.addObject();
                col.put("name", c.name());
                col.put("type", c.type().sql());
                col.put("notNull", !c.nullable());
                if (c.comment() != null) {
                    col.put("comment", c.comment());
                }
            }
            e.put("sql", createSql(t));
            ArrayNode idx = e.putArray("indexes");
            indexRows(t)
                    .forEach(
                            r ->
                                    idx.addObject()
                                            .put("name", r.get(0))
                                            .put("columns", r.get(1))
                                            .put("rationale", r.get(2)));
            ArrayNode rules = e.putArray("businessRules");
            businessRules(t).forEach(rules::add);
        }
        ArrayNode rels = root.putArray("relationships");
        relationships()
                .forEach(
                        r ->
                                rels.addObject()
                                        .put("from", r.from().toString())
                                        .put("to", r.to().toString())
                                        .put("columns", String.join(", ", r.columns()))
                                        .put("type", r.type())
                                        .put("onDelete", r.onDelete())
                                        .put("constraint", r.constraint()));
        ArrayNode privacy = root.putArray("privacy");
        for (PrivacyRow p : privacyRows()) {
            ObjectNode o =
                    privacy.addObject()
                            .put("column", p.table() + "." + p.column())
                            .put("classification", p.tag().classification());
            o.put("retention", p.tag().retention());
            o.put("erasure", p.tag().erasure());
        }
        ObjectNode evo = root.putObject("evolution");
        if (evolution == null) {
            evo.putNull("from");
            evo.putArray("changes");
            evo.putArray("stages");
        } else {
            evo.put("from", evolution.from()).put("to", evolution.to());
            ArrayNode changes = evo.putArray("changes");
            for (FindingWithFix v : evolution.verdicts()) {
                Finding f = v.finding();
                changes.addObject()
                        .put("change", f.change() == null ? f.what() : f.change().summary())
                        .put("rule", f.ruleId())
                        .put("verdict", f.safety().label())
                        .put("strategy", f.fix());
            }
            ArrayNode stages = evo.putArray("stages");
            for (Stage s : evolution.plan().stages()) {
                ObjectNode st = stages.addObject().put("stage", s.kind().label());
                ArrayNode steps = st.putArray("steps");
                for (Step step : s.steps()) {
                    ObjectNode o =
                            steps.addObject()
                                    .put("kind", step.kind().name().toLowerCase(Locale.ROOT))
                                    .put("description", step.description());
                    if (step.sql() != null) {
                        o.put("sql", step.sql());
                    }
                }
            }
        }
        ArrayNode open = root.putArray("openQuestions");
        for (Finding f : advisories) {
            open.addObject()
                    .put("rule", f.ruleId())
                    .put(
                            "code",
                            RuleCatalogue.byId(f.ruleId()).map(r -> r.info().code()).orElse(""))
                    .put("table", f.table() == null ? null : f.table().toString())
                    .put("what", f.what())
                    .put("recommendation", f.why())
                    .put("sql", f.fix());
        }
        ArrayNode unknown = root.putArray("unknownCardinality");
        unknownCardinalities().forEach(unknown::add);
        return Json.write(root);
    }
}
