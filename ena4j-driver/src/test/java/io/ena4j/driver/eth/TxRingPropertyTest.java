package io.ena4j.driver.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.eth.TxDesc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Randomised end-to-end runs of the Tx ring (host and LLQ) against {@link TxDeviceSim}: many laps with phase flips
 * on the SQ and the CQ, a u16 wrap of tail and head, out-of-order completions matched by req_id, the space check
 * at the ring-full edge (a refused packet is retried after completions), and the LLQ burst budget.
 */
class TxRingPropertyTest {

    private static final int MAX_BUFS = 19;

    /** Random meta tuples from a small set, so the meta cache both hits and misses. */
    private static final int[][] METAS = {{1448, 20, 14, 5}, {1400, 20, 14, 5}, {0, 40, 14, 0}, {9000, 20, 18, 8}};

    @Property(tries = 25)
    void hostRingSurvivesManyLapsWithOutOfOrderCompletions(@ForAll long seed,
            @ForAll @IntRange(min = 5, max = 8) int depthLog, @ForAll @IntRange(min = 0, max = 65535) int start) {
        int depth = 1 << depthLog;
        DmaBuffer ring = EthTestSupport.dma((long) depth * 16);
        DmaBuffer cqRing = EthTestSupport.dma((long) depth * 8);
        try {
            RingStats stats = new RingStats();
            IoSq sq = IoSq.txHost(ring, depth, 128, 48, new EthTestSupport.RecordingBar(), 0x1000, stats);
            run(new Random(seed), sq, null, cqRing, depth, start, stats, 1500);
        } finally {
            EthTestSupport.DMA.free(ring);
            EthTestSupport.DMA.free(cqRing);
        }
    }

    @Property(tries = 25)
    void llqRingSurvivesManyLapsWithOutOfOrderCompletions(@ForAll long seed,
            @ForAll @IntRange(min = 3, max = 7) int depthLog, @ForAll @IntRange(min = 0, max = 65535) int start,
            @ForAll @IntRange(min = 0, max = 2) int entrySizeIdx, @ForAll @IntRange(min = 0, max = 3) int beforeIdx,
            @ForAll boolean multipleStride, @ForAll boolean accelerated) {
        int depth = 1 << depthLog;
        int entrySize = new int[] {128, 192, 256}[entrySizeIdx];
        int before = new int[] {1, 2, 4, 8}[beforeIdx];
        if (entrySize - before * 16 <= 0) {
            before = 2;
        }
        int stride = multipleStride ? LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY
                : LlqFeature.Stride.SINGLE_DESC_PER_ENTRY;
        LlqInfo probe = LlqInfo.of(entrySize, before, stride, 0, false);
        // Worst packet: 19 buffers + meta. Space: free > n / descsPerEntry + 2 must be reachable on an empty ring.
        int worstEntries = 1 + Math.max(0, (MAX_BUFS + 1 - before + probe.descsPerEntry() - 1)
                / probe.descsPerEntry());
        while (depth - 1 <= (MAX_BUFS + 1) / probe.descsPerEntry() + 2 || depth - 1 < worstEntries) {
            depth <<= 1;
        }
        LlqInfo llq = accelerated ? LlqInfo.of(entrySize, before, stride, worstEntries + 3, true) : probe;
        MemorySegment bar2 = Arena.ofAuto().allocate(0x1000 + (long) depth * entrySize, 4096);
        DmaBuffer cqRing = EthTestSupport.dma((long) depth * 8);
        try {
            RingStats stats = new RingStats();
            IoSq sq = IoSq.txLlq(bar2, 0x1000, depth, llq, 48, new EthTestSupport.RecordingBar(), 0x1000, stats);
            run(new Random(seed), sq, bar2, cqRing, depth, start, stats, 800);
        } finally {
            EthTestSupport.DMA.free(cqRing);
        }
    }

    /** Fixed cases that certainly cross the u16 wrap of tail/head and hit the ring-full edge. */
    @net.jqwik.api.Example
    void hostAndLlqCrossTheU16WrapAndTheFullEdge() {
        for (long seed = 1; seed <= 3; seed++) {
            DmaBuffer ring = EthTestSupport.dma(32 * 16);
            DmaBuffer cqRing = EthTestSupport.dma(32 * 8);
            RingStats stats = new RingStats();
            IoSq host = IoSq.txHost(ring, 32, 128, 48, new EthTestSupport.RecordingBar(), 0x1000, stats);
            int refused = run(new Random(seed), host, null, cqRing, 32, 65536 - 40, stats, 1500);
            assertThat(refused).as("ring-full edge reached").isPositive();

            LlqInfo llq = LlqInfo.of(128, 2, LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY, 0, false);
            MemorySegment bar2 = Arena.ofAuto().allocate(0x1000 + 16 * 128, 4096);
            DmaBuffer cqRing2 = EthTestSupport.dma(16 * 8);
            RingStats stats2 = new RingStats();
            IoSq sq = IoSq.txLlq(bar2, 0x1000, 16, llq, 48, new EthTestSupport.RecordingBar(), 0x1000, stats2);
            refused = run(new Random(seed), sq, bar2, cqRing2, 16, 65536 - 9, stats2, 1500);
            assertThat(refused).as("LLQ ring-full edge reached").isPositive();
        }
    }

