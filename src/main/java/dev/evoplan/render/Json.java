package dev.evoplan.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The one JSON writer of the reports (plan, check, lint, rules, doc and verify): two-space
 * indentation, {@code "key": value}, {@code \n} line ends.
 */
public final class Json {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writer(printer());

    private Json() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * The tree as text, ending in a newline; the trees keep keys in insertion order, so the text is
     * stable.
     */
    static String write(JsonNode tree) {
        try {
            return WRITER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes; failing here is a bug, not an input error.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A value made of maps (in their iteration order), lists, strings, numbers, booleans and nulls,
     * as text ending in a newline; for reports outside this package (verify) that build plain maps
     * instead of trees.
     */
    public static String write(Object plain) {
        return write((JsonNode) MAPPER.valueToTree(plain));
    }

    private static DefaultPrettyPrinter printer() {
        // Explicit "\n" rather than the platform line separator: the output is compared byte for
        // byte.
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators =
                Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
