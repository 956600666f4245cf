import java.nio.file.Path;
import liquibase.Scope;
import liquibase.change.ChangeFactory;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.exception.CustomChangeException;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.parser.core.ParsedNode;
import liquibase.parser.core.ParsedNodeException;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * The peer of {@code evoplan plan} for bench/peers.sh: Liquibase's own parser reading each
 * changelog given (includes followed, as {@code liquibase update} would before it connects),
 * nothing else. Prints the changeset count of each, so a run that parsed nothing shows.
 *
 * <p>A {@code customChange} names a class of the project's own (Fineract's
 * {@code TenantPasswordEncryptionTask}), which is not on this class path: Liquibase's wrapper loads
 * it while parsing and the whole parse fails there, a third of the way in. So the peer registers a
 * {@code customChange} of its own ({@link UnresolvedCustomChange}) that keeps the class name and
 * the parameters and does not load the class, as evoplan does; every other element is parsed by
 * Liquibase as it is. The count of such changes is printed. An includeAll {@code filter} class of
 * the project is the other class Liquibase loads while parsing: see TenantModuleRootFilter.java.
 *
 * <p>Run: {@code java -cp target/evoplan.jar:bench/out/peers-classes LiquibaseParse ROOT_DIR CHANGELOG [ROOT_DIR CHANGELOG]...}
 * where CHANGELOG is relative to ROOT_DIR (the search path, as Liquibase resolves includes).
 */
public class LiquibaseParse {
    public static void main(String[] args) throws Exception {
        Scope.getCurrentScope().getSingleton(ChangeFactory.class).register(new UnresolvedCustomChange());
        for (int i = 0; i + 1 < args.length; i += 2) {
            Path root = Path.of(args[i]);
            String changelog = args[i + 1];
            int[] count = {0, 0};
            try (ResourceAccessor accessor = new DirectoryResourceAccessor(root)) {
                Scope.child(Scope.Attr.resourceAccessor.name(), accessor, () -> {
                    ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(changelog, accessor);
                    DatabaseChangeLog log = parser.parse(changelog, new ChangeLogParameters(), accessor);
                    for (ChangeSet changeSet : log.getChangeSets()) {
                        count[0]++;
                        count[1] += (int) changeSet.getChanges().stream().filter(UnresolvedCustomChange.class::isInstance).count();
                    }
                });
            }
            System.out.println(root.resolve(changelog) + ": " + count[0] + " changesets, "
                    + count[1] + " custom changes (class not loaded)");
        }
    }

    /** Liquibase's customChange, parsed without loading the named class. */
    @DatabaseChange(name = "customChange", description = "customChange, class not loaded",
            priority = ChangeMetaData.PRIORITY_DEFAULT + 1)
    public static class UnresolvedCustomChange extends CustomChangeWrapper {
        @Override
        public boolean supports(Database database) {
            return true;
        }

        @Override
        public CustomChangeWrapper setClass(String className) throws CustomChangeException {
            try {
                super.setClass(className);
            } catch (CustomChangeException e) {
                // The wrapper keeps the name before it tries to load the class.
            }
            return this;
        }

        @Override
        public void customLoadLogic(ParsedNode node, ResourceAccessor resourceAccessor) throws ParsedNodeException {
            ParsedNode params = node.getChild(null, "params");
            for (ParsedNode param : (params == null ? node : params).getChildren(null, "param")) {
                Object value = param.getValue() != null ? param.getValue() : param.getChildValue(null, "value");
                setParam(param.getChildValue(null, "name", String.class), value == null ? null : value.toString());
            }
        }
    }
}
