package dev.evoplan.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table's columns in declared order: an immutable list whose {@link #plus} shares the columns it
 * already holds. Every statement's table state keeps its column list, so copying the list per
 * {@code ADD COLUMN} made a file of n of them on one table cost n² in time and memory (100,000:
 * over 1.4 GiB before 20 cpu s). Here lists made by appending share one array; an append to the
 * longest of them writes in place (amortised O(1)), an append to a shorter one copies. Columns are
 * found by name through a shared index of first positions.
 */
public final class ColumnList extends AbstractList<Column> implements RandomAccess {
    private static final ColumnList EMPTY = new ColumnList(new Shared(new Column[0], 0), 0);

    /**
     * What the lists of one line of appends share; only the list as long as {@code length} appends
     * in place. The reader and the judging threads read lists while the reader appends beyond them:
     * the array is published through a volatile field and the index is concurrent.
     */
    private static final class Shared {
        private volatile Column[] items;
        private int length;

        /**
         * Null while the lists are short enough to scan: a schema of 100,000 tables of a few
         * columns held a concurrent map per table (about 270 bytes each, per schema state).
         */
        private volatile Map<String, Integer> firstPositions;

        /**
         * Whether {@link #firstPositions} is another list's (a column replaced under its own name
         * moves no name): it is copied before this line appends.
         */
        private boolean borrowedIndex;

        /**
         * Whether a name was seen twice while indexing (the model promises unique names; a list
         * that breaks the promise takes the slow paths).
         */
        private volatile boolean duplicates;

        Shared(Column[] items, int length) {
            this.items = items;
            this.length = length;
            if (length > SCANNED) {
                firstPositions = index(items, length);
            }
        }

        Shared(Column[] items, int length, Shared lender) {
            this.items = items;
            this.length = length;
            this.firstPositions = lender.firstPositions;
            this.duplicates = lender.duplicates;
            this.borrowedIndex = true;
        }

        /** Called holding the lock, after {@code items[length - 1]} was appended. */
        void appended() {
            if (borrowedIndex) {
                borrowedIndex = false;
                firstPositions = index(items, length);
                return;
            }
            Map<String, Integer> positions = firstPositions;
            if (positions != null) {
                if (positions.putIfAbsent(items[length - 1].name(), length - 1) != null) {
                    duplicates = true;
                }
            } else if (length > SCANNED) {
                firstPositions = index(items, length);
            }
        }

        private Map<String, Integer> index(Column[] items, int length) {
            // Sized up front: growing it rehashed every entry again and again.
            Map<String, Integer> positions = new ConcurrentHashMap<>(Math.max(16, length * 2));
            for (int i = 0; i < length; i++) {
                if (positions.putIfAbsent(items[i].name(), i) != null) {
                    duplicates = true;
                }
            }
            return positions;
        }
    }

    /** Lists up to this long are searched by name without an index. */
    private static final int SCANNED = 8;

    private final Shared shared;
    private final int size;
    private int hash;

    /** The list this one was made from by {@link #replaced} or {@link #without}, else null. */
    private final ColumnList editedFrom;

    /** The position {@link #editedFrom} was edited at. */
    private final int editedAt;

    private ColumnList(Shared shared, int size) {
        this(shared, size, null, -1);
    }

    private ColumnList(Shared shared, int size, ColumnList editedFrom, int editedAt) {
        this.shared = shared;
        this.size = size;
        this.editedFrom = editedFrom;
        this.editedAt = editedAt;
    }

