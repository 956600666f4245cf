package dev.evoplan.source.liquibase;

import liquibase.change.ChangeMetaData;
import liquibase.change.CheckSum;
import liquibase.change.DatabaseChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.database.Database;
import liquibase.exception.CustomChangeException;
import liquibase.parser.core.ParsedNode;
import liquibase.parser.core.ParsedNodeException;
import liquibase.resource.ResourceAccessor;
import liquibase.serializer.core.string.StringChangeLogSerializer;

/**
 * Liquibase's {@code customChange} that survives a class it cannot load. Liquibase instantiates the
 * named class while parsing, and the project's own Java classes are not on our class path; without
 * this, one custom change would make the whole changelog unreadable. When the class is there it
 * behaves exactly as Liquibase's own wrapper. Public only because Liquibase creates changes by
 * reflection.
 */
@DatabaseChange(
        name = "customChange",
        description = "A custom change whose class may be missing",
        priority = ChangeMetaData.PRIORITY_DEFAULT + 1)
public class UnloadedCustomChange extends CustomChangeWrapper {
    private boolean loaded;

    @Override
    public CustomChangeWrapper setClass(String className) throws CustomChangeException {
        try {
            super.setClass(className);
            loaded = true;
        } catch (CustomChangeException e) {
            // The wrapper records the name before it loads; keep it and stay an opaque change.
            loaded = false;
        }
        return this;
    }

    /** Whether the named class could be loaded. */
    public boolean isLoaded() {
        return loaded;
    }

    /**
     * Liquibase's wrapper instantiates the class again to see which attributes are its properties;
     * without the class, every plain attribute but {@code class} is a parameter.
     */
    @Override
    public void customLoadLogic(ParsedNode node, ResourceAccessor resourceAccessor)
            throws ParsedNodeException {
        if (loaded) {
            super.customLoadLogic(node, resourceAccessor);
            return;
        }
        ParsedNode params = node.getChild(null, "params");
        for (ParsedNode param : (params == null ? node : params).getChildren(null, "param")) {
            Object value =
                    param.getValue() != null
                            ? param.getValue()
                            : param.getChildValue(null, "value");
            String name = param.getChildValue(null, "name", String.class);
            if (name == null) {
                throw new ParsedNodeException(
                        "Custom change param " + param + " does not have a 'name' attribute");
            }
            setParam(name, value == null ? null : value.toString());
        }
        for (ParsedNode child : node.getChildren()) {
            if (child.getValue() != null && !"class".equals(child.getName())) {
                setParam(child.getName(), child.getValue().toString());
            }
        }
    }

    @Override
    public boolean supports(Database database) {
        return true;
    }

    /**
     * Liquibase's wrapper asks the custom class for its checksum; without the class, the checksum
     * is that of the change's class name and parameters, which still changes when they do.
     */
    @Override
    public CheckSum generateCheckSum() {
        if (loaded) {
            return super.generateCheckSum();
        }
        return CheckSum.compute(new StringChangeLogSerializer().serialize(this, false));
    }
}
