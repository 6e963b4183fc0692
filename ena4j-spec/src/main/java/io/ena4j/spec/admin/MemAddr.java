package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * The interface's 8-byte, 48-bit DMA address container (management.md §1).
 *
 * <pre>
 * +0  u32 address bits 31:0
 * +4  u16 address bits 47:32
 * +6  u16 RSVD (0)
 * </pre>
 *
 * <p>The setter writes only the six address bytes and leaves the reserved word untouched (the reference driver
 * zero-fills a command before filling it, so the word is 0 there).
 */
public final class MemAddr {

    private MemAddr() {
    }

    /** Size in bytes. */
    public static final long SIZE = 8;
    /** Offset of address bits 31:0. */
    public static final long LOW_OFFSET = 0;
    /** Offset of address bits 47:32. */
    public static final long HIGH_OFFSET = 4;
    /** Offset of the reserved word. */
    public static final long RSVD_OFFSET = 6;
    /** Mask of the 48 address bits. */
    public static final long MASK = Le.ADDR48_MASK;

    /** The 48-bit address (bits 63:48 of the result are 0; the reserved word is ignored). */
    public static long address(MemorySegment s, long base) {
        return Integer.toUnsignedLong(Le.u32(s, base + LOW_OFFSET)) | ((long) Le.u16(s, base + HIGH_OFFSET) << 32);
    }

    /** Writes {@code v} masked to 48 bits; bytes 6..7 are preserved. */
    public static void address(MemorySegment s, long base, long v) {
        Le.u32(s, base + LOW_OFFSET, (int) v);
        Le.u16(s, base + HIGH_OFFSET, (int) (v >>> 32));
    }

    /** The reserved word at +6 (must be 0; exposed so a consumer can check MBZ). */
    public static int reserved(MemorySegment s, long base) {
        return Le.u16(s, base + RSVD_OFFSET);
    }

    /**
     * Whether {@code addr} fits a device DMA width: no bit set at or above {@code dmaWidth} (§1: the driver refuses
     * to place such an address in a command). Widths of 64 or more accept every address; negative widths none
     * but 0.
     */
    public static boolean fits(long addr, int dmaWidth) {
        if (dmaWidth >= 64) {
            return true;
        }
        if (dmaWidth <= 0) {
            return addr == 0;
        }
        return (addr >>> dmaWidth) == 0;
    }
}
