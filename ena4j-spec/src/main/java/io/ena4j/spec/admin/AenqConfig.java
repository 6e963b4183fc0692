package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * AENQ_CONFIG (feature 26) payload, GET and SET (management.md §8.15). Offsets relative to the payload start.
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8, S+ = rel + 20)
 *  +0   u32       supported_groups
 *  +4   u32       enabled_groups
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class AenqConfig {

    private AenqConfig() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 8;
    /** Offset of supported_groups. */
    public static final long SUPPORTED_GROUPS_OFFSET = 0;
    /** Offset of enabled_groups. */
    public static final long ENABLED_GROUPS_OFFSET = 4;

    /** supported_groups: bit n = AENQ group n can be reported (u32, raw bits). */
    public static int supportedGroups(MemorySegment s, long base) {
        return Le.u32(s, base + SUPPORTED_GROUPS_OFFSET);
    }

    /** Sets supported_groups. */
    public static void supportedGroups(MemorySegment s, long base, int v) {
        Le.u32(s, base + SUPPORTED_GROUPS_OFFSET, v);
    }

    /** enabled_groups: bit n = report group n (u32, raw bits). */
    public static int enabledGroups(MemorySegment s, long base) {
        return Le.u32(s, base + ENABLED_GROUPS_OFFSET);
    }

    /** Sets enabled_groups. */
    public static void enabledGroups(MemorySegment s, long base, int v) {
        Le.u32(s, base + ENABLED_GROUPS_OFFSET, v);
    }


    /** Groups the Linux driver requests: {0,1,2,3,4,6,7} (ANDed with supported_groups). */
    public static final int DRIVER_REQUESTED_GROUPS = 0xDF;
}
