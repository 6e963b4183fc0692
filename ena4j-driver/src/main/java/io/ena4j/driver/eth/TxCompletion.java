package io.ena4j.driver.eth;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.spec.eth.SqDirection;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.eth.TxCdescExt;
import io.ena4j.spec.regs.ResetReason;

import java.lang.foreign.MemorySegment;

/**
 * Tx completion parsing and slot release: the reference {@code ena_com_tx_comp_req_id_get} and
 * {@code ena_com_comp_ack} (datapath.md §4, §8.2, §8.3, §12.2).
 *
 * <p>The device writes one completion per packet, possibly out of order (§4.3); the caller maps the req_id back to
 * its packet, adds up the SQ slots those packets used ({@link TxContext#nbHwDesc}) and releases them with
 * {@link #ack}. Checking that the req_id is actually in flight is the caller's (§12.2 step 4).
 */
public final class TxCompletion {

    private TxCompletion() {
    }

    /**
     * Takes the completion at the CQ head, if the device has written one.
     *
     * <p>Reads the first word (req_id, status, flags with the phase bit) once, with acquire semantics (§8.2), so
     * the req_id comes from the same load that proved the entry new. Checks, in the reference order: phase
     * (no entry: {@code -EAGAIN}); with CDESC_MBZ, flags bits 7:6 ({@code -EFAULT}, counted
     * {@code tx_desc_malformed}, reset TX_DESCRIPTOR_MALFORMED); req_id below the depth ({@code -EINVAL}, counted
     * {@code bad_req_id}, reset INV_TX_REQ_ID, the bad value left in {@code out.reqId}). The head advances only
     * on success; with 16-byte entries the timestamp is returned too (§4.2).
     *
     * @return 0, {@code -EAGAIN}, {@code -EFAULT} or {@code -EINVAL}
     */
    public static int reqIdGet(IoCq cq, TxCompletionInfo out) {
        out.reqId = -1;
        out.hasTimestamp = false;
        if (cq.direction() != SqDirection.TX) {
            cq.stats().increment(RingCounter.INVALID_REQUEST);
            return EnaErrno.EINVAL;
        }
        // Every CQ field is read before the acquire load: a field read after it could not reuse an earlier load.
        MemorySegment ring = cq.ring();
        int mask = cq.mask();
        int head = cq.head();
        int phase = cq.phase();
        boolean mbz = cq.cdescMbz();
        boolean extended = cq.isExtended();
        long base = (long) (head & mask) * cq.entrySize();
        int word0 = TxCdesc.word0Acquire(ring, base);
        if (((word0 & TxCdesc.WORD0_PHASE_MASK) >>> TxCdesc.WORD0_PHASE_SHIFT) != phase) {
            return EnaErrno.EAGAIN;
        }
        if (mbz && (word0 & TxCdesc.WORD0_MBZ_MASK) != 0) {
            RingStats stats = cq.stats();
            stats.increment(RingCounter.TX_DESC_MALFORMED);
            stats.requestReset(ResetReason.TX_DESCRIPTOR_MALFORMED);
            return EnaErrno.EFAULT;
        }
        int reqId = word0 & TxCdesc.WORD0_REQ_ID_MASK;
        out.reqId = reqId;
        if (reqId > mask) {
            RingStats stats = cq.stats();
            stats.increment(RingCounter.BAD_REQ_ID);
            stats.requestReset(ResetReason.INV_TX_REQ_ID);
            return EnaErrno.EINVAL;
        }
        if (extended) {
            out.timestamp = TxCdescExt.timestamp(ring, base);
            out.hasTimestamp = true;
        }
        head = (head + 1) & 0xFFFF;
        cq.moveHead(head, (head & mask) == 0 ? phase ^ 1 : phase);
        return EnaErrno.OK;
    }

    /**
     * Releases {@code slots} SQ slots of completed packets: {@code next_to_comp += slots} (reference
     * {@code ena_com_comp_ack}, §8.3).
     *
     * <p>ena4j check: releasing more slots than are in use would let {@code next_to_comp} overtake {@code tail}
     * and make the space checks lie; such a call is refused with {@code -EINVAL} (counted
     * {@code invalid_request}) and changes nothing.
     *
     * @return 0 or {@code -EINVAL}
     */
    public static int ack(IoSq sq, int slots) {
        if (slots < 0 || slots > sq.usedEntries()) {
            sq.stats().increment(RingCounter.INVALID_REQUEST);
            return EnaErrno.EINVAL;
        }
        sq.release(slots);
        return EnaErrno.OK;
    }
}
