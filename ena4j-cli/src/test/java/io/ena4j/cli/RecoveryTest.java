package io.ena4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.EnaEventListener;
import io.ena4j.driver.Packet;
import io.ena4j.driver.PacketPool;
import io.ena4j.driver.QueuePair;
import io.ena4j.model.DeviceProfile;
import io.ena4j.model.EnaDeviceModel;
import io.ena4j.model.ModelPciFunction;
import io.ena4j.model.Wires;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.SystemClock;
import io.ena4j.spec.regs.ResetReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Health and recovery end to end: the driver's service timer detects device faults on its own, resets and restores
 * the device under bidirectional traffic, and the application's queue objects keep working with every buffer
 * accounted for (management.md §13.4–13.6, datapath.md §12).
 */
class RecoveryTest {

    private FaultCampaign.Rig rig;

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    /** Runs the rig in 10 ms steps until {@code done} or {@code seconds} of virtual time passed. */
    private void runUntil(double seconds, java.util.function.BooleanSupplier done) {
        long end = rig.clock.nanoTime() + (long) (seconds * 1e9);
        while (!done.getAsBoolean() && rig.clock.nanoTime() - end < 0) {
            rig.step(10_000_000L, true);
        }
    }

    private void assertTrafficFlowsAndEveryBufferIsAccounted() {
        long[] before = rig.received.clone();
        rig.run(50, 1_000_000L, true);
        assertThat(rig.received[0]).as("port 0 receives again").isGreaterThan(before[0]);
        assertThat(rig.received[1]).as("port 1 receives again").isGreaterThan(before[1]);
        rig.run(50, 1_000_000L, false);
        for (int p = 0; p < 2; p++) {
            assertThat(rig.unaccounted(p)).as("port %d: pool free + posted + in flight = pool size", p).isZero();
            assertThat(rig.pools[p].misuse()).as("port %d ownership violations", p).isZero();
        }
    }

    @Test
    void resetUnderTrafficKeepsTheQueueObjectsValidAndLosesNothing() {
        rig = new FaultCampaign.Rig();
        rig.run(30, 1_000_000L, true);
        rig.sendBurst(0); // handed to the device, not yet transmitted or completed
        QueuePair before = rig.qps[0];
        assertThat(before.tx().inFlight()).as("packets in flight at the reset").isPositive();
        rig.devs[0].resetAndRestore();
        assertThat(rig.devs[0].queuePairs()).containsExactly(before);
        assertThat(before.isRunning()).isTrue();
        assertThat(rig.events[0].started).isEqualTo("normal");
        assertThat(rig.events[0].done).isEqualTo(1);
        var stats = rig.devs[0].ethtoolStats();
        assertThat(stats.get("total_resets")).isEqualTo(1L);
        assertThat(stats.get("tx_dropped_on_reset")).as("in-flight packets returned and counted").isPositive();
        assertThat(stats.get("queue_0_tx_dropped_on_reset")).isEqualTo(stats.get("tx_dropped_on_reset"));
        assertTrafficFlowsAndEveryBufferIsAccounted();
        assertThat(rig.devs[0].ethtoolStats().get("total_resets")).as("no further reset").isEqualTo(1L);
    }

    @Test
    void keepAliveLossIsDetectedAndRecoveredByTheServiceTimerAlone() {
        rig = new FaultCampaign.Rig();
        rig.run(10, 1_000_000L, true);
        rig.models[1].faults().stopKeepAlives(true);
        long t0 = rig.clock.nanoTime();
        runUntil(4.9, () -> rig.events[1].started != null);
        assertThat(rig.events[1].started).as("no reset before the 6 s watchdog").isNull();
        runUntil(3, () -> rig.events[1].started != null);
        assertThat(rig.events[1].started).isEqualTo(ResetReason.KEEP_ALIVE_TO.label());
        assertThat(rig.clock.nanoTime() - t0).as("detected within timeout + one tick")
                .isBetween(5_000_000_000L, 8_100_000_000L);
        rig.models[1].faults().clear();
        runUntil(1, () -> rig.events[1].done > 0);
        assertThat(rig.events[1].done).isEqualTo(1);
        assertThat(rig.devs[1].ethtoolStats().get("wd_expired")).isEqualTo(1L);
        assertTrafficFlowsAndEveryBufferIsAccounted();
    }

