package io.ena4j.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.eth.IoCq;
import io.ena4j.driver.eth.IoSq;
import io.ena4j.driver.eth.RingStats;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.RegisterBar;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.RxDesc;
import io.ena4j.spec.regs.ResetReason;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link RxQueue}'s own checks (datapath.md §11, §12.2) against a small in-test device: it reads the buffers a
 * refill posted on the Rx SQ ({@code rx_desc}, §5), writes data into them and publishes one {@code rx_cdesc_base}
 * per buffer on the Rx CQ (§6.1), status word last with the phase of the CQ lap (§8.2). Every fault case checks the
 * exact counters, the reset reason handed to the reset sink, that the broken queue receives and posts nothing
 * more, that nothing reached the application, and that every buffer is still accounted for (free, posted, or held
 * by the application, never two of these and never handed out twice).
 */
class RxQueueTest {

    private static final int DEPTH = 16;
    private static final int MAX_SGL = 4;
    private static final int POOL_SIZE = 64;
    private static final int HEADROOM = PacketPool.DEFAULT_HEADROOM;
    /** What each refill posts: the whole buffer after the headroom (4096 - 64). */
    private static final int POSTED_LEN = PacketPool.DEFAULT_BUFFER_SIZE - HEADROOM;
    /** Refill threshold of a 16-entry ring: min(16 / 8, 256) (§11.2). */
    private static final int REFILL_THRESHOLD = 2;

    private static final int FIRST = RxCdescBase.STATUS_FIRST_MASK;
    private static final int LAST = RxCdescBase.STATUS_LAST_MASK;
    private static final int BUFFER = RxCdescBase.STATUS_BUFFER_MASK;

    private final Iommu iommu = new Iommu();
    private final IommuDmaAllocator dma = new IommuDmaAllocator(iommu);
    private final List<ResetReason> resets = new ArrayList<>();
    private final Bar bar = new Bar();

    /** Register BAR whose SQ doorbell is the only register the queue writes. */
    private static final class Bar implements RegisterBar {
        int doorbells;
        int lastValue = -1;

        @Override
        public int read32(int offset) {
            return 0;
        }

        @Override
        public void write32(int offset, int value) {
            doorbells++;
            lastValue = value;
        }

        @Override
        public int size() {
            return 0x8000;
        }
    }

    /** One posted Rx descriptor as the device reads it. */
    private record Desc(int reqId, long address, int length) {
    }

    /** An Rx queue, the device side of its rings, and the application holding received packets. */
    private final class Rig {
        final PacketPool pool;
        final MemorySegment sqMem;
        final MemorySegment cqMem;
        final IoSq sq;
        final IoCq cq;
        final RxQueue rx;
        /** Every segment the application holds (received, not yet freed). */
        final Set<Packet> held = Collections.newSetFromMap(new IdentityHashMap<>());
        int devHead;
        long cqTail;

        Rig(int poolSize) {
            this.pool = PacketPool.create(dma, poolSize);
            RingStats stats = new RingStats();
            DmaBuffer sqRing = dma.allocate(DEPTH * RxDesc.SIZE);
            DmaBuffer cqRing = dma.allocate(DEPTH * RxCdescBase.SIZE);
            this.sqMem = sqRing.segment();
            this.cqMem = cqRing.segment();
            this.sq = IoSq.rx(sqRing, DEPTH, 48, bar, 0x1000, stats);
            this.cq = IoCq.rx(cqRing, DEPTH, (int) RxCdescBase.SIZE, true, stats);
            this.rx = new RxQueue(0, sq, cq, pool, MAX_SGL, resets::add);
        }

        Rig() {
            this(POOL_SIZE);
        }

        /** Interface up: fill the ring (depth - 1 buffers, one doorbell, §11.2). */
        Rig up() {
            assertThat(rx.refill()).isEqualTo(DEPTH - 1);
            assertThat(bar.doorbells).isEqualTo(1);
            assertThat(bar.lastValue).as("doorbell carries the tail").isEqualTo(DEPTH - 1);
            assertThat(rx.postedBuffers()).isEqualTo(DEPTH - 1);
            assertAccounted();
            return this;
        }

