package io.ena4j.model;

import io.ena4j.model.net.FrameInfo;
import io.ena4j.platform.Iommu;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.eth.TxDesc;
import io.ena4j.spec.eth.TxMetaDesc;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The device side of one Tx submission queue (datapath.md §2, §3, §4, §8, §9, §17 items 2–4): consumes the
 * descriptors (host placement) or LLQ entries (device placement) the doorbell announces, assembles each packet's
 * frame, hands it to the port's {@link Wire} and writes one Tx completion per packet.
 *
 * <h2>Consumption</h2>
 * <ul>
 * <li>The doorbell is the driver's free-running 16-bit tail (§8.4); {@code (doorbell − head) mod 2^16} items are new.
 * A doorbell more than the ring depth ahead is a driver error: counted ({@link ModelCounters#sqDoorbellErrors()}) and
 * everything it announces is discarded (head resynchronised to it) [decision, as the admin queue does].</li>
 * <li>Host placement: 16-byte descriptors at {@code sq_ba + 16·(i mod depth)} read through the IOMMU. LLQ: entries at
 * {@code llq_descriptors_offset + (i mod depth)·E} in BAR 2; the first entry of a packet holds D descriptor slots then
 * the pushed header at {@code 16·D} ({@code header_length} of the first data descriptor); continuation entries hold up
 * to {@code descs_per_entry} descriptors (E/16 with the multiple stride, 1 with the single stride), from the LLQ
 * configuration negotiated when the SQ was created (§9.1, §9.2).</li>
 * <li>Every descriptor must carry the phase of its lap (§8.2: 1 on lap 0, then alternating; in LLQ, the phase of the
 * entry's lap).</li>
 * <li>A packet is {@code [meta] data0 … dataN}: the first descriptor has {@code first}; a meta descriptor (word 0
 * bit 23) may only come first; the packet ends at the data descriptor with {@code last} (§2, §3.3). Tolerated as the
 * driver does them (§17 item 4): {@code first} set on data0 after a meta descriptor, zero-length data descriptors
 * (no DMA is made for them), any MBZ bit, DF = 0.</li>
 * <li>A packet whose {@code last} lies beyond the doorbell is waited for (the driver never rings mid-packet; nothing
 * is consumed until it is complete) unless it already has the per-packet maximum of descriptors.</li>
 * <li>At most {@code budget} packets per call bound the latency of the other queues.</li>
 * </ul>
 *
 * <h2>Per packet</h2>
 * <ul>
 * <li>Meta cache (§3.3): a meta descriptor applies to its own packet; with {@code meta_store} it also replaces the
 * queue's cached record (all zero at SQ creation), which applies to packets without one.</li>
 * <li>Frame = LLQ header bytes + every data buffer in order (host placement: buffers only, {@code header_length} is
 * a hint). One copy, from the IOMMU mappings into the model's frame buffer.</li>
 * <li>Tx checksum offload when data0 asks ({@code l3_csum_en}, {@code l4_csum_en}, {@code l4_csum_partial}) and the
 * device advertises it in STATELESS_OFFLOAD_CONFIG.tx (§3.2: bit 0 IPv4 header, bits 1/2 L4 over IPv4
 * partial/full, bits 3/4 over IPv6); the L3 offset and length come from the meta record, the protocols from data0,
 * the L4 header starts right after L3 (§3: "the descriptor fields as given"). A request the device does not
 * advertise is ignored (the frame goes out unmodified) and counted ({@link ModelCounters#txOffloadsIgnored()}).
 * [not modelled] TSO: {@code tso_en} frames are sent as one frame, so one above the MTU is dropped.</li>
 * <li>Frames longer than MTU + 18 bytes, and empty frames, are dropped ({@code tx_drops}) but completed: the device
 * consumed them and the driver needs its req_id back [decision]. No padding of short frames [decision: the model
 * sends exactly the bytes it was given].</li>
 * <li>Completion (§4): one {@code tx_cdesc} per packet with the req_id of data0, status 0, sub_qid 0,
 * {@code sq_head_idx} = the SQ head after the packet, MBZ bits 0, phase per CQ lap; for a 16-byte CQ entry the
 * timestamp (ns of the model clock since creation) at +8. Bytes 4..15 are stored first, then word 0 (req_id, status,
 * phase) after a release fence. With completion policy 1 ({@code DESC_ON_DEMAND}) only packets whose data0 has
 * {@code comp_req} complete; with policy 0 every packet does.</li>
 * </ul>
 *
 * <h2>Errors (the driver is untrusted)</h2>
 * <ul>
 * <li>DMA faults — ring, CQ or buffer not reachable through the IOMMU or beyond the DMA width, or memory released
 * during the access: the device enters FATAL_ERROR and stops (as for the admin queue); the packet is not sent and
 * not completed.</li>
 * <li>A broken descriptor stream — bad phase, missing {@code first}, {@code first} in the middle of a packet, a meta
 * descriptor after data or carrying {@code last}, more descriptors than {@code max_per_packet_tx_descs} without
 * {@code last}: the packet is discarded without a completion, counted ({@link ModelCounters#txDescriptorErrors()},
 * reason in {@link ModelCounters#lastDataPathError()}), and the engine resumes at the next announced descriptor that
 * has {@code first} and a valid phase (LLQ: the next such entry) — like hardware that drops a bad packet and keeps the
 * queue running [decision]. The driver's missing-completion watchdog (§12.3) sees the loss.</li>
 * <li>An LLQ {@code header_length} beyond the entry ({@code E − 16·D}): the packet is well delimited, so it is
 * dropped ({@code tx_drops}), counted as a descriptor error, and completed.</li>
 * </ul>
 *
 * <h2>Injected faults</h2>
 * With a data-path fault armed in {@link FaultInjector} (one volatile read per packet otherwise): a failed buffer DMA
 * ({@link FaultInjector#failNextDataPathDma()}) is a DMA fault as above; a withheld completion
 * ({@link FaultInjector#withholdTxCompletions(int)}, {@link FaultInjector#withholdAllTxCompletions(boolean)}) leaves
 * the CQ untouched after the frame was sent; a corrupted completion ({@link FaultInjector#corruptNextTxCompletion})
 * changes word 0 only (req_id or MBZ flag bits), bytes 4..15 are as usual.
 *
 * <p>Threading: runs only on the thread stepping the model. It stops within one packet when a device reset or fatal
 * error (on any thread) changes the model's live generation, and never reports faults of a generation that is gone.
 */
final class TxEngine {

    static final int BATCH = 64;

    private static final int FIRST = TxDesc.LEN_CTRL_FIRST_MASK;
    private static final int LAST = TxDesc.LEN_CTRL_LAST_MASK;
    private static final int META = TxDesc.LEN_CTRL_META_DESC_MASK;
    private static final int COMP_REQ = TxDesc.LEN_CTRL_COMP_REQ_MASK;
    private static final int META_STORE = TxMetaDesc.LEN_CTRL_META_STORE_MASK;
    private static final int CSUM_EN = TxDesc.META_CTRL_L3_CSUM_EN_MASK | TxDesc.META_CTRL_L4_CSUM_EN_MASK;
    private static final long DESC = TxDesc.SIZE;

    private static final int OK = 0;
    private static final int WAIT = 1;
    private static final int MALFORMED = 2;
    private static final int CONTINUE = 0;
    private static final int DONE = 1;

    static final String BAD_PHASE = "Tx descriptor with the phase of another lap";
    static final String MISSING_FIRST = "Tx packet whose first descriptor lacks 'first'";
    static final String FIRST_IN_MIDDLE = "Tx descriptor with 'first' inside a packet";
    static final String META_MISPLACED = "Tx meta descriptor not at the start of a packet";
    static final String META_LAST = "Tx meta descriptor with 'last' (no data descriptor)";
    static final String TOO_MANY = "Tx packet with more descriptors than max_per_packet_tx_descs";
    static final String HEADER_TOO_LONG = "LLQ header_length beyond the entry";
    static final String DOORBELL_AHEAD = "SQ doorbell more than the ring depth ahead";
    static final String INJECTED_DMA = "Tx buffer (injected fault: unmapped under traffic)";

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
    private final boolean llq;
    private final MemorySegment bar2;
    private final long llqBase;
    private final int entrySize;
    private final int descsBeforeHeader;
    private final int descsPerEntry;
    private final int headerRoom;
    private final int maxDescs;
    private final long[] bufAddr;
    private final int[] bufLen;
    private final int txOffloads;
    private final boolean onDemand;
    private final MemorySegment frame;
    /** IOMMU cursors (stepping thread): SQ ring, CQ ring and data buffers each keep their own last hit. */
    private final Iommu.Cursor ringCursor;
    private final Iommu.Cursor cqCursor;
    private final Iommu.Cursor bufCursor;

    private int head;
    private boolean retired;
    /** req_id of the last completion written with its correct req_id, -1 before the first (for a duplicate). */
    private int prevReqId = -1;
    /** Meta cache (§3.3): word 2 of the last stored meta descriptor (l3 len/offset, l4 words, mss low bits). */
    private int cacheWord2;

    private int dataCount;
    private long total;
    private int reqId;
    private int metaCtrl;
    private int headerLen;
    private boolean compReq;
    private boolean metaSeen;
    private boolean metaStore;
    private int pktWord2;
    private long firstEntryOff;
    private String error;

    /**
     * @param llqDescsBeforeHeader D, or 0 for host placement
     * @param llqDescsPerEntry     descriptors per continuation entry, or 0 for host placement
     */
    TxEngine(EnaDeviceModel model, SubmissionQueue sq, int generation, int llqDescsBeforeHeader,
             int llqDescsPerEntry) {
        this.model = model;
        this.faults = model.faults();
        this.sq = sq;
        this.cq = sq.cq();
        this.dma = model.dataDma();
        this.generation = generation;
        this.depth = sq.depth();
        this.mask = depth - 1;
        this.shift = Integer.numberOfTrailingZeros(depth);
        this.llq = sq.isLlq();
        this.bar2 = llq ? model.bar2() : null;
        this.llqBase = sq.llqDescriptorsOffset();
        this.entrySize = sq.llqEntrySize();
        this.descsBeforeHeader = llqDescsBeforeHeader;
        this.descsPerEntry = llqDescsPerEntry;
        this.headerRoom = llq ? entrySize - 16 * llqDescsBeforeHeader : 0;
        int limit = model.profile().queues().maxPerPacketTxDescs();
        int possible = llq ? llqDescsBeforeHeader + (depth - 1) * llqDescsPerEntry : depth;
        this.maxDescs = Math.max(1, Math.min(limit == 0 ? possible : limit, possible));
        this.bufAddr = new long[maxDescs];
        this.bufLen = new int[maxDescs];
        this.txOffloads = model.profile().offloads().tx();
        this.onDemand = sq.completionPolicy() == CreateSqCmd.COMPLETION_POLICY_DESC_ON_DEMAND;
        this.frame = model.txFrame();
        this.ringCursor = dma.cursor();
        this.cqCursor = dma.cursor();
        this.bufCursor = dma.cursor();
    }

    /** The queue was destroyed (stepping thread): never process again. */
    void retire() {
        retired = true;
    }

    /** Device head: the free-running 16-bit index of the next descriptor (host) or entry (LLQ) to consume. */
    int head() {
        return head;
    }

    /**
     * Processes up to {@code budget} packets the doorbell announces.
     *
     * @return packets consumed (sent, dropped or discarded), 0 when idle
     */
    int process(DataPlane plane, long now, int budget) {
        if (retired) {
            return 0;
        }
        int db = sq.doorbellValue();
        int avail = (db - head) & 0xFFFF;
        if (avail == 0) {
            return 0;
        }
        if (avail > depth) {
            model.counters().sqDoorbellError(DOORBELL_AHEAD);
            head = db;
            return 1;
        }
        MemorySegment ring;
        long base;
        if (llq) {
            ring = bar2;
            base = llqBase;
        } else {
            Iommu.Mapping m = dma.resolve(sq.ringIoAddress(), depth * DESC, ringCursor);
            if (m == null) {
                fault("Tx SQ ring", sq.ringIoAddress(), depth * DESC);
                return 1;
            }
            ring = m.segment();
            base = sq.ringIoAddress() - m.ioBase();
        }
        Iommu.Mapping cm = dma.resolve(cq.ringIoAddress(), cq.ringBytes(), cqCursor);
        if (cm == null) {
            fault("Tx CQ ring", cq.ringIoAddress(), cq.ringBytes());
            return 1;
        }
        Wire wire = model.wire();
        int work = 0;
        try {
            while (work < budget && model.liveGeneration() == generation) {
                avail = (db - head) & 0xFFFF;
                if (avail == 0) {
                    break;
                }
                int r = llq ? scanLlq(ring, base, avail) : scanHost(ring, base, avail);
                if (r == WAIT) {
                    break;
                }
                work++;
                if (r == MALFORMED) {
                    model.counters().txDescriptorError(error);
                    continue;
                }
                boolean armed = faults.anyDataPathFault();
                if (!send(plane, wire, armed)) {
                    break;
                }
                if ((!onDemand || compReq) && !complete(cm, now, armed)) {
                    break;
                }
            }
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            fault("Tx queue memory (released during access)", sq.ringIoAddress(), 0);
        }
        return work;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Scanning
    // ---------------------------------------------------------------------------------------------------------------

    private int phaseOf(int index) {
        return ((index >>> shift) & 1) ^ 1;
    }

    private void beginPacket() {
        dataCount = 0;
        total = 0;
        metaSeen = false;
        metaStore = false;
        compReq = false;
        headerLen = 0;
        metaCtrl = 0;
        reqId = 0;
    }

    /** Host placement: one packet from {@code head}; on OK the head moves past it. */
    private int scanHost(MemorySegment ring, long base, int avail) {
        beginPacket();
        for (int n = 0; ; n++) {
            if (n == avail) {
                return WAIT;
            }
            int idx = head + n;
            int r = take(ring, base + (long) (idx & mask) * DESC, n, phaseOf(idx));
            if (r == DONE) {
                head = (head + n + 1) & 0xFFFF;
                packetComplete();
                return OK;
            }
            if (r != CONTINUE) {
                return skipHost(ring, base, avail);
            }
            if (n + 1 >= maxDescs) {
                error = TOO_MANY;
                return skipHost(ring, base, avail);
            }
        }
    }

    /** LLQ: one packet from entry {@code head}; on OK the head moves past its entries. */
    private int scanLlq(MemorySegment ring, long base, int avail) {
        beginPacket();
        long entryOff = base + (long) (head & mask) * entrySize;
        firstEntryOff = entryOff;
        int phase = phaseOf(head);
        int entries = 0;
        int slot = 0;
        int slots = descsBeforeHeader;
        for (int n = 0; ; n++) {
            if (slot == slots) {
                entries++;
                if (entries == avail) {
                    return WAIT;
                }
                int e = head + entries;
                entryOff = base + (long) (e & mask) * entrySize;
                phase = phaseOf(e);
                slot = 0;
                slots = descsPerEntry;
            }
            int r = take(ring, entryOff + DESC * slot, n, phase);
            slot++;
            if (r == DONE) {
                head = (head + entries + 1) & 0xFFFF;
                packetComplete();
                return OK;
            }
            if (r != CONTINUE) {
                return skipLlq(ring, base, avail);
            }
            if (n + 1 >= maxDescs) {
                error = TOO_MANY;
                return skipLlq(ring, base, avail);
            }
        }
    }

    /**
     * Consumes descriptor {@code n} of the packet at {@code off}.
     *
     * @return CONTINUE, DONE (it was the last), or -1 with {@link #error} set
     */
    private int take(MemorySegment ring, long off, int n, int phase) {
        // the whole descriptor in two 8-byte reads (one bounds check each) instead of up to four field reads:
        // words 0 (len_ctrl) and 1 (meta_ctrl), then words 2 (buff_addr_lo / meta word 2) and 3
        long q0 = Le.u64(ring, off);
        long q1 = Le.u64(ring, off + TxDesc.BUFF_ADDR_LO_OFFSET);
        int w0 = (int) q0;
        if (((w0 >>> TxDesc.LEN_CTRL_PHASE_SHIFT) & 1) != phase) {
            error = BAD_PHASE;
            return -1;
        }
        boolean first = (w0 & FIRST) != 0;
        if ((w0 & META) != 0) {
            if (n != 0) {
                error = META_MISPLACED;
                return -1;
            }
            if (!first) {
                error = MISSING_FIRST;
                return -1;
            }
            if ((w0 & LAST) != 0) {
                error = META_LAST;
                return -1;
            }
            metaSeen = true;
            metaStore = (w0 & META_STORE) != 0;
            pktWord2 = (int) (q1 >>> 8 * (TxMetaDesc.WORD2_OFFSET - TxDesc.BUFF_ADDR_LO_OFFSET));
            return CONTINUE;
        }
        if (n == 0 && !first) {
            error = MISSING_FIRST;
            return -1;
        }
        if (first && n > 0 && !(n == 1 && metaSeen)) {
            error = FIRST_IN_MIDDLE;
            return -1;
        }
        int w3 = (int) (q1 >>> 8 * (TxDesc.BUFF_ADDR_HI_HDR_SZ_OFFSET - TxDesc.BUFF_ADDR_LO_OFFSET));
        if (dataCount == 0) {
            int w1 = (int) (q0 >>> 8 * TxDesc.META_CTRL_OFFSET);
            metaCtrl = w1;
            reqId = ((w0 & TxDesc.LEN_CTRL_REQ_ID_HI_MASK) >>> TxDesc.LEN_CTRL_REQ_ID_HI_SHIFT) << TxDesc.REQ_ID_LO_BITS
                    | w1 >>> TxDesc.META_CTRL_REQ_ID_LO_SHIFT;
            compReq = (w0 & COMP_REQ) != 0;
            headerLen = w3 >>> TxDesc.HEADER_LENGTH_SHIFT;
        }
        int len = w0 & TxDesc.LEN_CTRL_LENGTH_MASK;
        bufAddr[dataCount] = (q1 & 0xFFFF_FFFFL) | (long) (w3 & TxDesc.ADDR_HI_MASK) << 32;
        bufLen[dataCount] = len;
        dataCount++;
        total += len;
        return (w0 & LAST) != 0 ? DONE : CONTINUE;
    }

    private void packetComplete() {
        if (metaSeen && metaStore) {
            cacheWord2 = pktWord2;
        }
    }

    /** Discards from {@code head} to the next announced descriptor with 'first' and a valid phase. */
    private int skipHost(MemorySegment ring, long base, int avail) {
        for (int k = 1; k < avail; k++) {
            int idx = head + k;
            int w0 = Le.u32(ring, base + (long) (idx & mask) * DESC);
            if ((w0 & FIRST) != 0 && ((w0 >>> TxDesc.LEN_CTRL_PHASE_SHIFT) & 1) == phaseOf(idx)) {
                head = idx & 0xFFFF;
                return MALFORMED;
            }
        }
        head = (head + avail) & 0xFFFF;
        return MALFORMED;
    }

    /** Discards from entry {@code head} to the next announced entry whose slot 0 starts a packet. */
    private int skipLlq(MemorySegment ring, long base, int avail) {
        for (int k = 1; k < avail; k++) {
            int e = head + k;
            int w0 = Le.u32(ring, base + (long) (e & mask) * entrySize);
            if ((w0 & FIRST) != 0 && ((w0 >>> TxDesc.LEN_CTRL_PHASE_SHIFT) & 1) == phaseOf(e)) {
                head = e & 0xFFFF;
                return MALFORMED;
            }
        }
        head = (head + avail) & 0xFFFF;
        return MALFORMED;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sending and completing
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Gathers and sends (or drops) the scanned packet. False on a DMA fault.
     *
     * @param armed a data-path fault is armed ({@link FaultInjector#anyDataPathFault()})
     */
    private boolean send(DataPlane plane, Wire wire, boolean armed) {
        int h = llq ? headerLen : 0;
        if (h > headerRoom) {
            model.counters().txDescriptorError(HEADER_TOO_LONG);
            stats.inc(TrafficCounters.TX_DROPS);
            return true;
        }
        long t = total + h;
        if (t == 0 || t > plane.frameLimit || t > frame.byteSize()) {
            stats.inc(TrafficCounters.TX_DROPS);
            return true;
        }
        int len = (int) t;
        int pos = 0;
        if (h > 0) {
            MemorySegment.copy(bar2, firstEntryOff + 16L * descsBeforeHeader, frame, 0, h);
            pos = h;
        }
        for (int i = 0; i < dataCount; i++) {
            int l = bufLen[i];
            if (l == 0) {
                continue;
            }
            long a = bufAddr[i];
            if (armed && faults.takeDataPathDmaFailure()) {
                model.counters().dataPathDmaFaultInjected();
                fault(INJECTED_DMA, a, l);
                return false;
            }
            Iommu.Mapping m = dma.resolve(a, l, bufCursor);
            if (m == null) {
                fault("Tx buffer", a, l);
                return false;
            }
            MemorySegment.copy(m.segment(), a - m.ioBase(), frame, pos, l);
            pos += l;
        }
        if ((metaCtrl & CSUM_EN) != 0) {
            offload(len);
        }
        FrameCapture cap = model.capture();
        if (cap != null) {
            cap.frame(false, frame, 0, len, model.clockNanos());
        }
        if (wire != null) {
            wire.transmit(model, frame, 0, len);
        }
        stats.inc(TrafficCounters.TX_PKTS);
        stats.add(TrafficCounters.TX_BYTES, len);
        return true;
    }

    /** Tx checksum offload (§2 word 1, §3.1, §3.2) as far as the device advertises it. */
    private void offload(int len) {
        int mc = metaCtrl;
        int l3p = mc & TxDesc.META_CTRL_L3_PROTO_IDX_MASK;
        int l4p = (mc & TxDesc.META_CTRL_L4_PROTO_IDX_MASK) >>> TxDesc.META_CTRL_L4_PROTO_IDX_SHIFT;
        boolean partial = (mc & TxDesc.META_CTRL_L4_CSUM_PARTIAL_MASK) != 0;
        boolean wantL3 = (mc & TxDesc.META_CTRL_L3_CSUM_EN_MASK) != 0;
        boolean wantL4 = (mc & TxDesc.META_CTRL_L4_CSUM_EN_MASK) != 0;
        boolean v4 = l3p == FrameInfo.L3_IPV4;
        boolean v6 = l3p == FrameInfo.L3_IPV6;
        boolean l3 = wantL3 && v4 && (txOffloads & 0x1) != 0;
        int need = v4 ? (partial ? 0x2 : 0x4) : v6 ? (partial ? 0x8 : 0x10) : 0;
        boolean l4 = wantL4 && need != 0 && (txOffloads & need) != 0;
        if (l3 != wantL3 || l4 != wantL4) {
            model.counters().txOffloadIgnored();
        }
        if (!l3 && !l4) {
            return;
        }
        int w2 = metaSeen ? pktWord2 : cacheWord2;
        int l3Len = w2 & TxMetaDesc.WORD2_L3_HDR_LEN_MASK;
        int l3Off = (w2 & TxMetaDesc.WORD2_L3_HDR_OFF_MASK) >>> TxMetaDesc.WORD2_L3_HDR_OFF_SHIFT;
        FrameInfo info = model.txInfo();
        info.clear();
        info.l3Proto = l3p;
        info.l4Proto = l4p;
        info.l3Offset = l3Off;
        info.l3HeaderLength = l3Len;
        info.l4Offset = l3Off + l3Len;
        FrameOps.fillTxChecksums(frame, 0, len, info, l3, l4, partial);
    }

    /**
     * Writes the Tx completion of the scanned packet (§4.1), unless an injected fault withholds it. False on a fault
     * (memory released).
     */
    private boolean complete(Iommu.Mapping cm, long now, boolean armed) {
        int id = reqId & 0xFFFF;
        int w0 = id | cq.producerPhase() << 24;
        boolean idKept = true;
        if (armed) {
            if (faults.takeWithholdTxCompletion()) {
                model.counters().txCompletionWithheld();
                return true;
            }
            FaultInjector.TxCompletionFault k = faults.takeTxCompletionFault(prevReqId >= 0);
            if (k != null) {
                model.counters().txCompletionCorrupted();
                idKept = k == FaultInjector.TxCompletionFault.MBZ_BITS;
                w0 = switch (k) {
                    case REQ_ID_OUT_OF_RANGE -> (w0 & ~TxCdesc.WORD0_REQ_ID_MASK)
                            | Math.min(Math.max(depth, cq.depth()), TxCdesc.WORD0_REQ_ID_MASK);
                    case REQ_ID_DUPLICATE -> (w0 & ~TxCdesc.WORD0_REQ_ID_MASK) | prevReqId;
                    case MBZ_BITS -> w0 | TxCdesc.WORD0_MBZ_MASK;
                };
            }
        }
        int entry = cq.entrySizeBytes();
        long off = cq.ringIoAddress() - cm.ioBase() + (long) (cq.producerIndex() & (cq.depth() - 1)) * entry;
        MemorySegment s = cm.segment();
        if (entry >= 16) {
            Le.u64(s, off + 8, now - model.epochNanos());
        }
        Le.u32(s, off + 4, (head & 0xFFFF) << 16);
        VarHandle.releaseFence();
        Le.u32(s, off, w0);
        cq.produced();
        if (idKept) {
            prevReqId = id;
        }
        return true;
    }

    private void fault(String what, long io, long len) {
        model.dataPathFault(what, io, len, generation);
    }
}
