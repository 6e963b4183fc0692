package io.ena4j.driver.eth;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.spec.Le;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.RxCdescExt;
import io.ena4j.spec.eth.RxDesc;
import io.ena4j.spec.eth.SqDirection;
import io.ena4j.spec.regs.ResetReason;

import java.lang.foreign.MemorySegment;

/**
 * Rx buffer posting and Rx completion parsing: the reference {@code ena_com_add_single_rx_desc} and
 * {@code ena_com_rx_pkt} (datapath.md §5, §6, §8.2, §8.3, §11.3, §12.2).
 *
 * <h2>Packet assembly (§11.3)</h2>
 * Entries are consumed from the CQ head while their phase matches. Each entry's status word is read first with
 * acquire semantics, then checked before the head moves past it: a {@code first} bit inside a packet, or (with
 * CDESC_MBZ) status bits 7/17, is {@code -EFAULT} (reset RX_DESCRIPTOR_MALFORMED); a req_id not below the ring
 * depth is {@code -EIO} (reset INV_RX_REQ_ID, {@code bad_req_id}). A packet with more entries than
 * {@link RxContext#maxBufs} is {@code -ENOSPC} (reset TOO_MANY_RX_DESCS, {@code bad_desc_num}). If the CQ runs dry
 * before the {@code last} entry, the partial count is kept in the CQ and the packet completes on a later call.
 *
 * <h2>Deliberate differences from the DPDK copy the vectors come from</h2>
 * <ul>
 *   <li>req_id is checked per entry before the head advances, like the Linux copy (vectors README "Scope"): on
 *       a bad req_id the head stays on the bad entry. The DPDK copy checks after consuming the whole packet.</li>
 *   <li>Consumption stops as soon as the packet exceeds {@code maxBufs} instead of after its {@code last} entry,
 *       which bounds the work of one call even against a device that never sets {@code last}. (For a packet
 *       that ends exactly one entry past the limit, as in the vectors, the result is identical.)</li>
 *   <li>Each entry consumed in this call is read once: after the acquire read of its status word, one 32-bit
 *       load gives length and req_id, and the checked req_id is the one returned (the reference reads the entry
 *       again when it builds the result). Entries of a partial packet consumed by an earlier call are read again
 *       and their req_ids re-checked, since device memory may have changed since. The last entry's status word
 *       is the acquired one, not a second read.</li>
 *   <li>A packet with more entries than buffers posted on the Rx SQ is refused ({@code -EIO}, INV_RX_REQ_ID):
 *       the reference would move {@code next_to_comp} past {@code tail}.</li>
 *   <li>{@link #addRxDesc} refuses lengths above 65536, req_ids not below the depth and (by default) addresses
 *       wider than the DMA width ({@code -EINVAL}), which the reference truncates.</li>
 * </ul>
 */
public final class RxPath {

    private RxPath() {
    }

    /**
     * Posts one empty buffer at the SQ tail (§5): {@code ctrl = first | last | comp_req | phase}; the caller rings
     * the doorbell after a batch ({@link IoSq#writeDoorbell()}, §8.4).
     *
     * @param sq        an Rx SQ
     * @param ioAddress buffer IO address
     * @param length    buffer length, 1..65536 (65536 is encoded as 0; a raw 0 is accepted and means 65536, §5)
     * @param reqId     buffer id, below the ring depth
     * @return 0, {@code -ENOSPC} if the ring is full, {@code -EINVAL} for a refused argument
     */
    public static int addRxDesc(IoSq sq, long ioAddress, int length, int reqId) {
        if (sq.direction() != SqDirection.RX) {
            return invalid(sq.stats());
        }
        if (!sq.haveEnoughSpace(1)) {
            return EnaErrno.ENOSPC;
        }
        if (length < 0 || length > 65536 || reqId < 0 || reqId >= sq.depth()) {
            return invalid(sq.stats());
        }
        if (sq.dmaAddressCheck() == DmaAddressCheck.REJECT && !sq.addressFits(ioAddress)) {
            sq.stats().increment(RingCounter.BAD_DMA_ADDR);
            return EnaErrno.EINVAL;
        }
        // The whole descriptor as two 32-bit word pairs: word0 | req_id (reserved6 0), addr_lo | addr_hi
        // (reserved 0); the same 16 bytes the field setters would write.
        IoSq.putDesc(sq.descSegment(), sq.nextDescOffset(),
                RxDesc.word0Of(length, RxDesc.CTRL_DRIVER_BASE | sq.phase()), reqId & 0xFFFF,
                (int) ioAddress, sq.addressHi(ioAddress));
        return sq.updateTail();
    }

