package dev.evoplan.render.export;

import java.util.ArrayList;
import java.util.List;

/** One Liquibase XML changelog per part; each statement in CDATA, so SQL is written as it is. */
final class LiquibaseXmlExport {
    private LiquibaseXmlExport() {}

    static List<ExportedFile> files(ExportParts.Cut cut, String source) {
        List<ExportedFile> files = new ArrayList<>();
        for (ExportPart part : cut.parts()) {
            StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            comment(x, "", LiquibaseChangeSets.header(cut, part, source, "xml"));
            x.append("<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n")
                    .append("        xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                    .append(
                            "        xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog ")
                    .append(
                            "http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n");
            for (LiquibaseChangeSets.ChangeSet cs : LiquibaseChangeSets.of(part)) {
                x.append("    <changeSet id=\"")
                        .append(attribute(cs.id()))
                        .append("\" author=\"evoplan\"");
                if (!cs.runInTransaction()) {
                    x.append(" runInTransaction=\"false\"");
                }
                x.append(">\n");
                x.append("        <comment>").append(text(cs.comment())).append("</comment>\n");
                for (String statement : cs.statements()) {
                    x.append("        <sql splitStatements=\"false\" stripComments=\"false\">")
                            .append(cdata(statement))
                            .append("</sql>\n");
                }
                x.append("    </changeSet>\n");
            }
            comment(x, "    ", LiquibaseChangeSets.footer(cut, part, "xml"));
            x.append("</databaseChangeLog>\n");
            files.add(new ExportedFile(LiquibaseChangeSets.fileName(part, "xml"), x.toString()));
        }
        return files;
    }

    private static void comment(StringBuilder x, String indent, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        x.append(indent).append("<!--\n");
        // "--" may not appear inside an XML comment.
        lines.forEach(
                l ->
                        x.append((indent + "  " + l.replace("--", "- -")).stripTrailing())
                                .append('\n'));
        x.append(indent).append("-->\n");
    }

    static String cdata(String s) {
        return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }

    static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String attribute(String s) {
        return text(s).replace("\"", "&quot;");
    }
}
