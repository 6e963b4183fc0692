package io.ena4j.model;

import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.Le;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.RxDesc;
import io.ena4j.spec.eth.TxDesc;
import io.ena4j.spec.regs.IntrUnmask;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data path allocates nothing in steady state: Tx gather, wire, Rx parse/hash/scatter, both completions, the
 * interrupt evaluation and the MSI-X delivery, measured with the thread's allocated-bytes counter over 100k packets
 * after a warm-up. The test's own driver loop is written to allocate nothing either (raw ring accesses).
 */
class AllocationTest {

    private static final int DEPTH = 1024;
    private static final int BATCH = 64;

    private int[] irqs;

    @Test
    void steadyStateTrafficAllocatesZeroBytes() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(DEPTH, 1, true, false);
            DataHost.RxQ rx = dh.rx(DEPTH, 1, true, 2048);
            rx.fill(DEPTH - 1);
            irqs = new int[1];
            th.fn.setInterruptHandler(1, v -> irqs[0]++);
            DmaBuffer frame = th.dma.allocate(2048);
            MemorySegment.copy(DataPathTest.udp(64, 5), 0, frame.segment(), java.lang.foreign.ValueLayout.JAVA_BYTE,
                    0, 64);
            long txAddr = frame.ioAddress();
            EnaDeviceModel m = dh.model;

            run(th, m, tx, rx, txAddr, 300_000); // warm-up: let the JIT compile everything
            long before = mx.getCurrentThreadAllocatedBytes();
            int irqsBefore = irqs[0];
            long pkts = run(th, m, tx, rx, txAddr, 100_000);
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertThat(pkts).isEqualTo(100_032);
            assertThat(irqs[0] - irqsBefore).as("interrupts were delivered").isPositive();
            assertThat(allocated).as("bytes allocated for 100k packets").isZero();
            assertThat(m.statistics().get(DeviceStatistics.Stat.RX_DROPS)).isZero();
        }
    }

    /** Sends at least {@code packets} packets in batches; returns the number received. */
    private static long run(TestHost th, EnaDeviceModel m, DataHost.TxQ tx, DataHost.RxQ rx, long addr,
                            int packets) {
        MemorySegment sq = tx.sqRing.segment();
        MemorySegment txCq = tx.cqRing.segment();
        MemorySegment rxSq = rx.sqRing.segment();
        MemorySegment rxCq = rx.cqRing.segment();
        long received = 0;
        while (received < packets) {
            for (int i = 0; i < BATCH; i++) {
                long off = (long) (tx.tail & (DEPTH - 1)) * 16;
                int phase = ((tx.tail >>> 10) & 1) ^ 1;
                Le.u32(sq, off, 64 | TxDesc.LEN_CTRL_FIRST_MASK | TxDesc.LEN_CTRL_LAST_MASK
                        | TxDesc.LEN_CTRL_COMP_REQ_MASK | phase << 24);
                Le.u32(sq, off + 4, TxDesc.metaCtrlReqIdBits(tx.tail & (DEPTH - 1)));
                Le.u32(sq, off + 8, (int) addr);
                Le.u32(sq, off + 12, (int) (addr >>> 32));
                tx.tail = (tx.tail + 1) & 0xFFFF;
            }
            th.w(tx.doorbell, tx.tail);
            m.doWork();
            while (true) { // Tx completions
                long off = (long) (tx.cqHead & (DEPTH - 1)) * 8;
                if (((Le.u32(txCq, off) >>> 24) & 1) != tx.cqPhase) {
                    break;
                }
                tx.cqHead++;
                if ((tx.cqHead & (DEPTH - 1)) == 0) {
                    tx.cqPhase ^= 1;
                }
            }
            while (true) { // Rx completions, buffers re-posted
                long off = (long) (rx.cqHead & (DEPTH - 1)) * 16;
                int status = Le.u32(rxCq, off);
                if (((status >>> 24) & 1) != rx.cqPhase) {
                    break;
                }
                int reqId = Le.u16(rxCq, off + RxCdescBase.REQ_ID_OFFSET);
                rx.cqHead++;
                if ((rx.cqHead & (DEPTH - 1)) == 0) {
                    rx.cqPhase ^= 1;
                }
                long d = (long) (rx.tail & (DEPTH - 1)) * 16;
                Le.u32(rxSq, d, RxDesc.word0Of(2048, RxDesc.CTRL_DRIVER_BASE | (((rx.tail >>> 10) & 1) ^ 1)));
                Le.u32(rxSq, d + 4, reqId);
                long a = rx.bufs.ioAddress((long) reqId * rx.bufSize);
                Le.u32(rxSq, d + 8, (int) a);
                Le.u32(rxSq, d + 12, (int) (a >>> 32));
                rx.tail = (rx.tail + 1) & 0xFFFF;
                received++;
            }
            th.w(rx.doorbell, rx.tail);
            th.w(tx.unmask, IntrUnmask.value(0, 0, 1, 1));
        }
        return received;
    }
}
