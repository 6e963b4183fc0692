package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * INTERRUPT_MODERATION (feature 20) GET payload (management.md §8.14). Offsets relative to the payload start
 * ({@code entryBase + FeatureCmd.GET_PAYLOAD}).
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8)
 *  +0   u16       intr_delay_resolution
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class InterruptModeration {

    private InterruptModeration() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 4;
    /** Offset of intr_delay_resolution. */
    public static final long INTR_DELAY_RESOLUTION_OFFSET = 0;

    /** intr_delay_resolution in us (0 is treated as 1) (u16). */
    public static int intrDelayResolution(MemorySegment s, long base) {
        return Le.u16(s, base + INTR_DELAY_RESOLUTION_OFFSET);
    }

    /** Sets intr_delay_resolution. */
    public static void intrDelayResolution(MemorySegment s, long base, int v) {
        Le.u16(s, base + INTR_DELAY_RESOLUTION_OFFSET, v);
    }
}
