package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changeset.ChangeSetServiceFactory;
import liquibase.parser.core.ParsedNode;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inside a load, Liquibase's changesets create their changes by the load's choices, asked of the
 * change factory once per name: every change name Liquibase registers (and ours, customChange's
 * replacement, which outranks Liquibase's own class) gives the class the factory gives and the
 * change Liquibase's own changeset loads, and an entry naming no change is what Liquibase makes of
 * it.
 */
class ChangeChoicesTest {
    @BeforeAll
    static void startLiquibase() throws Exception {
        LiquibaseRuntime.quietly(() -> null);
    }

    /** Every registered change name, entries naming none, and the first of each again. */
    private static List<String> names() {
        List<String> names =
                new ArrayList<>(
                        Scope.getCurrentScope()
                                .getSingleton(ChangeFactory.class)
                                .getDefinedChanges());
        names.addAll(List.of("id", "author", "comment", "noSuchChange"));
        names.addAll(new ArrayList<>(names));
        return names;
    }

    @Test
    void everyNameGivesTheClassAndChangeLiquibasesOwnChangesetGives() throws Exception {
        List<String> names = names();
        assertThat(new TreeSet<>(names)).hasSizeGreaterThan(45).contains("customChange");
        try (ClassLoaderResourceAccessor resources = new ClassLoaderResourceAccessor()) {
            LiquibaseRuntime.quietly(
                    () ->
                            LiquibaseRuntime.withResources(
                                    resources,
                                    () -> {
                                        ChangeFactory factory =
                                                Scope.getCurrentScope()
                                                        .getSingleton(ChangeFactory.class);
                                        ChangeChoices choices =
                                                Scope.getCurrentScope()
                                                        .get(
                                                                ChangeChoices.SCOPE_KEY,
                                                                ChangeChoices.class);
                                        for (String name : names) {
                                            Change stock = factory.create(name);
                                            assertThat(
                                                            choices.of(name)
                                                                    .map(
                                                                            c ->
                                                                                    c
                                                                                            .getDeclaringClass()))
                                                    .as(name)
                                                    .isEqualTo(
                                                            Optional.ofNullable(stock)
                                                                    .map(Object::getClass));
                                            for (ParsedNode entry : entries(name)) {
                                                ChangeSet theirs =
                                                        new ChangeSet(
                                                                new DatabaseChangeLog("db.yaml"));
                                                ChangeSet ours = made();
                                                assertThat(ours.getClass())
                                                        .isNotEqualTo(ChangeSet.class);
                                                assertThat(loaded(ours, entry, resources))
                                                        .as(name + " " + entry)
                                                        .isEqualTo(
                                                                loaded(theirs, entry, resources));
                                            }
                                        }
                                        return null;
                                    }));
        }
    }

    @Test
    void outsideALoadLiquibaseMakesItsOwnChangeset() throws Exception {
        LiquibaseRuntime.quietly(
                () -> {
                    assertThat(made().getClass()).isEqualTo(ChangeSet.class);
                    return null;
                });
    }

    /** The changeset Liquibase's changelog makes, by its highest-ranked changeset service. */
    private static ChangeSet made() {
        return ChangeSetServiceFactory.getInstance()
                .createChangeSetService()
                .createChangeSet(new DatabaseChangeLog("db.yaml"));
    }

    /** A changeset holding {@code name} as a bare entry, and as one with an attribute. */
    private static List<ParsedNode> entries(String name) throws Exception {
        List<ParsedNode> out = new ArrayList<>();
        for (int attributes = 0; attributes < 2; attributes++) {
            ParsedNode changeSet = new ParsedNode(null, "changeSet");
            changeSet.addChild(null, "id", "1");
            changeSet.addChild(null, "author", "a");
            ParsedNode entry = changeSet.addChild(null, name, attributes == 0 ? "x" : null);
            if (attributes == 1) {
                entry.addChild(null, "tableName", "t");
            }
            out.add(changeSet);
        }
        return out;
    }

    /** What loading the changeset from the entries gives: its changes' classes and checksums. */
    private static String loaded(
            ChangeSet changeSet, ParsedNode node, ClassLoaderResourceAccessor resources) {
        try {
            changeSet.load(node, resources);
        } catch (Exception e) {
            return "none " + e.getClass().getName() + ": " + e.getMessage();
        }
        if (changeSet.getChanges().isEmpty()) {
            return "none " + changeSet.getAttribute(node.getChildren().get(2).getName());
        }
        StringBuilder out = new StringBuilder();
        for (Change change : changeSet.getChanges()) {
            out.append(change.getClass().getName()).append(' ');
            try {
                out.append(change.generateCheckSum());
            } catch (RuntimeException e) {
                out.append(e.getClass().getName()).append(": ").append(e.getMessage());
            }
        }
        return out.toString();
    }
}
