package io.ena4j.spec.eth;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Extended Rx completion descriptor {@code rx_cdesc_ext}, 32 bytes, used when Rx HW timestamping is enabled and
 * the Rx CQ was created with 32-byte entries (datapath.md §6.2, §1.5).
 *
 * <pre>
 *  off  size  field
 *  +0   16    rx_cdesc_base    same layout as {@link RxCdescBase}: use its accessors with the same base
 *  +16  u32   buff_addr_lo     buffer address bits 31:0 (unused by the driver)
 *  +20  u16   buff_addr_hi     buffer address bits 47:32 (unused by the driver)
 *  +22  u16   reserved16
 *  +24  u32   timestamp_low    receive timestamp bits 31:0 (ns; from the packet's last entry)
 *  +28  u32   timestamp_high   receive timestamp bits 63:32
 * </pre>
 *
 * <p>(The DPDK header copy still names +24/+28 {@code reserved_w6/w7}.) The phase bit stays in the base status
 * word: the device writes bytes 4..31 first and publishes status last
 * ({@link RxCdescBase#statusRelease(MemorySegment, long, int)}).
 */
public final class RxCdescExt {

    private RxCdescExt() {
    }

    /** Entry size in bytes (§6.2). */
    public static final long SIZE = 32;
    /** Offset of the embedded {@link RxCdescBase}. */
    public static final long BASE_OFFSET = 0;
    /** Offset of buff_addr_lo (u32). */
    public static final long BUFF_ADDR_LO_OFFSET = 16;
    /** Offset of buff_addr_hi (u16). */
    public static final long BUFF_ADDR_HI_OFFSET = 20;
    /** Offset of reserved16 (u16). */
    public static final long RESERVED16_OFFSET = 22;
    /** Offset of timestamp_low (u32). */
    public static final long TIMESTAMP_LOW_OFFSET = 24;
    /** Offset of timestamp_high (u32). */
    public static final long TIMESTAMP_HIGH_OFFSET = 28;

    /** buff_addr_lo: address bits 31:0 (raw u32). */
    public static int buffAddrLo(MemorySegment s, long base) {
        return Le.u32(s, base + BUFF_ADDR_LO_OFFSET);
    }

    /** Sets buff_addr_lo. */
    public static void buffAddrLo(MemorySegment s, long base, int v) {
        Le.u32(s, base + BUFF_ADDR_LO_OFFSET, v);
    }

    /** buff_addr_hi: address bits 47:32 (u16). */
    public static int buffAddrHi(MemorySegment s, long base) {
        return Le.u16(s, base + BUFF_ADDR_HI_OFFSET);
    }

    /** Sets buff_addr_hi (16 bits). */
    public static void buffAddrHi(MemorySegment s, long base, int v) {
        Le.u16(s, base + BUFF_ADDR_HI_OFFSET, v);
    }

    /** reserved16 (u16). */
    public static int reserved16(MemorySegment s, long base) {
        return Le.u16(s, base + RESERVED16_OFFSET);
    }

    /** Sets reserved16 (16 bits). */
    public static void reserved16(MemorySegment s, long base, int v) {
        Le.u16(s, base + RESERVED16_OFFSET, v);
    }

    /** The 48-bit buffer address; bits 63:48 of the result are 0. */
    public static long bufferAddress(MemorySegment s, long base) {
        return Integer.toUnsignedLong(buffAddrLo(s, base)) | ((long) buffAddrHi(s, base) << 32);
    }

    /** Sets the buffer address masked to 48 bits; reserved16 is kept. */
    public static void bufferAddress(MemorySegment s, long base, long v) {
        buffAddrLo(s, base, (int) v);
        buffAddrHi(s, base, (int) (v >>> 32));
    }

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

    /** The 64-bit receive timestamp in ns ({@code high << 32 | low}). */
    public static long timestamp(MemorySegment s, long base) {
        return ((long) timestampHigh(s, base) << 32) | Integer.toUnsignedLong(timestampLow(s, base));
    }

    /** Sets the 64-bit receive timestamp (low word at +24, high word at +28). */
    public static void timestamp(MemorySegment s, long base, long v) {
        timestampLow(s, base, (int) v);
        timestampHigh(s, base, (int) (v >>> 32));
    }
}
