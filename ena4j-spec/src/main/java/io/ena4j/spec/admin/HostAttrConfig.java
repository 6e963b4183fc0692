package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * HOST_ATTR_CONFIG (feature 28) SET payload (management.md §8.17). Offsets relative to the payload start
 * ({@code entryBase + FeatureCmd.SET_PAYLOAD}). Layouts of the referenced areas: {@link HostInfo},
 * {@link DebugAreaHeader}.
 *
 * <pre>
 *  rel  type      field   (S+ = rel + 20)
 *  +0   MemAddr   os_info_ba
 *  +8   MemAddr   debug_ba
 *  +16  u32       debug_area_size
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class HostAttrConfig {

    private HostAttrConfig() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 20;
    /** Offset of os_info_ba. */
    public static final long OS_INFO_BA_OFFSET = 0;
    /** Offset of debug_ba. */
    public static final long DEBUG_BA_OFFSET = 8;
    /** Offset of debug_area_size. */
    public static final long DEBUG_AREA_SIZE_OFFSET = 16;

    /** os_info_ba: host-info page (4 KiB, contiguous) (48-bit MemAddr). */
    public static long osInfoBa(MemorySegment s, long base) {
        return MemAddr.address(s, base + OS_INFO_BA_OFFSET);
    }

    /** Sets os_info_ba (masked to 48 bits). */
    public static void osInfoBa(MemorySegment s, long base, long v) {
        MemAddr.address(s, base + OS_INFO_BA_OFFSET, v);
    }

    /** debug_ba: debug area (0 if none) (48-bit MemAddr). */
    public static long debugBa(MemorySegment s, long base) {
        return MemAddr.address(s, base + DEBUG_BA_OFFSET);
    }

    /** Sets debug_ba (masked to 48 bits). */
    public static void debugBa(MemorySegment s, long base, long v) {
        MemAddr.address(s, base + DEBUG_BA_OFFSET, v);
    }

    /** debug_area_size in bytes (0 if none) (u32, raw bits). */
    public static int debugAreaSize(MemorySegment s, long base) {
        return Le.u32(s, base + DEBUG_AREA_SIZE_OFFSET);
    }

    /** Sets debug_area_size. */
    public static void debugAreaSize(MemorySegment s, long base, int v) {
        Le.u32(s, base + DEBUG_AREA_SIZE_OFFSET, v);
    }
}
