package io.ena4j.model;

import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.eth.RxDesc;
import io.ena4j.spec.eth.TxDesc;
import io.ena4j.spec.eth.TxMetaDesc;
import io.ena4j.spec.regs.EnaRegs;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver is untrusted: malformed descriptor streams and bad addresses are counted or fatal, never a crash. */
class MalformedDescriptorTest {

    private static final int FIRST = TxDesc.LEN_CTRL_FIRST_MASK;
    private static final int LAST = TxDesc.LEN_CTRL_LAST_MASK;
    private static final int COMP = TxDesc.LEN_CTRL_COMP_REQ_MASK;

    private record Setup(TestHost th, DataHost dh, DataHost.TxQ tx, DataHost.RxQ rx, DmaBuffer buf) {
        void good(int reqId) {
            tx.desc(60 | FIRST | LAST | COMP | TxDesc.lenCtrlReqIdBits(reqId), TxDesc.metaCtrlReqIdBits(reqId),
                    buf.ioAddress(), 0);
        }

        ModelCounters counters() {
            return dh.model.counters();
        }
    }

    private static Setup setup(TestHost th) {
        DataHost dh = new DataHost(th);
        DataHost.TxQ tx = dh.tx(256, 1, false, false);
        DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
        rx.fill(255);
        DmaBuffer buf = th.dma.allocate(4096);
        MemorySegment.copy(DataPathTest.udp(60, 1), 0, buf.segment(), java.lang.foreign.ValueLayout.JAVA_BYTE, 0, 60);
        return new Setup(th, dh, tx, rx, buf);
    }

