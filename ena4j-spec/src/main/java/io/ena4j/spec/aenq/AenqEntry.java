package io.ena4j.spec.aenq;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * AENQ entry, 64 bytes (management.md §9.1); groups in {@link AenqGroup}.
 *
 * <p>The device writes the phase bit last; the driver checks the phase, issues a read barrier, then reads the rest.
 * Group payloads start at {@link #PAYLOAD_OFFSET}: {@link AenqLinkChange}, {@link AenqKeepAlive},
 * {@link AenqConfNotifications}, and for NOTIFICATION/UPDATE_HINTS an {@link io.ena4j.spec.admin.HwHints} at
 * {@code entryBase + PAYLOAD_OFFSET}. The timestamp unit is unspecified [UNCERTAIN].
 *
 * <pre>
 *  off  type      field
 *  +0   u16       group
 *  +2   u16       syndrome
 *  +4   u8        flags
 *  +4   u8[0]     flags.phase
 *  +8   u64       timestamp
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class AenqEntry {

    private AenqEntry() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 64;
    /** Offset of group. */
    public static final long GROUP_OFFSET = 0;
    /** Offset of syndrome. */
    public static final long SYNDROME_OFFSET = 2;
    /** Offset of flags. */
    public static final long FLAGS_OFFSET = 4;
    /** Offset of flags.phase. */
    public static final long PHASE_OFFSET = 4;
    /** Bit position of flags.phase within its 1-byte word. */
    public static final int PHASE_SHIFT = 0;
    /** Mask of flags.phase in place within its word. */
    public static final int PHASE_MASK = 0x1;
    /** Offset of timestamp. */
    public static final long TIMESTAMP_OFFSET = 8;

    /** group (§9.3) (u16). */
    public static int group(MemorySegment s, long base) {
        return Le.u16(s, base + GROUP_OFFSET);
    }

    /** Sets group. */
    public static void group(MemorySegment s, long base, int v) {
        Le.u16(s, base + GROUP_OFFSET, v);
    }

    /** syndrome (group specific) (u16). */
    public static int syndrome(MemorySegment s, long base) {
        return Le.u16(s, base + SYNDROME_OFFSET);
    }

    /** Sets syndrome. */
    public static void syndrome(MemorySegment s, long base, int v) {
        Le.u16(s, base + SYNDROME_OFFSET, v);
    }

    /** flags: bit 0 phase, bits 7:1 RSVD (MBZ) (u8). */
    public static int flags(MemorySegment s, long base) {
        return Le.u8(s, base + FLAGS_OFFSET);
    }

    /** Sets flags. */
    public static void flags(MemorySegment s, long base, int v) {
        Le.u8(s, base + FLAGS_OFFSET, v);
    }

    /** flags bit 0 phase. */
    public static int phase(MemorySegment s, long base) {
        return Le.bits8(s, base + PHASE_OFFSET, PHASE_SHIFT, 1);
    }

    /** Sets flags.phase. */
    public static void phase(MemorySegment s, long base, int v) {
        Le.bits8(s, base + PHASE_OFFSET, PHASE_SHIFT, 1, v);
    }

    /** timestamp: bits 31:0 at +8, bits 63:32 at +12 (u64). */
    public static long timestamp(MemorySegment s, long base) {
        return Le.u64(s, base + TIMESTAMP_OFFSET);
    }

    /** Sets timestamp. */
    public static void timestamp(MemorySegment s, long base, long v) {
        Le.u64(s, base + TIMESTAMP_OFFSET, v);
    }


    /** Offset of the group-specific inline data (12 words). */
    public static final long PAYLOAD_OFFSET = 16;
}
