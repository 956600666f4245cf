package org.apache.fineract.infrastructure.core.service.migration;

import liquibase.changelog.IncludeAllFilter;

/**
 * Stands in, for bench/peers.sh's Liquibase parse, for the includeAll filter class Fineract's older
 * master names ({@code <includeAll path="db/changelog/tenant/module" filter="...">}): Liquibase loads
 * it by name while parsing, and without a class of that name the parse fails there. It accepts no
 * file, so Liquibase reads what evoplan reads: evoplan's git reading lists an includeAll folder
 * under the master's own resources only, where this folder is absent at that ref, so the includeAll
 * adds nothing to what evoplan reads (a gap of evoplan's: the application's classpath holds the
 * other modules' copies of the folder). Fineract's own filter accepts each module's
 * {@code module-changelog-master.xml}: with it, Liquibase reads 79 more changesets of the older ref
 * (1,476 instead of 1,397), and its parse takes longer.
 */
public class TenantModuleRootFilter implements IncludeAllFilter {
    @Override
    public boolean include(String changeLogPath) {
        return false;
    }
}
