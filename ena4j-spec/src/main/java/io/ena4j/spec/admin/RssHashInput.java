package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * RSS_HASH_INPUT (feature 18) inline payload (management.md §8.13); the per-protocol field selection travels in a
 * 256-byte control buffer ({@link RssHashInputTable}). Offsets relative to the payload start.
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8, S+ = rel + 20)
 *  +0   u16       supported_input_sort
 *  +2   u16       enabled_input_sort
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class RssHashInput {

    private RssHashInput() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 4;
    /** Offset of supported_input_sort. */
    public static final long SUPPORTED_INPUT_SORT_OFFSET = 0;
    /** Offset of enabled_input_sort. */
    public static final long ENABLED_INPUT_SORT_OFFSET = 2;

    /** supported_input_sort: bit 1 L3 sort, bit 2 L4 sort (u16). */
    public static int supportedInputSort(MemorySegment s, long base) {
        return Le.u16(s, base + SUPPORTED_INPUT_SORT_OFFSET);
    }

    /** Sets supported_input_sort. */
    public static void supportedInputSort(MemorySegment s, long base, int v) {
        Le.u16(s, base + SUPPORTED_INPUT_SORT_OFFSET, v);
    }

    /** enabled_input_sort: bit 1 L3 sort, bit 2 L4 sort (u16). */
    public static int enabledInputSort(MemorySegment s, long base) {
        return Le.u16(s, base + ENABLED_INPUT_SORT_OFFSET);
    }

    /** Sets enabled_input_sort. */
    public static void enabledInputSort(MemorySegment s, long base, int v) {
        Le.u16(s, base + ENABLED_INPUT_SORT_OFFSET, v);
    }


    /** Bit 1: L3 sort (swap addresses when destination is below source: symmetric hashing). */
    public static final int L3_SORT = 1 << 1;
    /** Bit 2: L4 sort (same for ports). */
    public static final int L4_SORT = 1 << 2;
}
