package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.Packet;
import io.ena4j.driver.PacketPool;
import io.ena4j.driver.QueuePair;
import io.ena4j.model.DeviceProfile;
import io.ena4j.model.EnaDeviceModel;
import io.ena4j.model.ModelPciFunction;
import io.ena4j.model.Wires;
import io.ena4j.model.net.FrameBuilder;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.ManualClock;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.regs.ResetReason;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Packets end to end: the driver's queues against the device model's data engines, over loopback and over a
 * pair of ports, with Tx descriptors in LLQ (device) and host placement. Every frame must arrive bit-identical.
 */
class DataPathTest {

    /** Ports on models sharing one IOMMU and one allocator, stepped by a manual clock. */
    static final class Rig implements AutoCloseable {
        final ManualClock clock = new ManualClock(1_000_000_000L);
        final Iommu iommu = new Iommu();
        final IommuDmaAllocator dma = new IommuDmaAllocator(iommu);
        final EnaDeviceModel[] models;
        final ModelPciFunction[] fns;
        final EnaDevice[] devs;
        final QueuePair[][] qps;
        final PacketPool pool;

        Rig(int ports, boolean pair, DriverConfig cfg, int mtu, QueuePair.Mode mode) {
            this(ports, pair, cfg, mtu, mode, 1);
        }

        Rig(int ports, boolean pair, DriverConfig cfg, int mtu, QueuePair.Mode mode, int queues) {
            this(ports, pair, cfg, mtu, mode, queues, DeviceProfile.ec2Default());
        }

        Rig(int ports, boolean pair, DriverConfig cfg, int mtu, QueuePair.Mode mode, int queues, DeviceProfile base) {
            this(ports, pair, cfg, mtu, mode, queues, base, PacketPool.DEFAULT_BUFFER_SIZE);
        }

        /** With Rx and Tx buffers of {@code bufferSize} bytes (default headroom). */
        Rig(int ports, boolean pair, DriverConfig cfg, int mtu, QueuePair.Mode mode, int queues, DeviceProfile base,
            int bufferSize) {
            models = new EnaDeviceModel[ports];
            fns = new ModelPciFunction[ports];
            devs = new EnaDevice[ports];
            qps = new QueuePair[ports][];
            for (int i = 0; i < ports; i++) {
                DeviceProfile p = base.toBuilder().macAddress(base.attributes().macAddress() + i).build();
                models[i] = new EnaDeviceModel(p, clock, iommu);
                fns[i] = new ModelPciFunction(models[i], dma);
                clock.addTicker(models[i]::doWork);
            }
            if (pair) {
                Wires.pair(models[0], models[1]);
            } else {
                for (EnaDeviceModel m : models) {
                    Wires.loopback(m);
                }
            }
            pool = PacketPool.create(dma, 8192, bufferSize, PacketPool.DEFAULT_HEADROOM);
            for (int i = 0; i < ports; i++) {
                devs[i] = EnaDevice.probe(fns[i], clock, cfg);
                devs[i].setMtu(mtu);
                PacketPool[] pools = new PacketPool[queues];
                QueuePair.Mode[] modes = new QueuePair.Mode[queues];
                Arrays.fill(pools, pool);
                Arrays.fill(modes, mode);
                qps[i] = devs[i].up(queues, pools, modes);
            }
        }

        QueuePair tx() {
            return qps[0][0];
        }

        QueuePair rx() {
            return qps[qps.length - 1][0];
        }

        void step() {
            clock.advance(1_000);
        }

        /**
         * Steps the devices, cleans the Tx side of {@code tx} and receives on every pair of the receiving port
         * (wherever RSS puts the frames), freeing what arrives, until {@code expected} frames came or 2,000 steps.
         *
         * @return frames received
         */
        int receiveAndFree(QueuePair tx, int expected) {
            Packet[] burst = new Packet[64];
            int got = 0;
            for (int spins = 0; spins < 2000 && got < expected; spins++) {
                step();
                tx.tx().clean(256);
                for (QueuePair q : devs[devs.length - 1].queuePairs()) {
                    int k = q.rx().receive(burst, 0, burst.length);
                    for (int i = 0; i < k; i++) {
                        pool.free(burst[i]);
                    }
                    got += k;
                }
            }
            return got;
        }