    @Test
    void badPhaseIsDiscardedAndTheQueueResumesAtTheNextPacket() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Setup s = setup(th);
            s.good(1);
            s.tx.desc(60 | FIRST | LAST | COMP, 0, s.buf.ioAddress(), 0);
            int slot = (s.tx.tail - 1) & 255;
            MemorySegment ring = s.tx.sqRing.segment();
            Le.u32(ring, slot * 16L, Le.u32(ring, slot * 16L) ^ TxDesc.LEN_CTRL_PHASE_MASK); // stale phase
            s.good(3);
            s.tx.ring();
            s.dh.step();
            assertThat(s.tx.completedReqIds()).containsExactly(1, 3);
            assertThat(s.rx.packets()).hasSize(2);
            assertThat(s.counters().txDescriptorErrors()).isEqualTo(1);
            assertThat(s.counters().lastDataPathError()).isEqualTo(TxEngine.BAD_PHASE);
            assertThat(s.dh.model.fatalError()).isFalse();
        }
    }

    @Test
    void structuralErrorsAreDiscardedOneByOne() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Setup s = setup(th);
            long a = s.buf.ioAddress();
            s.tx.desc(60 | LAST | COMP, 0, a, 0); // missing first
            s.good(2);
            s.tx.desc(30 | FIRST | COMP, 0, a, 0); // first without last ...
            s.good(4); // ... then a new first
            s.tx.desc(30 | FIRST | COMP | TxDesc.lenCtrlReqIdBits(5), TxDesc.metaCtrlReqIdBits(5), a, 0);
            s.tx.desc(TxMetaDesc.LEN_CTRL_DRIVER_BASE & ~FIRST, 0, 0, 0); // meta descriptor after data
            s.tx.desc(30 | LAST, 0, a, 0);
            s.good(6);
            s.tx.desc(TxMetaDesc.LEN_CTRL_DRIVER_BASE | LAST, 0, 0, 0); // meta with last: no data
            s.good(7);
            for (int i = 0; i < 40; i++) { // 40 descriptors without last: beyond max_per_packet_tx_descs (32)
                s.tx.desc(1 | (i == 0 ? FIRST | COMP : 0), 0, a, 0);
            }
            s.tx.desc(1 | LAST, 0, a, 0);
            s.good(8);
            s.tx.ring();
            s.dh.step();
            assertThat(s.tx.completedReqIds()).containsExactly(2, 4, 6, 7, 8);
            assertThat(s.rx.packets()).hasSize(5);
            assertThat(s.counters().txDescriptorErrors()).isEqualTo(5);
            assertThat(s.dh.model.fatalError()).isFalse();
        }
    }

    @Test
    void zeroLengthDescriptorsAndTheDriversQuirksAreAccepted() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Setup s = setup(th);
            long a = s.buf.ioAddress();
            // zero-length first data descriptor (address 0: no DMA), then the frame, then a zero-length last
            s.tx.desc(FIRST | COMP | TxDesc.lenCtrlReqIdBits(9), TxDesc.metaCtrlReqIdBits(9), 0, 0);
            s.tx.desc(60, 0, a, 0);
            s.tx.desc(LAST, 0, 0xFFFF_FFFF_FFFFL, 0);
            // meta descriptor followed by data0 that also carries 'first'; MBZ bits set everywhere
            s.tx.desc(TxMetaDesc.LEN_CTRL_DRIVER_BASE | 1 << 22 | 0x3FF, 0xFFFF_FFFF, 0, 0);
            s.tx.desc(60 | FIRST | LAST | COMP | 1 << 25 | TxDesc.lenCtrlReqIdBits(10),
                    TxDesc.metaCtrlReqIdBits(10) | 0x3C0060, a, 0);
            s.tx.ring();
            s.dh.step();
            assertThat(s.tx.completedReqIds()).containsExactly(9, 10);
            assertThat(s.rx.packets()).hasSize(2);
            assertThat(s.counters().txDescriptorErrors()).isZero();
        }
    }

    @Test
    void completionOnDemandCompletesOnlyPacketsWithCompReq() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false, 2, CreateSqCmd.COMPLETION_POLICY_DESC_ON_DEMAND);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(255);
            DmaBuffer b = th.dma.allocate(64);
            tx.desc(60 | FIRST | LAST | TxDesc.lenCtrlReqIdBits(1), TxDesc.metaCtrlReqIdBits(1), b.ioAddress(), 0);
            tx.desc(60 | FIRST | LAST | COMP | TxDesc.lenCtrlReqIdBits(2), TxDesc.metaCtrlReqIdBits(2), b.ioAddress(),
                    0);
            tx.ring();
            dh.step();
            assertThat(tx.completedReqIds()).containsExactly(2);
            assertThat(rx.packets()).hasSize(2);
        }
    }

    @Test
    void bufferOutsideTheIommuIsAFatalDmaFault() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Setup s = setup(th);
            s.good(1);
            s.tx.desc(60 | FIRST | LAST | COMP, 0, 0x7000_0000_0000L, 0);
            s.good(3);
            s.tx.ring();
            s.dh.step();
            assertThat(s.tx.completedReqIds()).containsExactly(1);
            assertThat(s.dh.model.fatalError()).isTrue();
            assertThat(th.r(EnaRegs.DEV_STS_OFF) & EnaRegs.DEV_STS_FATAL_ERROR_MASK).isNotZero();
            assertThat(s.counters().dmaFaults()).isEqualTo(1);
            assertThat(s.counters().lastDmaFault()).contains("Tx buffer").contains("outside the IOMMU");
            s.good(4);
            s.tx.ring();
            s.dh.step();
            assertThat(s.tx.completedReqIds()).as("stopped until reset").isEmpty();
            assertThat(s.counters().internalErrors()).isZero();
        }
    }

    @Test
    void addressBeyondTheDmaWidthAndAnUnmappedRingFault() {
        DeviceProfile p = DeviceProfile.ec2Default();
        DeviceProfile narrow = p.toBuilder().registers(new DeviceProfile.Registers(p.registers().version(),
                p.registers().controllerVersion(), p.registers().resetTimeout(), 40, p.registers().adminTimeout(),
                p.registers().contiguousQueueRequired())).build();
        try (TestHost th = TestHost.ready(narrow)) {
            Setup s = setup(th);
            s.tx.desc(60 | FIRST | LAST | COMP, 0, 1L << 40, 0);
            s.tx.ring();
            s.dh.step();
            assertThat(s.dh.model.fatalError()).isTrue();
            assertThat(s.counters().lastDmaFault()).contains("40-bit DMA width");
        }
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Setup s = setup(th);
            s.good(1);
            th.dma.free(s.tx.sqRing); // the host frees the ring under the device
            s.tx.tail = 1;
            s.tx.ring();
            s.dh.step();
            assertThat(s.dh.model.fatalError()).isTrue();
            assertThat(s.counters().lastDmaFault()).contains("Tx SQ ring");
        }
    }

    @Test
    void doorbellBeyondTheDepthIsCountedAndDiscarded() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Setup s = setup(th);
            th.w(s.tx.doorbell, 300);
            s.dh.step();
            assertThat(s.counters().sqDoorbellErrors()).isEqualTo(1);
            assertThat(s.tx.completedReqIds()).isEmpty();
            s.tx.tail = 300;
            s.good(5);
            s.tx.ring();
            s.dh.step();
            assertThat(s.tx.completedReqIds()).containsExactly(5);
        }
    }

    @Test
    void llqHeaderLongerThanTheEntryIsDroppedButCompleted() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            dh.setLlq(io.ena4j.spec.admin.LlqFeature.EntrySize.SIZE_128, 2,
                    io.ena4j.spec.admin.LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY, 0);
            DataHost.TxQ tx = dh.tx(256, 1, false, true);
            byte[] e = new byte[128];
            MemorySegment s = MemorySegment.ofArray(e);
            TxDesc.lenCtrl(s, 0, FIRST | LAST | COMP | tx.phase() << 24 | TxDesc.lenCtrlReqIdBits(4));
            TxDesc.metaCtrl(s, 0, TxDesc.metaCtrlReqIdBits(4));
            TxDesc.buffAddrHiHdrSz(s, 0, 97 << 24); // room is 128 - 32 = 96
            tx.entry(e);
            tx.ring();
            dh.step();
            assertThat(tx.completedReqIds()).containsExactly(4);
            assertThat(dh.model.statistics().get(DeviceStatistics.Stat.TX_DROPS)).isEqualTo(1);
            assertThat(dh.model.counters().lastDataPathError()).isEqualTo(TxEngine.HEADER_TOO_LONG);
        }
    }

    @Test
    void rxDescriptorWithABadPhaseStallsTheQueueUntilRewritten() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Setup s = setup(th);
            DataHost.RxQ rx2 = s.dh.rx(256, 2, false, 2048); // queue 0 stays the first one
            MemorySegment ring = s.rx.sqRing.segment();
            // overwrite the next descriptor the device will use with the wrong phase
            int w0 = Le.u32(ring, 0);
            Le.u32(ring, 0, w0 ^ RxDesc.CTRL_PHASE_MASK << 24);
            s.good(1);
            s.tx.ring();
            s.dh.step();
            assertThat(s.rx.packets()).isEmpty();
            assertThat(s.counters().rxDescriptorErrors()).isEqualTo(1);
            assertThat(s.dh.model.statistics().get(DeviceStatistics.Stat.RX_DROPS)).isEqualTo(1);
            Le.u32(ring, 0, w0);
            s.good(2);
            s.tx.ring();
            s.dh.step();
            assertThat(s.rx.packets()).hasSize(1);
            assertThat(rx2.packets()).isEmpty();
        }
    }

    @Test
    void rxBufferOutsideTheIommuIsFatal() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Setup s = setup(th);
            Le.u32(s.rx.sqRing.segment(), 8, 0x1234_0000); // buffer address of slot 0
            Le.u16(s.rx.sqRing.segment(), 12, 0x7777);
            s.good(1);
            s.tx.ring();
            s.dh.step();
            assertThat(s.dh.model.fatalError()).isTrue();
            assertThat(s.counters().lastDmaFault()).contains("Rx buffer");
        }
    }

    @Test
    void randomRingContentNeverEscapesAsAnException() {
        Random rnd = new Random(7);
        for (int round = 0; round < 20; round++) {
            try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
                Setup s = setup(th);
                byte[] junk = new byte[256 * 16];
                for (int k = 0; k < 30; k++) {
                    rnd.nextBytes(junk);
                    if (rnd.nextBoolean()) { // mostly valid-looking: fix phase and point into the buffer
                        MemorySegment j = MemorySegment.ofArray(junk);
                        for (int d = 0; d < 256; d++) {
                            int w0 = Le.u32(j, d * 16L) & ~TxDesc.LEN_CTRL_PHASE_MASK & ~0xF000;
                            Le.u32(j, d * 16L, w0 | ((((s.tx.tail + d) >>> 8) & 1) ^ 1) << 24);
                            Le.u32(j, d * 16L + 8, (int) s.buf.ioAddress());
                            Le.u32(j, d * 16L + 12, (int) (s.buf.ioAddress() >>> 32));
                        }
                    }
                    MemorySegment.copy(MemorySegment.ofArray(junk), 0, s.tx.sqRing.segment(), 0, junk.length);
                    s.tx.tail = (s.tx.tail + rnd.nextInt(300)) & 0xFFFF;
                    s.tx.ring();
                    s.dh.step();
                    s.tx.completedReqIds();
                }
                assertThat(s.counters().internalErrors()).isZero();
            }
        }
    }
}
