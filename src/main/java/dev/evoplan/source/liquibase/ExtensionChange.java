package dev.evoplan.source.liquibase;

import java.util.ArrayDeque;
import java.util.Deque;
import liquibase.change.AbstractChange;
import liquibase.change.ChangeMetaData;
import liquibase.change.CheckSum;
import liquibase.change.DatabaseChange;
import liquibase.database.Database;
import liquibase.parser.core.ParsedNode;
import liquibase.statement.SqlStatement;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * A change of a Liquibase extension evoplan does not have: an XML changeset's entry in a namespace
 * other than Liquibase's own ({@code <ext:modifyColumn>} under {@code xmlns:ext=".../dbchangelog-
 * ext"}), whose name the change factory does not know. The project's Liquibase has the extension on
 * its class path, so the changelog is valid; here the change is kept unread (opaque, needs review
 * where it runs on PostgreSQL) instead of stopping the load. An entry in Liquibase's own namespace,
 * or in YAML or JSON (which have none), that names no change is still an input error: nothing tells
 * it from a typo.
 *
 * <p>Liquibase's XML handler drops namespaces ({@link ParsedNode#getNamespace()} is null); {@link
 * Marking} gives such an entry, as it is parsed, a name no change has that carries its namespace
 * and qualified name, which {@link ChangeChoices} reads back. Not registered with the change
 * factory: no changelog can name it.
 */
@DatabaseChange(
        name = "extensionChange",
        description = "A change of a Liquibase extension evoplan does not have",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public final class ExtensionChange extends AbstractChange {
    /** Liquibase's own changelog namespace; an entry in any other is an extension's. */
    private static final String LIQUIBASE = "www.liquibase.org/xml/ns/dbchangelog";

    private final String namespace;
    private final String qualifiedName;

    /** The entry's attributes and nested elements, in the file's order, as one line. */
    private final String content;

    /** The table it names ({@code tableName}), or null. */
    private final String table;

    private ExtensionChange(String namespace, String qualifiedName, String table, String content) {
        this.namespace = namespace;
        this.qualifiedName = qualifiedName;
        this.table = table;
        this.content = content;
    }

    /**
     * The placeholder for a parsed entry whose name {@link Marking} marked, or null when the name
     * is not marked.
     */
    static ExtensionChange ofMarked(ParsedNode entry) {
        String name = entry.getName();
        int end = markEnd(name);
        if (end < 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        if (entry.getValue() != null) {
            // The element's own text.
            text.append('=')
                    .append(entry.getValue())
                    .append(entry.getChildren().isEmpty() ? "" : " ");
        }
        write(entry, text);
        Object table = null;
        for (ParsedNode child : entry.getChildren()) {
            if ("tableName".equals(child.getName())) {
                table = child.getValue();
            }
        }
        return new ExtensionChange(
                name.substring(1, end),
                name.substring(end + 1),
                table == null ? null : table.toString(),
                text.toString());
    }

    /** The local name of a marked entry (what Liquibase would have named it), or null. */
    static String localName(String name) {
        int end = markEnd(name);
        return end < 0 ? null : name.substring(name.indexOf(':', end) + 1);
    }

    /** Where the namespace {@link Marking} put before a name ends (its '}'), or -1: not marked. */
    private static int markEnd(String name) {
        return name.startsWith("{") ? name.indexOf('}') : -1;
    }

    private static void write(ParsedNode node, StringBuilder text) {
        String sep = "";
        for (ParsedNode child : node.getChildren()) {
            text.append(sep).append(child.getName());
            sep = ", ";
            if (child.getValue() != null) {
                text.append('=').append(child.getValue());
            }
            if (!child.getChildren().isEmpty()) {
                text.append('(');
                write(child, text);
                text.append(')');
            }
        }
    }

    /** The element's name as written, with its prefix: {@code ext:modifyColumn}. */
    String qualifiedName() {
        return qualifiedName;
    }

    /**
     * What a reader is told of it: its name, the table it names, where it comes from, and what it
     * holds.
     */
    String description() {
        return qualifiedName
                + (table == null ? "" : " on " + table)
                + " from a Liquibase extension evoplan does not have"
                + (content.isEmpty() ? "" : ": " + content);
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        // Never asked: evoplan generates SQL for Liquibase's own changes only.
        return new SqlStatement[0];
    }

    @Override
    public String getConfirmationMessage() {
        return description();
    }

    @Override
    public boolean supports(Database database) {
        return true;
    }

    /**
     * Of the element's namespace, name, attributes and nested elements: the same entry gives the
     * same checksum in two versions of a file, and an edit of any of them changes it. It cannot be
     * the checksum the extension computes (its class decides that), so a {@code validCheckSum}
     * recorded by the project's Liquibase does not match it.
     */
    @Override
    public CheckSum generateCheckSum() {
        return CheckSum.compute(namespace + " " + qualifiedName + " " + content);
    }

    /**
     * Liquibase's XML handler, given for an element in another namespace than Liquibase's, entered
     * directly in a {@code changeSet} or its {@code rollback}, the name {@code {namespace}qName}
     * instead of its local name; everything else passes as it is.
     */
    static final class Marking extends XMLFilterImpl {
        /** The name given for each open element, innermost first. */
        private final Deque<String> given = new ArrayDeque<>();

        /** Whether each open element holds changes, innermost first. */
        private final Deque<Boolean> holdsChanges = new ArrayDeque<>();

        Marking(XMLReader parent) {
            super(parent);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts)
                throws SAXException {
            boolean liquibase = uri == null || uri.isEmpty() || uri.endsWith(LIQUIBASE);
            String name =
                    !liquibase && Boolean.TRUE.equals(holdsChanges.peek())
                            ? "{"
                                    + uri
                                    + "}"
                                    + (qName == null || qName.isEmpty() ? localName : qName)
                            : localName;
            given.push(name);
            holdsChanges.push(
                    liquibase && ("changeSet".equals(localName) || "rollback".equals(localName)));
            super.startElement(uri, name, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            holdsChanges.pop();
            super.endElement(uri, given.pop(), qName);
        }
    }
}
