package dev.evoplan.model;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Comparator;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A read-only sorted map that owns its tree: {@link Schema} can tell it from a map someone else
 * may still change, and pass it on to the next schema state without copying it again.
 */
final class FrozenSortedMap<V> extends AbstractMap<QualifiedName, V> implements SortedMap<QualifiedName, V> {
    private final SortedMap<QualifiedName, V> view;

    private FrozenSortedMap(TreeMap<QualifiedName, V> owned) {
        this.view = Collections.unmodifiableSortedMap(owned);
    }

    /** {@code map} itself when it is already frozen, else a frozen copy. */
    static <V> SortedMap<QualifiedName, V> of(java.util.Map<QualifiedName, V> map) {
        if (map instanceof FrozenSortedMap<V> frozen) {
            return frozen;
        }
        return new FrozenSortedMap<>(new TreeMap<>(map));
    }

    /** Takes over a tree nobody else holds: the caller must not change it afterwards. */
    static <V> SortedMap<QualifiedName, V> owning(TreeMap<QualifiedName, V> tree) {
        return new FrozenSortedMap<>(tree);
    }

    @Override public Set<Entry<QualifiedName, V>> entrySet() { return view.entrySet(); }
    @Override public V get(Object key) { return view.get(key); }
    @Override public boolean containsKey(Object key) { return view.containsKey(key); }
    @Override public int size() { return view.size(); }
    @Override public Set<QualifiedName> keySet() { return view.keySet(); }
    @Override public java.util.Collection<V> values() { return view.values(); }
    @Override public Comparator<? super QualifiedName> comparator() { return view.comparator(); }
    @Override public SortedMap<QualifiedName, V> subMap(QualifiedName from, QualifiedName to) { return view.subMap(from, to); }
    @Override public SortedMap<QualifiedName, V> headMap(QualifiedName to) { return view.headMap(to); }
    @Override public SortedMap<QualifiedName, V> tailMap(QualifiedName from) { return view.tailMap(from); }
    @Override public QualifiedName firstKey() { return view.firstKey(); }
    @Override public QualifiedName lastKey() { return view.lastKey(); }
}
