package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Common GET_FEATURE (opcode 8) / SET_FEATURE (opcode 9) command header, 64 bytes (management.md §7.5).
 *
 * <p>Feature payload classes use offsets relative to the payload start: a SET payload starts at
 * {@link #SET_PAYLOAD} (20) of the AQ entry and a GET response payload at {@link #GET_PAYLOAD} (8) of the ACQ
 * entry, so a caller passes {@code base = entryBase + FeatureCmd.GET_PAYLOAD} or {@code + SET_PAYLOAD}
 * (§8, "G+"/"S+" tables). The driver sets AQ flags to {@code 0x04} when it passes a control buffer.
 *
 * <pre>
 *  off  type      field
 *  +4   u32       ctrl_buffer.length
 *  +8   MemAddr   ctrl_buffer.address
 *  +16  u8        flags
 *  +16  u8[1:0]   flags.select
 *  +17  u8        feature_id
 *  +18  u8        feature_version
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class FeatureCmd {

    private FeatureCmd() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 64;
    /** Offset of ctrl_buffer.length. */
    public static final long CTRL_BUFFER_LENGTH_OFFSET = 4;
    /** Offset of ctrl_buffer.address. */
    public static final long CTRL_BUFFER_ADDRESS_OFFSET = 8;
    /** Offset of flags. */
    public static final long FLAGS_OFFSET = 16;
    /** Offset of flags.select. */
    public static final long SELECT_OFFSET = 16;
    /** Bit position of flags.select within its 1-byte word. */
    public static final int SELECT_SHIFT = 0;
    /** Mask of flags.select in place within its word. */
    public static final int SELECT_MASK = 0x3;
    /** Offset of feature_id. */
    public static final long FEATURE_ID_OFFSET = 17;
    /** Offset of feature_version. */
    public static final long FEATURE_VERSION_OFFSET = 18;

    /** control buffer length (0 = no buffer) (u32, raw bits). */
    public static int ctrlBufferLength(MemorySegment s, long base) {
        return Le.u32(s, base + CTRL_BUFFER_LENGTH_OFFSET);
    }

    /** Sets ctrl_buffer.length. */
    public static void ctrlBufferLength(MemorySegment s, long base, int v) {
        Le.u32(s, base + CTRL_BUFFER_LENGTH_OFFSET, v);
    }

    /** control buffer address (48-bit MemAddr). */
    public static long ctrlBufferAddress(MemorySegment s, long base) {
        return MemAddr.address(s, base + CTRL_BUFFER_ADDRESS_OFFSET);
    }

    /** Sets ctrl_buffer.address (masked to 48 bits). */
    public static void ctrlBufferAddress(MemorySegment s, long base, long v) {
        MemAddr.address(s, base + CTRL_BUFFER_ADDRESS_OFFSET, v);
    }

    /** feature flags byte (bits 1:0 SELECT, bits 7:2 RSVD) (u8). */
    public static int flags(MemorySegment s, long base) {
        return Le.u8(s, base + FLAGS_OFFSET);
    }

    /** Sets flags. */
    public static void flags(MemorySegment s, long base, int v) {
        Le.u8(s, base + FLAGS_OFFSET, v);
    }

    /** SELECT: 1 current value, 3 default value; reference drivers send 0 (bits 1:0). */
    public static int select(MemorySegment s, long base) {
        return Le.bits8(s, base + SELECT_OFFSET, SELECT_SHIFT, 2);
    }

    /** Sets flags.select. */
    public static void select(MemorySegment s, long base, int v) {
        Le.bits8(s, base + SELECT_OFFSET, SELECT_SHIFT, 2, v);
    }

    /** feature_id (§8.1) (u8). */
    public static int featureId(MemorySegment s, long base) {
        return Le.u8(s, base + FEATURE_ID_OFFSET);
    }

    /** Sets feature_id. */
    public static void featureId(MemorySegment s, long base, int v) {
        Le.u8(s, base + FEATURE_ID_OFFSET, v);
    }

    /** feature_version: driver's maximum supported version (zero based) (u8). */
    public static int featureVersion(MemorySegment s, long base) {
        return Le.u8(s, base + FEATURE_VERSION_OFFSET);
    }

    /** Sets feature_version. */
    public static void featureVersion(MemorySegment s, long base, int v) {
        Le.u8(s, base + FEATURE_VERSION_OFFSET, v);
    }


    /** Offset of the feature payload in a GET_FEATURE response (ACQ entry). */
    public static final long GET_PAYLOAD = 8;
    /** Offset of the feature payload in a SET_FEATURE command (AQ entry). */
    public static final long SET_PAYLOAD = 20;
    /** Bytes available for a GET response payload (8..63). */
    public static final long GET_PAYLOAD_SIZE = 56;
    /** Bytes available for a SET command payload (20..63). */
    public static final long SET_PAYLOAD_SIZE = 44;
    /** SELECT code: current value. */
    public static final int SELECT_CURRENT = 1;
    /** SELECT code: default value. */
    public static final int SELECT_DEFAULT = 3;
    /** AQ flags the reference drivers use when a GET/SET_FEATURE carries a control buffer (§6.2). */
    public static final int AQ_FLAGS_WITH_CTRL_BUFFER = 0x04;
}
