package io.ena4j.driver.eth;

import io.ena4j.driver.com.EnaErrno;
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
 *   <li>The req_ids of a packet are re-checked when its entries are read for the result, since a partial
 *       packet's early entries were validated by an earlier call and device memory may have changed since.</li>
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
        MemorySegment seg = sq.descSegment();
        long off = sq.nextDescOffset();
        RxDesc.word0(seg, off, RxDesc.word0Of(length, RxDesc.CTRL_DRIVER_BASE | sq.phase()));
        RxDesc.reqId(seg, off, reqId);
        RxDesc.reserved6(seg, off, 0);
        RxDesc.buffAddrLo(seg, off, (int) ioAddress);
        RxDesc.buffAddrHi(seg, off, sq.addressHi(ioAddress));
        RxDesc.reserved16W3(seg, off, 0);
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
        ctx.clearOutputs();
        int maxBufs = ctx.maxBufs;
        if (cq.direction() != SqDirection.RX || sq.direction() != SqDirection.RX || maxBufs < 1
                || maxBufs > ctx.capacity()) {
            return invalid(cq.stats());
        }
        MemorySegment ring = cq.ring();
        int depth = cq.depth();
        int count = cq.curRxPktCdescCount();
        boolean last = false;
        while (true) {
            long base = cq.headOffset();
            int status = RxCdescBase.statusAcquire(ring, base);
            if (((status & RxCdescBase.STATUS_PHASE_MASK) >>> RxCdescBase.STATUS_PHASE_SHIFT) != cq.phase()) {
                break;
            }
            if ((status & RxCdescBase.STATUS_FIRST_MASK) != 0 && count != 0) {
                return malformed(cq.stats());
            }
            if (cq.cdescMbz() && (status & RxCdescBase.STATUS_MBZ_MASK) != 0) {
                return malformed(cq.stats());
            }
            if (RxCdescBase.reqId(ring, base) >= depth) {
                return badReqId(cq.stats());
            }
            cq.incHead();
            count++;
            if (count > maxBufs) {
                cq.rxPartial(0, cq.head() & cq.mask());
                RingStats stats = cq.stats();
                stats.increment(RingCounter.BAD_DESC_NUM);
                stats.requestReset(ResetReason.TOO_MANY_RX_DESCS);
                return EnaErrno.ENOSPC;
            }
            if ((status & RxCdescBase.STATUS_LAST_MASK) != 0) {
                last = true;
                break;
            }
        }
        if (!last) {
            cq.rxPartial(count, cq.curRxPktCdescStartIdx());
            return EnaErrno.OK;
        }

        int first = cq.curRxPktCdescStartIdx();
        cq.rxPartial(0, cq.head() & cq.mask());
        if (count > sq.usedEntries()) {
            return badReqId(cq.stats());
        }
        long firstBase = cq.entryOffset(first);
        long lastBase = firstBase;
        for (int i = 0; i < count; i++) {
            long base = cq.entryOffset(first + i);
            int reqId = RxCdescBase.reqId(ring, base);
            if (reqId >= depth) {
                return badReqId(cq.stats());
            }
            ctx.bufReqId[i] = reqId;
            ctx.bufLen[i] = RxCdescBase.length(ring, base);
            lastBase = base;
        }
        sq.release(count);

        // Offset from the first entry, parse results from the last one (§6.1).
        ctx.pktOffset = RxCdescBase.offset(ring, firstBase);
        int status = RxCdescBase.status(ring, lastBase);
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
        }
        ctx.descs = count;
        return EnaErrno.OK;
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
