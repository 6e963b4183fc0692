package io.ena4j.spec.eth;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Extended Tx completion descriptor {@code tx_cdesc_ext}, 16 bytes, used when Tx HW timestamping is enabled and
 * the Tx CQ was created with 16-byte entries (datapath.md §4.2, §1.5).
 *
 * <pre>
 *  off  size  field
 *  +0   8     tx_cdesc         same layout as {@link TxCdesc}: use its accessors with the same base
 *  +8   u32   timestamp_low    transmit timestamp bits 31:0 (ns, PHC time base)
 *  +12  u32   timestamp_high   transmit timestamp bits 63:32
 * </pre>
 *
 * <p>The phase bit stays in word 0, so the device writes the timestamp first and publishes word 0 last
 * ({@link TxCdesc#word0Release(MemorySegment, long, int)}); the driver acquires word 0 before reading the
 * timestamp.
 */
public final class TxCdescExt {

    private TxCdescExt() {
    }

    /** Entry size in bytes (§4.2). */
    public static final long SIZE = 16;
    /** Offset of the embedded {@link TxCdesc}. */
    public static final long BASE_OFFSET = 0;
    /** Offset of timestamp_low (u32). */
    public static final long TIMESTAMP_LOW_OFFSET = 8;
    /** Offset of timestamp_high (u32). */
    public static final long TIMESTAMP_HIGH_OFFSET = 12;

    /** timestamp_low: timestamp bits 31:0 (raw u32). */
    public static int timestampLow(MemorySegment s, long base) {
        return Le.u32(s, base + TIMESTAMP_LOW_OFFSET);
    }

    /** Sets timestamp_low. */
    public static void timestampLow(MemorySegment s, long base, int v) {
        Le.u32(s, base + TIMESTAMP_LOW_OFFSET, v);
    }

    /** timestamp_high: timestamp bits 63:32 (raw u32). */
    public static int timestampHigh(MemorySegment s, long base) {
        return Le.u32(s, base + TIMESTAMP_HIGH_OFFSET);
    }

    /** Sets timestamp_high. */
    public static void timestampHigh(MemorySegment s, long base, int v) {
        Le.u32(s, base + TIMESTAMP_HIGH_OFFSET, v);
    }

    /** The 64-bit timestamp in ns ({@code high << 32 | low}). */
    public static long timestamp(MemorySegment s, long base) {
        return ((long) timestampHigh(s, base) << 32) | Integer.toUnsignedLong(timestampLow(s, base));
    }

    /** Sets the 64-bit timestamp (low word at +8, high word at +12). */
    public static void timestamp(MemorySegment s, long base, long v) {
        timestampLow(s, base, (int) v);
        timestampHigh(s, base, (int) (v >>> 32));
    }
}
