package dev.evoplan.source.liquibase;

import liquibase.changelog.IncludeAllFilter;

/**
 * Stands in for an includeAll {@code filter} class of the project, which evoplan cannot load:
 * Liquibase builds the filter as it reads the includeAll, before it knows whether the folder holds
 * any changelog. Where it holds none, no filter is asked and the load goes on as Liquibase's would;
 * the first file it would have to judge ends the load with a clear message.
 */
public final class UnloadableIncludeAllFilter implements IncludeAllFilter {
    /** The message that marks the failure for {@link ParseErrors}. */
    static final String MARKER = "evoplan: an includeAll filter of the project was asked about ";

    @Override
    public boolean include(String changeLogPath) {
        throw new IllegalStateException(MARKER + changeLogPath);
    }
}
