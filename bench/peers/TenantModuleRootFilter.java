package org.apache.fineract.infrastructure.core.service.migration;

import liquibase.changelog.IncludeAllFilter;

/**
 * Stands in, for bench/peers.sh's Liquibase parse, for the includeAll filter class Fineract's older
 * master names ({@code <includeAll path="db/changelog/tenant/module" filter="...">}): Liquibase loads
 * it by name while parsing, and without a class of that name the parse fails there. It accepts what
 * Fineract's own filter accepts, each module's {@code module-changelog-master.xml}; evoplan, which
 * runs no project code, is told the same with {@code --include-all-filter CLASS=GLOB}, so both read
 * the same changesets (1,476 on the older ref).
 */
public class TenantModuleRootFilter implements IncludeAllFilter {
    @Override
    public boolean include(String changeLogPath) {
        return changeLogPath.endsWith("module-changelog-master.xml");
    }
}
