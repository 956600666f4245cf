package dev.evoplan.render;

/**
 * The output formats of a report: a terminal, a pull-request comment, machines, and the formats CI
 * systems show on the diff (SARIF for code scanning, GitHub workflow commands, GitLab Code Quality,
 * JUnit XML).
 */
public enum Format {
    TEXT,
    MARKDOWN,
    JSON,
    SARIF,
    GITHUB,
    GITLAB,
    JUNIT
}
