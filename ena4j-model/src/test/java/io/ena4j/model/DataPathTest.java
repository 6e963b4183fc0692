package io.ena4j.model;

import io.ena4j.model.net.FrameBuilder;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.ManualClock;
import io.ena4j.spec.admin.BasicStats;
import io.ena4j.spec.admin.StatsType;
import io.ena4j.spec.aenq.AenqEntry;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.aenq.AenqKeepAlive;
import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.TxDesc;
import io.ena4j.spec.admin.LlqFeature;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Frames through the model: loopback, port pairs, multi-buffer, laps, MTU, statistics, LLQ. */
class DataPathTest {

    static final byte[] MAC_A = {2, 0, 0, 0, 0, 0xA};
    static final byte[] MAC_B = {2, 0, 0, 0, 0, 0xB};

    static byte[] udp(int len, int srcPort) {
        return FrameBuilder.udp4(MAC_B, MAC_A, FrameBuilder.ipv4(10, 0, 0, 1), FrameBuilder.ipv4(10, 0, 0, 2),
                srcPort, 4791, len);
    }

    /** Steps until {@code cond} or 100 steps. */
    static void stepUntil(DataHost dh, java.util.function.BooleanSupplier cond) {
        for (int i = 0; i < 100 && !cond.getAsBoolean(); i++) {
            dh.step();
        }
    }

