package dev.evoplan.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A read-only sorted map that is a persistent balanced (AVL) tree: {@link #with} and {@link
 * #without} make a new map in O(log n) that shares every subtree the edit did not touch. A schema
 * folded statement by statement makes one state per statement; with a copied tree each state cost
 * the whole schema (lint of 3,000 migrations over 600 tables spent a third of its time copying and
 * walking maps), with this it costs the path to the one table that changed, and {@link
 * #forEachDifference} skips the shared subtrees.
 */
final class FrozenSortedMap<V> extends AbstractMap<QualifiedName, V>
        implements SortedMap<QualifiedName, V> {
    private static final FrozenSortedMap<?> EMPTY = new FrozenSortedMap<>(null);

    private final Node<V> root;
    private Set<Entry<QualifiedName, V>> entries;

    private FrozenSortedMap(Node<V> root) {
        this.root = root;
    }

    /** One tree node; never changed after it is made, so any number of maps may share it. */
    private static final class Node<V> implements Map.Entry<QualifiedName, V> {
        final QualifiedName key;
        final V value;
        final Node<V> left;
        final Node<V> right;
        final int height;
        final int size;

        Node(Node<V> left, QualifiedName key, V value, Node<V> right) {
            this.key = key;
            this.value = value;
            this.left = left;
            this.right = right;
            this.height = Math.max(height(left), height(right)) + 1;
            this.size = size(left) + size(right) + 1;
        }

        @Override
        public QualifiedName getKey() {
            return key;
        }

        @Override
        public V getValue() {
            return value;
        }

        @Override
        public V setValue(V v) {
            throw new UnsupportedOperationException("a schema state is read-only");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e
                    && key.equals(e.getKey())
                    && java.util.Objects.equals(value, e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ java.util.Objects.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    @SuppressWarnings("unchecked")
    static <V> FrozenSortedMap<V> empty() {
        return (FrozenSortedMap<V>) EMPTY;
    }

    /** {@code map} itself when it is already frozen, else a frozen copy. */
    static <V> FrozenSortedMap<V> of(Map<QualifiedName, V> map) {
        if (map instanceof FrozenSortedMap<V> frozen) {
            return frozen;
        }
        SortedMap<QualifiedName, V> sorted =
                map instanceof SortedMap<QualifiedName, V> s && s.comparator() == null
                        ? s
                        : new TreeMap<>(map);
        @SuppressWarnings("unchecked")
        Map.Entry<QualifiedName, V>[] in = sorted.entrySet().toArray(new Map.Entry[0]);
        return new FrozenSortedMap<>(balanced(in, 0, in.length));
    }

    private static <V> Node<V> balanced(Map.Entry<QualifiedName, V>[] in, int from, int to) {
        if (from >= to) {
            return null;
        }
        int mid = (from + to) >>> 1;
        return new Node<>(
                balanced(in, from, mid),
                java.util.Objects.requireNonNull(in[mid].getKey(), "key is null"),
                in[mid].getValue(),
                balanced(in, mid + 1, to));
    }

    /** This map with {@code key} mapped to {@code value}. */
    FrozenSortedMap<V> with(QualifiedName key, V value) {
        java.util.Objects.requireNonNull(key, "key is null");
        Node<V> r = put(root, key, value);
        return r == root ? this : new FrozenSortedMap<>(r);
    }

    /** This map without {@code key}. */
    FrozenSortedMap<V> without(QualifiedName key) {
        Node<V> r = remove(root, key);
        return r == root ? this : new FrozenSortedMap<>(r);
    }

    /**
     * Calls {@code onDifference(before, after)} for every key whose value is not the same object in
     * both maps (null on the side that lacks it), in key order. Subtrees both maps share are
     * skipped, so two states one edit apart cost about the depth of the tree, not its size.
     */
    static <V> void forEachDifference(
            FrozenSortedMap<V> before, FrozenSortedMap<V> after, BiConsumer<V, V> onDifference) {
        differences(before.root, after.root, (key, was, now) -> onDifference.accept(was, now));
    }

    /**
     * The two maps cut to where they differ: of each, only the entries whose key has not the same
     * value object in the other (added, removed, replaced); the one empty map where there are none.
     * {@link #forEachDifference} on the two cut maps gives what it gives on the whole ones.
     */
    static <V> java.util.List<FrozenSortedMap<V>> differencesOnly(
            FrozenSortedMap<V> before, FrozenSortedMap<V> after) {
        if (before.root == after.root) {
            return java.util.List.of(empty(), empty());
        }
        java.util.List<Node<V>> was = new java.util.ArrayList<>();
        java.util.List<Node<V>> now = new java.util.ArrayList<>();
        differences(
                before.root,
                after.root,
                (key, a, b) -> {
                    if (a != null) {
                        was.add(new Node<>(null, key, a, null));
                    }
                    if (b != null) {
                        now.add(new Node<>(null, key, b, null));
                    }
                });
        return java.util.List.of(inOrder(was), inOrder(now));
    }

    /** A map of entries already in key order. */
    @SuppressWarnings("unchecked")
    private static <V> FrozenSortedMap<V> inOrder(java.util.List<Node<V>> entries) {
        if (entries.isEmpty()) {
            return empty();
        }
        Map.Entry<QualifiedName, V>[] in = entries.toArray(new Map.Entry[0]);
        return new FrozenSortedMap<>(balanced(in, 0, in.length));
    }

    /** One key whose value differs between two maps (null on the side that lacks it). */
    @FunctionalInterface
    private interface Difference<V> {
        void accept(QualifiedName key, V before, V after);
    }

    private static <V> void differences(Node<V> a, Node<V> b, Difference<V> out) {
        if (a == b) {
            return;
        }
        if (a == null) {
            forEach(b, n -> out.accept(n.key, null, n.value));
            return;
        }
        if (b == null) {
            forEach(a, n -> out.accept(n.key, n.value, null));
            return;
        }
        // Cut b at a's key: the parts line up with a's subtrees and keep sharing their nodes.
        Split<V> cut = split(b, a.key);
        differences(a.left, cut.left, out);
        if (cut.match == null) {
            out.accept(a.key, a.value, null);
        } else if (cut.match.value != a.value) {
            out.accept(a.key, a.value, cut.match.value);
        }
        differences(a.right, cut.right, out);
    }

    private static <V> void forEach(Node<V> n, java.util.function.Consumer<Node<V>> action) {
        if (n != null) {
            forEach(n.left, action);
            action.accept(n);
            forEach(n.right, action);
        }
    }

    private record Split<V>(Node<V> left, Node<V> match, Node<V> right) {}

    /**
     * The keys below {@code key}, its node (or null) and the keys above it, as trees sharing n's
     * nodes.
     */
    private static <V> Split<V> split(Node<V> n, QualifiedName key) {
        if (n == null) {
            return new Split<>(null, null, null);
        }
        int cmp = key.compareTo(n.key);
        if (cmp == 0) {
            return new Split<>(n.left, n, n.right);
        }
        if (cmp < 0) {
            Split<V> s = split(n.left, key);
            return new Split<>(s.left, s.match, join(s.right, n.key, n.value, n.right));
        }
        Split<V> s = split(n.right, key);
        return new Split<>(join(n.left, n.key, n.value, s.left), s.match, s.right);
    }

    /**
     * A balanced tree of l, then (key, value), then r, where every key of l is below key and of r
     * above.
     */
    private static <V> Node<V> join(Node<V> l, QualifiedName key, V value, Node<V> r) {
        int hl = height(l);
        int hr = height(r);
        if (hl > hr + 1) {
            return balance(l.left, l.key, l.value, join(l.right, key, value, r));
        }
        if (hr > hl + 1) {
            return balance(join(l, key, value, r.left), r.key, r.value, r.right);
        }
        return new Node<>(l, key, value, r);
    }

    private static <V> Node<V> put(Node<V> n, QualifiedName key, V value) {
        if (n == null) {
            return new Node<>(null, key, value, null);
        }
        int cmp = key.compareTo(n.key);
        if (cmp == 0) {
            return n.value == value ? n : new Node<>(n.left, n.key, value, n.right);
        }
        if (cmp < 0) {
            Node<V> l = put(n.left, key, value);
            return l == n.left ? n : balance(l, n.key, n.value, n.right);
        }
        Node<V> r = put(n.right, key, value);
        return r == n.right ? n : balance(n.left, n.key, n.value, r);
    }

    private static <V> Node<V> remove(Node<V> n, Object key) {
        if (n == null || !(key instanceof QualifiedName name)) {
            return n;
        }
        int cmp = name.compareTo(n.key);
        if (cmp < 0) {
            Node<V> l = remove(n.left, key);
            return l == n.left ? n : balance(l, n.key, n.value, n.right);
        }
        if (cmp > 0) {
            Node<V> r = remove(n.right, key);
            return r == n.right ? n : balance(n.left, n.key, n.value, r);
        }
        if (n.left == null) {
            return n.right;
        }
        if (n.right == null) {
            return n.left;
        }
        Node<V> first = n.right;
        while (first.left != null) {
            first = first.left;
        }
        return balance(n.left, first.key, first.value, removeFirst(n.right));
    }

    private static <V> Node<V> removeFirst(Node<V> n) {
        if (n.left == null) {
            return n.right;
        }
        return balance(removeFirst(n.left), n.key, n.value, n.right);
    }

    /**
     * A node of l, (key, value), r whose subtrees' heights differ by at most two, rotated into
     * balance.
     */
    private static <V> Node<V> balance(Node<V> l, QualifiedName key, V value, Node<V> r) {
        int hl = height(l);
        int hr = height(r);
        if (hl > hr + 1) {
            if (height(l.left) >= height(l.right)) {
                return new Node<>(l.left, l.key, l.value, new Node<>(l.right, key, value, r));
            }
            Node<V> m = l.right;
            return new Node<>(
                    new Node<>(l.left, l.key, l.value, m.left),
                    m.key,
                    m.value,
                    new Node<>(m.right, key, value, r));
        }
        if (hr > hl + 1) {
            if (height(r.right) >= height(r.left)) {
                return new Node<>(new Node<>(l, key, value, r.left), r.key, r.value, r.right);
            }
            Node<V> m = r.left;
            return new Node<>(
                    new Node<>(l, key, value, m.left),
                    m.key,
                    m.value,
                    new Node<>(m.right, r.key, r.value, r.right));
        }
        return new Node<>(l, key, value, r);
    }

    /** The tree's height: at most about 1.44 log2(n + 2) while it stays balanced. */
    int height() {
        return height(root);
    }

    private static int height(Node<?> n) {
        return n == null ? 0 : n.height;
    }

    private static int size(Node<?> n) {
        return n == null ? 0 : n.size;
    }

    /** The node of {@code key} in the tree under n, or null: the one search, map and range. */
    private static <V> Node<V> find(Node<V> n, Object key) {
        if (!(key instanceof QualifiedName name)) {
            return null;
        }
        while (n != null) {
            int cmp = name.compareTo(n.key);
            if (cmp == 0) {
                return n;
            }
            n = cmp < 0 ? n.left : n.right;
        }
        return null;
    }

    @Override
    public V get(Object key) {
        Node<V> n = find(root, key);
        return n == null ? null : n.value;
    }

    @Override
    public boolean containsKey(Object key) {
        return find(root, key) != null;
    }

    @Override
    public int size() {
        return size(root);
    }

    @Override
    public boolean isEmpty() {
        return root == null;
    }

    @Override
    public Comparator<? super QualifiedName> comparator() {
        return null;
    }

    @Override
    public Set<Entry<QualifiedName, V>> entrySet() {
        if (entries == null) {
            entries =
                    new AbstractSet<>() {
                        @Override
                        public Iterator<Entry<QualifiedName, V>> iterator() {
                            return new InOrder<>(root);
                        }

                        @Override
                        public int size() {
                            return FrozenSortedMap.this.size();
                        }
                    };
        }
        return entries;
    }

    @Override
    public QualifiedName firstKey() {
        if (root == null) {
            throw new NoSuchElementException("the map is empty");
        }
        Node<V> n = root;
        while (n.left != null) {
            n = n.left;
        }
        return n.key;
    }

    @Override
    public QualifiedName lastKey() {
        if (root == null) {
            throw new NoSuchElementException("the map is empty");
        }
        Node<V> n = root;
        while (n.right != null) {
            n = n.right;
        }
        return n.key;
    }

    /*
     * Ranges are views of the tree, not copies: the tree never changes, so a view never goes stale,
     * and a range of a few keys in a large schema (the triggers of one table) costs the depth of
     * the tree and those keys.
     */
    @Override
    public SortedMap<QualifiedName, V> subMap(QualifiedName from, QualifiedName to) {
        return new Range<>(root, null, null)
                .subMap(
                        java.util.Objects.requireNonNull(from, "from is null"),
                        java.util.Objects.requireNonNull(to, "to is null"));
    }

    @Override
    public SortedMap<QualifiedName, V> headMap(QualifiedName to) {
        return new Range<>(root, null, java.util.Objects.requireNonNull(to, "to is null"));
    }

    @Override
    public SortedMap<QualifiedName, V> tailMap(QualifiedName from) {
        return new Range<>(root, java.util.Objects.requireNonNull(from, "from is null"), null);
    }

    /** The number of keys in n below {@code key}. */
    private static int below(Node<?> n, QualifiedName key) {
        int count = 0;
        while (n != null) {
            if (n.key.compareTo(key) < 0) {
                count += size(n.left) + 1;
                n = n.right;
            } else {
                n = n.left;
            }
        }
        return count;
    }

    /** The node of the greatest key below {@code key}, or null. */
    private static <V> Node<V> lower(Node<V> n, QualifiedName key) {
        Node<V> best = null;
        while (n != null) {
            if (n.key.compareTo(key) < 0) {
                best = n;
                n = n.right;
            } else {
                n = n.left;
            }
        }
        return best;
    }

    /**
     * The keys of a tree from {@code from} (inclusive; null: from the first) to {@code to}
     * (exclusive; null: through the last), read in place.
     */
    private static final class Range<V> extends AbstractMap<QualifiedName, V>
            implements SortedMap<QualifiedName, V> {
        private final Node<V> root;
        private final QualifiedName from;
        private final QualifiedName to;

        Range(Node<V> root, QualifiedName from, QualifiedName to) {
            this.root = root;
            this.from = from;
            this.to = to;
        }

        private boolean inRange(QualifiedName key) {
            return (from == null || key.compareTo(from) >= 0)
                    && (to == null || key.compareTo(to) < 0);
        }

        /** Whether {@code key} may end a range inside this one (its own upper bound may). */
        private boolean upperBoundInRange(QualifiedName key) {
            return (from == null || key.compareTo(from) >= 0)
                    && (to == null || key.compareTo(to) <= 0);
        }

        private Node<V> find(Object key) {
            return key instanceof QualifiedName name && inRange(name)
                    ? FrozenSortedMap.find(root, name)
                    : null;
        }

        @Override
        public V get(Object key) {
            Node<V> n = find(key);
            return n == null ? null : n.value;
        }

        @Override
        public boolean containsKey(Object key) {
            return find(key) != null;
        }

        @Override
        public int size() {
            int upTo = to == null ? FrozenSortedMap.size(root) : below(root, to);
            return from == null ? upTo : Math.max(0, upTo - below(root, from));
        }

        @Override
        public boolean isEmpty() {
            return !new InOrder<>(root, from, to).hasNext();
        }

        @Override
        public Set<Entry<QualifiedName, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<QualifiedName, V>> iterator() {
                    return new InOrder<>(root, from, to);
                }

                @Override
                public int size() {
                    return Range.this.size();
                }
            };
        }

        @Override
        public Comparator<? super QualifiedName> comparator() {
            return null;
        }

        @Override
        public QualifiedName firstKey() {
            Iterator<Entry<QualifiedName, V>> it = new InOrder<>(root, from, to);
            if (!it.hasNext()) {
                throw new NoSuchElementException("the range is empty");
            }
            return it.next().getKey();
        }

        @Override
        public QualifiedName lastKey() {
            Node<V> n = root;
            if (to == null) {
                while (n != null && n.right != null) {
                    n = n.right;
                }
            } else {
                n = lower(root, to);
            }
            if (n == null || !inRange(n.key)) {
                throw new NoSuchElementException("the range is empty");
            }
            return n.key;
        }

        @Override
        public SortedMap<QualifiedName, V> subMap(QualifiedName from, QualifiedName to) {
            if (from.compareTo(to) > 0) {
                throw new IllegalArgumentException("from " + from + " is above to " + to);
            }
            return tailMap(from).headMap(to);
        }

        @Override
        public SortedMap<QualifiedName, V> headMap(QualifiedName to) {
            if (!upperBoundInRange(to)) {
                throw new IllegalArgumentException(to + " is out of the range");
            }
            return new Range<>(root, from, to);
        }

        @Override
        public SortedMap<QualifiedName, V> tailMap(QualifiedName from) {
            // As TreeMap: a range starts at a key of this one, so not at its upper bound.
            if (!inRange(from)) {
                throw new IllegalArgumentException(from + " is out of the range");
            }
            return new Range<>(root, from, to);
        }
    }

    /**
     * Walks a tree in key order with a stack of the nodes still to visit, from {@code from}
     * (inclusive) to {@code to} (exclusive), either null for no bound.
     */
    private static final class InOrder<V> implements Iterator<Entry<QualifiedName, V>> {
        private final ArrayDeque<Node<V>> stack = new ArrayDeque<>();
        private final QualifiedName to;

        InOrder(Node<V> root) {
            this(root, null, null);
        }

        InOrder(Node<V> root, QualifiedName from, QualifiedName to) {
            this.to = to;
            Node<V> n = root;
            // The path to the first key at or above from: the nodes left of it are skipped.
            while (n != null) {
                if (from != null && n.key.compareTo(from) < 0) {
                    n = n.right;
                } else {
                    stack.push(n);
                    n = n.left;
                }
            }
        }

        private void descend(Node<V> n) {
            while (n != null) {
                stack.push(n);
                n = n.left;
            }
        }

        @Override
        public boolean hasNext() {
            return !stack.isEmpty() && (to == null || stack.peek().key.compareTo(to) < 0);
        }

        @Override
        public Entry<QualifiedName, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Node<V> n = stack.pop();
            descend(n.right);
            return n;
        }
    }
}