    /** @return how many packets the space check refused (each was retried after completions) */
    private static int run(Random rnd, IoSq sq, MemorySegment bar2, DmaBuffer cqRing, int depth, int start,
            RingStats stats, int packets) {
        // Start both rings at an arbitrary free-running position, with the phase that lap implies.
        int phase = 1 - ((start / depth) & 1);
        sq.restoreState(start, phase, start);
        IoCq cq = IoCq.tx(cqRing, depth, 8, true, stats);
        cq.restoreState(start, phase, 0, 0);
        // A CQ in mid-life holds entries of the previous lap: stale phase everywhere (README ring rule).
        TxCqVectorTest.layOutRing(cqRing.segment(), depth, start, phase, com.fasterxml.jackson.databind.node
                .JsonNodeFactory.instance.arrayNode());
        MemorySegment sqMem = sq.isLlq() ? bar2 : sq.descSegment();
        TxDeviceSim dev = new TxDeviceSim(depth, sq.llqInfo(), sqMem, sq.isLlq() ? 0x1000 : 0,
                cqRing.segment().asSlice(0, depth * 8L), start, start);

        ArrayDeque<Integer> freeIds = new ArrayDeque<>();
        for (int id = 0; id < depth; id++) {
            freeIds.add(id);
        }
        int[] inFlight = new int[depth];
        ArrayDeque<TxContextCopy> sent = new ArrayDeque<>();
        List<Integer> deviceHeld = new ArrayList<>();
        TxContext ctx = new TxContext(MAX_BUFS);
        TxCompletionInfo info = new TxCompletionInfo();
        MemorySegment header = Arena.ofAuto().allocate(256);
        long totalSlots = 0;
        int refusedForSpace = 0;

        for (int p = 0; p < packets; p++) {
            randomPacket(rnd, ctx, sq, header, freeIds.peekFirst());
            if (TxPrepare.isDoorbellNeeded(sq, ctx)) {
                ring(sq, dev, sent, deviceHeld);
            }
            int rc = TxPrepare.prepareTx(sq, ctx);
            if (rc == EnaErrno.ENOMEM) {
                refusedForSpace++;
                assertThat(sq.haveEnoughSpace(ctx.numBufs + 1)).isFalse();
                ring(sq, dev, sent, deviceHeld);
                completeSome(rnd, dev, deviceHeld, deviceHeld.size());
                drain(cq, sq, info, inFlight, freeIds);
                if (TxPrepare.isDoorbellNeeded(sq, ctx)) {
                    ring(sq, dev, sent, deviceHeld);
                }
                rc = TxPrepare.prepareTx(sq, ctx);
            }
            assertThat(rc).as("prepare rc, packet %d", p).isZero();
            int id = freeIds.pollFirst();
            assertThat(ctx.reqId).isEqualTo(id);
            assertThat(inFlight[id]).isZero();
            inFlight[id] = ctx.nbHwDesc;
            totalSlots += ctx.nbHwDesc;
            sent.add(TxContextCopy.of(ctx, sq.isLlq()));
            if (rnd.nextInt(4) == 0) {
                ring(sq, dev, sent, deviceHeld);
            }
            if (rnd.nextInt(3) == 0) {
                completeSome(rnd, dev, deviceHeld, rnd.nextInt(deviceHeld.size() + 1));
                drain(cq, sq, info, inFlight, freeIds);
            }
        }
        ring(sq, dev, sent, deviceHeld);
        completeSome(rnd, dev, deviceHeld, deviceHeld.size());
        drain(cq, sq, info, inFlight, freeIds);
        assertThat(sq.usedEntries()).as("everything released").isZero();
        assertThat(freeIds).hasSize(depth);
        assertThat(totalSlots).as("several laps").isGreaterThan(3L * depth);
        assertThat(stats.resetReason()).isNull();
        assertThat(stats.get(RingCounter.PREPARE_CTX_ERR)).isEqualTo(refusedForSpace);
        assertThat(cq.hasCompletion()).isFalse();
        assertThat(sq.tail()).isEqualTo((int) ((start + totalSlots) & 0xFFFF));
        return refusedForSpace;
    }

