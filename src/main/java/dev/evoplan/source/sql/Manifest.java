package dev.evoplan.source.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.evoplan.model.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A temporal-sql-tool {@code manifest.json}: the files of its version folder, in the order the tool
 * runs them ({@code "SchemaUpdateCqlFiles"}). What the tool fails on fails here, as an
 * InputException naming the manifest and line: text that is not a JSON object, a list that is not
 * of file names, and no file listed unless {@code "AllowNoCqlFiles": true}.
 */
final class Manifest {
    private static final JsonFactory JSON = new JsonFactory();

    /** A file name the manifest lists, and the line it is on. */
    record Listed(String file, int line) {}

    private Manifest() {}

    /**
     * The files {@code text} lists, in its order.
     *
     * @param shown the manifest as messages name it
     */
    static List<Listed> read(String text, String shown) {
        List<Listed> files = new ArrayList<>();
        boolean allowNone = false;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InputException(shown, line(p), "is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("SchemaUpdateCqlFiles".equals(field)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new InputException(
                                shown, line(p), "SchemaUpdateCqlFiles is not a list of file names");
                    }
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        if (t != JsonToken.VALUE_STRING) {
                            throw new InputException(
                                    shown,
                                    line(p),
                                    "SchemaUpdateCqlFiles holds something not a file name");
                        }
                        files.add(new Listed(p.getText(), line(p)));
                    }
                } else if ("AllowNoCqlFiles".equals(field)) {
                    allowNone = value == JsonToken.VALUE_TRUE;
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new InputException(shown, line(p), "has text after its JSON object");
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(shown, line, "is not valid JSON", e);
        } catch (IOException e) {
            throw new InputException(shown, 0, "cannot be read: " + e.getMessage(), e);
        }
        if (files.isEmpty() && !allowNone) {
            throw new InputException(
                    shown,
                    0,
                    "lists no SchemaUpdateCqlFiles and does not say \"AllowNoCqlFiles\": true"
                            + " (temporal-sql-tool fails on it)");
        }
        return files;
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