        @Override
        public void close() {
            for (EnaDevice d : devs) {
                if (d != null) {
                    d.close();
                }
            }
            pool.close();
            for (ModelPciFunction f : fns) {
                f.close();
            }
        }
    }

    private Rig rig;

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    static List<Arguments> configurations() {
        List<Arguments> out = new ArrayList<>();
        for (DriverConfig.LlqPolicy llq : new DriverConfig.LlqPolicy[] {DriverConfig.LlqPolicy.AUTO,
                DriverConfig.LlqPolicy.LARGE, DriverConfig.LlqPolicy.DISABLED}) {
            for (boolean pair : new boolean[] {false, true}) {
                out.add(Arguments.of(llq, pair));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} placement, {1}")
    @MethodSource("configurations")
    void framesOf60To9000BytesArriveBitIdentical(DriverConfig.LlqPolicy llq, boolean pair) {
        rig = new Rig(pair ? 2 : 1, pair, DriverConfig.defaults().withLlqPolicy(llq), 9000, QueuePair.Mode.POLL);
        assertThat(rig.devs[0].report().llq().placement()).isEqualTo(llq == DriverConfig.LlqPolicy.DISABLED
                ? "host" : "device");
        int[] sizes = {60, 61, 64, 96, 97, 128, 224, 225, 256, 1000, 1514, 2048, 3711, 3712, 3713, 4000, 8000, 9014};
        int free0 = ownedByPoolOrRx();
        for (int round = 0; round < 3; round++) {
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                byte[] f = frame(sizes[i], round * 100 + i);
                sent.add(f);
                assertThat(send(f)).as("frame of %d bytes accepted", sizes[i]).isTrue();
            }
            List<byte[]> got = receive(sent.size());
            assertThat(got).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertThat(got.get(i)).as("frame %d (%d bytes)", i, sent.get(i).length).isEqualTo(sent.get(i));
            }
        }
        drainCompletions();
        assertThat(rig.tx().tx().inFlight()).isZero();
        assertThat(ownedByPoolOrRx()).as("every buffer back: in the pool or posted for Rx").isEqualTo(free0);
        assertThat(rig.pool.misuse()).isZero();
        assertThat(rig.devs[0].com().pendingReset()).isNull();
    }