        // ---------------------------------------------------------------- device side

        /** Descriptors posted and not yet taken by the device. */
        int available() {
            return (sq.tail() - devHead) & 0xFFFF;
        }

        /** The device takes the next posted buffer (in posted order, §11.3 device obligations). */
        Desc take() {
            assertThat(available()).as("a posted buffer for the device").isPositive();
            long base = (long) (devHead & (DEPTH - 1)) * RxDesc.SIZE;
            int ctrl = RxDesc.ctrl(sqMem, base);
            assertThat(ctrl & RxDesc.CTRL_DRIVER_BASE).as("first | last | comp_req").isEqualTo(RxDesc.CTRL_DRIVER_BASE);
            Desc d = new Desc(RxDesc.reqId(sqMem, base), RxDesc.bufferAddress(sqMem, base),
                    RxDesc.decodeLength(RxDesc.length(sqMem, base)));
            devHead = (devHead + 1) & 0xFFFF;
            return d;
        }

        /** The req_ids of the next {@code n} posted buffers, without taking them. */
        List<Integer> peekReqIds(int from, int n) {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(RxDesc.reqId(sqMem, (long) ((from + i) & (DEPTH - 1)) * RxDesc.SIZE));
            }
            return ids;
        }

        /** Writes one completion entry at the CQ tail, status word (with the lap's phase) last. */
        void cdesc(int reqId, int length, int offset, int statusBits, int hash) {
            long base = (cqTail % DEPTH) * RxCdescBase.SIZE;
            int phase = (int) (1 - ((cqTail / DEPTH) & 1));
            RxCdescBase.length(cqMem, base, length);
            RxCdescBase.reqId(cqMem, base, reqId);
            RxCdescBase.hash(cqMem, base, hash);
            RxCdescBase.subQid(cqMem, base, 0);
            RxCdescBase.offset(cqMem, base, offset);
            RxCdescBase.reserved(cqMem, base, 0);
            RxCdescBase.statusRelease(cqMem, base, statusBits | (phase << RxCdescBase.STATUS_PHASE_SHIFT));
            cqTail++;
        }

        /**
         * Receives one well-formed frame: takes one posted buffer per segment length, writes a byte pattern into
         * each at its data start ({@code offset} in the first, 0 in the others, §11.4) and one completion per
         * buffer with {@code first} on the first and {@code last} on the last.
         */
        List<Desc> frame(int offset, int hash, int... lengths) {
            List<Desc> used = new ArrayList<>();
            for (int i = 0; i < lengths.length; i++) {
                Desc d = take();
                int start = i == 0 ? offset : 0;
                assertThat(start + lengths[i]).as("test frame fits the buffer").isLessThanOrEqualTo(d.length());
                MemorySegment data = iommu.slice(d.address() + start, lengths[i]);
                data.fill(pattern(d.reqId(), i));
                int st = BUFFER | (i == 0 ? FIRST : 0) | (i == lengths.length - 1 ? LAST : 0);
                cdesc(d.reqId(), lengths[i], i == 0 ? offset : 0, st, hash);
                used.add(d);
            }
            return used;
        }

        // ---------------------------------------------------------------- application side

        /** Calls receive with room for {@code max} packets; checks nothing is handed out twice. */
        List<Packet> receive(int max) {
            Packet[] out = new Packet[max];
            int n = rx.receive(out, 0, max);
            List<Packet> got = new ArrayList<>();
            for (int i = 0; i < max; i++) {
                if (i >= n) {
                    assertThat(out[i]).as("out[%d] beyond the count", i).isNull();
                    continue;
                }
                got.add(out[i]);
                for (Packet s = out[i]; s != null; s = s.next()) {
                    assertThat(s.owner()).as("received segment owned by the application").isEqualTo(Packet.APP);
                    assertThat(held.add(s)).as("buffer %d handed out twice", s.index()).isTrue();
                }
            }
            return got;
        }

