import java.nio.file.Path;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * The peer of {@code evoplan plan} for bench/peers.sh: Liquibase's own parser reading each
 * changelog given (includes followed, as {@code liquibase update} would before it connects),
 * nothing else. Prints the changeset count of each, so a run that parsed nothing shows.
 *
 * <p>Run: {@code java -cp target/evoplan.jar:bench/out/peers-classes LiquibaseParse ROOT_DIR CHANGELOG [ROOT_DIR CHANGELOG]...}
 * where CHANGELOG is relative to ROOT_DIR (the search path, as Liquibase resolves includes).
 */
public class LiquibaseParse {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            Path root = Path.of(args[i]);
            String changelog = args[i + 1];
            int[] count = {0};
            try (ResourceAccessor accessor = new DirectoryResourceAccessor(root)) {
                Scope.child(Scope.Attr.resourceAccessor.name(), accessor, () -> {
                    ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(changelog, accessor);
                    DatabaseChangeLog log = parser.parse(changelog, new ChangeLogParameters(), accessor);
                    for (ChangeSet ignored : log.getChangeSets()) {
                        count[0]++;
                    }
                });
            }
            System.out.println(root.resolve(changelog) + ": " + count[0] + " changesets");
        }
    }
}
