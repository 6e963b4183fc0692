package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * MTU (feature 14) SET payload (management.md §8.12). Offsets relative to the payload start
 * ({@code entryBase + FeatureCmd.SET_PAYLOAD}).
 *
 * <pre>
 *  rel  type      field   (S+ = rel + 20)
 *  +0   u32       mtu
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class Mtu {

    private Mtu() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 4;
    /** Offset of mtu. */
    public static final long MTU_OFFSET = 0;

    /** mtu in bytes, L2 header excluded (u32, raw bits). */
    public static int mtu(MemorySegment s, long base) {
        return Le.u32(s, base + MTU_OFFSET);
    }

    /** Sets mtu. */
    public static void mtu(MemorySegment s, long base, int v) {
        Le.u32(s, base + MTU_OFFSET, v);
    }


    /** Smallest MTU the reference driver allows (maximum: DEVICE_ATTRIBUTES.max_mtu). */
    public static final int DRIVER_MIN_MTU = 128;
}
