package io.ena4j.spec.regs;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * The 64-byte PHC shared response buffer (management.md §10.2). The device fills timestamp, error_bound and
 * error_flags, then writes req_id last (§10.3).
 *
 * <pre>
 *  off  type      field
 *  +0   u16       req_id
 *  +8   u64       timestamp
 *  +24  u32       error_bound
 *  +28  u32       error_flags
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class PhcResponse {

    private PhcResponse() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 64;
    /** Offset of req_id. */
    public static final long REQ_ID_OFFSET = 0;
    /** Offset of timestamp. */
    public static final long TIMESTAMP_OFFSET = 8;
    /** Offset of error_bound. */
    public static final long ERROR_BOUND_OFFSET = 24;
    /** Offset of error_flags. */
    public static final long ERROR_FLAGS_OFFSET = 28;

    /** req_id: request id taken from the doorbell write (u16). */
    public static int reqId(MemorySegment s, long base) {
        return Le.u16(s, base + REQ_ID_OFFSET);
    }

    /** Sets req_id. */
    public static void reqId(MemorySegment s, long base, int v) {
        Le.u16(s, base + REQ_ID_OFFSET, v);
    }

    /** timestamp in nanoseconds (u64). */
    public static long timestamp(MemorySegment s, long base) {
        return Le.u64(s, base + TIMESTAMP_OFFSET);
    }

    /** Sets timestamp. */
    public static void timestamp(MemorySegment s, long base, long v) {
        Le.u64(s, base + TIMESTAMP_OFFSET, v);
    }

    /** error_bound in nanoseconds (0xFFFFFFFF = invalid) (u32, raw bits). */
    public static int errorBound(MemorySegment s, long base) {
        return Le.u32(s, base + ERROR_BOUND_OFFSET);
    }

    /** Sets error_bound. */
    public static void errorBound(MemorySegment s, long base, int v) {
        Le.u32(s, base + ERROR_BOUND_OFFSET, v);
    }

    /** error_flags: bit 0 timestamp error, bit 1 error-bound error (u32, raw bits). */
    public static int errorFlags(MemorySegment s, long base) {
        return Le.u32(s, base + ERROR_FLAGS_OFFSET);
    }

    /** Sets error_flags. */
    public static void errorFlags(MemorySegment s, long base, int v) {
        Le.u32(s, base + ERROR_FLAGS_OFFSET, v);
    }


    /** error_flags bit 0: timestamp error. */
    public static final int ERROR_FLAG_TIMESTAMP = 0x1;
    /** error_flags bit 1: error-bound error. */
    public static final int ERROR_FLAG_ERROR_BOUND = 0x2;
    /** error_bound value meaning "invalid" (§10.3, §14). */
    public static final int ERROR_BOUND_INVALID = 0xFFFFFFFF;
    /** Added to the request id before a doorbell so that stale data cannot match (§10.3 step 3). */
    public static final int STALE_BIAS = 0xDEAD;

    /** The req_id the driver stores before request {@code reqId}: {@code (reqId + 0xDEAD) & 0xFFFF}. */
    public static int staleReqId(int reqId) {
        return (reqId + STALE_BIAS) & 0xFFFF;
    }
}
