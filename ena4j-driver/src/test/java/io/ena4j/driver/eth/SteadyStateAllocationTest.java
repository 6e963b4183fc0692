package io.ena4j.driver.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.TxCdesc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The data path allocates nothing in steady state (design rule): a loop of host-mode and LLQ Tx packets
 * (prepare, doorbell, completion, ack) and Rx buffers (post, doorbell, two-buffer packet, assemble) is measured
 * with {@code ThreadMXBean#getCurrentThreadAllocatedBytes} over 100k iterations after warm-up.
 */
class SteadyStateAllocationTest {

    private static final int DEPTH = 1024;

    /** All rings, contexts and device-side cursors, created before measuring. */
    private static final class Rig {
        final RingStats txStats = new RingStats();
        final RingStats llqStats = new RingStats();
        final RingStats rxStats = new RingStats();
        final EthTestSupport.RecordingBar bar = new EthTestSupport.RecordingBar();
        final DmaBuffer txRing = EthTestSupport.dma(DEPTH * 16L);
        final DmaBuffer txCqRing = EthTestSupport.dma(DEPTH * 8L);
        final DmaBuffer llqCqRing = EthTestSupport.dma(DEPTH * 8L);
        final DmaBuffer rxRing = EthTestSupport.dma(DEPTH * 16L);
        final DmaBuffer rxCqRing = EthTestSupport.dma(DEPTH * 16L);
        final MemorySegment bar2 = Arena.ofAuto().allocate(DEPTH * 128L, 4096);
        final MemorySegment header = Arena.ofAuto().allocate(128);
        final IoSq tx = IoSq.txHost(txRing, DEPTH, 128, 48, bar, 0x1000, txStats);
        final IoCq txCq = IoCq.tx(txCqRing, DEPTH, 8, true, txStats);
        final IoSq llq = IoSq.txLlq(bar2, 0, DEPTH,
                LlqInfo.of(128, 2, LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY, 8, false), 48, bar, 0x1004, llqStats);
        final IoCq llqCq = IoCq.tx(llqCqRing, DEPTH, 8, true, llqStats);
        final IoSq rx = IoSq.rx(rxRing, DEPTH, 48, bar, 0x1008, rxStats);
        final IoCq rxCq = IoCq.rx(rxCqRing, DEPTH, 16, true, rxStats);
        final TxContext txCtx = new TxContext(19);
        final RxContext rxCtx = new RxContext(19);
        final TxCompletionInfo info = new TxCompletionInfo();
        long txCqTail;
        long llqCqTail;
        long rxCqTail;
        long sum;
    }

    @Test
    void steadyStateLoopAllocatesNothing() {
        Rig rig = new Rig();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(mx.isThreadAllocatedMemorySupported()).isTrue();
        mx.setThreadAllocatedMemoryEnabled(true);

        loop(rig, 0, 300_000);
        long before = mx.getCurrentThreadAllocatedBytes();
        before = mx.getCurrentThreadAllocatedBytes();
        loop(rig, 300_000, 100_000);
        long after = mx.getCurrentThreadAllocatedBytes();

        assertThat(after - before).as("bytes allocated by 100k steady-state iterations").isZero();
        assertThat(rig.sum).as("the loop did real work").isGreaterThan(0);
        assertThat(rig.txStats.resetReason()).isNull();
        assertThat(rig.llqStats.resetReason()).isNull();
        assertThat(rig.rxStats.resetReason()).isNull();
        assertThat(rig.txStats.get(RingCounter.DOORBELLS)).isEqualTo(400_000);
    }

    private static void loop(Rig r, int from, int count) {
        for (int i = from; i < from + count; i++) {
            int id = i & (DEPTH - 1);
            // Host Tx: three buffers, meta every other packet (cache hit / miss alternate).
            TxContext c = r.txCtx.clear();
            c.reqId = id;
            c.addBuffer(0x1_0000_0000L + i * 64L, 1000);
            c.addBuffer(0x2_0000_0000L, 200);
            c.addBuffer(0x3_0000_0000L, 60);
            c.headerLen = 54;
            if ((i & 1) == 0) {
                c.meta(1448, 20, 14, 5);
                c.l3Proto = 8;
                c.l4Proto = 12;
                c.tsoEnable = true;
            } else {
                c.meta(0, 20, 14, 0);
                c.l4CsumEnable = true;
            }
            check(TxPrepare.prepareTx(r.tx, c));
            r.tx.writeDoorbell();
            r.txCqTail = complete(r.txCq, r.txCqTail, id);
            check(TxCompletion.reqIdGet(r.txCq, r.info));
            check(TxCompletion.ack(r.tx, c.nbHwDesc));
            r.sum += r.info.reqId + c.nbHwDesc;

            // LLQ Tx: pushed header, two buffers, burst budget.
            c.clear();
            c.reqId = id;
            c.addBuffer(0x4_0000_0000L, 1400);
            c.addBuffer(0x5_0000_0000L, 100);
            c.pushHeader(r.header, 0, 42 + (i & 31));
            if (TxPrepare.isDoorbellNeeded(r.llq, c)) {
                r.llq.writeDoorbell();
            }
            check(TxPrepare.prepareTx(r.llq, c));
            r.llq.writeDoorbell();
            r.llqCqTail = complete(r.llqCq, r.llqCqTail, id);
            check(TxCompletion.reqIdGet(r.llqCq, r.info));
            check(TxCompletion.ack(r.llq, c.nbHwDesc));

            // Rx: post two buffers, the device fills both with one packet, the driver assembles it.
            int id2 = (id + 1) & (DEPTH - 1);
            check(RxPath.addRxDesc(r.rx, 0x6_0000_0000L + id * 4096L, 3712, id));
            check(RxPath.addRxDesc(r.rx, 0x6_0000_0000L + id2 * 4096L, 3712, id2));
            r.rx.writeDoorbell();
            r.rxCqTail = rxComplete(r.rxCq, r.rxCqTail, id, RxCdescBase.STATUS_FIRST_MASK, 3712);
            r.rxCqTail = rxComplete(r.rxCq, r.rxCqTail, id2, RxCdescBase.STATUS_LAST_MASK | 0x0C08, 100);
            check(RxPath.rxPkt(r.rxCq, r.rx, r.rxCtx));
            if (r.rxCtx.descs != 2) {
                throw new AssertionError("expected a two-buffer packet, got " + r.rxCtx.descs);
            }
            r.sum += r.rxCtx.bufLen[1];
        }
    }

    private static long complete(IoCq cq, long tail, int reqId) {
        long off = (tail & (DEPTH - 1)) * 8;
        int phase = (int) (1 - ((tail / DEPTH) & 1));
        TxCdesc.word0Release(cq.ring(), off, TxCdesc.word0Of(reqId, 0, phase));
        return tail + 1;
    }

    private static long rxComplete(IoCq cq, long tail, int reqId, int flags, int len) {
        long off = (tail & (DEPTH - 1)) * 16;
        int phase = (int) (1 - ((tail / DEPTH) & 1));
        RxCdescBase.length(cq.ring(), off, len);
        RxCdescBase.reqId(cq.ring(), off, reqId);
        RxCdescBase.statusRelease(cq.ring(), off, flags | (phase << RxCdescBase.STATUS_PHASE_SHIFT));
        return tail + 1;
    }

    private static void check(int rc) {
        if (rc != 0) {
            throw new AssertionError("rc " + rc);
        }
    }
}