    @Test
    void updateHintsReachEveryWatchdogSettingAndSurviveAReset() {
        rig = new FaultCampaign.Rig();
        rig.run(10, 1_000_000L, true);
        // Keep-alive 2 s (default 6 s), missing Tx 1 s past 4 packets (default 5 s / 128), admin completion 500 ms
        // (default 3 s): UPDATE_HINTS over the AENQ, consumed by the next timer ticks.
        rig.models[1].updateHints(new DeviceProfile.Hints(0, 2000, 1000, 4, 500, 0, 0, 0));
        runUntil(1.5, () -> false);
        assertThat(rig.devs[1].ethtoolStats().get("total_resets")).isZero();

        long t0 = rig.clock.nanoTime();
        rig.models[1].faults().stopKeepAlives(true);
        runUntil(8, () -> rig.events[1].started != null);
        assertThat(rig.events[1].started).isEqualTo(ResetReason.KEEP_ALIVE_TO.label());
        assertThat(rig.clock.nanoTime() - t0).as("keep-alive loss detected with the 2 s hint, not 6 s")
                .isBetween(1_000_000_000L, 3_100_000_000L);
        rig.models[1].faults().clear();
        runUntil(1, () -> rig.events[1].done > 0);
        assertThat(rig.events[1].done).isEqualTo(1);

        // The restored device is probed again: GET(HW_HINTS) answers the same hints.
        rig.events[1].clear();
        t0 = rig.clock.nanoTime();
        rig.models[1].faults().withholdAllTxCompletions(true);
        runUntil(8, () -> rig.events[1].started != null);
        assertThat(rig.events[1].started).isEqualTo(ResetReason.MISS_TX_CMPL.label());
        assertThat(rig.clock.nanoTime() - t0).as("missing Tx completions detected with the 1 s hint, not 5 s")
                .isLessThan(2_600_000_000L);
        rig.models[1].faults().clear();
        runUntil(1, () -> rig.events[1].done > 0);
        assertThat(rig.events[1].done).isEqualTo(1);

        rig.events[1].clear();
        rig.models[1].faults().withholdNextCompletions(1);
        t0 = rig.clock.nanoTime();
        assertThat(rig.devs[1].admin().getLinkParams().ok()).isFalse();
        assertThat(rig.clock.nanoTime() - t0).as("admin command timed out after the 500 ms hint, not 3 s")
                .isBetween(500_000_000L, 1_000_000_000L);
        runUntil(3, () -> rig.events[1].done > 0);
        assertThat(rig.events[1].started).isEqualTo(ResetReason.ADMIN_TO.label());
        assertTrafficFlowsAndEveryBufferIsAccounted();
    }

    @Test
    void deviceResetRequestAndFatalErrorAreResetWithTheirReasons() {
        rig = new FaultCampaign.Rig();
        rig.run(10, 1_000_000L, true);
        rig.models[0].requestReset();
        runUntil(2, () -> rig.events[0].done > 0);
        assertThat(rig.events[0].started).isEqualTo(ResetReason.DEVICE_REQUEST.label());
        assertThat(rig.devs[0].ethtoolStats().get("device_request_reset")).isEqualTo(1L);
        rig.events[0].clear();
        rig.models[0].raiseFatalError();
        runUntil(2, () -> rig.events[0].done > 0);
        assertThat(rig.events[0].started).isEqualTo(ResetReason.GENERIC.label());
        assertTrafficFlowsAndEveryBufferIsAccounted();
    }

    @Test
    void aStuckResetHandshakeFailsTheRestoreWhichTheTimerRetries() {
        rig = new FaultCampaign.Rig();
        rig.run(10, 1_000_000L, true);
        rig.models[0].faults().holdResetAssert(true);
        rig.models[0].requestReset();
        runUntil(10, () -> rig.events[0].failed > 0);
        assertThat(rig.events[0].started).isEqualTo(ResetReason.DEVICE_REQUEST.label());
        assertThat(rig.events[0].done).as("restored although the reset handshake is stuck?").isZero();
        assertThat(rig.events[0].failed).isEqualTo(1);
        assertThat(rig.qps[0].isRunning()).as("queues closed while the device is torn down").isFalse();
        Packet p = rig.pools[0].alloc();
        p.set(p.offset(), 60);
        assertThat(rig.qps[0].tx().send(new Packet[] {p}, 0, 1)).as("send during the outage").isZero();
        rig.pools[0].free(p);
        rig.models[0].faults().clear();
        runUntil(3, () -> rig.events[0].done > 0);
        assertThat(rig.events[0].done).isEqualTo(1);
        assertThat(rig.devs[0].resetFailures()).isEqualTo(1);
        assertTrafficFlowsAndEveryBufferIsAccounted();
    }

