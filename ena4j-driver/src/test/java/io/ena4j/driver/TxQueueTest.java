package io.ena4j.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.eth.IoCq;
import io.ena4j.driver.eth.IoSq;
import io.ena4j.driver.eth.LlqInfo;
import io.ena4j.driver.eth.RingStats;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.RegisterBar;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.eth.TxDesc;
import io.ena4j.spec.eth.TxMetaDesc;
import io.ena4j.spec.regs.ResetReason;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TxQueue#send} against a small in-test device that reads the descriptors a doorbell published (host ring or
 * LLQ entries, datapath.md §2, §9.2) and writes one Tx completion per packet (§4): when a packet of a burst finds
 * the ring full, completions already written are reaped and the burst goes on; only a ring the device has not
 * released ends the burst ({@code queue_stop}).
 */
class TxQueueTest {

    private static final int MAX_SGL = 19;

    private final IommuDmaAllocator dma = new IommuDmaAllocator(new Iommu());
    private final PacketPool pool = PacketPool.create(dma, 512);
    private final List<ResetReason> resets = new ArrayList<>();

    /** Register BAR whose SQ doorbell is the only register the queue writes. */
    private static final class Bar implements RegisterBar {
        int doorbells;

        @Override
        public int read32(int offset) {
            return 0;
        }

        @Override
        public void write32(int offset, int value) {
            doorbells++;
        }

        @Override
        public int size() {
            return 0x8000;
        }
    }

    /** A Tx queue and the device side of its rings. */
    private final class Rig {
        final int depth;
        final boolean llq;
        final MemorySegment sqMem;
        final MemorySegment cqMem;
        final IoSq sq;
        final TxQueue tx;
        int devHead;
        long cqTail;

        Rig(boolean llq, int depth) {
            this.depth = depth;
            this.llq = llq;
            RingStats stats = new RingStats();
            Bar bar = new Bar();
            DmaBuffer cqRing = dma.allocate(depth * 8L);
            this.cqMem = cqRing.segment();
            if (llq) {
                this.sqMem = Arena.ofAuto().allocate(depth * 128L, 4096);
                this.sq = IoSq.txLlq(sqMem, 0, depth,
                        LlqInfo.of(128, 2, LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY, 0, false), 48, bar, 0x1000,
                        stats);
            } else {
                DmaBuffer ring = dma.allocate(depth * 16L);
                this.sqMem = ring.segment();
                this.sq = IoSq.txHost(ring, depth, 128, 48, bar, 0x1000, stats);
            }
            IoCq cq = IoCq.tx(cqRing, depth, 8, true, stats);
            this.tx = new TxQueue(0, sq, cq, MAX_SGL, -1, resets::add, new io.ena4j.platform.ManualClock());
        }

        /** Sends {@code n} 60-byte single-buffer packets in one burst; returns how many were accepted. */
        int send(int n) {
            Packet[] burst = new Packet[n];
            for (int i = 0; i < n; i++) {
                burst[i] = pool.alloc();
                assertThat(burst[i].set(PacketPool.DEFAULT_HEADROOM, 60)).isTrue();
            }
            int sent = tx.send(burst, 0, n);
            for (int i = sent; i < n; i++) {
                pool.free(burst[i]);
            }
            return sent;
        }

        /**
         * The device transmits everything up to the SQ tail: one completion per packet, carrying the req_id of its
         * first descriptor, with the phase of the CQ lap (§8.2).
         */
        int completeAll() {
            int done = 0;
            int tail = sq.tail();
            while (devHead != tail) {
                long base = (long) (devHead & (depth - 1)) * (llq ? 128 : 16);
                int lenCtrl = TxDesc.lenCtrl(sqMem, base);
                devHead = (devHead + 1) & 0xFFFF;
                if ((lenCtrl & TxDesc.LEN_CTRL_FIRST_MASK) == 0) {
                    continue;
                }
                int reqId = TxDesc.reqId(sqMem, base);
                long slot = (cqTail % depth) * 8;
                int phase = (int) (1 - ((cqTail / depth) & 1));
                TxCdesc.word0Release(cqMem, slot, reqId | (phase << TxCdesc.WORD0_PHASE_SHIFT));
                cqTail++;
                done++;
            }
            return done;
        }
    }

    @Test
    void anLlqBurstThatFillsTheRingReapsCompletionsInsteadOfStopping() {
        Rig r = new Rig(true, 64);
        assertThat(r.send(53)).isEqualTo(53);
        assertThat(r.completeAll()).isEqualTo(53);
        // 10 entries free: above the reap-before-burst threshold (8), too few for 32 packets.
        assertThat(r.sq.freeEntries()).isEqualTo(10);

        assertThat(r.send(32)).isEqualTo(32);

        assertThat(r.tx.queueStops()).isZero();
        assertThat(r.tx.completed()).isEqualTo(53);
        assertThat(r.tx.inFlight()).isEqualTo(32);
        assertThat(r.completeAll()).isEqualTo(32);
        assertThat(r.tx.clean(64)).isEqualTo(32);
        assertThat(r.tx.isBroken()).isFalse();
        assertThat(resets).isEmpty();
        assertThat(pool.available()).isEqualTo(pool.capacity());
    }

