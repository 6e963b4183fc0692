package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Admin Completion Queue entry, 64 bytes (management.md §6.4); statuses in {@link AdminStatus}.
 *
 * <p>The device writes the phase bit last (§6.5); the driver reads the phase, issues a read barrier and only then
 * reads the rest. Command-specific response data starts at {@link #RESPONSE_OFFSET}.
 *
 * <pre>
 *  off  type      field
 *  +0   u16[11:0] command_id
 *  +2   u8        status
 *  +3   u8        flags
 *  +3   u8[0]     phase
 *  +4   u16       extended_status
 *  +6   u16       sq_head_indx
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class AcqEntry {

    private AcqEntry() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 64;
    /** Offset of command_id. */
    public static final long COMMAND_ID_OFFSET = 0;
    /** Bit position of command_id within its 2-byte word. */
    public static final int COMMAND_ID_SHIFT = 0;
    /** Mask of command_id in place within its word. */
    public static final int COMMAND_ID_MASK = 0xFFF;
    /** Offset of status. */
    public static final long STATUS_OFFSET = 2;
    /** Offset of flags. */
    public static final long FLAGS_OFFSET = 3;
    /** Offset of phase. */
    public static final long PHASE_OFFSET = 3;
    /** Bit position of phase within its 1-byte word. */
    public static final int PHASE_SHIFT = 0;
    /** Mask of phase in place within its word. */
    public static final int PHASE_MASK = 0x1;
    /** Offset of extended_status. */
    public static final long EXTENDED_STATUS_OFFSET = 4;
    /** Offset of sq_head_indx. */
    public static final long SQ_HEAD_INDX_OFFSET = 6;

    /** command_id copied from the AQ entry (bits 11:0; bits 15:12 RSVD). */
    public static int commandId(MemorySegment s, long base) {
        return Le.bits16(s, base + COMMAND_ID_OFFSET, COMMAND_ID_SHIFT, 12);
    }

    /** Sets command_id. */
    public static void commandId(MemorySegment s, long base, int v) {
        Le.bits16(s, base + COMMAND_ID_OFFSET, COMMAND_ID_SHIFT, 12, v);
    }

    /** completion status (§6.8) (u8). */
    public static int status(MemorySegment s, long base) {
        return Le.u8(s, base + STATUS_OFFSET);
    }

    /** Sets status. */
    public static void status(MemorySegment s, long base, int v) {
        Le.u8(s, base + STATUS_OFFSET, v);
    }

    /** flags byte: bit 0 phase, bits 7:1 RSVD (u8). */
    public static int flags(MemorySegment s, long base) {
        return Le.u8(s, base + FLAGS_OFFSET);
    }

    /** Sets flags. */
    public static void flags(MemorySegment s, long base, int v) {
        Le.u8(s, base + FLAGS_OFFSET, v);
    }

    /** phase bit. */
    public static int phase(MemorySegment s, long base) {
        return Le.bits8(s, base + PHASE_OFFSET, PHASE_SHIFT, 1);
    }

    /** Sets phase. */
    public static void phase(MemorySegment s, long base, int v) {
        Le.bits8(s, base + PHASE_OFFSET, PHASE_SHIFT, 1, v);
    }

    /** extended_status (detail for ILLEGAL_PARAMETER; ignored by the driver) (u16). */
    public static int extendedStatus(MemorySegment s, long base) {
        return Le.u16(s, base + EXTENDED_STATUS_OFFSET);
    }

    /** Sets extended_status. */
    public static void extendedStatus(MemorySegment s, long base, int v) {
        Le.u16(s, base + EXTENDED_STATUS_OFFSET, v);
    }

    /** sq_head_indx: AQ head as consumed by the device (ignored by the driver) (u16). */
    public static int sqHeadIndx(MemorySegment s, long base) {
        return Le.u16(s, base + SQ_HEAD_INDX_OFFSET);
    }

    /** Sets sq_head_indx. */
    public static void sqHeadIndx(MemorySegment s, long base, int v) {
        Le.u16(s, base + SQ_HEAD_INDX_OFFSET, v);
    }


    /** Offset of the command-specific response data (56 bytes). */
    public static final long RESPONSE_OFFSET = 8;
}
