package dev.evoplan.model;

import java.util.AbstractList;
import java.util.Iterator;
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
    private final Object source;
    private volatile Integer hash;

    /**
     * @param size how many changes a walk gives
     * @param replay makes them again, in order
     * @param source what they are made from (the file's name and text): two lists made from equal
     *     sources are equal without a walk
     */
    public ReplayedChanges(int size, Supplier<Iterator<SourceChange>> replay, Object source) {
        this.size = size;
        this.replay = Objects.requireNonNull(replay, "replay is null");
        this.source = Objects.requireNonNull(source, "source is null");
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
