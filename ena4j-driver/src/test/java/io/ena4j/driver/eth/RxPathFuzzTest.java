package io.ena4j.driver.eth;

import static io.ena4j.driver.fuzz.Fuzz.check;
import static io.ena4j.driver.fuzz.Fuzz.phaseAt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ena4j.driver.com.EnaErrno;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.RxCdescExt;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Fuzzes the Rx completion parser {@link RxPath#rxPkt} (datapath.md §6, §8.2, §11.3, §12.2) over an
 * {@link IoCq#rx} ring and its {@link IoSq#rx} ring. See docs/FUZZING.md.
 *
 * <p>The input sets both rings up (depth 2..512, 16- or 32-byte completions, CDESC_MBZ, u16 start counters
 * anywhere, {@code max_bufs} 1..19, initial CQ memory stale entries with garbage fields or raw bytes) and scripts
 * a run: the driver posts buffers ({@link RxPath#addRxDesc}) and rings the doorbell; a well-behaved device fills
 * posted buffers in order with packets of up to {@code max_bufs} entries (first/last, offset on the first, parse
 * results on the last, sometimes publishing a packet in two steps); a misbehaving device writes raw bytes over any
 * completion entry; the driver polls. Properties:
 * <ul>
 *   <li>nothing throws (ring segments are exactly sized, so an out-of-bounds read is an exception), only
 *       0 / EFAULT / EIO / ENOSPC are returned;</li>
 *   <li>rc 0 with a packet: 1..max_bufs buffers, every req_id below the depth, lengths u16, protocol indexes
 *       5-bit, timestamp exactly for extended entries, the Rx SQ released by exactly the packet's buffer count and
 *       never more than was posted (SQ accounting stays in [0, depth - 1] whatever the device writes);</li>
 *   <li>the CQ head passes each entry at most once per time the device wrote it;</li>
 *   <li>while the device behaves: every call returns 0, packets come out exactly as written (buffers, lengths,
 *       offset, hash, flags, timestamp), in order, each posted buffer once and never again before it is re-posted,
 *       half-published packets stay pending (never half-delivered, never lost), and nothing is counted.</li>
 * </ul>
 */
class RxPathFuzzTest {

    /** A packet as the device wrote it. */
    private record Pkt(int[] ids, int[] lens, int status, int hash, int offset, long ts) {
    }

    @FuzzTest(maxDuration = "10m")
    void rxPkt(FuzzedDataProvider data) {
        int depth = 1 << data.consumeInt(1, 9);
        int mask = depth - 1;
        boolean extended = data.consumeBoolean();
        int entry = extended ? (int) RxCdescExt.SIZE : (int) RxCdescBase.SIZE;
        boolean mbz = data.consumeBoolean();
        int sqStart = data.consumeInt(0, 0xFFFF);
        int cqStart = data.consumeInt(0, 0xFFFF);
        int maxBufs = data.consumeInt(1, 19);
        boolean rawInit = data.consumeBoolean();

        RingStats stats = new RingStats();
        EthTestSupport.RecordingBar bar = new EthTestSupport.RecordingBar();
        MemorySegment sqSeg = MemorySegment.ofArray(new long[depth * 2]);
        MemorySegment cqSeg = MemorySegment.ofArray(new long[depth * entry / 8]);
        IoSq sq = IoSq.rx(new DmaBuffer(sqSeg, 0x3_0000_0000L), depth, 48, bar, 0x1000, stats);
        sq.restoreState(sqStart, phaseAt(sqStart, depth), sqStart);
        IoCq cq = IoCq.rx(new DmaBuffer(cqSeg, 0x4_0000_0000L), depth, entry, mbz, stats);
        cq.restoreState(cqStart, phaseAt(cqStart, depth), 0, cqStart & mask);
        RxContext ctx = new RxContext(data.consumeInt(maxBufs, 24));
        ctx.maxBufs = maxBufs;

        int[] written = new int[depth];
        int[] consumedAt = new int[depth];
        if (rawInit) {
            byte[] init = data.consumeBytes(depth * entry);
            MemorySegment.copy(init, 0, cqSeg, ValueLayout.JAVA_BYTE, 0, init.length);
            Arrays.fill(written, 1);
        } else {
            for (int slot = 0; slot < depth; slot++) {
                long lap = cqStart - (cqStart & mask);
                long visit = slot >= (cqStart & mask) ? lap + slot : lap + depth + slot;
                int stale = 1 - phaseAt(visit, depth);
                long base = (long) slot * entry;
                int garbage = data.consumeInt();
                RxCdescBase.status(cqSeg, base, (garbage & ~RxCdescBase.STATUS_PHASE_MASK)
                        | (stale << RxCdescBase.STATUS_PHASE_SHIFT));
                RxCdescBase.length(cqSeg, base, garbage >>> 16);
                RxCdescBase.reqId(cqSeg, base, garbage & 0xFFFF);
            }
        }

        boolean[] posted = new boolean[depth];
        int[] postedLen = new int[depth];
        ArrayDeque<Integer> sqOrder = new ArrayDeque<>();   // posted, not yet filled by the device, SQ order
        int visible = 0;                                    // of those, behind a doorbell
        ArrayDeque<Pkt> complete = new ArrayDeque<>();      // fully published, not yet received
        Pkt pending = null;                                 // written, only partly published
        int pendingPublished = 0;
        long pendingFirst = 0;
        int[] pendingStatus = null;
        long devTail = cqStart;
        long drvHead = cqStart;
        boolean tainted = rawInit;

        int ops = 0;
        while (data.remainingBytes() > 0 && ops++ < 8 * depth + 64) {
            switch (data.consumeInt(0, 5)) {
                case 0 -> { // driver posts a buffer
                    int id = data.consumeInt(0, mask);
                    if (posted[id]) {
                        break;
                    }
                    int len = data.consumeInt(1, 65536);
                    int free = sq.freeEntries();
                    int rc = RxPath.addRxDesc(sq, 0x5_0000_0000L + (long) id * 65536, len, id);
                    if (free == 0) {
                        check(rc == EnaErrno.ENOSPC, "post into a full SQ: rc %d", rc);
                        break;
                    }
                    check(rc == EnaErrno.OK, "post failed: rc %d", rc);
                    posted[id] = true;
                    postedLen[id] = len;
                    sqOrder.add(id);
                }
                case 1 -> { // doorbell
                    sq.writeDoorbell();
                    visible = sqOrder.size();
                }
                case 2 -> { // well-behaved device: finish the pending packet, or write a new one
                    if (pending != null) {
                        publish(cqSeg, entry, depth, pendingFirst + pendingPublished, pendingStatus,
                                pendingPublished, pendingStatus.length);
                        complete.add(pending);
                        pending = null;
                        break;
                    }
                    int room = (int) (depth - (devTail - drvHead));
                    int most = Math.min(Math.min(maxBufs, visible), room);
                    if (most < 1) {
                        break;
                    }
                    int k = data.consumeInt(1, most);
                    int[] ids = new int[k];
                    int[] lens = new int[k];
                    int[] status = new int[k];
                    int last = data.consumeInt() & (RxCdescBase.STATUS_L3_PROTO_IDX_MASK
                            | RxCdescBase.STATUS_L4_PROTO_IDX_MASK | RxCdescBase.STATUS_L3_CSUM_ERR_MASK
                            | RxCdescBase.STATUS_L4_CSUM_ERR_MASK | RxCdescBase.STATUS_IPV4_FRAG_MASK
                            | RxCdescBase.STATUS_L4_CSUM_CHECKED_MASK | RxCdescBase.STATUS_SRC_VLAN_CNT_MASK
                            | RxCdescBase.STATUS_L3_CSUM2_MASK | RxCdescBase.STATUS_BUFFER_MASK
                            | RxCdescBase.STATUS_RESERVED18_MASK | RxCdescBase.STATUS_RESERVED28_MASK
                            | RxCdescBase.STATUS_RESERVED31_MASK);
                    int hash = data.consumeInt();
                    int offset = data.consumeInt(0, 255);
                    long ts = extended ? data.consumeLong() : 0;
                    for (int j = 0; j < k; j++) {
                        int id = sqOrder.poll();
                        visible--;
                        ids[j] = id;
                        lens[j] = data.consumeInt(0, Math.min(postedLen[id], 0xFFFF));
                        long base = ((devTail + j) & mask) * entry;
                        RxCdescBase.length(cqSeg, base, lens[j]);
                        RxCdescBase.reqId(cqSeg, base, id);
                        RxCdescBase.hash(cqSeg, base, j == k - 1 ? hash : data.consumeInt());
                        RxCdescBase.offset(cqSeg, base, j == 0 ? offset : data.consumeInt(0, 255));
                        if (extended) {
                            RxCdescExt.timestamp(cqSeg, base, j == k - 1 ? ts : data.consumeLong());
                        }
                        status[j] = (phaseAt(devTail + j, depth) << RxCdescBase.STATUS_PHASE_SHIFT)
                                | (j == 0 ? RxCdescBase.STATUS_FIRST_MASK : 0)
                                | (j == k - 1 ? RxCdescBase.STATUS_LAST_MASK | last : 0);
                    }
                    Pkt pkt = new Pkt(ids, lens, status[k - 1], hash, offset, ts);
                    int now = k > 1 && data.consumeBoolean() ? data.consumeInt(1, k - 1) : k;
                    publish(cqSeg, entry, depth, devTail, status, 0, now);
                    for (int j = 0; j < k; j++) {
                        written[(int) ((devTail + j) & mask)]++;
                    }
                    if (now == k) {
                        complete.add(pkt);
                    } else {
                        pending = pkt;
                        pendingPublished = now;
                        pendingFirst = devTail;
                        pendingStatus = status;
                    }
                    devTail += k;
                }
                case 3 -> { // misbehaving device: raw bytes over (part of) any completion entry
                    int slot = data.consumeInt(0, mask);
                    int at = data.consumeInt(0, entry - 1);
                    byte[] raw = data.consumeBytes(entry - at);
                    MemorySegment.copy(raw, 0, cqSeg, ValueLayout.JAVA_BYTE, (long) slot * entry + at, raw.length);
                    written[slot]++;
                    tainted = true;
                }
                default -> { // driver polls
                    int calls = data.consumeBoolean() ? 1 : depth + 1;
                    for (int c = 0; c < calls; c++) {
                        int headBefore = cq.head();
                        int used = sq.usedEntries();
                        int ntc = sq.nextToComp();
                        int rc = RxPath.rxPkt(cq, sq, ctx);
                        int moved = (cq.head() - headBefore) & 0xFFFF;
                        check(moved <= maxBufs + 1 && moved <= depth, "head moved %d entries in one call", moved);
                        for (int i = 0; i < moved; i++) {
                            int slot = (headBefore + i) & mask;
                            check(written[slot] > consumedAt[slot], "CQ slot %d consumed again without a write",
                                    slot);
                            consumedAt[slot] = written[slot];
                        }
                        drvHead += moved;
                        check(sq.usedEntries() <= depth - 1, "SQ used count %d past the ring", sq.usedEntries());
                        check(rc == EnaErrno.OK || rc == EnaErrno.EFAULT || rc == EnaErrno.EIO
                                || rc == EnaErrno.ENOSPC, "undocumented rc %d", rc);
                        if (rc != EnaErrno.OK || ctx.descs == 0) {
                            check(ctx.descs == 0, "buffers reported with rc %d", rc);
                            check(sq.nextToComp() == ntc, "SQ released without a packet");
                            if (!tainted) {
                                check(rc == EnaErrno.OK, "well-behaved device: rc %d", rc);
                                check(complete.isEmpty(), "%d complete packets not received", complete.size());
                                check(cq.curRxPktCdescCount() == (pending == null ? 0 : pendingPublished),
                                        "partial count %d, %d entries of the packet published",
                                        cq.curRxPktCdescCount(), pending == null ? 0 : pendingPublished);
                            }
                            if (rc != EnaErrno.OK) {
                                check(stats.resetReason() != null, "device error %d without a reset reason", rc);
                            }
                            break;
                        }
                        int n = ctx.descs;
                        check(n >= 1 && n <= maxBufs, "packet of %d buffers, max_bufs %d", n, maxBufs);
                        check(n <= used, "packet of %d buffers, %d posted", n, used);
                        check(sq.nextToComp() == ((ntc + n) & 0xFFFF), "SQ not released by the packet's buffers");
                        check(cq.curRxPktCdescCount() == 0, "partial state left after a packet");
                        for (int j = 0; j < n; j++) {
                            check(ctx.bufReqId[j] >= 0 && ctx.bufReqId[j] < depth, "req_id %d outside [0, %d)",
                                    ctx.bufReqId[j], depth);
                            check(ctx.bufLen[j] >= 0 && ctx.bufLen[j] <= 0xFFFF, "length %d", ctx.bufLen[j]);
                        }
                        check(ctx.l3Proto >= 0 && ctx.l3Proto < 32 && ctx.l4Proto >= 0 && ctx.l4Proto < 32,
                                "protocol index out of its 5 bits");
                        check(ctx.pktOffset >= 0 && ctx.pktOffset <= 0xFF, "offset %d", ctx.pktOffset);
                        check(ctx.hasTimestamp == extended, "timestamp flag wrong");
                        if (!tainted) {
                            Pkt p = complete.poll();
                            check(p != null, "packet received that the device did not complete");
                            check(Arrays.equals(Arrays.copyOf(ctx.bufReqId, n), p.ids()), "wrong buffers");
                            check(Arrays.equals(Arrays.copyOf(ctx.bufLen, n), p.lens()), "wrong lengths");
                            check(ctx.hash == p.hash() && ctx.pktOffset == p.offset(), "wrong hash / offset");
                            check(ctx.timestamp == p.ts(), "wrong timestamp");
                            int st = p.status();
                            check(ctx.l3Proto == (st & RxCdescBase.STATUS_L3_PROTO_IDX_MASK)
                                    && ctx.l4Proto == (st & RxCdescBase.STATUS_L4_PROTO_IDX_MASK) >>> 8
                                    && ctx.l3CsumErr == ((st & RxCdescBase.STATUS_L3_CSUM_ERR_MASK) != 0)
                                    && ctx.l4CsumErr == ((st & RxCdescBase.STATUS_L4_CSUM_ERR_MASK) != 0)
                                    && ctx.l4CsumChecked == ((st & RxCdescBase.STATUS_L4_CSUM_CHECKED_MASK) != 0)
                                    && ctx.frag == ((st & RxCdescBase.STATUS_IPV4_FRAG_MASK) != 0),
                                    "parse results not those of the last entry");
                            for (int id : p.ids()) {
                                check(posted[id], "buffer %d received twice without being re-posted", id);
                                posted[id] = false;
                            }
                        }
                    }
                }
            }
        }
        if (!tainted) {
            check(stats.resetReason() == null, "reset requested for a well-behaved device");
            check(stats.get(RingCounter.BAD_REQ_ID) == 0 && stats.get(RingCounter.RX_DESC_MALFORMED) == 0
                    && stats.get(RingCounter.BAD_DESC_NUM) == 0, "error counted for a well-behaved device");
        }
    }

    /** Release-writes the status words of entries {@code [from, to)} of a packet starting at ring index {@code first}. */
    private static void publish(MemorySegment cq, int entry, int depth, long first, int[] status, int from, int to) {
        for (int j = from; j < to; j++) {
            RxCdescBase.statusRelease(cq, ((first - from + j) & (depth - 1)) * entry, status[j]);
        }
    }
}
