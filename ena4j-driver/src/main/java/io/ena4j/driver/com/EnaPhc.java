package io.ena4j.driver.com;

import io.ena4j.platform.Clock;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.RegisterBar;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PhcResponse;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PTP hardware clock read protocol (management.md §10, the reference's {@code ena_com_phc_get_timestamp}):
 * a 64-byte shared response buffer the device writes, a doorbell register, a request id, and a rate limit.
 *
 * <p>A read writes a stale request id ({@code req_id + 0xDEAD}) into the buffer, rings the doorbell with
 * {@code req_id} and waits until the device has written {@code req_id} back (it writes the timestamp, the error
 * bound and the error flags first), at most {@code expire_timeout_usec}. A read that expires, or whose answer carries
 * an error flag, puts the clock in the <em>blocked</em> state for {@code block_timeout_usec} from that request: reads
 * in that period fail at once without touching the device ({@code phc_skp}), so a busy device is not flooded. The
 * first read after the block period accounts for the blocked request by what the buffer holds then: the request id
 * never came back ({@code phc_err_dv}, a device error), it came with error flags ({@code phc_err_ts},
 * {@code phc_err_eb}), or it came late but good ({@code phc_exp}). Good reads count {@code phc_cnt} and make the
 * reported error bound valid; any failure makes it invalid until the next good read.
 *
 * <p>Everything read from the buffer is device-written and untrusted: only a request id equal to the one sent
 * completes a read, and a set error flag voids the timestamp. Reads are serialized by this object's monitor (the
 * reference's spin lock); the counters may be read at any time. Return codes are the reference's errnos.
 */
public final class EnaPhc {

    private static final VarHandle REQ_ID = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private final RegisterBar bar0;
    private final int doorbellOffset;
    private final DmaBuffer shared;
    private final MemorySegment resp;
    private final Clock clock;
    private final long expireNanos;
    private final long blockNanos;

    private int reqId;
    /** Time of the request that blocked the clock; meaningful while {@link #blocked}. */
    private long blockedSinceNanos;
    private boolean blocked;
    private volatile int errorBound = PhcResponse.ERROR_BOUND_INVALID;

    private volatile long cnt;
    private volatile long exp;
    private volatile long skp;
    private volatile long errDv;
    private volatile long errTs;
    private volatile long errEb;

    /**
     * @param bar0   register BAR (the doorbell)
     * @param shared the 64-byte response buffer given to the device by SET_FEATURE(PHC_CONFIG), zeroed
     * @param config the validated PHC_CONFIG answer (doorbell offset, expire ≤ block timeouts)
     * @param clock  time source of the expire and block periods
     */
    public EnaPhc(RegisterBar bar0, DmaBuffer shared, PhcConfigInfo config, Clock clock) {
        if (shared == null || shared.size() < PhcResponse.SIZE) {
            throw new IllegalArgumentException("PHC shared buffer must hold " + PhcResponse.SIZE + " bytes");
        }
        this.bar0 = bar0;
        this.doorbellOffset = config.doorbellOffset();
        this.shared = shared;
        this.resp = shared.segment();
        this.clock = clock;
        this.expireNanos = config.expireTimeoutUsec() * 1_000L;
        this.blockNanos = config.blockTimeoutUsec() * 1_000L;
    }

    /** The shared response buffer (the owner frees it when PHC is torn down, §10.1 step 4). */
    public DmaBuffer sharedBuffer() {
        return shared;
    }

    /**
     * Reads the device clock.
     *
     * @param out {@code out[0]} receives the timestamp in nanoseconds on success
     * @return 0, or {@link EnaErrno#EBUSY} when the clock is blocked (rate limit), the device did not answer within
     *         the expire timeout, or its answer carried an error flag
     */
    public synchronized int getTimestamp(long[] out) {
        long now = clock.nanoTime();
        if (blocked) {
            if (now - blockedSinceNanos <= blockNanos) {
                skp++;
                return EnaErrno.EBUSY;
            }
            accountBlockedRequest();
        }
        blockedSinceNanos = now;
        blocked = true; // until the answer proves good
        reqId = (reqId + 1) & 0xFFFF;
        REQ_ID.setRelease(resp, PhcResponse.REQ_ID_OFFSET, (short) PhcResponse.staleReqId(reqId));
        bar0.write32(doorbellOffset, reqId & EnaRegs.PHC_DB_REQ_ID_MASK);
        long deadline = now + expireNanos;
        while ((((short) REQ_ID.getAcquire(resp, PhcResponse.REQ_ID_OFFSET)) & 0xFFFF) != reqId) {
            if (clock.nanoTime() - deadline > 0) {
                errorBound = PhcResponse.ERROR_BOUND_INVALID;
                return EnaErrno.EBUSY;
            }
            clock.sleepMicros(1);
        }
        if ((PhcResponse.errorFlags(resp, 0) & (PhcResponse.ERROR_FLAG_TIMESTAMP
                | PhcResponse.ERROR_FLAG_ERROR_BOUND)) != 0) {
            errorBound = PhcResponse.ERROR_BOUND_INVALID;
            return EnaErrno.EBUSY;
        }
        out[0] = PhcResponse.timestamp(resp, 0);
        errorBound = PhcResponse.errorBound(resp, 0);
        cnt++;
        blocked = false;
        return EnaErrno.OK;
    }

    /** The blocked request's fate, read from the buffer once the block period is over. */
    private void accountBlockedRequest() {
        int got = ((short) REQ_ID.getAcquire(resp, PhcResponse.REQ_ID_OFFSET)) & 0xFFFF;
        int flags = PhcResponse.errorFlags(resp, 0);
        if (got != reqId) {
            errDv++;
        } else if ((flags & (PhcResponse.ERROR_FLAG_TIMESTAMP | PhcResponse.ERROR_FLAG_ERROR_BOUND)) != 0) {
            if ((flags & PhcResponse.ERROR_FLAG_TIMESTAMP) != 0) {
                errTs++;
            }
            if ((flags & PhcResponse.ERROR_FLAG_ERROR_BOUND) != 0) {
                errEb++;
            }
        } else {
            exp++;
        }
        blocked = false;
    }

    /**
     * The error bound of the last good read (reference {@code ena_com_phc_get_error_bound}).
     *
     * @param out {@code out[0]} receives the bound in nanoseconds on success
     * @return 0, or {@link EnaErrno#EBUSY} when the last read failed (the bound is invalid)
     */
    public int getErrorBound(int[] out) {
        int b = errorBound;
        if (b == PhcResponse.ERROR_BOUND_INVALID) {
            return EnaErrno.EBUSY;
        }
        out[0] = b;
        return EnaErrno.OK;
    }

    /** The request id of the last read (0 before the first). */
    public synchronized int requestId() {
        return reqId;
    }

    /** Expire timeout in µs (after the driver defaults and the expire ≤ block rule, §10.1). */
    public long expireTimeoutUs() {
        return expireNanos / 1_000L;
    }

    /** Block timeout in µs. */
    public long blockTimeoutUs() {
        return blockNanos / 1_000L;
    }

    /** The {@code ethtool -S} PHC group in the Linux driver's order (datapath.md §16.1 item 4). */
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("phc_cnt", cnt);
        m.put("phc_exp", exp);
        m.put("phc_skp", skp);
        m.put("phc_err_dv", errDv);
        m.put("phc_err_ts", errTs);
        m.put("phc_err_eb", errEb);
        return m;
    }
}