    @Test
    void manyLapsOfEveryRingKeepOrderAndContent() {
        rig = new Rig(2, true, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        int total = 5 * 1024 + 17;
        Packet[] burst = new Packet[32];
        int sentCount = 0;
        int recvCount = 0;
        while (recvCount < total) {
            if (sentCount < total) {
                int n = rig.pool.allocBulk(burst, Math.min(32, total - sentCount));
                for (int i = 0; i < n; i++) {
                    fill(burst[i], frame(60 + (sentCount + i) % 200, sentCount + i));
                }
                int s = rig.tx().tx().send(burst, 0, n);
                for (int i = s; i < n; i++) {
                    rig.pool.free(burst[i]);
                }
                sentCount += s;
            }
            rig.step();
            rig.tx().tx().clean(64);
            int k = rig.rx().rx().receive(burst, 0, 32);
            for (int i = 0; i < k; i++) {
                byte[] want = frame(60 + recvCount % 200, recvCount);
                assertThat(bytes(burst[i])).as("packet %d", recvCount).isEqualTo(want);
                rig.pool.free(burst[i]);
                recvCount++;
            }
        }
        assertThat(rig.tx().tx().packets()).isEqualTo(total);
        assertThat(rig.rx().rx().packets()).isEqualTo(total);
    }

    @Test
    void rssSpreadsFlowsOverTheRxQueuesAndEachFlowStaysOnOneQueue() {
        rig = new Rig(2, true, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 2);
        int flows = 64;
        int[] queueOfFlow = new int[flows];
        Arrays.fill(queueOfFlow, -1);
        Packet[] burst = new Packet[32];
        for (int round = 0; round < 3; round++) {
            for (int f = 0; f < flows; f++) {
                assertThat(send(frame(128, f))).isTrue();
            }
            int got = 0;
            for (int spins = 0; spins < 10_000 && got < flows; spins++) {
                rig.step();
                rig.tx().tx().clean(256);
                for (QueuePair qp : rig.qps[1]) {
                    int k = qp.rx().receive(burst, 0, 32);
                    for (int i = 0; i < k; i++) {
                        byte[] b = bytes(burst[i]);
                        int flow = ((b[34] & 0xFF) << 8 | (b[35] & 0xFF)) - 1024; // UDP source port
                        assertThat(b).isEqualTo(frame(128, flow));
                        assertThat(burst[i].rxHash()).as("hash reported").isNotZero();
                        if (queueOfFlow[flow] < 0) {
                            queueOfFlow[flow] = qp.qid();
                        }
                        assertThat(qp.qid()).as("flow %d stays on its queue", flow).isEqualTo(queueOfFlow[flow]);
                        rig.pool.free(burst[i]);
                        got++;
                    }
                }
            }
            assertThat(got).isEqualTo(flows);
        }
        assertThat(Arrays.stream(queueOfFlow).distinct().count()).as("both Rx queues used").isEqualTo(2);
    }

    @Test
    void aBurstRingsTheDoorbellOnce() {
        for (DriverConfig.LlqPolicy llq : new DriverConfig.LlqPolicy[] {DriverConfig.LlqPolicy.DISABLED,
                DriverConfig.LlqPolicy.AUTO}) {
            rig = new Rig(1, false, DriverConfig.defaults().withLlqPolicy(llq), 1500, QueuePair.Mode.POLL);
            var ring = rig.tx().tx().ringStats();
            long db0 = ring.get(io.ena4j.driver.eth.RingCounter.DOORBELLS);
            Packet[] burst = new Packet[8];
            assertThat(rig.pool.allocBulk(burst, 8)).isEqualTo(8);
            for (int i = 0; i < 8; i++) {
                fill(burst[i], frame(64, i));
            }
            assertThat(rig.tx().tx().send(burst, 0, 8)).isEqualTo(8);
            assertThat(ring.get(io.ena4j.driver.eth.RingCounter.DOORBELLS) - db0).as("%s: one doorbell", llq)
                    .isEqualTo(1);
            assertThat(receive(8)).hasSize(8);
            rig.close();
            rig = null;
        }
    }

    @Test
    void interruptModeFiresOncePerUnmask() {
        rig = new Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.INTERRUPT);
        QueuePair qp = rig.tx();
        long irq0 = qp.interrupts();
        assertThat(send(frame(100, 1))).isTrue();
        assertThat(qp.awaitWork(1_000_000_000L)).as("the pair's vector fired").isTrue();
        assertThat(qp.interrupts()).isEqualTo(irq0 + 1);
        List<byte[]> got = receive(1);
        assertThat(got).hasSize(1);
        // Auto-masked: more traffic raises nothing until the driver unmasks.
        assertThat(send(frame(100, 2))).isTrue();
        rig.clock.advanceInSteps(2_000_000, 10_000);
        assertThat(qp.interrupts()).isEqualTo(irq0 + 1);
        qp.unmask();
        rig.clock.advanceInSteps(2_000_000, 10_000);
        assertThat(qp.interrupts()).isEqualTo(irq0 + 2);
        assertThat(receive(1)).hasSize(1);
    }

