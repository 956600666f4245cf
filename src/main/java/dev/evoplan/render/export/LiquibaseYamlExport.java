package dev.evoplan.render.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One Liquibase YAML changelog per part, written by Jackson so that any SQL text is quoted right.
 */
final class LiquibaseYamlExport {
    private static final YAMLMapper YAML =
            new YAMLMapper(
                    YAMLFactory.builder()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                            .build());

    private LiquibaseYamlExport() {}

    static List<ExportedFile> files(ExportParts.Cut cut, String source) {
        List<ExportedFile> files = new ArrayList<>();
        for (ExportPart part : cut.parts()) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            ObjectNode root = nodes.objectNode();
            ArrayNode log = root.putArray("databaseChangeLog");
            for (LiquibaseChangeSets.ChangeSet cs : LiquibaseChangeSets.of(part)) {
                ObjectNode changeSet = log.addObject().putObject("changeSet");
                changeSet.put("id", cs.id());
                changeSet.put("author", "evoplan");
                if (!cs.runInTransaction()) {
                    changeSet.put("runInTransaction", false);
                }
                changeSet.put("comment", cs.comment());
                ArrayNode changes = changeSet.putArray("changes");
                for (String statement : cs.statements()) {
                    ObjectNode sql = changes.addObject().putObject("sql");
                    sql.put("splitStatements", false);
                    sql.put("stripComments", false);
                    sql.put("sql", statement);
                }
            }
            StringBuilder text = new StringBuilder();
            LiquibaseChangeSets.header(cut, part, source, "yaml")
                    .forEach(l -> text.append(("# " + l).stripTrailing()).append('\n'));
            text.append(write(root));
            List<String> footer = LiquibaseChangeSets.footer(cut, part, "yaml");
            if (!footer.isEmpty()) {
                text.append('\n');
                footer.forEach(l -> text.append(("# " + l).stripTrailing()).append('\n'));
            }
            files.add(
                    new ExportedFile(LiquibaseChangeSets.fileName(part, "yaml"), text.toString()));
        }
        return files;
    }

    private static String write(ObjectNode root) {
        try {
            String text = YAML.writeValueAsString(root);
            return text.endsWith("\n") ? text : text + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serializes
        }
    }
}
