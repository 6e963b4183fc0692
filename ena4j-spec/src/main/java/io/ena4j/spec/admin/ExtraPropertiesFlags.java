package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * EXTRA_PROPERTIES_FLAGS (feature 6) GET payload, legacy (management.md §8.7): bit i = state of string i.
 * Offsets relative to the payload start ({@code entryBase + FeatureCmd.GET_PAYLOAD}).
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8)
 *  +0   u32       flags
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class ExtraPropertiesFlags {

    private ExtraPropertiesFlags() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 4;
    /** Offset of flags. */
    public static final long FLAGS_OFFSET = 0;

    /** flags: bit i is the state of extra-properties string i (u32, raw bits). */
    public static int flags(MemorySegment s, long base) {
        return Le.u32(s, base + FLAGS_OFFSET);
    }

    /** Sets flags. */
    public static void flags(MemorySegment s, long base, int v) {
        Le.u32(s, base + FLAGS_OFFSET, v);
    }
}
