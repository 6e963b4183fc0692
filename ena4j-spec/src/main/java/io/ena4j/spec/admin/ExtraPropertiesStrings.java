package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * EXTRA_PROPERTIES_STRINGS (feature 5) GET payload, legacy (management.md §8.7). Offsets relative to the payload
 * start ({@code entryBase + FeatureCmd.GET_PAYLOAD}). The strings themselves go to a 1024-byte control buffer of
 * 32 NUL-padded 32-byte strings ({@link #string}).
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8)
 *  +0   u32       count
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class ExtraPropertiesStrings {

    private ExtraPropertiesStrings() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 4;
    /** Offset of count. */
    public static final long COUNT_OFFSET = 0;

    /** count of strings written to the buffer (u32, raw bits). */
    public static int count(MemorySegment s, long base) {
        return Le.u32(s, base + COUNT_OFFSET);
    }

    /** Sets count. */
    public static void count(MemorySegment s, long base, int v) {
        Le.u32(s, base + COUNT_OFFSET, v);
    }


    /** Size of the control buffer: 32 strings of 32 bytes. */
    public static final int BUFFER_SIZE = 1024;
    /** Size of one string slot. */
    public static final int STRING_SIZE = 32;
    /** Number of string slots. */
    public static final int MAX_STRINGS = 32;

    /** String slot {@code index} (reduced modulo 32 so it can never leave the buffer) of the buffer at {@code base}. */
    public static String string(MemorySegment buf, long base, int index) {
        return Le.string(buf, base + (long) (index & (MAX_STRINGS - 1)) * STRING_SIZE, STRING_SIZE);
    }

    /** Writes string slot {@code index} (reduced modulo 32), truncated to 31 bytes plus NUL. */
    public static void string(MemorySegment buf, long base, int index, String v) {
        Le.string(buf, base + (long) (index & (MAX_STRINGS - 1)) * STRING_SIZE, STRING_SIZE, v);
    }
}