    /** The position of the first column named {@code name}, or -1. */
    public int indexOf(String name) {
        Map<String, Integer> positions = shared.firstPositions;
        Column[] items = shared.items;
        if (positions == null) {
            for (int i = 0; i < size; i++) {
                if (items[i].name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
        Integer at = positions.get(name);
        return at != null && at < size ? at : -1;
    }

    /** Whether no column after {@code at} has the name of the column at {@code at}. */
    public boolean onlyOneNamedAs(int at) {
        if (shared.firstPositions != null && !shared.duplicates) {
            return true;
        }
        String name = get(at).name();
        for (int i = at + 1; i < size; i++) {
            if (shared.items[i].name().equals(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * This list with the column at {@code index} replaced by {@code column}. One copy of the array;
     * a column that keeps its name keeps the index of names too (100,000 column edits on one table
     * built one index each).
     */
    public ColumnList replaced(int index, Column column) {
        Objects.checkIndex(index, size);
        Objects.requireNonNull(column, "column is null");
        Column[] items = Arrays.copyOf(shared.items, size);
        Column was = items[index];
        items[index] = column;
        Map<String, Integer> positions = shared.firstPositions;
        Shared edited =
                positions != null && was.name().equals(column.name())
                        ? new Shared(items, size, shared)
                        : new Shared(items, size);
        return new ColumnList(edited, size, this, index);
    }

    /** This list without the column at {@code index}. */
    public ColumnList without(int index) {
        Objects.checkIndex(index, size);
        Column[] items = new Column[size - 1];
        System.arraycopy(shared.items, 0, items, 0, index);
        System.arraycopy(shared.items, index + 1, items, index, size - index - 1);
        return new ColumnList(new Shared(items, size - 1), size - 1, this, index);
    }

    /**
     * The column {@code before} had and the one {@code after} has in its place, when one of them
     * was made from the other (or both from one list) by replacing the column at one position, so
     * that all others are the same objects; null when it cannot tell. What the differ needs without
     * walking and sorting every column of a wide table per statement.
     */
    public static Column[] replacedBetween(List<Column> before, List<Column> after) {
        if (!(before instanceof ColumnList b) || !(after instanceof ColumnList a)) {
            return null;
        }
        if (a.editedFrom == b && a.size == b.size) {
            return new Column[] {b.get(a.editedAt), a.get(a.editedAt)};
        }
        if (a.editedFrom != null
                && a.editedFrom == b.editedFrom
                && a.editedAt == b.editedAt
                && a.size == b.size
                && a.size == a.editedFrom.size) {
            return new Column[] {b.get(a.editedAt), a.get(a.editedAt)};
        }
        return null;
    }

    /**
     * The column {@code before} had at the position {@code after} was made without ({@link
     * #without}), else null.
     */
    public static Column removedBetween(List<Column> before, List<Column> after) {
        if (before instanceof ColumnList b
                && after instanceof ColumnList a
                && a.editedFrom == b
                && a.size == b.size - 1) {
            return b.get(a.editedAt);
        }
        return null;
    }

    /** The given columns as a column list: the list itself when it is one, else a copy. */
    public static ColumnList of(List<Column> columns) {
        if (columns instanceof ColumnList list) {
            return list;
        }
        if (columns.isEmpty()) {
            return EMPTY;
        }
        Column[] items = columns.toArray(new Column[0]);
        for (Column c : items) {
            Objects.requireNonNull(c, "a column is null");
        }
        return new ColumnList(new Shared(items, items.length), items.length);
    }

    /** This list with {@code column} appended. */
    public ColumnList plus(Column column) {
        Objects.requireNonNull(column, "column is null");
        if (size == 0) {
            // Every table starts from the one empty list: its appends must not share one array
            // (they did, so which list shared with which depended on what ran first).
            Column[] items = new Column[8];
            items[0] = column;
            return new ColumnList(new Shared(items, 1), 1);
        }
        synchronized (shared) {
            if (shared.length == size) {
                Column[] items = shared.items;
                if (items.length == size) {
                    items = Arrays.copyOf(items, Math.max(8, size + (size >> 1)));
                }
                items[size] = column;
                shared.items = items;
                shared.length = size + 1;
                shared.appended();
                return new ColumnList(shared, size + 1);
            }
            if (shared.items[size].equals(column)) {
                // The same append again (a judge replays the fold's ADD COLUMN on the state
                // before it): the longer list already holds it.
                return new ColumnList(shared, size + 1);
            }
        }
        Column[] items = Arrays.copyOf(shared.items, size + 1);
        items[size] = column;
        return new ColumnList(new Shared(items, size + 1), size + 1);
    }

    /** The first column named {@code name}. */
    public Optional<Column> named(String name) {
        Map<String, Integer> positions = shared.firstPositions;
        Column[] items = shared.items;
        if (positions == null) {
            for (int i = 0; i < size; i++) {
                if (items[i].name().equals(name)) {
                    return Optional.of(items[i]);
                }
            }
            return Optional.empty();
        }
        Integer at = positions.get(name);
        return at != null && at < size ? Optional.of(items[at]) : Optional.empty();
    }

    /**
     * The columns {@code after} appended to {@code before}, in order, when {@code after} was made
     * from {@code before} by appending only (it shares its columns); null when it cannot tell.
     */
    public static List<Column> appendedTo(List<Column> before, List<Column> after) {
        if (before instanceof ColumnList b
                && after instanceof ColumnList a
                && a.shared == b.shared
                && a.size >= b.size) {
            return a.subList(b.size, a.size);
        }
        return null;
    }

    @Override
    public Column get(int index) {
        Objects.checkIndex(index, size);
        return shared.items[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof ColumnList other) {
            if (other.size != size) {
                return false;
            }
            if (other.shared == shared) {
                return true;
            }
            // One made from the other by replacing one column: the rest are the same objects.
            Column[] replaced = replacedBetween(this, other);
            if (replaced == null) {
                replaced = replacedBetween(other, this);
            }
            if (replaced != null) {
                return replaced[0].equals(replaced[1]);
            }
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = super.hashCode();
            hash = h;
        }
        return h;
    }

    // Immutable: every mutator of AbstractList throws UnsupportedOperationException already.
}
