package dev.evoplan.source.liquibase;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.change.visitor.ChangeVisitor;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changeset.StandardChangeSetService;
import liquibase.exception.UnexpectedLiquibaseException;
import liquibase.parser.core.ParsedNode;
import liquibase.parser.core.ParsedNodeException;
import liquibase.resource.ResourceAccessor;

/**
 * The change class Liquibase's change factory chooses for each name, asked once per load instead of
 * for every entry of every changeset. The factory answers a name by ranking every registered change
 * type (47 in Liquibase 4.33, and ours): for each it builds a string key of the type's class and
 * the scope's checksum version and looks its meta-data up by that key. A changeset's parse asks it
 * for every entry of the changeset ({@code id} and {@code author} too, which name no change), and
 * that was 29% of the CPU of the 50 MB YAML plan. Its answer depends only on the registered types,
 * the scope's database and forced plugin, and the validation setting, which stay as they are for
 * the whole of one load: its first answer for a name is the one it gives every time after.
 *
 * <p>Liquibase makes every changeset of a changelog through the registered {@link
 * liquibase.changeset.ChangeSetService} with the highest priority; {@link Service} makes, inside a
 * load's scope ({@link LiquibaseRuntime#withResources}), a changeset that creates its changes by
 * those answers, and Liquibase's own changeset anywhere else.
 */
final class ChangeChoices {
    /** The scope value a load's changesets find the choices under. */
    static final String SCOPE_KEY = "evoplan.changeChoices";

    /** By change name: the no-argument constructor of the class chosen, or empty for none. */
    private final Map<String, Optional<Constructor<? extends Change>>> chosen =
            new ConcurrentHashMap<>();

    /** The factory's choice for {@code name}: its class's constructor, or empty when none. */
    Optional<Constructor<? extends Change>> of(String name) {
        Optional<Constructor<? extends Change>> known = chosen.get(name);
        if (known != null) {
            return known;
        }
        Change made = Scope.getCurrentScope().getSingleton(ChangeFactory.class).create(name);
        Optional<Constructor<? extends Change>> choice;
        try {
            choice =
                    made == null ? Optional.empty() : Optional.of(made.getClass().getConstructor());
        } catch (NoSuchMethodException e) {
            // The factory has just made one with it.
            throw new UnexpectedLiquibaseException(e);
        }
        Optional<Constructor<? extends Change>> first = chosen.putIfAbsent(name, choice);
        return first == null ? choice : first;
    }

    /** Liquibase's changeset service, making changesets that use a load's choices. */
    public static final class Service extends StandardChangeSetService {
        @Override
        public int getPriority() {
            return super.getPriority() + 1;
        }

        @Override
        public ChangeSet createChangeSet(DatabaseChangeLog changeLog) {
            ChangeChoices choices = Scope.getCurrentScope().get(SCOPE_KEY, ChangeChoices.class);
            return choices == null
                    ? super.createChangeSet(changeLog)
                    : new Choosing(changeLog, choices);
        }
    }

    /**
     * Liquibase's changeset, creating each change as its factory would: an instance of the class it
     * chooses, loaded from the entry and visited by the changelog's change visitors. An entry that
     * names no change and holds entries of its own takes Liquibase's own path, which rejects it in
     * strict mode; one of an extension evoplan does not have is an {@link ExtensionChange}.
     */
    private static final class Choosing extends ChangeSet {
        private final ChangeChoices choices;

        Choosing(DatabaseChangeLog changeLog, ChangeChoices choices) {
            super(changeLog);
            this.choices = choices;
        }

        @Override
        protected Change toChange(ParsedNode value, ResourceAccessor resourceAccessor)
                throws ParsedNodeException {
            String name = value.getName();
            if (name == null) {
                return super.toChange(value, resourceAccessor);
            }
            // An extension's entry: the change the factory has for its local name, as Liquibase
            // would make it, else one kept unread.
            String local = ExtensionChange.localName(name);
            Optional<Constructor<? extends Change>> choice =
                    choices.of(local == null ? name : local);
            if (choice.isEmpty() && local != null) {
                return ExtensionChange.ofMarked(value);
            }
            if (choice.isEmpty()) {
                // No change: an entry holding entries takes Liquibase's path, which rejects it.
                return value.getChildren().isEmpty()
                        ? null
                        : super.toChange(value, resourceAccessor);
            }
            Change change;
            try {
                change = choice.get().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new UnexpectedLiquibaseException(e);
            }
            change.load(value, resourceAccessor);
            for (ChangeVisitor visitor : getChangeLog().getChangeVisitors()) {
                change.modify(visitor);
            }
            return change;
        }
    }
}