    @Test
    void aHostBurstThatFillsTheRingReapsCompletionsInsteadOfStopping() {
        Rig r = new Rig(false, 128);
        assertThat(r.send(82)).isEqualTo(82);
        assertThat(r.completeAll()).isEqualTo(82);
        // 45 descriptors free: above the reap-before-burst threshold (2 * 20), too few for 48 packets.
        assertThat(r.sq.freeEntries()).isEqualTo(45);

        assertThat(r.send(48)).isEqualTo(48);

        assertThat(r.tx.queueStops()).isZero();
        assertThat(r.tx.completed()).isEqualTo(82);
        assertThat(r.tx.inFlight()).isEqualTo(48);
        assertThat(resets).isEmpty();
    }

    @Test
    void aReapThatFindsABadCompletionEndsTheBurstAndNothingMoreIsSent() {
        Rig r = new Rig(true, 64);
        assertThat(r.send(53)).isEqualTo(53);
        // The device writes a completion whose req_id is out of range at the CQ head (datapath.md §12.2).
        TxCdesc.word0Release(r.cqMem, 0, r.depth | (1 << TxCdesc.WORD0_PHASE_SHIFT));

        // 10 entries free: 8 packets fit, the 9th reaps, finds the fault and ends the burst.
        assertThat(r.send(32)).isEqualTo(8);

        assertThat(r.tx.isBroken()).isTrue();
        assertThat(r.tx.badReqIds()).isEqualTo(1);
        assertThat(r.tx.queueStops()).as("a fault is not a full ring").isZero();
        assertThat(resets).containsExactly(ResetReason.INV_TX_REQ_ID);
        assertThat(r.send(1)).as("nothing is sent on a broken queue").isZero();
    }

    @Test
    void aReapBeforeTheBurstThatFindsABadCompletionSendsNothing() {
        Rig r = new Rig(true, 64);
        assertThat(r.send(58)).isEqualTo(58);
        assertThat(r.sq.freeEntries()).as("below the reap-before-burst threshold").isEqualTo(5);
        TxCdesc.word0Release(r.cqMem, 0, r.depth | (1 << TxCdesc.WORD0_PHASE_SHIFT));
        int tail = r.sq.tail();

        assertThat(r.send(2)).isZero();

        assertThat(r.sq.tail()).as("no descriptor written").isEqualTo(tail);
        assertThat(r.tx.isBroken()).isTrue();
        assertThat(resets).containsExactly(ResetReason.INV_TX_REQ_ID);
    }

    @Test
    void aFullRingTheDeviceHasNotReleasedEndsTheBurst() {
        Rig r = new Rig(true, 64);
        assertThat(r.send(32)).isEqualTo(32);
        long polls = r.tx.polls();

        // 31 entries free; LLQ space check free > 2: 29 packets fit, the 30th finds nothing to reap.
        assertThat(r.send(32)).isEqualTo(29);

        assertThat(r.tx.queueStops()).isEqualTo(1);
        assertThat(r.tx.polls()).as("one reap attempt").isEqualTo(polls + 1);
        assertThat(r.tx.inFlight()).isEqualTo(61);
        assertThat(r.tx.completed()).isZero();
        assertThat(r.send(1)).as("still full").isZero();
        assertThat(r.tx.queueStops()).as("one stop until room is back").isEqualTo(1);
        assertThat(r.tx.queueWakeups()).isZero();
        assertThat(r.completeAll()).isEqualTo(61);
        assertThat(r.tx.clean(64)).isEqualTo(61);
        assertThat(r.tx.queueWakeups()).as("the completions woke the queue").isEqualTo(1);
        assertThat(resets).isEmpty();
    }

    @Test
    void withMetaCachingDisabledAPacketWithoutOffloadCarriesAZeroMetaContext() {
        // Accelerated LLQ: every packet carries a meta descriptor (datapath.md §3.3). The one of a packet without
        // offload must not repeat the header lengths of the offload packet before it.
        MemorySegment llqMem = Arena.ofAuto().allocate(64 * 128L, 4096);
        DmaBuffer cqRing = dma.allocate(64 * 8L);
        IoSq sq = IoSq.txLlq(llqMem, 0, 64, LlqInfo.of(128, 2, LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY, 0, true),
                48, new Bar(), 0x1000, new RingStats());
        IoCq cq = IoCq.tx(cqRing, 64, 8, true, new RingStats());
        TxQueue tx = new TxQueue(0, sq, cq, MAX_SGL, -1, resets::add, new io.ena4j.platform.ManualClock());
        Packet withOffload = pool.alloc();
        assertThat(withOffload.set(PacketPool.DEFAULT_HEADROOM, 128)).isTrue();
        assertThat(withOffload.requestTxOffload(Packet.TX_L3_CSUM | Packet.TX_L4_CSUM, false, true, 14, 20, 20))
                .isTrue();
        Packet plain = pool.alloc();
        assertThat(plain.set(PacketPool.DEFAULT_HEADROOM, 128)).isTrue();
        assertThat(tx.send(new Packet[] {withOffload, plain}, 0, 2)).isEqualTo(2);
        // Each 128-byte packet takes one entry; the meta descriptor is the entry's first slot.
        assertThat(TxMetaDesc.l3HdrLen(llqMem, 0)).isEqualTo(20);
        assertThat(TxMetaDesc.l4HdrLenInWords(llqMem, 0)).isEqualTo(5);
        assertThat(TxDesc.metaDesc(llqMem, 128)).as("second packet starts with a meta descriptor").isEqualTo(1);
        assertThat(TxMetaDesc.l3HdrLen(llqMem, 128)).isZero();
        assertThat(TxMetaDesc.l3HdrOff(llqMem, 128)).isZero();
        assertThat(TxMetaDesc.l4HdrLenInWords(llqMem, 128)).isZero();
    }
}