        void free(Packet p) {
            for (Packet s = p; s != null; s = s.next()) {
                held.remove(s);
            }
            long misuse = pool.misuse();
            pool.free(p);
            assertThat(pool.misuse()).isEqualTo(misuse);
        }

        void freeAll(List<Packet> ps) {
            ps.forEach(this::free);
        }

        // ---------------------------------------------------------------- checks

        /** Every buffer is exactly one of free, posted, held by the application. */
        void assertAccounted() {
            int free = 0;
            int posted = 0;
            int app = 0;
            for (int i = 0; i < pool.capacity(); i++) {
                switch (pool.packet(i).owner()) {
                    case Packet.FREE -> free++;
                    case Packet.RX_POSTED -> posted++;
                    case Packet.APP -> app++;
                    default -> throw new AssertionError("buffer " + i + " in flight for Tx");
                }
            }
            assertThat(free).as("free buffers").isEqualTo(pool.available());
            assertThat(posted).as("posted buffers").isEqualTo(rx.postedBuffers());
            assertThat(app).as("application buffers").isEqualTo(held.size());
            assertThat(pool.available() + rx.postedBuffers() + held.size()).isEqualTo(pool.capacity());
        }

        void assertCounters(long packets, long bytes, long badReqIds, long badDescNum) {
            assertThat(rx.packets()).as("rx_cnt").isEqualTo(packets);
            assertThat(rx.bytes()).as("rx_bytes").isEqualTo(bytes);
            assertThat(rx.badReqIds()).as("rx_bad_req_id").isEqualTo(badReqIds);
            assertThat(rx.badDescNum()).as("rx_bad_desc_num").isEqualTo(badDescNum);
        }