    @Test
    void aTxCompletionWithAnInvalidReqIdIsCountedAndRequestsAReset() {
        rig = new Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        QueuePair qp = rig.tx();
        // Play a broken device: write a Tx completion with req_id = depth at the CQ head, phase of the first lap.
        long cqIo = qp.tx().cq().ioAddress();
        MemorySegment cq = rig.iommu.slice(cqIo, 8);
        int depth = qp.tx().cq().depth();
        TxCdesc.word0Release(cq, 0, (depth & TxCdesc.WORD0_REQ_ID_MASK) | (1 << TxCdesc.WORD0_PHASE_SHIFT));
        assertThat(qp.tx().clean(16)).isZero();
        assertThat(qp.tx().badReqIds()).isEqualTo(1);
        assertThat(qp.tx().isBroken()).isTrue();
        assertThat(rig.devs[0].com().pendingReset()).isEqualTo(ResetReason.INV_TX_REQ_ID);
        assertThat(rig.devs[0].ethtoolStats().get("queue_0_tx_bad_req_id")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} placement")
    @org.junit.jupiter.params.provider.EnumSource(value = DriverConfig.LlqPolicy.class, names = {"AUTO", "DISABLED"})
    void txChecksumOffloadFillsTheChecksumsTheApplicationLeftEmpty(DriverConfig.LlqPolicy llq) {
        rig = new Rig(1, false, DriverConfig.defaults().withLlqPolicy(llq), 1500, QueuePair.Mode.POLL);
        for (int i = 0; i < 6; i++) {
            boolean tcp = i % 2 == 0;
            byte[] good = tcp ? FrameBuilder.tcp4(new byte[] {6, 0, 0, 0, 0, 1}, new byte[] {6, 0, 0, 0, 0, 2},
                    0x0A000001, 0x0A000002 + i, 1000 + i, 80, 200 + i * 10)
                    : FrameBuilder.udp4(new byte[] {6, 0, 0, 0, 0, 1}, new byte[] {6, 0, 0, 0, 0, 2},
                    0x0A000001, 0x0A000002 + i, 1000 + i, 53, 200 + i * 10);
            byte[] blank = good.clone();
            int l4csum = tcp ? 14 + 20 + 16 : 14 + 20 + 6;
            blank[14 + 10] = 0; // IPv4 header checksum
            blank[14 + 11] = 0;
            blank[l4csum] = 0;
            blank[l4csum + 1] = 0;
            Packet p = rig.pool.alloc();
            fill(p, blank);
            assertThat(p.requestTxOffload(Packet.TX_L3_CSUM | Packet.TX_L4_CSUM, false, tcp, 14, 20, tcp ? 20 : 8))
                    .isTrue();
            assertThat(rig.tx().tx().send(new Packet[] {p}, 0, 1)).isEqualTo(1);
            List<byte[]> got = receive(1);
            assertThat(got).hasSize(1);
            assertThat(got.get(0)).as("frame %d with checksums filled by the device", i).isEqualTo(good);
        }
    }

    @Test
    void anOffloadTheDeviceDidNotAdvertiseIsRefusedNotSentWrong() {
        DeviceProfile noL4 = DeviceProfile.ec2Default().toBuilder()
                .offloads(new DeviceProfile.Offloads(io.ena4j.spec.admin.StatelessOffload.TX_L3_CSUM_IPV4, 0, 0))
                .build();
        rig = new Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1, noL4);
        Packet p = rig.pool.alloc();
        fill(p, frame(128, 7));
        assertThat(p.requestTxOffload(Packet.TX_L3_CSUM | Packet.TX_L4_CSUM, false, false, 14, 20, 8)).isTrue();
        assertThat(rig.tx().tx().send(new Packet[] {p}, 0, 1)).as("L4 checksum not advertised").isZero();
        assertThat(rig.tx().tx().misuse()).isEqualTo(1);
        assertThat(p.owner()).isEqualTo(Packet.APP);
        assertThat(p.requestTxOffload(Packet.TX_L3_CSUM, false, false, 14, 20, 8)).isTrue();
        assertThat(rig.tx().tx().send(new Packet[] {p}, 0, 1)).as("L3 checksum is advertised").isEqualTo(1);
        assertThat(receive(1)).hasSize(1);
    }