    @Test
    void restoresFailingTooOftenMarkTheDeviceDownWithAClearMessage() {
        rig = new FaultCampaign.Rig();
        rig.run(10, 1_000_000L, true);
        List<String> down = new CopyOnWriteArrayList<>();
        rig.devs[0].addEventListener(new EnaEventListener() {
            @Override
            public void deviceDown(String why) {
                down.add(why);
            }
        });
        rig.models[0].faults().holdResetAssert(true);
        rig.models[0].requestReset();
        runUntil(60, () -> rig.devs[0].isClosed());
        assertThat(rig.devs[0].isClosed()).isTrue();
        assertThat(rig.devs[0].downReason()).contains("5 restores").contains("device_request");
        assertThat(down).hasSize(1);
        assertThat(rig.qps[0].tx().send(new Packet[1], 0, 1)).isZero();
        assertThat(rig.qps[0].rx().receive(new Packet[4], 0, 4)).isZero();
        assertThatThrownBy(() -> rig.devs[0].up(1, new PacketPool[] {rig.pools[0]},
                new QueuePair.Mode[] {QueuePair.Mode.POLL})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("down");
        rig.run(20, 1_000_000L, false);
        assertThat(rig.unaccounted(0)).isZero();
    }

    @Test
    void aPoolTooSmallForTheMtuIsRefusedAtUpNamingTheLimits() {
        rig = new FaultCampaign.Rig();
        rig.devs[0].down();
        PacketPool small = PacketPool.create(rig.dma, 64, 256, 64);
        try {
            rig.devs[0].setMtu(9000);
            assertThatThrownBy(() -> rig.devs[0].up(1, new PacketPool[] {small},
                    new QueuePair.Mode[] {QueuePair.Mode.POLL}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("MTU 9000").hasMessageContaining("accepted MTU 128..");
            assertThat(rig.devs[0].queuePairs()).isEmpty();
            assertThat(small.available()).isEqualTo(64);
        } finally {
            small.close();
        }
    }

    /**
     * The lifecycle cannot be broken from outside: while a thread polls both ports as fast as it can, another resets
     * them again and again and finally brings them down; the poller never sees an exception and its calls return 0
     * once the interface is down.
     */
    @Test
    void resetsAndDownWhileAnotherThreadPollsNeverThrowOnTheDataPath() throws Exception {
        SystemClock clock = SystemClock.INSTANCE;
        Iommu iommu = new Iommu();
        IommuDmaAllocator dma = new IommuDmaAllocator(iommu);
        EnaDeviceModel[] models = new EnaDeviceModel[2];
        ModelPciFunction[] fns = new ModelPciFunction[2];
        EnaDevice[] devs = new EnaDevice[2];
        PacketPool pool = PacketPool.create(dma, 8192);
        DeviceProfile base = DeviceProfile.ec2Default();
        for (int i = 0; i < 2; i++) {
            DeviceProfile.Attributes a = base.attributes();
            models[i] = new EnaDeviceModel(base.toBuilder().attributes(new DeviceProfile.Attributes(
                    a.supportedFeatures(), a.capabilities(), a.physAddrWidth(), a.virtAddrWidth(), a.macAddress() + i,
                    a.flowSteeringMaxEntries(), a.maxMtu())).build(), clock, iommu);
            fns[i] = new ModelPciFunction(models[i], dma);
        }
        Wires.pair(models[0], models[1]);
        for (EnaDeviceModel m : models) {
            m.start();
        }
        QueuePair[] qps = new QueuePair[2];
        for (int i = 0; i < 2; i++) {
            devs[i] = EnaDevice.probe(fns[i], clock, DriverConfig.defaults()
                    .withServiceTimer(DriverConfig.ServiceTimerMode.APPLICATION));
            qps[i] = devs[i].up(1, new PacketPool[] {pool}, new QueuePair.Mode[] {QueuePair.Mode.POLL})[0];
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] received = new long[1];
        Thread poller = new Thread(() -> {
            Packet[] burst = new Packet[32];
            try {
                while (!stop.get()) {
                    for (QueuePair qp : qps) {
                        int n = pool.allocBulk(burst, 16);
                        for (int k = 0; k < n; k++) {
                            burst[k].set(burst[k].offset(), 64);
                        }
                        int s = qp.tx().send(burst, 0, n);
                        for (int k = s; k < n; k++) {
                            pool.free(burst[k]);
                        }
                        qp.tx().clean(64);
                        int got = qp.rx().receive(burst, 0, 32);
                        for (int k = 0; k < got; k++) {
                            pool.free(burst[k]);
                        }
                        received[0] += got;
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "poller");
        poller.start();
        try {
            List<Long> seen = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                Thread.sleep(20);
                devs[r % 2].resetAndRestore();
                seen.add(received[0]);
            }
            Thread.sleep(20);
            devs[0].down();
            devs[1].down();
            Thread.sleep(20);
            assertThat(failure.get()).as("no exception on the polling thread").isNull();
            assertThat(qps[0].tx().send(new Packet[1], 0, 1)).isZero();
            assertThat(devs[0].totalResets() + devs[1].totalResets()).isEqualTo(8);
        } finally {
            stop.set(true);
            poller.join(5000);
            for (EnaDevice d : devs) {
                d.close();
            }
            for (EnaDeviceModel m : models) {
                m.stop();
            }
        }
        assertThat(failure.get()).isNull();
        assertThat(received[0]).as("traffic flowed between the resets").isPositive();
        assertThat(pool.available()).as("every buffer back in the pool").isEqualTo(pool.capacity());
        pool.close();
        for (ModelPciFunction f : fns) {
            f.close();
        }
    }
}
