package dev.evoplan.model;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set that only grows (or is emptied), whose {@link #snapshot} costs nothing: what a run has
 * created so far (tables), handed to every statement's judging context. Copying the set for each
 * statement made a file of n {@code CREATE TABLE}s cost n² (10,000 in one file: 38 s).
 */
public final class GrowingSet<E> {
    private Map<E, Integer> positions = new HashMap<>();
    private List<E> elements = new ArrayList<>();

    public void add(E element) {
        if (!positions.containsKey(element)) {
            positions.put(element, elements.size());
            elements.add(element);
        }
    }

    public boolean contains(E element) {
        return positions.containsKey(element);
    }

    /** Empties the set; snapshots taken before keep what they held. */
    public void clear() {
        positions = new HashMap<>();
        elements = new ArrayList<>();
    }

    /** The elements added so far, in the order added, unchanged by later adds. */
    public Set<E> snapshot() {
        return new Snapshot<>(positions, elements, elements.size());
    }

    /** An immutable view of the first {@code size} elements; the set only appends beyond them. */
    public static final class Snapshot<E> extends AbstractSet<E> {
        private final Map<E, Integer> positions;
        private final List<E> elements;
        private final int size;

        private Snapshot(Map<E, Integer> positions, List<E> elements, int size) {
            this.positions = positions;
            this.elements = elements;
            this.size = size;
        }

        @Override
        public boolean contains(Object o) {
            Integer at = positions.get(o);
            return at != null && at < size;
        }

        @Override
        public Iterator<E> iterator() {
            return java.util.Collections.unmodifiableList(elements.subList(0, size)).iterator();
        }

        @Override
        public int size() {
            return size;
        }
    }
}