        /**
         * The queue detected a device fault: broken, one reset with {@code reason}, nothing received; later calls
         * (even with a well-formed frame behind the bad entry) receive and post nothing; every buffer comes back
         * with drain.
         */
        void assertBroken(ResetReason reason, List<Packet> got) {
            assertThat(got).as("nothing handed to the application").isEmpty();
            assertThat(rx.isBroken()).isTrue();
            assertThat(resets).containsExactly(reason);
            assertAccounted();

            long packets = rx.packets();
            long bytes = rx.bytes();
            long badReqIds = rx.badReqIds();
            long badDescNum = rx.badDescNum();
            int doorbells = bar.doorbells;
            int tail = sq.tail();
            if (available() > 0) {
                frame(0, 0, 60);
            }
            assertThat(receive(8)).as("a broken queue receives nothing").isEmpty();
            assertThat(rx.refill()).as("a broken queue posts nothing").isZero();
            assertThat(bar.doorbells).isEqualTo(doorbells);
            assertThat(sq.tail()).isEqualTo(tail);
            assertCounters(packets, bytes, badReqIds, badDescNum);
            assertThat(resets).as("the fault is reported once").containsExactly(reason);
            assertThat(rx.refillPartial()).isZero();
            assertThat(rx.allocFailures()).isZero();

            // The application holds nothing (the caller freed what it received); the rest is still posted.
            assertThat(held).isEmpty();
            for (int i = 0; i < pool.capacity(); i++) {
                if (pool.packet(i).owner() == Packet.APP) {
                    throw new AssertionError("buffer " + i + " still owned by the application");
                }
            }
            assertThat(pool.available() + rx.postedBuffers()).isEqualTo(pool.capacity());
            int posted = rx.postedBuffers();
            assertThat(rx.gate().close(QueueGate.DOWN, 1_000_000_000L)).isTrue();
            assertThat(rx.drain()).as("drain returns every posted buffer").isEqualTo(posted);
            assertThat(pool.available()).isEqualTo(pool.capacity());
            assertThat(pool.misuse()).isZero();
        }
    }

    private static byte pattern(int reqId, int segment) {
        return (byte) (0x40 + reqId * 3 + segment);
    }

    private static void assertData(Packet p, int reqId, int segment) {
        byte want = pattern(reqId, segment);
        MemorySegment b = p.buffer();
        assertThat(b.get(ValueLayout.JAVA_BYTE, p.offset())).isEqualTo(want);
        assertThat(b.get(ValueLayout.JAVA_BYTE, p.offset() + p.length() - 1)).isEqualTo(want);
    }

    // ==================================================================== 1. well-formed packets

    @Test
    void aSingleBufferPacketAndAThreeBufferChainAreReceivedAndTheRingIsRefilled() {
        Rig r = new Rig().up();
        List<Desc> single = r.frame(0, 0x1111, 60);
        // First buffer holds POSTED_LEN - 2 bytes after a 2-byte rx_offset (§11.4).
        List<Desc> chain = r.frame(2, 0x2222, POSTED_LEN - 2, POSTED_LEN, 100);
        assertThat(single.get(0).length()).isEqualTo(POSTED_LEN);

        List<Packet> got = r.receive(8);

        assertThat(got).hasSize(2);
        Packet a = got.get(0);
        assertThat(a.offset()).isEqualTo(HEADROOM);
        assertThat(a.length()).isEqualTo(60);
        assertThat(a.packetLength()).isEqualTo(60);
        assertThat(a.segments()).isEqualTo(1);
        assertThat(a.next()).isNull();
        assertThat(a.rxHash()).isEqualTo(0x1111);
        assertThat(a.dataIoAddress()).isEqualTo(single.get(0).address());
        assertData(a, single.get(0).reqId(), 0);

        Packet b = got.get(1);
        int total = POSTED_LEN - 2 + POSTED_LEN + 100;
        assertThat(b.packetLength()).isEqualTo(total);
        assertThat(b.segments()).isEqualTo(3);
        assertThat(b.rxHash()).isEqualTo(0x2222);
        Packet s = b;
        int[] offsets = {HEADROOM + 2, HEADROOM, HEADROOM};
        int[] lengths = {POSTED_LEN - 2, POSTED_LEN, 100};
        for (int i = 0; i < 3; i++) {
            assertThat(s).as("segment %d", i).isNotNull();
            assertThat(s.offset()).as("segment %d offset", i).isEqualTo(offsets[i]);
            assertThat(s.length()).as("segment %d length", i).isEqualTo(lengths[i]);
            assertThat(s.dataIoAddress()).isEqualTo(chain.get(i).address() + (i == 0 ? 2 : 0));
            assertData(s, chain.get(i).reqId(), i);
            s = s.next();
        }
        assertThat(s).as("chain ends after 3 segments").isNull();

        r.assertCounters(2, 60 + total, 0, 0);
        // No L4 protocol in these completions: no claim and no checksum counter (§6.3 rule 5).
        assertThat(r.rx.csumUnchecked + r.rx.csumGood + r.rx.csumBad).isZero();
        assertThat(a.rxChecksum()).isEqualTo(RxChecksum.NONE);
        assertThat(resets).isEmpty();
        assertThat(r.rx.isBroken()).isFalse();

        // 4 slots freed > threshold 2: refilled in the same call, one doorbell, with the req_ids taken from
        // free_ids in order (§11.2): 15 (never used yet), then 0, 1, 2 returned by the two packets (§11.3 step 5).
        assertThat(r.sq.tail()).isEqualTo(DEPTH - 1 + 4);
        assertThat(bar.doorbells).isEqualTo(2);
        assertThat(bar.lastValue).isEqualTo(DEPTH - 1 + 4);
        assertThat(r.rx.postedBuffers()).isEqualTo(DEPTH - 1);
        assertThat(r.peekReqIds(DEPTH - 1, 4)).containsExactly(15, 0, 1, 2);
        assertThat(r.rx.refillPartial()).isZero();
        assertThat(r.rx.allocFailures()).isZero();
        r.assertAccounted();

        r.freeAll(got);
        r.assertAccounted();
        assertThat(r.pool.available() + r.rx.postedBuffers()).isEqualTo(r.pool.capacity());

        // The ring keeps working across the refill: the device uses the rest of the first lap and a re-posted one.
        int more = r.available();
        List<Packet> next = new ArrayList<>();
        for (int i = 0; i < more; i++) {
            r.frame(0, 0, 64 + i);
            next.addAll(r.receive(1));
        }
        assertThat(next).hasSize(more);
        r.assertCounters(2 + more, 60 + total + (long) more * 64 + (long) more * (more - 1) / 2, 0, 0);
        r.freeAll(next);
        r.assertAccounted();
        assertThat(resets).isEmpty();
    }

    @Test
    void aPacketFillingThePostedBufferExactlyIsAccepted() {
        Rig r = new Rig().up();
        r.frame(0, 0, POSTED_LEN);
        r.frame(1, 0, POSTED_LEN - 1);
        r.frame(0, 0, POSTED_LEN, POSTED_LEN, POSTED_LEN, POSTED_LEN); // exactly maxSgl buffers

        List<Packet> got = r.receive(8);

        assertThat(got).hasSize(3);
        assertThat(got.get(0).length()).isEqualTo(POSTED_LEN);
        assertThat(got.get(1).offset()).isEqualTo(HEADROOM + 1);
        assertThat(got.get(1).length()).isEqualTo(POSTED_LEN - 1);
        assertThat(got.get(2).segments()).isEqualTo(MAX_SGL);
        assertThat(got.get(2).packetLength()).isEqualTo(MAX_SGL * POSTED_LEN);
        r.assertCounters(3, (MAX_SGL + 2L) * POSTED_LEN - 1, 0, 0);
        assertThat(resets).isEmpty();
        r.freeAll(got);
        r.assertAccounted();
    }

    // ==================================================================== 2. req_id in range, not posted

    @Test
    void aReqIdCompletedAgainIsABadReqId() {
        Rig r = new Rig().up();
        Desc d = r.frame(0, 0, 60).get(0);
        List<Packet> first = r.receive(8);
        assertThat(first).hasSize(1);
        assertThat(r.sq.freeEntries()).as("not refilled (1 free <= threshold)").isLessThanOrEqualTo(REFILL_THRESHOLD);
        r.free(first.get(0));

        // The device completes the same req_id a second time: in range, but no buffer is posted for it (§12.2).
        r.cdesc(d.reqId(), 60, 0, BUFFER | FIRST | LAST, 0);
        List<Packet> got = r.receive(8);

        r.assertCounters(1, 60, 1, 0);
        r.assertBroken(ResetReason.INV_RX_REQ_ID, got);
    }

    @Test
    void aReqIdCompletedAgainWhileTheApplicationHoldsItsBufferIsNotHandedOutTwice() {
        Rig r = new Rig().up();
        Desc d = r.frame(0, 0, 60).get(0);
        List<Packet> first = r.receive(8);
        assertThat(first).hasSize(1);

        r.cdesc(d.reqId(), 60, 0, BUFFER | FIRST | LAST, 0);
        List<Packet> got = r.receive(8);

        assertThat(first.get(0).owner()).as("still the application's").isEqualTo(Packet.APP);
        r.assertCounters(1, 60, 1, 0);
        r.assertAccounted();
        r.free(first.get(0));
        r.assertBroken(ResetReason.INV_RX_REQ_ID, got);
    }

    @Test
    void aReqIdThatWasNeverPostedIsABadReqId() {
        Rig r = new Rig().up();
        // req_ids 0..14 are posted; 15 is below the depth but has no buffer.
        r.take();
        r.cdesc(DEPTH - 1, 60, 0, BUFFER | FIRST | LAST, 0);
        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 1, 0);
        r.assertBroken(ResetReason.INV_RX_REQ_ID, got);
    }

    @Test
    void aChainRepeatingItsFirstReqIdReturnsTheFirstBufferToThePool() {
        Rig r = new Rig().up();
        Desc d = r.take();
        r.take();
        r.cdesc(d.reqId(), POSTED_LEN, 0, BUFFER | FIRST, 0);
        r.cdesc(d.reqId(), 100, 0, BUFFER | LAST, 0);
        int free = r.pool.available();

        List<Packet> got = r.receive(8);

        assertThat(r.pool.available()).as("first segment back in the pool").isEqualTo(free + 1);
        assertThat(r.rx.postedBuffers()).isEqualTo(DEPTH - 2);
        r.assertCounters(0, 0, 1, 0);
        r.assertBroken(ResetReason.INV_RX_REQ_ID, got);
    }

    @Test
    void aPacketOfMoreBuffersThanArePostedIsABadReqId() {
        // A pool of 2 buffers: only req_ids 0 and 1 are posted, req_id 2 is in range but has no buffer.
        Rig r = new Rig(2);
        assertThat(r.rx.refill()).isEqualTo(2);
        assertThat(r.rx.refillPartial()).isEqualTo(1);
        assertThat(r.rx.allocFailures()).isEqualTo(1);
        r.take();
        r.take();
        r.cdesc(0, POSTED_LEN, 0, BUFFER | FIRST, 0);
        r.cdesc(1, POSTED_LEN, 0, BUFFER, 0);
        r.cdesc(2, 100, 0, BUFFER | LAST, 0);

        List<Packet> got = r.receive(8);

        assertThat(got).isEmpty();
        r.assertCounters(0, 0, 1, 0);
        assertThat(r.rx.isBroken()).isTrue();
        assertThat(resets).containsExactly(ResetReason.INV_RX_REQ_ID);
        r.assertAccounted();
        assertThat(r.pool.available() + r.rx.postedBuffers()).isEqualTo(r.pool.capacity());
        assertThat(r.receive(8)).isEmpty();
        assertThat(r.rx.refill()).isZero();
        assertThat(r.rx.gate().close(QueueGate.DOWN, 1_000_000_000L)).isTrue();
        assertThat(r.rx.drain()).isEqualTo(2);
        assertThat(r.pool.available()).isEqualTo(2);
    }

    // ==================================================================== 3. req_id out of range

    @Test
    void aReqIdAtTheRingDepthIsABadReqId() {
        Rig r = new Rig().up();
        r.take();
        r.cdesc(DEPTH, 60, 0, BUFFER | FIRST | LAST, 0);
        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 1, 0);
        r.assertBroken(ResetReason.INV_RX_REQ_ID, got);
    }

    @Test
    void aReqIdOfAllOnesInsideAChainIsABadReqId() {
        Rig r = new Rig().up();
        Desc d = r.take();
        r.take();
        r.cdesc(d.reqId(), POSTED_LEN, 0, BUFFER | FIRST, 0);
        r.cdesc(0xFFFF, 100, 0, BUFFER | LAST, 0);
        List<Packet> got = r.receive(8);

        assertThat(r.rx.postedBuffers()).as("nothing consumed").isEqualTo(DEPTH - 1);
        r.assertCounters(0, 0, 1, 0);
        r.assertBroken(ResetReason.INV_RX_REQ_ID, got);
    }

    // ==================================================================== 4. zero length

    @Test
    void aZeroLengthIsMalformedNotABadDescNum() {
        Rig r = new Rig().up();
        Desc d = r.take();
        r.cdesc(d.reqId(), 0, 0, BUFFER | FIRST | LAST, 0);
        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 0, 0);
        r.assertBroken(ResetReason.RX_DESCRIPTOR_MALFORMED, got);
    }

    @Test
    void aZeroLengthInTheMiddleOfAChainIsMalformedAndReturnsTheFirstBuffer() {
        Rig r = new Rig().up();
        Desc a = r.take();
        Desc b = r.take();
        Desc c = r.take();
        r.cdesc(a.reqId(), POSTED_LEN, 0, BUFFER | FIRST, 0);
        r.cdesc(b.reqId(), 0, 0, BUFFER, 0);
        r.cdesc(c.reqId(), 100, 0, BUFFER | LAST, 0);
        int free = r.pool.available();

        List<Packet> got = r.receive(8);

        assertThat(r.pool.available()).as("first segment back in the pool").isEqualTo(free + 1);
        r.assertCounters(0, 0, 0, 0);
        r.assertBroken(ResetReason.RX_DESCRIPTOR_MALFORMED, got);
    }

    // ==================================================================== 5. offset + length past the buffer

    @Test
    void aLengthBeyondThePostedBufferIsMalformed() {
        Rig r = new Rig().up();
        Desc d = r.take();
        r.cdesc(d.reqId(), d.length() + 1, 0, BUFFER | FIRST | LAST, 0);
        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 0, 0);
        r.assertBroken(ResetReason.RX_DESCRIPTOR_MALFORMED, got);
    }

    @Test
    void anRxOffsetPushingAFullLengthPastTheBufferIsMalformed() {
        Rig r = new Rig().up();
        Desc d = r.take();
        r.cdesc(d.reqId(), d.length(), 1, BUFFER | FIRST | LAST, 0);
        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 0, 0);
        r.assertBroken(ResetReason.RX_DESCRIPTOR_MALFORMED, got);
    }

    @Test
    void aLargeRxOffsetPushingASmallLengthPastTheBufferIsMalformed() {
        Rig r = new Rig().up();
        Desc d = r.take();
        // 255 (the largest u8 offset) + 3778 = 4033 > 4032 posted bytes.
        r.cdesc(d.reqId(), d.length() - 254, 255, BUFFER | FIRST | LAST, 0);
        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 0, 0);
        r.assertBroken(ResetReason.RX_DESCRIPTOR_MALFORMED, got);
    }

    @Test
    void aLengthBeyondTheBufferOnALaterSegmentIsMalformed() {
        Rig r = new Rig().up();
        Desc a = r.take();
        Desc b = r.take();
        r.cdesc(a.reqId(), POSTED_LEN, 0, BUFFER | FIRST, 0);
        r.cdesc(b.reqId(), POSTED_LEN + 1, 0, BUFFER | LAST, 0);
        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 0, 0);
        r.assertBroken(ResetReason.RX_DESCRIPTOR_MALFORMED, got);
    }

    // ==================================================================== 6. too many descriptors

    @Test
    void moreThanMaxSglEntriesWithoutLastIsABadDescNum() {
        Rig r = new Rig().up();
        for (int i = 0; i <= MAX_SGL; i++) {
            Desc d = r.take();
            r.cdesc(d.reqId(), POSTED_LEN, 0, BUFFER | (i == 0 ? FIRST : 0), 0);
        }
        List<Packet> got = r.receive(8);

        assertThat(r.rx.postedBuffers()).as("nothing consumed").isEqualTo(DEPTH - 1);
        r.assertCounters(0, 0, 0, 1);
        r.assertBroken(ResetReason.TOO_MANY_RX_DESCS, got);
    }

    @Test
    void aPacketEndingOneEntryPastMaxSglIsABadDescNum() {
        Rig r = new Rig().up();
        r.frame(0, 0, 60, 60, 60, 60, 60);
        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 0, 1);
        r.assertBroken(ResetReason.TOO_MANY_RX_DESCS, got);
    }

    @Test
    void tooManyEntriesPublishedOverTwoPollsIsABadDescNum() {
        Rig r = new Rig().up();
        for (int i = 0; i < 3; i++) {
            Desc d = r.take();
            r.cdesc(d.reqId(), POSTED_LEN, 0, BUFFER | (i == 0 ? FIRST : 0), 0);
        }
        assertThat(r.receive(8)).as("incomplete packet kept for the next poll").isEmpty();
        assertThat(r.rx.isBroken()).isFalse();
        assertThat(resets).isEmpty();
        for (int i = 0; i < 2; i++) {
            Desc d = r.take();
            r.cdesc(d.reqId(), POSTED_LEN, 0, BUFFER, 0);
        }
        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 0, 1);
        r.assertBroken(ResetReason.TOO_MANY_RX_DESCS, got);
    }

    // ==================================================================== 7. first / last sequence

    @Test
    void aMissingFirstBitOnTheFirstEntryIsNotChecked() {
        // datapath.md §11.3: "A missing first bit on the first entry of a packet is not checked."
        Rig r = new Rig().up();
        Desc s = r.take();
        r.cdesc(s.reqId(), 60, 0, BUFFER | LAST, 0);
        Desc a = r.take();
        Desc b = r.take();
        r.cdesc(a.reqId(), POSTED_LEN, 0, BUFFER, 0);
        r.cdesc(b.reqId(), 100, 0, BUFFER | LAST, 0);

        List<Packet> got = r.receive(8);

        assertThat(got).hasSize(2);
        assertThat(got.get(0).segments()).isEqualTo(1);
        assertThat(got.get(0).length()).isEqualTo(60);
        assertThat(got.get(1).segments()).isEqualTo(2);
        assertThat(got.get(1).packetLength()).isEqualTo(POSTED_LEN + 100);
        r.assertCounters(2, 60 + POSTED_LEN + 100, 0, 0);
        assertThat(resets).isEmpty();
        assertThat(r.rx.isBroken()).isFalse();
        r.freeAll(got);
        r.assertAccounted();
    }

    @Test
    void aFirstBitInsideAPacketIsMalformed() {
        Rig r = new Rig().up();
        Desc a = r.take();
        Desc b = r.take();
        r.cdesc(a.reqId(), POSTED_LEN, 0, BUFFER | FIRST, 0);
        r.cdesc(b.reqId(), 100, 0, BUFFER | FIRST | LAST, 0);

        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 0, 0);
        r.assertBroken(ResetReason.RX_DESCRIPTOR_MALFORMED, got);
    }

    @Test
    void aFirstBitInsideAPacketPublishedOverTwoPollsIsMalformed() {
        Rig r = new Rig().up();
        Desc a = r.take();
        r.cdesc(a.reqId(), POSTED_LEN, 0, BUFFER | FIRST, 0);
        assertThat(r.receive(8)).isEmpty();
        assertThat(resets).isEmpty();
        Desc b = r.take();
        r.cdesc(b.reqId(), 100, 0, BUFFER | FIRST | LAST, 0);

        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 0, 0);
        r.assertBroken(ResetReason.RX_DESCRIPTOR_MALFORMED, got);
    }

    @Test
    void aPacketWhoseLastEntryIsNotYetPublishedCompletesOnALaterPoll() {
        Rig r = new Rig().up();
        Desc a = r.take();
        Desc b = r.take();
        r.cdesc(a.reqId(), POSTED_LEN, 0, BUFFER | FIRST, 0);

        assertThat(r.receive(8)).isEmpty();
        assertThat(r.rx.postedBuffers()).isEqualTo(DEPTH - 1);
        assertThat(resets).isEmpty();
        r.assertAccounted();

        r.cdesc(b.reqId(), 100, 0, BUFFER | LAST, 0);
        List<Packet> got = r.receive(8);

        assertThat(got).hasSize(1);
        assertThat(got.get(0).segments()).isEqualTo(2);
        assertThat(got.get(0).packetLength()).isEqualTo(POSTED_LEN + 100);
        r.assertCounters(1, POSTED_LEN + 100, 0, 0);
        assertThat(resets).isEmpty();
        r.freeAll(got);
        r.assertAccounted();
    }

    @Test
    void anMbzStatusBitUnderCdescMbzIsMalformed() {
        Rig r = new Rig().up();
        Desc d = r.take();
        r.cdesc(d.reqId(), 60, 0, BUFFER | FIRST | LAST | RxCdescBase.STATUS_MBZ17_MASK, 0);

        List<Packet> got = r.receive(8);

        r.assertCounters(0, 0, 0, 0);
        r.assertBroken(ResetReason.RX_DESCRIPTOR_MALFORMED, got);
    }
}