    /**
     * Takes the next complete packet from the Rx CQ, if there is one (see the class comment), and releases its
     * buffers' slots on the Rx SQ ({@code next_to_comp += descs}).
     *
     * @return 0 (with {@code ctx.descs} 0 if no complete packet is available yet), {@code -EFAULT},
     *         {@code -EIO}, {@code -ENOSPC}, or {@code -EINVAL} for a wrong queue / context
     */
    public static int rxPkt(IoCq cq, IoSq sq, RxContext ctx) {
        // Every output is cleared unless a packet is returned, which sets every output itself.
        int maxBufs = ctx.maxBufs;
        if (cq.direction() != SqDirection.RX || sq.direction() != SqDirection.RX || maxBufs < 1
                || maxBufs > ctx.capacity()) {
            ctx.clearOutputs();
            return invalid(cq.stats());
        }
        // CQ state in locals, written back once: the acquire load of each status word keeps every later memory
        // access after it, so a field read before it would have to be read again after it; a local does not.
        MemorySegment ring = cq.ring();
        int mask = cq.mask();
        int depth = mask + 1;
        int entrySize = cq.entrySize();
        boolean mbz = cq.cdescMbz();
        int head = cq.head();
        int phase = cq.phase();
        int[] reqIds = ctx.bufReqId;
        int[] lens = ctx.bufLen;
        // Entries of this packet consumed by earlier calls (it was incomplete then); re-read below.
        int earlier = cq.curRxPktCdescCount();
        int count = earlier;
        int status = 0;
        long lastBase = -1;
        int rc = EnaErrno.OK;
        while (true) {
            long base = (long) (head & mask) * entrySize;
            int st = RxCdescBase.statusAcquire(ring, base);
            if (((st & RxCdescBase.STATUS_PHASE_MASK) >>> RxCdescBase.STATUS_PHASE_SHIFT) != phase) {
                break;
            }
            if (((st & RxCdescBase.STATUS_FIRST_MASK) != 0 && count != 0)
                    || (mbz && (st & RxCdescBase.STATUS_MBZ_MASK) != 0)) {
                rc = EnaErrno.EFAULT;
                break;
            }
            // length (bytes 4-5) and req_id (bytes 6-7) in one load, after the acquire of the status word.
            int lenReqId = Le.u32(ring, base + RxCdescBase.LENGTH_OFFSET);
            int reqId = lenReqId >>> 16;
            if (reqId >= depth) {
                rc = EnaErrno.EIO;
                break;
            }
            head = (head + 1) & 0xFFFF;
            if ((head & mask) == 0) {
                phase ^= 1;
            }
            count++;
            if (count > maxBufs) {
                rc = EnaErrno.ENOSPC;
                break;
            }
            // The values checked above are the ones used: each field of this call's entries is read once.
            reqIds[count - 1] = reqId;
            lens[count - 1] = lenReqId & 0xFFFF;
            if ((st & RxCdescBase.STATUS_LAST_MASK) != 0) {
                status = st;
                lastBase = base;
                break;
            }
        }
        cq.moveHead(head, phase);
        if (rc != EnaErrno.OK || lastBase < 0) {
            ctx.clearOutputs();
            if (rc != EnaErrno.OK) {
                return consumeFailed(cq, rc, head & mask);
            }
            cq.rxPartial(count, cq.curRxPktCdescStartIdx());
            return EnaErrno.OK;
        }

        int first = cq.curRxPktCdescStartIdx();
        cq.rxPartial(0, head & mask);
        if (count > sq.usedEntries()) {
            ctx.clearOutputs();
            return badReqId(cq.stats());
        }
        for (int i = 0; i < earlier; i++) {
            long base = (long) ((first + i) & mask) * entrySize;
            int reqId = RxCdescBase.reqId(ring, base);
            if (reqId >= depth) {
                ctx.clearOutputs();
                return badReqId(cq.stats());
            }
            reqIds[i] = reqId;
            lens[i] = RxCdescBase.length(ring, base);
        }
        sq.release(count);

        // Offset from the first entry, parse results (status read above) from the last one (§6.1).
        ctx.pktOffset = RxCdescBase.offset(ring, (long) (first & mask) * entrySize);
        ctx.l3Proto = (status & RxCdescBase.STATUS_L3_PROTO_IDX_MASK) >>> RxCdescBase.STATUS_L3_PROTO_IDX_SHIFT;
        ctx.l4Proto = (status & RxCdescBase.STATUS_L4_PROTO_IDX_MASK) >>> RxCdescBase.STATUS_L4_PROTO_IDX_SHIFT;
        ctx.l3CsumErr = (status & RxCdescBase.STATUS_L3_CSUM_ERR_MASK) != 0;
        ctx.l4CsumErr = (status & RxCdescBase.STATUS_L4_CSUM_ERR_MASK) != 0;
        ctx.l4CsumChecked = (status & RxCdescBase.STATUS_L4_CSUM_CHECKED_MASK) != 0;
        ctx.frag = (status & RxCdescBase.STATUS_IPV4_FRAG_MASK) != 0;
        ctx.hash = RxCdescBase.hash(ring, lastBase);
        if (cq.isExtended()) {
            ctx.timestamp = RxCdescExt.timestamp(ring, lastBase);
            ctx.hasTimestamp = true;
        } else {
            ctx.timestamp = 0;
            ctx.hasTimestamp = false;
        }
        ctx.descs = count;
        return EnaErrno.OK;
    }

    /**
     * Accounting of a consumption failure, the head left on the bad entry ({@code -EFAULT} malformed,
     * {@code -EIO} bad req_id) or past the entry that exceeded {@code maxBufs} ({@code -ENOSPC}, partial state
     * reset to start after it).
     */
    private static int consumeFailed(IoCq cq, int rc, int headIdx) {
        if (rc == EnaErrno.EFAULT) {
            return malformed(cq.stats());
        }
        if (rc == EnaErrno.EIO) {
            return badReqId(cq.stats());
        }
        cq.rxPartial(0, headIdx);
        RingStats stats = cq.stats();
        stats.increment(RingCounter.BAD_DESC_NUM);
        stats.requestReset(ResetReason.TOO_MANY_RX_DESCS);
        return EnaErrno.ENOSPC;
    }

    private static int malformed(RingStats stats) {
        stats.increment(RingCounter.RX_DESC_MALFORMED);
        stats.requestReset(ResetReason.RX_DESCRIPTOR_MALFORMED);
        return EnaErrno.EFAULT;
    }

    private static int badReqId(RingStats stats) {
        stats.increment(RingCounter.BAD_REQ_ID);
        stats.requestReset(ResetReason.INV_RX_REQ_ID);
        return EnaErrno.EIO;
    }

    private static int invalid(RingStats stats) {
        stats.increment(RingCounter.INVALID_REQUEST);
        return EnaErrno.EINVAL;
    }
}
