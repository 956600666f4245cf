package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The persistent schema map against java.util.TreeMap as the model, over random edit sequences. */
class FrozenSortedMapTest {

    /** An edit: put key -> value, or remove key when value is null. */
    record Edit(String key, String value) {}

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<String> keys = Arbitraries.integers().between(0, 200).map(i -> "t" + i);
        Arbitrary<String> values = Arbitraries.strings().alpha().ofLength(2).injectNull(0.3);
        return Combinators.combine(keys, values).as(Edit::new).list().ofMaxSize(400);
    }

    @Property(tries = 300)
    void behavesAsASortedMapAndStaysBalanced(@ForAll("edits") List<Edit> edits) {
        TreeMap<QualifiedName, String> model = new TreeMap<>();
        FrozenSortedMap<String> map = FrozenSortedMap.empty();
        for (Edit e : edits) {
            QualifiedName k = QualifiedName.of(e.key());
            if (e.value() == null) {
                model.remove(k);
                map = map.without(k);
            } else {
                model.put(k, e.value());
                map = map.with(k, e.value());
            }
            assertThat(map.height()).isLessThanOrEqualTo(maxAvlHeight(map.size()));
        }
        assertThat(map).isEqualTo(model);
        assertThat(new ArrayList<>(map.keySet())).isEqualTo(new ArrayList<>(model.keySet()));
        assertThat(map.size()).isEqualTo(model.size());
        for (int i = 0; i <= 200; i++) {
            QualifiedName k = QualifiedName.of("t" + i);
            assertThat(map.get(k)).isEqualTo(model.get(k));
            assertThat(map.containsKey(k)).isEqualTo(model.containsKey(k));
        }
        if (!model.isEmpty()) {
            assertThat(map.firstKey()).isEqualTo(model.firstKey());
            assertThat(map.lastKey()).isEqualTo(model.lastKey());
        }
    }

    @Property(tries = 300)
    void reportsExactlyTheKeysWhoseValueIsNotTheSameObject(
            @ForAll("edits") List<Edit> base, @ForAll("edits") List<Edit> more) {
        FrozenSortedMap<String> before = apply(FrozenSortedMap.empty(), base);
        FrozenSortedMap<String> after = apply(before, more);
        List<String> expected = naiveDifferences(before, after);
        List<String> reported = new ArrayList<>();
        FrozenSortedMap.forEachDifference(before, after, (a, b) -> reported.add(a + "->" + b));
        assertThat(reported).isEqualTo(expected);
        // Two maps built separately share nothing, and still compare by value identity.
        FrozenSortedMap<String> rebuilt = FrozenSortedMap.of(new TreeMap<>(after));
        List<String> again = new ArrayList<>();
        FrozenSortedMap.forEachDifference(after, rebuilt, (a, b) -> again.add(a + "->" + b));
        assertThat(again).isEmpty();
    }

    @Test
    void anEditThatChangesNothingGivesTheSameMapAndOneEditIsOneDifference() {
        TreeMap<QualifiedName, String> thousand = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            thousand.put(QualifiedName.of(String.format("t%04d", i)), "v" + i);
        }
        FrozenSortedMap<String> map = FrozenSortedMap.of(thousand);
        String v5 = map.get(QualifiedName.of("t0005"));
        assertThat(map.with(QualifiedName.of("t0005"), v5)).isSameAs(map);
        assertThat(map.without(QualifiedName.of("absent"))).isSameAs(map);

        FrozenSortedMap<String> edited =
                map.with(QualifiedName.of("t0500"), "new").without(QualifiedName.of("t0007"));
        List<String> reported = new ArrayList<>();
        FrozenSortedMap.forEachDifference(map, edited, (a, b) -> reported.add(a + "->" + b));
        assertThat(reported).containsExactly("v7->null", "v500->new");
        assertThat(edited.size()).isEqualTo(999);
        assertThat(map.get(QualifiedName.of("t0500"))).isEqualTo("v500");
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Property(tries = 300)
    void aRangeHoldsWhatTheSameRangeOfATreeMapHolds(
            @ForAll("edits") List<Edit> edits,
            @ForAll("bounds") String a,
            @ForAll("bounds") String b,
            @ForAll("bounds") String c,
            @ForAll("bounds") String d) {
        FrozenSortedMap<String> map = apply(FrozenSortedMap.empty(), edits);
        TreeMap<QualifiedName, String> model = new TreeMap<>(map);
        QualifiedName from = QualifiedName.of(a.compareTo(b) <= 0 ? a : b);
        QualifiedName to = QualifiedName.of(a.compareTo(b) <= 0 ? b : a);
        assertSameRange(map.subMap(from, to), model.subMap(from, to));
        assertSameRange(map.headMap(to), model.headMap(to));
        assertSameRange(map.tailMap(from), model.tailMap(from));
        // A range of a range, where both bounds fall inside the outer one.
        QualifiedName innerFrom = QualifiedName.of(c.compareTo(d) <= 0 ? c : d);
        QualifiedName innerTo = QualifiedName.of(c.compareTo(d) <= 0 ? d : c);
        if (innerFrom.compareTo(from) >= 0
                && innerFrom.compareTo(to) < 0
                && innerTo.compareTo(to) <= 0) {
            assertSameRange(
                    map.subMap(from, to).subMap(innerFrom, innerTo),
                    model.subMap(from, to).subMap(innerFrom, innerTo));
            assertSameRange(
                    map.tailMap(from).headMap(innerTo), model.tailMap(from).headMap(innerTo));
            assertSameRange(
                    map.headMap(to).tailMap(innerFrom), model.headMap(to).tailMap(innerFrom));
        }
    }

    @Provide
    Arbitrary<String> bounds() {
        // The keys' own names and names between them ("t12" < "t12a" < "t13").
        return Combinators.combine(
                        Arbitraries.integers().between(0, 210), Arbitraries.of("", "a", "\uffff"))
                .as((i, tail) -> "t" + i + tail);
    }

    @Test
    void aRangeTakesItsLowerBoundAndStopsBeforeItsUpperOne() {
        FrozenSortedMap<String> map = FrozenSortedMap.empty();
        for (String k : List.of("a", "b", "c", "d")) {
            map = map.with(QualifiedName.of(k), k.toUpperCase(java.util.Locale.ROOT));
        }
        QualifiedName a = QualifiedName.of("a");
        QualifiedName b = QualifiedName.of("b");
        QualifiedName d = QualifiedName.of("d");
        assertThat(map.subMap(b, d)).containsOnlyKeys(b, QualifiedName.of("c"));
        assertThat(map.subMap(b, d).firstKey()).isEqualTo(b);
        assertThat(map.subMap(b, d).lastKey()).isEqualTo(QualifiedName.of("c"));
        assertThat(map.subMap(b, d).get(d)).isNull();
        assertThat(map.subMap(b, d).get(b)).isEqualTo("B");
        assertThat(map.subMap(b, d).get(a)).isNull();

        // The last key: a tail from it holds it alone, a head to it leaves it out.
        assertThat(map.tailMap(d)).containsOnlyKeys(d);
        assertThat(map.tailMap(d).lastKey()).isEqualTo(d);
        assertThat(map.headMap(d)).hasSize(3).doesNotContainKey(d);
        assertThat(map.headMap(d).lastKey()).isEqualTo(QualifiedName.of("c"));
        assertThat(map.tailMap(QualifiedName.of("e"))).isEmpty();

        // Empty ranges: equal bounds, bounds between two keys, below the first key.
        QualifiedName between = QualifiedName.of("bb");
        for (var empty :
                List.of(
                        map.subMap(b, b),
                        map.subMap(between, QualifiedName.of("bc")),
                        map.headMap(a),
                        FrozenSortedMap.<String>empty().tailMap(a))) {
            assertThat(empty).isEmpty();
            assertThat(empty.size()).isZero();
            assertThat(empty.entrySet().iterator().hasNext()).isFalse();
            assertThatThrownBy(empty::firstKey).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(empty::lastKey).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> empty.entrySet().iterator().next())
                    .isInstanceOf(NoSuchElementException.class);
        }

        // Bounds in the wrong order, or outside the range they cut, are refused as TreeMap does.
        FrozenSortedMap<String> abcd = map;
        assertThatThrownBy(() -> abcd.subMap(d, b)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> abcd.subMap(b, d).tailMap(a))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> abcd.headMap(b).headMap(d))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> abcd.headMap(b).tailMap(b))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(abcd.tailMap(b).headMap(b)).isEmpty();
        assertThatThrownBy(() -> abcd.subMap(b, d).entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static void assertSameRange(
            java.util.SortedMap<QualifiedName, String> range,
            java.util.SortedMap<QualifiedName, String> model) {
        assertThat(new ArrayList<>(range.entrySet())).isEqualTo(new ArrayList<>(model.entrySet()));
        assertThat(range.size()).isEqualTo(model.size());
        assertThat(range.isEmpty()).isEqualTo(model.isEmpty());
        assertThat(range).isEqualTo(model);
        if (model.isEmpty()) {
            assertThatThrownBy(range::firstKey).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(range::lastKey).isInstanceOf(NoSuchElementException.class);
        } else {
            assertThat(range.firstKey()).isEqualTo(model.firstKey());
            assertThat(range.lastKey()).isEqualTo(model.lastKey());
        }
        for (int i = 0; i <= 210; i++) {
            QualifiedName k = QualifiedName.of("t" + i);
            assertThat(range.get(k)).isEqualTo(model.get(k));
            assertThat(range.containsKey(k)).isEqualTo(model.containsKey(k));
        }
    }

    private static FrozenSortedMap<String> apply(FrozenSortedMap<String> map, List<Edit> edits) {
        for (Edit e : edits) {
            QualifiedName k = QualifiedName.of(e.key());
            // new String: a put of an equal but new value is a difference, as a re-made table is.
            map = e.value() == null ? map.without(k) : map.with(k, new String(e.value()));
        }
        return map;
    }

    private static List<String> naiveDifferences(
            Map<QualifiedName, String> before, Map<QualifiedName, String> after) {
        TreeMap<QualifiedName, Boolean> keys = new TreeMap<>();
        before.keySet().forEach(k -> keys.put(k, true));
        after.keySet().forEach(k -> keys.put(k, true));
        List<String> out = new ArrayList<>();
        for (QualifiedName k : keys.keySet()) {
            String a = before.get(k);
            String b = after.get(k);
            if (a != b) {
                out.add(a + "->" + b);
            }
        }
        return out;
    }

    private static int maxAvlHeight(int size) {
        return (int) Math.floor(1.4405 * (Math.log(size + 2) / Math.log(2)) - 0.3277) + 1;
    }
}
