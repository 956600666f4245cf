package dev.evoplan.render;

/** The output formats of a report: a terminal, a pull-request comment, or machines. */
public enum Format { TEXT, MARKDOWN, JSON }
