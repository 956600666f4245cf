package dev.evoplan.config;

import java.util.List;
import java.util.Map;

/**
 * A value of the project configuration file with the line it was written on, so that every
 * complaint about it can name {@code file:line}. Jackson's tree model drops locations; this keeps
 * them.
 */
public sealed interface ConfigNode {
    /** What a node is. */
    enum Kind {
        SCALAR,
        MAPPING,
        SEQUENCE
    }

    Kind kind();

    /** The 1-based line the value starts on. */
    int line();

    /** A string, number or boolean as written (null for YAML's {@code null} / {@code ~}). */
    record Scalar(String text, int line) implements ConfigNode {
        @Override
        public Kind kind() {
            return Kind.SCALAR;
        }
    }

    /** A key of a mapping with the line it is written on. */
    record Key(String name, int line) {}

    /** A mapping in file order. */
    record Mapping(Map<Key, ConfigNode> entries, int line) implements ConfigNode {
        @Override
        public Kind kind() {
            return Kind.MAPPING;
        }
    }

    /** A list in file order. */
    record Sequence(List<ConfigNode> items, int line) implements ConfigNode {
        @Override
        public Kind kind() {
            return Kind.SEQUENCE;
        }
    }
}
