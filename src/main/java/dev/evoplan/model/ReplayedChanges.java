package dev.evoplan.model;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The changes of one file, made again (parsed and folded) each time they are walked instead of
 * kept: a schema file of a million statements keeps its text, not a million schema states (about 1
 * KiB a statement beyond what its neighbours share). An immutable list of known size; its elements
 * are equal, walk after walk, but not the same objects. Random access walks to the index: a caller
 * that indexes into it should copy it first.
 */
public final class ReplayedChanges extends AbstractList<SourceChange> {
    private final int size;
    private final Supplier<Iterator<SourceChange>> replay;
    private final Supplier<Iterator<List<String>>> written;
    private final Object source;
    private volatile Integer hash;

    /**
     * @param size how many changes a walk gives
     * @param replay makes them again, in order
     * @param source what they are made from (the file's name and text): two lists made from equal
     *     sources are equal without a walk
     */
    public ReplayedChanges(int size, Supplier<Iterator<SourceChange>> replay, Object source) {
        this(size, replay, null, source);
    }

    /**
     * As {@link #ReplayedChanges(int, Supplier, Object)}, with {@code written} giving each change's
     * {@link SourceChange#writtenSql()} without making the change (parsed, not folded): what a
     * caller comparing two files' statements needs.
     */
    public ReplayedChanges(
            int size,
            Supplier<Iterator<SourceChange>> replay,
            Supplier<Iterator<List<String>>> written,
            Object source) {
        this.size = size;
        this.replay = Objects.requireNonNull(replay, "replay is null");
        this.written = written;
        this.source = Objects.requireNonNull(source, "source is null");
    }

    /**
     * Each change's written SQL, in order: the same as walking the changes and asking each, at the
     * cost of a parse when the list was given a way to read them alone.
     */
    public Iterator<List<String>> writtenSql() {
        if (written == null) {
            Iterator<SourceChange> made = iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return made.hasNext();
                }

                @Override
                public List<String> next() {
                    return made.next().writtenSql();
                }
            };
        }
        Iterator<List<String>> read = written.get();
        return new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                return given < size;
            }

            @Override
            public List<String> next() {
                if (given >= size || !read.hasNext()) {
                    throw new NoSuchElementException();
                }
                given++;
                return read.next();
            }
        };
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<SourceChange> iterator() {
        Iterator<SourceChange> made = replay.get();
        return new Iterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                return given < size;
            }

            @Override
            public SourceChange next() {
                if (given >= size || !made.hasNext()) {
                    throw new NoSuchElementException();
                }
                given++;
                return made.next();
            }
        };
    }

    @Override
    public SourceChange get(int index) {
        Objects.checkIndex(index, size);
        Iterator<SourceChange> walk = iterator();
        for (int i = 0; i < index; i++) {
            walk.next();
        }
        return walk.next();
    }

    @Override
    public boolean equals(Object other) {
        if (other instanceof ReplayedChanges r && r.source.equals(source)) {
            return true;
        }
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        Integer h = hash;
        if (h == null) {
            h = super.hashCode();
            hash = h;
        }
        return h;
    }
}
