package io.ena4j.spec.regs;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * The 8-byte readless response buffer in host memory (management.md §4.1). The device must make req_id visible
 * after reg_off and reg_val (§4.4).
 *
 * <pre>
 *  off  type      field
 *  +0   u16       req_id
 *  +2   u16       reg_off
 *  +4   u32       reg_val
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class ReadlessResponse {

    private ReadlessResponse() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 8;
    /** Offset of req_id. */
    public static final long REQ_ID_OFFSET = 0;
    /** Offset of reg_off. */
    public static final long REG_OFF_OFFSET = 2;
    /** Offset of reg_val. */
    public static final long REG_VAL_OFFSET = 4;

    /** req_id: request id echoed by the device (u16). */
    public static int reqId(MemorySegment s, long base) {
        return Le.u16(s, base + REQ_ID_OFFSET);
    }

    /** Sets req_id. */
    public static void reqId(MemorySegment s, long base, int v) {
        Le.u16(s, base + REQ_ID_OFFSET, v);
    }

    /** reg_off: offset of the register that was read (u16). */
    public static int regOff(MemorySegment s, long base) {
        return Le.u16(s, base + REG_OFF_OFFSET);
    }

    /** Sets reg_off. */
    public static void regOff(MemorySegment s, long base, int v) {
        Le.u16(s, base + REG_OFF_OFFSET, v);
    }

    /** reg_val: register value (u32, raw bits). */
    public static int regVal(MemorySegment s, long base) {
        return Le.u32(s, base + REG_VAL_OFFSET);
    }

    /** Sets reg_val. */
    public static void regVal(MemorySegment s, long base, int v) {
        Le.u32(s, base + REG_VAL_OFFSET, v);
    }


    /** Added to the sequence number before a read so that a stale req_id can never match (§4.3 step 2). */
    public static final int STALE_BIAS = 0xDEAD;

    /** The req_id the driver stores before request {@code seq}: {@code (seq + 0xDEAD) & 0xFFFF} (§4.3). */
    public static int staleReqId(int seq) {
        return (seq + STALE_BIAS) & 0xFFFF;
    }
}