    private static void randomPacket(Random rnd, TxContext ctx, IoSq sq, MemorySegment header, int reqId) {
        ctx.clear();
        ctx.reqId = reqId;
        int n = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? MAX_BUFS : 3);
        for (int k = 0; k < n; k++) {
            ctx.addBuffer(rnd.nextLong() & 0xFFFF_FFFF_FFFFL, rnd.nextInt(65536));
        }
        if (rnd.nextBoolean()) {
            int[] m = METAS[rnd.nextInt(METAS.length)];
            ctx.meta(m[0], m[1], m[2], m[3]);
            ctx.l3Proto = 8;
            ctx.l4Proto = 12;
            ctx.l4CsumEnable = true;
            ctx.tsoEnable = m[0] != 0;
        }
        ctx.df = rnd.nextBoolean();
        int maxHdr = sq.txMaxHeaderSize();
        int hlen = rnd.nextInt(Math.min(maxHdr, 255) + 1);
        if (sq.isLlq()) {
            for (int k = 0; k < hlen; k++) {
                header.set(ValueLayout.JAVA_BYTE, k, (byte) rnd.nextInt());
            }
            ctx.pushHeader(header, 0, hlen);
        } else {
            ctx.headerLen = hlen;
        }
    }

    private static void ring(IoSq sq, TxDeviceSim dev, ArrayDeque<TxContextCopy> sent, List<Integer> held) {
        sq.writeDoorbell();
        for (TxDeviceSim.Packet pkt : dev.doorbell(sq.tail())) {
            TxContextCopy want = sent.pollFirst();
            assertThat(want).as("device saw a packet the driver did not send").isNotNull();
            want.check(pkt, sq);
            held.add(pkt.reqId());
        }
        assertThat(sent).as("every sent packet reached the device").isEmpty();
    }

    private static void completeSome(Random rnd, TxDeviceSim dev, List<Integer> held, int count) {
        Collections.shuffle(held, rnd);
        for (int k = 0; k < count; k++) {
            dev.complete(held.remove(held.size() - 1));
        }
    }

    private static void drain(IoCq cq, IoSq sq, TxCompletionInfo info, int[] inFlight, ArrayDeque<Integer> freeIds) {
        int slots = 0;
        int rc;
        while ((rc = TxCompletion.reqIdGet(cq, info)) == 0) {
            assertThat(inFlight[info.reqId]).as("req_id %d in flight", info.reqId).isPositive();
            slots += inFlight[info.reqId];
            inFlight[info.reqId] = 0;
            freeIds.addLast(info.reqId);
        }
        assertThat(rc).isEqualTo(EnaErrno.EAGAIN);
        assertThat(TxCompletion.ack(sq, slots)).isZero();
    }

    /** What the driver asked for, kept to compare with what the device parsed. */
    private record TxContextCopy(int reqId, long[] addr, int[] len, byte[] header, int headerLen, boolean metaValid,
            int mss, boolean df, int nbHwDesc) {

        static TxContextCopy of(TxContext ctx, boolean llq) {
            long[] a = java.util.Arrays.copyOf(ctx.bufAddr, ctx.numBufs);
            int[] l = java.util.Arrays.copyOf(ctx.bufLen, ctx.numBufs);
            byte[] h = llq ? ctx.pushHeader.asSlice(0, ctx.headerLen).toArray(ValueLayout.JAVA_BYTE) : null;
            return new TxContextCopy(ctx.reqId, a, l, h, ctx.headerLen, ctx.metaValid, ctx.mss, ctx.df,
                    ctx.nbHwDesc);
        }

        void check(TxDeviceSim.Packet pkt, IoSq sq) {
            assertThat(pkt.reqId()).isEqualTo(reqId);
            assertThat(pkt.addr()).containsExactly(addr);
            assertThat(pkt.len()).containsExactly(len);
            assertThat(pkt.headerLength()).isEqualTo(headerLen);
            if (header != null) {
                assertThat(pkt.header()).containsExactly(header);
            }
            assertThat(pkt.slots()).as("slots = nb_hw_desc").isEqualTo(nbHwDesc);
            assertThat((pkt.metaCtrl() & TxDesc.META_CTRL_DF_MASK) != 0).isEqualTo(df);
            if (sq.disableMetaCaching()) {
                assertThat(pkt.meta()).as("accelerated LLQ: meta on every packet").isTrue();
            }
            if (pkt.meta() && metaValid) {
                assertThat(pkt.mss()).isEqualTo(mss & 0x3FFF);
            }
            if (!metaValid) {
                assertThat(pkt.metaCtrl() & TxDesc.META_CTRL_OFFLOAD_MASK).isZero();
            }
        }
    }
}
