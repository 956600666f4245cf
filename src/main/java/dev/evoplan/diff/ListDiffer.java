package dev.evoplan.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The one differ every object kind goes through: both sides are sorted by key and walked together,
 * so an object only on the left is dropped, one only on the right is added, and one on both sides
 * that is not the same is altered (by default recreated: drop, then add).
 *
 * @param <K> the key objects are matched by (a name)
 * @param <T> the object kind
 */
final class ListDiffer<K extends Comparable<? super K>, T> {

    private final Function<T, K> key;
    private final BiPredicate<T, T> same;
    private final Function<T, List<Change>> add;
    private final Function<T, List<Change>> drop;
    private final BiFunction<T, T, List<Change>> alter;

    private ListDiffer(
            Function<T, K> key,
            BiPredicate<T, T> same,
            Function<T, List<Change>> add,
            Function<T, List<Change>> drop,
            BiFunction<T, T, List<Change>> alter) {
        this.key = Objects.requireNonNull(key, "key is null");
        this.same = Objects.requireNonNull(same, "same is null");
        this.add = Objects.requireNonNull(add, "add is null");
        this.drop = Objects.requireNonNull(drop, "drop is null");
        this.alter = alter == null ? this::recreate : alter;
    }

    /** A differ whose matched-but-different objects are recreated (dropped, then added). */
    static <K extends Comparable<? super K>, T> ListDiffer<K, T> of(
            Function<T, K> key,
            BiPredicate<T, T> same,
            Function<T, List<Change>> add,
            Function<T, List<Change>> drop) {
        return new ListDiffer<>(key, same, add, drop, null);
    }

    /** The same differ, with matched-but-different objects turned into changes by {@code alter}. */
    ListDiffer<K, T> alteredBy(BiFunction<T, T, List<Change>> alterFn) {
        return new ListDiffer<>(
                key, same, add, drop, Objects.requireNonNull(alterFn, "alter is null"));
    }

    private List<Change> recreate(T from, T to) {
        List<Change> out = new ArrayList<>(drop.apply(from));
        out.addAll(add.apply(to));
        return out;
    }

    List<Change> diff(Collection<T> from, Collection<T> to) {
        List<T> left = sortedByKey(from);
        List<T> right = sortedByKey(to);
        List<Change> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            int cmp;
            if (i == left.size()) {
                cmp = 1;
            } else if (j == right.size()) {
                cmp = -1;
            } else {
                cmp = key.apply(left.get(i)).compareTo(key.apply(right.get(j)));
            }
            if (cmp < 0) {
                out.addAll(drop.apply(left.get(i++)));
            } else if (cmp > 0) {
                out.addAll(add.apply(right.get(j++)));
            } else {
                T a = left.get(i++);
                T b = right.get(j++);
                if (!same.test(a, b)) {
                    out.addAll(alter.apply(a, b));
                }
            }
        }
        return out;
    }

    private List<T> sortedByKey(Collection<T> items) {
        if (items instanceof List<T> list && strictlyIncreasing(list)) {
            // The model keeps its lists sorted by name: nothing to copy or sort.
            return list;
        }
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(key));
        for (int n = 1; n < sorted.size(); n++) {
            K k = key.apply(sorted.get(n));
            if (k.compareTo(key.apply(sorted.get(n - 1))) == 0) {
                // Two objects under one name cannot be matched to anything; the model promises
                // unique names.
                throw new IllegalArgumentException("two objects named " + k);
            }
        }
        return sorted;
    }

    private boolean strictlyIncreasing(List<T> list) {
        for (int n = 1; n < list.size(); n++) {
            if (key.apply(list.get(n - 1)).compareTo(key.apply(list.get(n))) >= 0) {
                return false;
            }
        }
        return true;
    }
}
