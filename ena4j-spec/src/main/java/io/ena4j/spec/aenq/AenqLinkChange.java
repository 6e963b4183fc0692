package io.ena4j.spec.aenq;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * LINK_CHANGE (group 0) AENQ entry payload (management.md §9.3). Offsets are absolute in the AENQ entry
 * (base = entry base).
 *
 * <pre>
 *  off  type      field
 *  +16  u32       flags
 *  +16  u32[0]    flags.link_status
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class AenqLinkChange {

    private AenqLinkChange() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 20;
    /** Offset of flags. */
    public static final long FLAGS_OFFSET = 16;
    /** Offset of flags.link_status. */
    public static final long LINK_STATUS_OFFSET = 16;
    /** Bit position of flags.link_status within its 4-byte word. */
    public static final int LINK_STATUS_SHIFT = 0;
    /** Mask of flags.link_status in place within its word. */
    public static final int LINK_STATUS_MASK = 0x1;

    /** flags word (u32, raw bits). */
    public static int flags(MemorySegment s, long base) {
        return Le.u32(s, base + FLAGS_OFFSET);
    }

    /** Sets flags. */
    public static void flags(MemorySegment s, long base, int v) {
        Le.u32(s, base + FLAGS_OFFSET, v);
    }

    /** flags bit 0 link status: 1 up, 0 down. */
    public static int linkStatus(MemorySegment s, long base) {
        return Le.bits32(s, base + LINK_STATUS_OFFSET, LINK_STATUS_SHIFT, 1);
    }

    /** Sets flags.link_status. */
    public static void linkStatus(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LINK_STATUS_OFFSET, LINK_STATUS_SHIFT, 1, v);
    }
}
