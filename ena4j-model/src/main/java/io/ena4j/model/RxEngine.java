package io.ena4j.model;

import io.ena4j.platform.Iommu;
import io.ena4j.spec.Le;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.RxDesc;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The device side of one Rx submission queue (datapath.md §5, §6, §8.2, §11.3, §17 item 5): the driver posts buffers
 * with Rx descriptors and a doorbell; each received frame is scattered into the next posted buffers and reported
 * with one Rx completion per buffer.
 *
 * <h2>Delivery of one frame</h2>
 * <ul>
 * <li>Buffers are used in posted order, from the device's consumer index up to the doorbell (free-running 16-bit,
 * §8.4). Each Rx descriptor must carry the phase of its lap; its {@code length} is the buffer size (0 = 65536);
 * {@code ctrl} bit 5 = 0 and the other ctrl/MBZ bits are tolerated (§5, §17 item 4).</li>
 * <li>Data starts at offset 0 of the first buffer ({@code rx_offset} 0, allowed whether or not the driver announced
 * RX_OFFSET, §7.7) and fills each buffer up to its length before moving on (§11.3 "device obligations").</li>
 * <li>All buffers a frame needs are checked before anything is written, so a frame is either delivered whole or
 * dropped without side effects: not enough posted buffers → {@code rx_drops} and {@code rx_overruns}; more buffers
 * than {@code max_per_packet_rx_descs} (the device's limit, §8.1) → {@code rx_drops}; a posted descriptor with the
 * wrong phase (a driver bug) → {@code rx_drops} and {@link ModelCounters#rxDescriptorErrors()}, and the queue delivers
 * nothing until that descriptor is rewritten correctly [decision: consuming a descriptor the device cannot trust
 * would desynchronise the ring].</li>
 * <li>One completion per buffer (§6.1): {@code length} written, {@code req_id} echoed, {@code first} on the first,
 * {@code last} on the last, {@code buffer} (bit 30) set [§6.1 UNCERTAIN, "a device model should set 1"], phase per CQ
 * lap, offset 0, sub_qid 0; the parsing bits (protocols, checksum results, {@code ipv4_frag}) and the RSS hash only on
 * the last; never MBZ bits 7/17. A 32-byte (extended) entry also gets the buffer address and the receive timestamp
 * (ns of the receiving model's clock since its creation). Every entry's bytes 4..31 are stored before its status
 * word, which follows a release fence; entries of one packet are published in order (§11.3 step 2 allows the driver
 * to see them incrementally).</li>
 * <li>DMA faults (Rx ring, buffer or CQ not reachable, memory released during access) put the receiving device into
 * FATAL_ERROR, as on Tx.</li>
 * </ul>
 *
 * <h2>Threading: single writer</h2>
 * An Rx engine's state (consumer index, CQ producer position, counters) is written only by the thread that feeds the
 * model's receive port: the thread stepping the model whose Tx frame crosses the wire (another model for
 * {@link Wires#pair}, the model itself for {@link Wires#loopback} and {@link Wires#nullSource}). The driver's
 * doorbell reaches it through a volatile field; the completion count reaches the interrupt logic through a release
 * store. If the queue is destroyed or the device reset meanwhile, the engine notices through its generation and the
 * retired flag before the next frame; a frame already in flight may still complete into the old ring (which the
 * driver has not reused yet: it frees rings only after the destroy completes), and a fault it causes after the device
 * moved on is ignored, never made fatal.
 *
 * <h2>Injected faults</h2>
 * With a data-path fault armed in {@link FaultInjector} (one volatile read per frame otherwise): a failed buffer DMA
 * ({@link FaultInjector#failNextDataPathDma()}) is a DMA fault as above (frame dropped, device fatal); a corrupted
 * packet ({@link FaultInjector#corruptNextRxCompletion}) is delivered with the changes its
 * {@link FaultInjector.RxCompletionFault} describes, the rest of its completions as usual. An open
 * {@link FaultInjector.RxCompletionFault#LAST_MISSING LAST_MISSING} run is engine state (one plain read per frame) and
 * ends with the queue.
 */
final class RxEngine {

    static final int BATCH = 64;

    static final String BAD_PHASE = "Rx descriptor with the phase of another lap";
    static final String DOORBELL_AHEAD = "Rx SQ doorbell more than the ring depth ahead";
    static final String INJECTED_DMA = "Rx buffer (injected fault: unmapped under traffic)";

    private static final long DESC = RxDesc.SIZE;
    private static final int FIRST = RxCdescBase.STATUS_FIRST_MASK;
    private static final int LAST = RxCdescBase.STATUS_LAST_MASK;
    private static final int BUFFER = RxCdescBase.STATUS_BUFFER_MASK;

    final SubmissionQueue sq;
    final CompletionQueue cq;
    final TrafficCounters stats = new TrafficCounters();
    private final EnaDeviceModel model;
    private final FaultInjector faults;
    private final DataDma dma;
    private final int generation;
    private final int depth;
    private final int mask;
    private final int shift;
    private final int maxBufs;
    private final long[] bufAddr;
    private final int[] bufLen;
    private final int[] bufReq;
    private volatile boolean retired;
    private int consumed;
    /** Entries written so far in an open LAST_MISSING run (no 'last' yet), 0 if none is open. */
    private int runEntries;
    /** Scratch bit set of posted req_ids for BAD_REQ_ID (allocated the first time that fault fires). */
    private long[] postedIds;
    /** Ring and CQ mappings resolved for the feeder's current step ({@link #deliver} {@code stamp}). */
    private long cachedStamp;
    private Iommu.Mapping ringMap;
    private Iommu.Mapping cqMap;
    /** IOMMU cursors of this engine (feeder thread): rings and buffers each keep their own last hit. */
    private final Iommu.Cursor ringCursor;
    private final Iommu.Cursor cqCursor;
    private final Iommu.Cursor bufCursor;

    RxEngine(EnaDeviceModel model, SubmissionQueue sq, int generation) {
        this.model = model;
        this.faults = model.faults();
        this.sq = sq;
        this.cq = sq.cq();
        this.dma = model.dataDma();
        this.generation = generation;
        this.depth = sq.depth();
        this.mask = depth - 1;
        this.shift = Integer.numberOfTrailingZeros(depth);
        int limit = model.profile().queues().maxPerPacketRxDescs();
        this.maxBufs = Math.max(1, Math.min(limit == 0 ? depth : limit, depth));
        this.bufAddr = new long[maxBufs];
        this.bufLen = new int[maxBufs];
        this.bufReq = new int[maxBufs];
        this.ringCursor = dma.cursor();
        this.cqCursor = dma.cursor();
        this.bufCursor = dma.cursor();
    }

    /** The queue was destroyed (stepping thread). */
    void retire() {
        retired = true;
    }

    /** Consumer index: free-running 16-bit index of the next posted descriptor to use. */
    int consumed() {
        return consumed;
    }

    /** Buffers posted and not yet used (feeder thread). */
    int posted() {
        return (sq.doorbellValue() - consumed) & 0xFFFF;
    }

    /**
     * Delivers one frame.
     *
     * @param frame      the frame bytes at {@code [off, off + len)}, len ≥ 1
     * @param lastStatus parsing bits of the completion status for the last buffer ({@link DataPlane#rxStatusBits})
     * @param hash       RSS hash for the last completion
     * @param countDrop  false for a source that only fills posted buffers (no buffer is then not a drop)
     * @param stamp      the feeding step's stamp ({@link EnaDeviceModel#stepStamp()}), 0 if none: the Rx ring and
     *                   CQ are resolved through the IOMMU once per stamp (once per batch, as the Tx engine resolves
     *                   its rings once per batch), buffers once per frame
     * @return true if delivered
     */
    boolean deliver(MemorySegment frame, long off, int len, int lastStatus, int hash, boolean countDrop,
                    long stamp) {
        if (retired || model.liveGeneration() != generation) {
            if (countDrop) {
                stats.inc(TrafficCounters.RX_DROPS);
            }
            return false;
        }
        int posted = (sq.doorbellValue() - consumed) & 0xFFFF;
        if (posted > depth) {
            model.counters().sqDoorbellError(DOORBELL_AHEAD);
            return drop(false, countDrop);
        }
        if (posted == 0) {
            return drop(true, countDrop);
        }
        long ringIo = sq.ringIoAddress();
        try {
            Iommu.Mapping rm;
            Iommu.Mapping cm;
            if (stamp != 0 && stamp == cachedStamp) {
                rm = ringMap;
                cm = cqMap;
            } else {
                rm = dma.resolve(ringIo, depth * DESC, ringCursor);
                if (rm == null) {
                    return fault("Rx SQ ring", ringIo, depth * DESC);
                }
                cm = dma.resolve(cq.ringIoAddress(), cq.ringBytes(), cqCursor);
                if (cm == null) {
                    return fault("Rx CQ ring", cq.ringIoAddress(), cq.ringBytes());
                }
                ringMap = rm;
                cqMap = cm;
                cachedStamp = stamp;
            }
            MemorySegment ring = rm.segment();
            long rbase = ringIo - rm.ioBase();
            int remaining = len;
            int n = 0;
            while (remaining > 0) {
                if (n == posted) {
                    return drop(true, countDrop);
                }
                if (n == maxBufs) {
                    return drop(false, countDrop);
                }
                int idx = consumed + n;
                long d = rbase + (long) (idx & mask) * DESC;
                // two 8-byte reads instead of four field reads (one bounds check each): word 0 + req_id, then
                // buff_addr_lo + buff_addr_hi (upper 16 bits of the second word are reserved and masked off)
                long q0 = Le.u64(ring, d);
                int w0 = (int) q0;
                if ((w0 >>> 24 & RxDesc.CTRL_PHASE_MASK) != (((idx >>> shift) & 1) ^ 1)) {
                    model.counters().rxDescriptorError(BAD_PHASE);
                    return drop(false, countDrop);
                }
                int size = w0 & RxDesc.WORD0_LENGTH_MASK;
                int take = Math.min(remaining, size == 0 ? 65536 : size);
                bufLen[n] = take;
                bufReq[n] = (int) (q0 >>> (8 * RxDesc.REQ_ID_OFFSET)) & 0xFFFF;
                bufAddr[n] = Le.u64(ring, d + RxDesc.BUFF_ADDR_LO_OFFSET) & Le.ADDR48_MASK;
                remaining -= take;
                n++;
            }
            boolean armed = faults.anyDataPathFault();
            long pos = off;
            for (int k = 0; k < n; k++) {
                long a = bufAddr[k];
                int l = bufLen[k];
                if (armed && faults.takeDataPathDmaFailure()) {
                    model.counters().dataPathDmaFaultInjected();
                    return fault(INJECTED_DMA, a, l);
                }
                Iommu.Mapping m = dma.resolve(a, l, bufCursor);
                if (m == null) {
                    return fault("Rx buffer", a, l);
                }
                MemorySegment.copy(frame, pos, m.segment(), a - m.ioBase(), l);
                pos += l;
            }
            FaultInjector.RxCompletionFault fk = armed ? faults.takeRxCompletionFault() : null;
            if (fk == null && runEntries == 0) {
                writeCompletions(cm, n, lastStatus, hash);
            } else {
                writeFaultyCompletions(cm, n, lastStatus, hash, fk, faultValue(fk, ring, rbase, posted));
            }
            consumed = (consumed + n) & 0xFFFF;
            stats.inc(TrafficCounters.RX_PKTS);
            stats.add(TrafficCounters.RX_BYTES, len);
            return true;
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            return fault("Rx queue memory (released during access)", ringIo, 0);
        }
    }

    private void writeCompletions(Iommu.Mapping cm, int n, int lastStatus, int hash) {
        MemorySegment s = cm.segment();
        long ringBase = cq.ringIoAddress() - cm.ioBase();
        int entry = cq.entrySizeBytes();
        int cqMask = cq.depth() - 1;
        long stamp = entry >= 32 ? model.receiveTimestamp() : 0;
        for (int k = 0; k < n; k++) {
            long off = ringBase + (long) (cq.producerIndex() & cqMask) * entry;
            boolean last = k == n - 1;
            Le.u32(s, off + RxCdescBase.LENGTH_OFFSET, bufLen[k] | bufReq[k] << 16);
            // hash (bytes 8..11) and sub_qid 0, offset 0, reserved 0 (bytes 12..15) in one 8-byte store
            Le.u64(s, off + RxCdescBase.HASH_OFFSET, last ? Integer.toUnsignedLong(hash) : 0L);
            if (entry >= 32) {
                // buffer address low 32 bits, high 16 bits, reserved 16 bits (bufAddr is already 48-bit)
                Le.u64(s, off + 16, bufAddr[k]);
                Le.u64(s, off + 24, stamp);
            }
            int status = cq.producerPhase() << RxCdescBase.STATUS_PHASE_SHIFT | BUFFER | (k == 0 ? FIRST : 0)
                    | (last ? LAST | lastStatus : 0);
            VarHandle.releaseFence();
            Le.u32(s, off + RxCdescBase.STATUS_OFFSET, status);
            cq.produced();
        }
    }

    /** The replacement req_id (BAD_REQ_ID) or length (LENGTH_PAST_BUFFER) for the first entry; 0 otherwise. */
    private int faultValue(FaultInjector.RxCompletionFault fk, MemorySegment ring, long rbase, int posted) {
        if (fk == FaultInjector.RxCompletionFault.BAD_REQ_ID) {
            return unpostedReqId(ring, rbase, posted);
        }
        if (fk == FaultInjector.RxCompletionFault.LENGTH_PAST_BUFFER) {
            int size = Le.u32(ring, rbase + (long) (consumed & mask) * DESC) & RxDesc.WORD0_LENGTH_MASK;
            return Math.min((size == 0 ? 65536 : size) + 1, 0xFFFF);
        }
        return 0;
    }

    /**
     * The smallest req_id below the depth that no posted descriptor ({@code posted} from the consumer index) carries,
     * or the depth if every one is posted (then out of range). Fault path only: O(depth).
     */
    private int unpostedReqId(MemorySegment ring, long rbase, int posted) {
        int words = (depth + 63) >>> 6;
        long[] set = postedIds;
        if (set == null) {
            set = postedIds = new long[words];
        }
        Arrays.fill(set, 0L);
        for (int i = 0; i < posted; i++) {
            long d = rbase + (long) ((consumed + i) & mask) * DESC;
            int r = Le.u16(ring, d + RxDesc.REQ_ID_OFFSET);
            if (r < depth) {
                set[r >>> 6] |= 1L << r;
            }
        }
        for (int w = 0; w < words; w++) {
            long free = ~set[w];
            if (free != 0) {
                int r = (w << 6) + Long.numberOfTrailingZeros(free);
                return Math.min(r, depth);
            }
        }
        return depth;
    }

    /**
     * {@link #writeCompletions} with an injected fault {@code fk} on this packet (null: only continuing an open
     * LAST_MISSING run). {@code value}: see {@link #faultValue}.
     */
    private void writeFaultyCompletions(Iommu.Mapping cm, int n, int lastStatus, int hash,
                                        FaultInjector.RxCompletionFault fk, int value) {
        if (fk != null) {
            model.counters().rxCompletionCorrupted();
        }
        boolean continuing = runEntries > 0;
        boolean inRun = continuing || fk == FaultInjector.RxCompletionFault.LAST_MISSING;
        MemorySegment s = cm.segment();
        long ringBase = cq.ringIoAddress() - cm.ioBase();
        int entry = cq.entrySizeBytes();
        int cqMask = cq.depth() - 1;
        long stamp = entry >= 32 ? model.receiveTimestamp() : 0;
        for (int k = 0; k < n; k++) {
            long off = ringBase + (long) (cq.producerIndex() & cqMask) * entry;
            boolean first = k == 0 && !continuing;
            boolean last = k == n - 1;
            if (inRun) {
                runEntries++;
                if (last) {
                    if (runEntries > maxBufs) {
                        runEntries = 0; // the run is now longer than the device's limit: close it
                    } else {
                        last = false;
                    }
                }
            }
            int len = bufLen[k];
            int req = bufReq[k];
            if (k == 0 && fk != null) {
                switch (fk) {
                    case BAD_REQ_ID -> req = value;
                    case ZERO_LENGTH -> len = 0;
                    case LENGTH_PAST_BUFFER -> len = value;
                    case FIRST_MISSING -> first = false;
                    case LAST_MISSING -> { }
                }
            }
            Le.u32(s, off + RxCdescBase.LENGTH_OFFSET, len | req << 16);
            Le.u64(s, off + RxCdescBase.HASH_OFFSET, last ? Integer.toUnsignedLong(hash) : 0L);
            if (entry >= 32) {
                Le.u64(s, off + 16, bufAddr[k]);
                Le.u64(s, off + 24, stamp);
            }
            int status = cq.producerPhase() << RxCdescBase.STATUS_PHASE_SHIFT | BUFFER | (first ? FIRST : 0)
                    | (last ? LAST | lastStatus : 0);
            VarHandle.releaseFence();
            Le.u32(s, off + RxCdescBase.STATUS_OFFSET, status);
            cq.produced();
        }
    }

    private boolean drop(boolean overrun, boolean countDrop) {
        if (countDrop) {
            stats.inc(TrafficCounters.RX_DROPS);
            if (overrun) {
                stats.inc(TrafficCounters.RX_OVERRUNS);
            }
        }
        return false;
    }

    private boolean fault(String what, long io, long len) {
        model.dataPathFault(what, io, len, generation);
        stats.inc(TrafficCounters.RX_DROPS);
        return false;
    }
}
