package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * FRAG_BYPASS (feature 8) SET payload, version 0 (management.md §8.8). Offsets relative to the payload start
 * ({@code entryBase + FeatureCmd.SET_PAYLOAD}).
 *
 * <pre>
 *  rel  type      field   (S+ = rel + 20)
 *  +0   u8        enable
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class FragBypass {

    private FragBypass() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 4;
    /** Offset of enable. */
    public static final long ENABLE_OFFSET = 0;

    /** enable: 1 = enable fragment bypass (u8). */
    public static int enable(MemorySegment s, long base) {
        return Le.u8(s, base + ENABLE_OFFSET);
    }

    /** Sets enable. */
    public static void enable(MemorySegment s, long base, int v) {
        Le.u8(s, base + ENABLE_OFFSET, v);
    }
}
