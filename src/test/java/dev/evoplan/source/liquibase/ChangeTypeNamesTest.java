package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import org.junit.jupiter.api.Test;

class ChangeTypeNamesTest {
    /** The annotation read for Liquibase's own changes gives what the factory's meta-data gives. */
    @Test
    void everyChangeTypeIsNamedAsLiquibasesFactoryNamesIt() {
        ChangeFactory factory = Scope.getCurrentScope().getSingleton(ChangeFactory.class);
        assertThat(factory.getDefinedChanges()).hasSizeGreaterThan(40);
        for (String name : factory.getDefinedChanges()) {
            Change change = factory.create(name);
            assertThat(LiquibaseChangeApplier.changeType(change))
                    .as(name)
                    .isEqualTo(factory.getChangeMetaData(change).getName());
        }
    }
}