    @Test
    void loopbackIsBitIdenticalForSizes60To9000AcrossSeveralRxBuffers() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            dh.setMtu(9000);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(255);
            int[] sizes = {60, 61, 64, 127, 128, 500, 1514, 2047, 2048, 2049, 4095, 4096, 6000, 8191, 9000, 9018};
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                byte[] f = udp(sizes[i], 1000 + i);
                sent.add(f);
                tx.send(i, f, 1 + i % 3);
            }
            tx.ring();
            dh.step();
            assertThat(tx.completedReqIds()).as("one completion per packet, in order")
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            List<DataHost.Received> got = rx.packets();
            assertThat(got).hasSize(sizes.length);
            for (int i = 0; i < sizes.length; i++) {
                DataHost.Received r = got.get(i);
                assertThat(r.data()).as("frame %d (%d bytes)", i, sizes[i]).isEqualTo(sent.get(i));
                assertThat(r.cdescs()).hasSize((sizes[i] + 2047) / 2048);
                assertThat(r.cdescs().getFirst().first()).isTrue();
                for (int k = 0; k < r.cdescs().size(); k++) {
                    DataHost.Cdesc c = r.cdescs().get(k);
                    assertThat(c.first()).isEqualTo(k == 0);
                    assertThat(c.last()).isEqualTo(k == r.cdescs().size() - 1);
                    assertThat(c.status() & RxCdescBase.STATUS_MBZ_MASK).isZero();
                    assertThat(c.status() & RxCdescBase.STATUS_BUFFER_MASK).isNotZero();
                    assertThat(c.offset()).isZero();
                }
            }
            DeviceStatistics st = dh.model.statistics();
            long bytes = 0;
            for (int s : sizes) {
                bytes += s;
            }
            assertThat(st.get(DeviceStatistics.Stat.TX_PKTS)).isEqualTo(sizes.length);
            assertThat(st.get(DeviceStatistics.Stat.TX_BYTES)).isEqualTo(bytes);
            assertThat(st.get(DeviceStatistics.Stat.RX_PKTS)).isEqualTo(sizes.length);
            assertThat(st.get(DeviceStatistics.Stat.RX_BYTES)).isEqualTo(bytes);
        }
    }

    @Test
    void reqIdsAreEchoedAndBothCqPhasesFlipOverManyLaps() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(255);
            byte[] f = udp(64, 7);
            int total = 256 * 6 + 37;
            int sent = 0;
            int completed = 0;
            int received = 0;
            while (received < total) {
                int burst = Math.min(200, total - sent);
                for (int i = 0; i < burst; i++) {
                    int reqId = (sent + i) * 7 & 0xFFFF; // arbitrary 16-bit ids
                    tx.send(reqId, f, 1);
                }
                sent += burst;
                tx.ring();
                stepUntil(dh, () -> false);
                for (int id : tx.completedReqIds()) {
                    assertThat(id).isEqualTo(completed * 7 & 0xFFFF);
                    completed++;
                }
                for (DataHost.Received r : rx.packets()) {
                    assertThat(r.data()).isEqualTo(f);
                    received++;
                    rx.post(1, 2048); // recycle the buffer
                }
                rx.ring();
            }
            assertThat(completed).isEqualTo(total);
            assertThat(tx.cqHead).isEqualTo(total);
            assertThat(rx.cqHead).isEqualTo(total);
        }
    }

    @Test
    void noPostedBuffersDropsAndCountsReportedByGetStatsAndKeepAlive() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            MemorySegment aenq = TestHost.setFeature(FeatureId.AENQ_CONFIG.code());
            AenqConfig.enabledGroups(aenq, FeatureCmd.SET_PAYLOAD, AenqGroup.KEEP_ALIVE.mask());
            th.exec(aenq, 0);
            th.aenqDoorbell();
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.post(2, 1024);
            rx.ring();
            for (int i = 0; i < 5; i++) {
                tx.send(i, udp(1500, i), 1); // two 1 KiB buffers each: the first fits, the rest find no buffer
            }
            tx.ring();
            dh.step();
            assertThat(tx.completedReqIds()).hasSize(5);
            assertThat(rx.packets()).hasSize(1);
            DeviceStatistics st = dh.model.statistics();
            assertThat(st.get(DeviceStatistics.Stat.RX_DROPS)).isEqualTo(4);
            assertThat(st.get(DeviceStatistics.Stat.RX_OVERRUNS)).isEqualTo(4);
            assertThat(st.get(DeviceStatistics.Stat.TX_PKTS)).isEqualTo(5);

            MemorySegment c = th.exec(TestHost.getStats(StatsType.BASIC.code()), 0);
            assertThat(BasicStats.rxDrops(c, 0)).isEqualTo(4);
            assertThat(BasicStats.rxOverruns(c, 0)).isEqualTo(4);
            assertThat(BasicStats.txPkts(c, 0)).isEqualTo(5);
            assertThat(BasicStats.rxPkts(c, 0)).isEqualTo(1);
            assertThat(BasicStats.rxBytes(c, 0)).isEqualTo(1500);

            th.clock.advance(1_000_000_000L);
            List<MemorySegment> events = th.aenqPoll();
            MemorySegment ka = events.stream().filter(e -> AenqEntry.group(e, 0) == AenqGroup.KEEP_ALIVE.code())
                    .findFirst().orElseThrow();
            assertThat(AenqKeepAlive.rxDrops(ka, 0)).isEqualTo(4);
            assertThat(AenqKeepAlive.rxOverruns(ka, 0)).isEqualTo(4);
        }
    }

    @Test
    void framesAboveMtuPlus18AreDroppedButCompleted() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(255);
            tx.send(1, udp(1518, 1), 1);
            tx.send(2, udp(1519, 2), 2);
            tx.ring();
            dh.step();
            assertThat(tx.completedReqIds()).containsExactly(1, 2);
            assertThat(rx.packets()).extracting(r -> r.data().length).containsExactly(1518);
            assertThat(dh.model.statistics().get(DeviceStatistics.Stat.TX_DROPS)).isEqualTo(1);

            dh.setMtu(9000);
            tx.send(3, udp(1519, 3), 2);
            tx.ring();
            dh.step();
            assertThat(rx.packets()).extracting(r -> r.data().length).containsExactly(1519);
        }
    }

    @Test
    void llqLoopbackPushesTheHeaderAndGathersTheBuffers() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            dh.setLlq(LlqFeature.EntrySize.SIZE_128, 2, LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY, 0);
            DataHost.TxQ tx = dh.tx(256, 1, false, true);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(255);
            var staging = th.dma.allocate(16384);
            List<byte[]> frames = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                byte[] f = udp(p == 0 ? 60 : 1514, p);
                frames.add(f);
                int h = Math.min(f.length, 96);
                // 11 data buffers for the last packet: first entry holds data0 (+ empty slot), continuation entries
                int bufs = p == 2 ? 11 : f.length > h ? 1 : 0;
                int rest = f.length - h;
                List<int[]> descs = new ArrayList<>();
                int at = h;
                if (bufs == 0) {
                    descs.add(new int[] {0, 0});
                }
                for (int b = 0; b < bufs; b++) {
                    int len = (rest - (at - h)) / (bufs - b);
                    MemorySegment.copy(f, at, staging.segment(), java.lang.foreign.ValueLayout.JAVA_BYTE, at, len);
                    descs.add(new int[] {at, len});
                    at += len;
                }
                int n = descs.size();
                int entries = n <= 2 ? 1 : 1 + (n - 2 + 7) / 8;
                byte[][] es = new byte[entries][128];
                int phase = tx.phase();
                for (int k = 0; k < n; k++) {
                    int e = k < 2 ? 0 : 1 + (k - 2) / 8;
                    int slot = k < 2 ? k : (k - 2) % 8;
                    MemorySegment s = MemorySegment.ofArray(es[e]);
                    int w0 = descs.get(k)[1] | phase << 24 | (k == 0 ? TxDesc.LEN_CTRL_FIRST_MASK
                            | TxDesc.LEN_CTRL_COMP_REQ_MASK | TxDesc.lenCtrlReqIdBits(100 + p) : 0)
                            | (k == n - 1 ? TxDesc.LEN_CTRL_LAST_MASK : 0);
                    TxDesc.lenCtrl(s, 16L * slot, w0);
                    TxDesc.metaCtrl(s, 16L * slot, k == 0 ? TxDesc.metaCtrlReqIdBits(100 + p) : 0);
                    long addr = descs.get(k)[1] == 0 ? 0 : staging.ioAddress(descs.get(k)[0]);
                    TxDesc.buffAddrLo(s, 16L * slot, (int) addr);
                    TxDesc.buffAddrHiHdrSz(s, 16L * slot, (int) (addr >>> 32) | (k == 0 ? h << 24 : 0));
                }
                System.arraycopy(f, 0, es[0], 32, h);
                for (byte[] e : es) {
                    tx.entry(e);
                }
            }
            tx.ring();
            dh.step();
            assertThat(tx.completedReqIds()).containsExactly(100, 101, 102);
            List<DataHost.Received> got = rx.packets();
            assertThat(got).hasSize(3);
            for (int p = 0; p < 3; p++) {
                assertThat(got.get(p).data()).isEqualTo(frames.get(p));
            }
        }
    }

    @Test
    void portPairOnOneIommuDeliversEachWayBitIdentical() {
        ManualClock clock = new ManualClock(1_000_000_000L);
        Iommu iommu = new Iommu();
        IommuDmaAllocator shared = new IommuDmaAllocator(iommu);
        EnaDeviceModel a = new EnaDeviceModel(DeviceProfile.ec2Default().toBuilder().macAddress(0x02_00_00_00_00_0AL)
                .build(), clock, iommu);
        EnaDeviceModel b = new EnaDeviceModel(DeviceProfile.ec2Default().toBuilder().macAddress(0x02_00_00_00_00_0BL)
                .build(), clock, iommu);
        assertThat(a.profile().attributes().macAddress()).isNotEqualTo(b.profile().attributes().macAddress());
        try (TestHost ha = TestHost.ready(new TestHost(a, new ModelPciFunction(a, shared), clock));
             TestHost hb = TestHost.ready(new TestHost(b, new ModelPciFunction(b, shared), clock))) {
            Wires.pair(a, b);
            DataHost da = new DataHost(ha);
            DataHost db = new DataHost(hb);
            da.setMtu(9000);
            db.setMtu(9000);
            DataHost.TxQ txA = da.tx(256, 1, false, false);
            DataHost.RxQ rxA = da.rx(256, 1, false, 4096);
            DataHost.TxQ txB = db.tx(256, 1, false, false);
            DataHost.RxQ rxB = db.rx(256, 1, false, 4096);
            rxA.fill(255);
            rxB.fill(255);
            List<byte[]> ab = new ArrayList<>();
            List<byte[]> ba = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                byte[] f1 = udp(60 + i * 470, i);
                byte[] f2 = udp(9000 - i * 450, 100 + i);
                ab.add(f1);
                ba.add(f2);
                txA.send(i, f1, 1 + i % 2);
                txB.send(i, f2, 1);
            }
            txA.ring();
            txB.ring();
            clock.advance(0);
            assertThat(txA.completedReqIds()).hasSize(20);
            assertThat(txB.completedReqIds()).hasSize(20);
            assertThat(rxB.packets()).extracting(DataHost.Received::data).containsExactlyElementsOf(ab);
            assertThat(rxA.packets()).extracting(DataHost.Received::data).containsExactlyElementsOf(ba);
            assertThat(a.statistics().get(DeviceStatistics.Stat.RX_PKTS)).isEqualTo(20);
            assertThat(b.statistics().get(DeviceStatistics.Stat.TX_PKTS)).isEqualTo(20);
            // nothing looped back on either side
            assertThat(a.statistics().get(DeviceStatistics.Stat.RX_BYTES))
                    .isEqualTo(ba.stream().mapToLong(f -> f.length).sum());
        }
    }

    @Test
    void rewiredModelNoLongerReceivesFromTheOldWire() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(255);
            Wires.NullSink sink = Wires.nullSink(dh.model);
            tx.send(0, udp(100, 1), 1);
            tx.ring();
            dh.step();
            assertThat(tx.completedReqIds()).containsExactly(0);
            assertThat(rx.packets()).isEmpty();
            assertThat(sink.frames()).isEqualTo(1);
            assertThat(sink.bytes()).isEqualTo(100);
            Wires.loopback(dh.model);
            tx.send(1, udp(100, 1), 1);
            tx.ring();
            dh.step();
            assertThat(rx.packets()).hasSize(1);
            assertThat(sink.frames()).isEqualTo(1);
        }
    }

    @Test
    void nullSourceFillsEveryPostedBufferWithTheTemplate() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.RxQ rx0 = dh.rx(256, 1, false, 2048);
            DataHost.RxQ rx1 = dh.rx(256, 2, false, 2048);
            byte[] t = udp(128, 9);
            Wires.NullSource src = Wires.nullSource(dh.model, t);
            rx0.fill(100);
            rx1.fill(30);
            dh.step();
            dh.step();
            List<DataHost.Received> p0 = rx0.packets();
            List<DataHost.Received> p1 = rx1.packets();
            assertThat(p0).hasSize(100).allSatisfy(r -> assertThat(r.data()).isEqualTo(t));
            assertThat(p1).hasSize(30);
            assertThat(p0.getFirst().lastDesc().status() & RxCdescBase.STATUS_L4_CSUM_CHECKED_MASK).isNotZero();
            assertThat(dh.model.statistics().get(DeviceStatistics.Stat.RX_PKTS)).isEqualTo(130);
            assertThat(dh.model.statistics().get(DeviceStatistics.Stat.RX_DROPS)).isZero();
            assertThat(src.templateLength()).isEqualTo(128);
            rx1.fill(5);
            dh.step();
            assertThat(rx1.packets()).hasSize(5);
        }
    }

    @Test
    void queueRecreatedOnTheSameCqContinuesItsPhaseAndStatsSurvive() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(255);
            for (int i = 0; i < 10; i++) {
                tx.send(i, udp(80, i), 1);
            }
            tx.ring();
            dh.step();
            assertThat(rx.packets()).hasSize(10);
            th.exec(TestHost.destroySq(tx.sqIdx, 1), 0);
            assertThat(dh.model.statistics().get(DeviceStatistics.Stat.TX_PKTS)).isEqualTo(10);
            th.exec(TestHost.destroySq(rx.sqIdx, 2), 0);
            assertThat(dh.model.statistics().get(DeviceStatistics.Stat.RX_PKTS)).isEqualTo(10);
        }
    }
}