    @Test
    void packetsTheApplicationDoesNotOwnAreRefusedAndCounted() {
        rig = new Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        Packet p = rig.pool.alloc();
        fill(p, frame(64, 0));
        rig.pool.free(p);
        assertThat(rig.tx().tx().send(new Packet[] {p}, 0, 1)).as("a freed packet is not sent").isZero();
        assertThat(rig.tx().tx().misuse()).isEqualTo(1);
        rig.pool.free(p);
        assertThat(rig.pool.misuse()).as("double free and stale send both counted").isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Buffers not held by the application or in flight: free in the pool or posted to an Rx ring. */
    private int ownedByPoolOrRx() {
        int n = rig.pool.available();
        for (QueuePair[] port : rig.qps) {
            for (QueuePair qp : port) {
                n += qp.rx().postedBuffers();
            }
        }
        return n;
    }

    private static byte[] frame(int size, int seed) {
        byte[] dst = {0x06, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e};
        byte[] src = {0x06, 0x1a, 0x2b, 0x3c, 0x4d, 0x5f};
        byte[] f = FrameBuilder.udp4(dst, src, 0x0A000001, 0x0A000002, 1024 + (seed & 0x3FFF), 4789, size);
        // Make the payload unique per seed so a mixed-up buffer cannot pass.
        for (int i = 42; i < f.length; i++) {
            f[i] = (byte) (i * 31 + seed * 7);
        }
        return f;
    }

    private static void fill(Packet p, byte[] f) {
        MemorySegment.copy(f, 0, p.buffer(), ValueLayout.JAVA_BYTE, p.offset(), f.length);
        assertThat(p.set(p.offset(), f.length)).isTrue();
    }

    /** {@code f} in buffers of {@code pool}, chained over several when it does not fit one. */
    static Packet chain(PacketPool pool, byte[] f) {
        Packet head = null;
        int off = 0;
        while (off < f.length) {
            Packet p = pool.alloc();
            int room = (int) p.buffer().byteSize() - p.offset();
            int n = Math.min(room, f.length - off);
            MemorySegment.copy(f, off, p.buffer(), ValueLayout.JAVA_BYTE, p.offset(), n);
            p.set(p.offset(), n);
            if (head == null) {
                head = p;
            } else {
                assertThat(head.append(p)).isTrue();
            }
            off += n;
        }
        return head;
    }

    /** Sends one frame, chained over several buffers when it does not fit one. */
    private boolean send(byte[] f) {
        Packet head = chain(rig.pool, f);
        for (int tries = 0; tries < 100; tries++) {
            if (rig.tx().tx().send(new Packet[] {head}, 0, 1) == 1) {
                return true;
            }
            rig.step();
            rig.tx().tx().clean(256);
        }
        rig.pool.free(head);
        return false;
    }

    private List<byte[]> receive(int expected) {
        List<byte[]> got = new ArrayList<>();
        Packet[] burst = new Packet[32];
        for (int spins = 0; spins < 10_000 && got.size() < expected; spins++) {
            rig.step();
            rig.tx().tx().clean(256);
            int k = rig.rx().rx().receive(burst, 0, 32);
            for (int i = 0; i < k; i++) {
                got.add(bytes(burst[i]));
                rig.pool.free(burst[i]);
            }
        }
        return got;
    }

    private void drainCompletions() {
        for (int i = 0; i < 100 && rig.tx().tx().inFlight() > 0; i++) {
            rig.step();
            rig.tx().tx().clean(1024);
        }
    }

    private static byte[] bytes(Packet head) {
        byte[] out = new byte[head.packetLength()];
        int at = 0;
        for (Packet s = head; s != null; s = s.next()) {
            MemorySegment.copy(s.buffer(), ValueLayout.JAVA_BYTE, s.offset(), out, at, s.length());
            at += s.length();
        }
        assertThat(at).isEqualTo(out.length);
        return Arrays.copyOf(out, at);
    }
}
