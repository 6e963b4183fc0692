package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Admin Queue submission entry, 64 bytes (management.md §6.2); opcodes in {@link AdminOpcode}.
 *
 * <p>Bytes 4..15 hold either three inline words or the control-buffer descriptor (length + MemAddr); bytes 16..63
 * are command data. The reference drivers never set CTRL_DATA (bit 1); they set CTRL_DATA_INDIRECT (bit 2, flags
 * {@code 0x04}) for GET/SET_FEATURE with a buffer and pass flags 0 with a buffer for GET_STATS, and the buffer is
 * always one contiguous data buffer. A device should treat the buffer as direct whenever its length is non-zero
 * (§6.2). The driver copies only {@link AdminOpcode#commandSize()} bytes; the rest of the slot is stale.
 *
 * <pre>
 *  off  type      field
 *  +0   u16[11:0] command_id
 *  +2   u8        opcode
 *  +3   u8        flags
 *  +3   u8[0]     phase
 *  +3   u8[1]     ctrl_data
 *  +3   u8[2]     ctrl_data_indirect
 *  +4   u32       ctrl_buffer.length
 *  +8   MemAddr   ctrl_buffer.address
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class AqEntry {

    private AqEntry() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 64;
    /** Offset of command_id. */
    public static final long COMMAND_ID_OFFSET = 0;
    /** Bit position of command_id within its 2-byte word. */
    public static final int COMMAND_ID_SHIFT = 0;
    /** Mask of command_id in place within its word. */
    public static final int COMMAND_ID_MASK = 0xFFF;
    /** Offset of opcode. */
    public static final long OPCODE_OFFSET = 2;
    /** Offset of flags. */
    public static final long FLAGS_OFFSET = 3;
    /** Offset of phase. */
    public static final long PHASE_OFFSET = 3;
    /** Bit position of phase within its 1-byte word. */
    public static final int PHASE_SHIFT = 0;
    /** Mask of phase in place within its word. */
    public static final int PHASE_MASK = 0x1;
    /** Offset of ctrl_data. */
    public static final long CTRL_DATA_OFFSET = 3;
    /** Bit position of ctrl_data within its 1-byte word. */
    public static final int CTRL_DATA_SHIFT = 1;
    /** Mask of ctrl_data in place within its word. */
    public static final int CTRL_DATA_MASK = 0x2;
    /** Offset of ctrl_data_indirect. */
    public static final long CTRL_DATA_INDIRECT_OFFSET = 3;
    /** Bit position of ctrl_data_indirect within its 1-byte word. */
    public static final int CTRL_DATA_INDIRECT_SHIFT = 2;
    /** Mask of ctrl_data_indirect in place within its word. */
    public static final int CTRL_DATA_INDIRECT_MASK = 0x4;
    /** Offset of ctrl_buffer.length. */
    public static final long CTRL_BUFFER_LENGTH_OFFSET = 4;
    /** Offset of ctrl_buffer.address. */
    public static final long CTRL_BUFFER_ADDRESS_OFFSET = 8;

    /** command_id, bits 11:0 of the first word (bits 15:12 RSVD). */
    public static int commandId(MemorySegment s, long base) {
        return Le.bits16(s, base + COMMAND_ID_OFFSET, COMMAND_ID_SHIFT, 12);
    }

    /** Sets command_id. */
    public static void commandId(MemorySegment s, long base, int v) {
        Le.bits16(s, base + COMMAND_ID_OFFSET, COMMAND_ID_SHIFT, 12, v);
    }

    /** opcode (§6.7) (u8). */
    public static int opcode(MemorySegment s, long base) {
        return Le.u8(s, base + OPCODE_OFFSET);
    }

    /** Sets opcode. */
    public static void opcode(MemorySegment s, long base, int v) {
        Le.u8(s, base + OPCODE_OFFSET, v);
    }

    /** flags byte: bit 0 phase, bit 1 CTRL_DATA, bit 2 CTRL_DATA_INDIRECT (u8). */
    public static int flags(MemorySegment s, long base) {
        return Le.u8(s, base + FLAGS_OFFSET);
    }

    /** Sets flags. */
    public static void flags(MemorySegment s, long base, int v) {
        Le.u8(s, base + FLAGS_OFFSET, v);
    }

    /** phase bit (1 on the 1st, 3rd, ... pass over the ring). */
    public static int phase(MemorySegment s, long base) {
        return Le.bits8(s, base + PHASE_OFFSET, PHASE_SHIFT, 1);
    }

    /** Sets phase. */
    public static void phase(MemorySegment s, long base, int v) {
        Le.bits8(s, base + PHASE_OFFSET, PHASE_SHIFT, 1, v);
    }

    /** CTRL_DATA: control buffer address valid (bits 1). */
    public static int ctrlData(MemorySegment s, long base) {
        return Le.bits8(s, base + CTRL_DATA_OFFSET, CTRL_DATA_SHIFT, 1);
    }

    /** Sets ctrl_data. */
    public static void ctrlData(MemorySegment s, long base, int v) {
        Le.bits8(s, base + CTRL_DATA_OFFSET, CTRL_DATA_SHIFT, 1, v);
    }

    /** CTRL_DATA_INDIRECT: control buffer is a page list (drivers use it for a direct buffer) (bits 2). */
    public static int ctrlDataIndirect(MemorySegment s, long base) {
        return Le.bits8(s, base + CTRL_DATA_INDIRECT_OFFSET, CTRL_DATA_INDIRECT_SHIFT, 1);
    }

    /** Sets ctrl_data_indirect. */
    public static void ctrlDataIndirect(MemorySegment s, long base, int v) {
        Le.bits8(s, base + CTRL_DATA_INDIRECT_OFFSET, CTRL_DATA_INDIRECT_SHIFT, 1, v);
    }

    /** control buffer length in bytes (0 = none) (u32, raw bits). */
    public static int ctrlBufferLength(MemorySegment s, long base) {
        return Le.u32(s, base + CTRL_BUFFER_LENGTH_OFFSET);
    }

    /** Sets ctrl_buffer.length. */
    public static void ctrlBufferLength(MemorySegment s, long base, int v) {
        Le.u32(s, base + CTRL_BUFFER_LENGTH_OFFSET, v);
    }

    /** control buffer DMA address (48-bit MemAddr). */
    public static long ctrlBufferAddress(MemorySegment s, long base) {
        return MemAddr.address(s, base + CTRL_BUFFER_ADDRESS_OFFSET);
    }

    /** Sets ctrl_buffer.address (masked to 48 bits). */
    public static void ctrlBufferAddress(MemorySegment s, long base, long v) {
        MemAddr.address(s, base + CTRL_BUFFER_ADDRESS_OFFSET, v);
    }


    /** Offset of the inline command data (12 words). */
    public static final long INLINE_DATA_OFFSET = 16;
    /** Mask of command_id within the first word. */
    public static final int COMMAND_ID_MAX = 0xFFF;
}
