package io.ena4j.model;

import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.SystemClock;
import io.ena4j.spec.regs.EnaRegs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data path on real threads: a device group stepping a port pair, resets under traffic, one stepper. */
class DataPathThreadingTest {

    private static void await(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(20_000);
        }
    }

    @Test
    void deviceGroupStepsAPortPairOnOneThread() {
        Iommu iommu = new Iommu();
        IommuDmaAllocator shared = new IommuDmaAllocator(iommu);
        DeviceProfile pa = DeviceProfile.ec2Default().toBuilder().macAddress(0x02_00_00_00_00_0AL).build();
        DeviceProfile pb = DeviceProfile.ec2Default().toBuilder().macAddress(0x02_00_00_00_00_0BL).build();
        EnaDeviceModel a = new EnaDeviceModel(pa, SystemClock.INSTANCE, iommu);
        EnaDeviceModel b = new EnaDeviceModel(pb, SystemClock.INSTANCE, iommu);
        Wires.pair(a, b);
        try (DeviceGroup g = new DeviceGroup(a, b);
             TestHost ha = new TestHost(a, new ModelPciFunction(a, shared), SystemClock.INSTANCE);
             TestHost hb = new TestHost(b, new ModelPciFunction(b, shared), SystemClock.INSTANCE)) {
            g.start();
            assertThat(g.running()).isTrue();
            assertThatThrownBy(a::start).isInstanceOf(IllegalStateException.class).hasMessageContaining(g.threadName());
            ThreadedDriver da = new ThreadedDriver(ha);
            ThreadedDriver db = new ThreadedDriver(hb);
            DataHost.TxQ txA = da.dh.tx(256, 1, false, false);
            DataHost.RxQ rxB = db.dh.rx(256, 1, false, 2048);
            DataHost.TxQ txB = db.dh.tx(256, 1, false, false);
            DataHost.RxQ rxA = da.dh.rx(256, 1, false, 2048);
            rxA.fill(255);
            rxB.fill(255);
            List<byte[]> sentAB = new ArrayList<>();
            List<byte[]> gotB = new ArrayList<>();
            List<byte[]> gotA = new ArrayList<>();
            int n = 2000;
            int sent = 0;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (gotB.size() < n || gotA.size() < n) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out: sent " + sent + ", B got " + gotB.size() + ", A got "
                            + gotA.size() + ", stats A " + a.statistics().get(DeviceStatistics.Stat.RX_DROPS)
                            + " drops, B " + b.statistics().get(DeviceStatistics.Stat.RX_DROPS) + " drops");
                }
                // at most 64 packets in flight: B sends each as two descriptors into a 256-slot ring
                if (sent < n && sent - gotB.size() < 64 && sent - gotA.size() < 64) {
                    byte[] f = DataPathTest.udp(60 + sent % 1400, sent);
                    sentAB.add(f);
                    txA.send(sent & 0xFF, f, 1);
                    txB.send(sent & 0xFF, f, 2);
                    txA.ring();
                    txB.ring();
                    sent++;
                }
                txA.completedReqIds();
                txB.completedReqIds();
                for (DataHost.Received r : rxB.packets()) {
                    gotB.add(r.data());
                    rxB.fill(1);
                }
                for (DataHost.Received r : rxA.packets()) {
                    gotA.add(r.data());
                    rxA.fill(1);
                }
                Thread.onSpinWait();
            }
            assertThat(gotB).containsExactlyElementsOf(sentAB);
            assertThat(gotA).containsExactlyElementsOf(sentAB);
            g.stop();
            assertThat(g.running()).isFalse();
            a.start(); // free again
            a.stop();
            assertThat(a.counters().internalErrors() + b.counters().internalErrors()).isZero();
        }
    }

    @Test
    void resetUnderTrafficStopsTheEnginesCleanly() {
        EnaDeviceModel m = new EnaDeviceModel(DeviceProfile.ec2Default(), SystemClock.INSTANCE);
        try (TestHost h = new TestHost(m, null, SystemClock.INSTANCE)) {
            m.start();
            for (int round = 0; round < 5; round++) {
                ThreadedDriver d = new ThreadedDriver(h);
                DataHost.TxQ tx = d.dh.tx(1024, 1, false, false);
                DataHost.RxQ rx = d.dh.rx(1024, 1, false, 2048);
                rx.fill(1023);
                byte[] f = DataPathTest.udp(200, round);
                for (int i = 0; i < 3000; i++) {
                    tx.send(i & 1023, f, 1);
                    if ((i & 63) == 63) {
                        tx.ring();
                    }
                    if (i == 1500 + round * 100) {
                        h.w(EnaRegs.DEV_CTL_OFF, EnaRegs.DEV_CTL_DEV_RESET_MASK); // reset mid-stream
                    }
                    if ((i & 255) == 0) {
                        tx.completedReqIds();
                        rx.packets();
                    }
                }
                h.w(EnaRegs.DEV_CTL_OFF, 0);
                await("reset done", () -> (h.r(EnaRegs.DEV_STS_OFF) & EnaRegs.DEV_STS_READY_MASK) != 0);
                assertThat(m.fatalError()).isFalse();
                assertThat(m.submissionQueues()).isEmpty();
            }
            assertThat(m.counters().internalErrors()).isZero();
            assertThat(m.counters().resets()).isEqualTo(5);
            // and the device works again after the last reset
            ThreadedDriver d = new ThreadedDriver(h);
            DataHost.TxQ tx = d.dh.tx(256, 1, false, false);
            DataHost.RxQ rx = d.dh.rx(256, 1, false, 2048);
            rx.fill(255);
            tx.send(7, DataPathTest.udp(100, 1), 1);
            tx.ring();
            List<DataHost.Received> got = new ArrayList<>();
            await("packet after reset", () -> {
                got.addAll(rx.packets());
                return !got.isEmpty();
            });
            assertThat(m.statistics().get(DeviceStatistics.Stat.RX_PKTS)).as("statistics restart at reset").isOne();
        }
    }

    @Test
    void onlyOneThreadStepsAtATimeAndAHandlerMayStepNested() throws Exception {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, true, false);
            DataHost.RxQ rx = dh.rx(256, 1, true, 2048);
            rx.fill(255);
            AtomicInteger otherThread = new AtomicInteger(-1);
            AtomicInteger nested = new AtomicInteger(-1);
            th.fn.setInterruptHandler(1, v -> {
                Thread t = new Thread(() -> otherThread.set(dh.model.doWork()));
                t.start();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                nested.set(dh.model.doWork()); // same thread: runs (here: nothing left to do)
            });
            tx.send(1, DataPathTest.udp(100, 1), 1);
            tx.ring();
            dh.step();
            assertThat(otherThread.get()).as("a second stepper is turned away").isZero();
            assertThat(nested.get()).isGreaterThanOrEqualTo(0);
            assertThat(rx.packets()).hasSize(1);
        }
    }

    /** A data host over a model on its own thread (admin commands wait for their completion). */
    private static final class ThreadedDriver {
        final DataHost dh;

        ThreadedDriver(TestHost h) {
            TestHost.ready(h);
            this.dh = new DataHost(h);
        }
    }
}
