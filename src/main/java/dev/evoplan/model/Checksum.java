package dev.evoplan.model;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A changeset's checksum as its tool computes it, computed when first read: most are only ever
 * compared with the other side's, and a key can prove two equal without computing either.
 *
 * <p>The key is the source's proof of content: two checksums with equal keys have equal values (a
 * source gives a key only where the value is a function of what the key names, such as the
 * changeset in the bytes of its file with no property or external file read). A null key proves
 * nothing, and the values are compared.
 */
public final class Checksum {
    private static final Checksum NONE = new Checksum(null, null, null);

    private final Object key;
    private Supplier<String> computation;
    private String value;

    private Checksum(Object key, String value, Supplier<String> computation) {
        this.key = key;
        this.value = value;
        this.computation = computation;
    }

    /** A checksum already computed; null where the tool keeps none. */
    public static Checksum of(String value) {
        return value == null ? NONE : new Checksum(null, value, null);
    }

    /**
     * A checksum computed by {@code computation} when first read (a null value: the tool keeps
     * none); {@code key} as the class describes, or null.
     */
    public static Checksum computedWhenRead(Object key, Supplier<String> computation) {
        return new Checksum(key, null, Objects.requireNonNull(computation, "computation is null"));
    }

    /** The value, computed now if it was not yet; null where the tool keeps none. */
    public synchronized String value() {
        if (computation != null) {
            value = computation.get();
            computation = null; // what it held (the tool's parse) is no longer kept
        }
        return value;
    }

    /** Whether the two values are equal, computing them only where the keys do not prove it. */
    public boolean sameAs(Checksum other) {
        return this == other
                || (key != null && key.equals(other.key))
                || Objects.equals(value(), other.value());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checksum other && sameAs(other);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value());
    }

    @Override
    public String toString() {
        return String.valueOf(value());
    }
}
