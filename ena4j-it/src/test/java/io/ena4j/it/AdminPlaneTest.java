package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.EnaEventListener;
import io.ena4j.driver.com.AdminResult;
import io.ena4j.driver.com.EnaErrno;
import io.ena4j.driver.com.IoQueue;
import io.ena4j.driver.com.IoQueueParams;
import io.ena4j.driver.com.RssConfig;
import io.ena4j.model.DeviceProfile;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Admin queue and AENQ behaviour of our driver against our device model, faults included: every command
 * round trip, timeouts that end in a reset, missing interrupts, bad completions, failing statuses,
 * keep-alives and link changes, interrupt and polling mode.
 */
class AdminPlaneTest {

    private ModelHarness h;
    private EnaDevice dev;

    private EnaDevice probe(DeviceProfile p, DriverConfig cfg) {
        h = new ModelHarness(p);
        dev = EnaDevice.probe(h.fn, h.clock, cfg);
        return dev;
    }

    private EnaDevice probe() {
        return probe(DeviceProfile.ec2Default(), DriverConfig.defaults());
    }

    @AfterEach
    void tearDown() {
        if (dev != null) {
            dev.close();
        }
        if (h != null) {
            h.close();
        }
    }

    @Test
    void everyIoQueueCommandRoundTrips() {
        probe();
        var admin = dev.admin();
        var fn = h.fn;
        int sqsBefore = h.model.submissionQueues().size();

        IoQueueParams txp = IoQueueParams.txHost(1024, 1);
        DmaBuffer txCq = fn.dma().allocate(txp.cqRingBytes());
        DmaBuffer txSq = fn.dma().allocate(txp.sqRingBytes());
        IoQueue tx = admin.createIoQueue(txp, txCq, txSq).orThrow();

        IoQueueParams llqp = IoQueueParams.txLlq(1024, 2, dev.llq().config());
        DmaBuffer llqCq = fn.dma().allocate(llqp.cqRingBytes());
        IoQueue llq = admin.createIoQueue(llqp, llqCq, null).orThrow();

        IoQueueParams rxp = IoQueueParams.rx(1024, 1);
        DmaBuffer rxCq = fn.dma().allocate(rxp.cqRingBytes());
        DmaBuffer rxSq = fn.dma().allocate(rxp.sqRingBytes());
        IoQueue rx = admin.createIoQueue(rxp, rxCq, rxSq).orThrow();

        assertThat(h.model.submissionQueues()).hasSize(sqsBefore + 3);
        assertThat(h.model.submissionQueues()).anyMatch(q -> q.isLlq() && q.index() == llq.sq().sqIdx());
        assertThat(tx.cq().unmaskRegOffset()).isNotZero();
        assertThat(tx.sq().doorbellOffset()).isNotEqualTo(llq.sq().doorbellOffset());

        // RSS indirection table pointing at the Rx SQ, read back by the device.
        int[] table = RssConfig.defaultIndirectionTable(dev.admin().rssTableLogSize(), new int[] {rx.sq().sqIdx()});
        assertThat(admin.setIndirectionTable(table)).isZero();
        assertThat(h.model.rssConfig().table()).containsOnly(rx.sq().sqIdx());

        assertThat(admin.destroyIoQueue(tx)).isZero();
        assertThat(admin.destroyIoQueue(llq)).isZero();
        assertThat(admin.destroyIoQueue(rx)).isZero();
        assertThat(h.model.submissionQueues()).hasSize(sqsBefore);
        assertThat(h.model.completionQueues()).isEmpty();
        // Destroying again: the device no longer knows the queue.
        assertThat(admin.destroyIoQueue(tx)).isNotZero();
        for (DmaBuffer b : new DmaBuffer[] {txCq, txSq, llqCq, rxCq, rxSq}) {
            fn.dma().free(b);
        }
    }

    @Test
    void featureAndStatisticsCommandsRoundTrip() {
        probe();
        var admin = dev.admin();
        assertThat(admin.setMtu(9000)).isZero();
        assertThat(h.model.mtu()).isEqualTo(9000);
        assertThat(admin.setMtu(9217)).as("above max_mtu: device says ILLEGAL_PARAMETER").isEqualTo(EnaErrno.EINVAL);
        assertThat(h.model.mtu()).isEqualTo(9000);

        assertThat(admin.getLinkParams().orThrow().speedMbps()).isEqualTo(h.model.profile().link().speedMbps());
        assertThat(admin.getBasicStats().ok()).isTrue();
        assertThat(admin.getEniStats().ok()).isTrue();
        assertThat(admin.getEnaSrdInfo().ok()).isTrue();
        AdminResult<?> metrics = admin.getCustomerMetrics();
        assertThat(metrics.ok()).isTrue();

        assertThat(admin.fillHashFunction(RssHashFunction.CRC32, null, 0)).isZero();
        assertThat(h.model.rssConfig().function()).isEqualTo(RssHashFunction.CRC32);
        byte[] key = new byte[40];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        assertThat(admin.fillHashFunction(RssHashFunction.TOEPLITZ, key, 0xFFFFFFFF)).isZero();
        assertThat(h.model.rssConfig().key()).isEqualTo(key);
        assertThat(admin.getHashFunction().orThrow().key()).isEqualTo(key);
    }

    @Test
    void aWithheldCompletionTimesOutStopsTheQueueAndEndsInAReset() {
        probe();
        long timeoutMs = dev.com().adminQueue().completionTimeoutUs() / 1000;
        h.model.faults().withholdNextCompletions(1);
        long t0 = h.nowMillis();
        assertThat(dev.admin().setMtu(1500)).isEqualTo(EnaErrno.ETIME);
        assertThat(h.nowMillis() - t0).isGreaterThanOrEqualTo(timeoutMs).isLessThan(timeoutMs + 100);
        assertThat(dev.com().adminQueue().isRunning()).isFalse();
        assertThat(dev.com().pendingReset()).isEqualTo(ResetReason.ADMIN_TO);

        // Not running: commands fail locally, nothing reaches the device.
        long seen = h.model.counters().adminCommands();
        assertThat(dev.admin().setMtu(1500)).isEqualTo(EnaErrno.ENODEV);
        assertThat(h.model.counters().adminCommands()).isEqualTo(seen);

        dev.resetAndRestore();
        assertThat(dev.totalResets()).isEqualTo(1);
        assertThat(h.model.counters().resets()).as("reason reset, then the NORMAL reset of the restore")
                .isGreaterThanOrEqualTo(3);
        assertThat(dev.com().adminQueue().isRunning()).isTrue();
        assertThat(dev.admin().setMtu(1500)).isZero();
    }

    @Test
    void theResetCarriesTheReasonInDevCtl() {
        probe();
        h.model.faults().withholdNextCompletions(1);
        dev.admin().setMtu(1500);
        int resetsBefore = (int) h.model.counters().resets();
        // Stop the restore's own NORMAL reset from overwriting what we inspect: hold the assert.
        dev.com().devReset(dev.com().takePendingReset());
        assertThat(h.model.counters().resets()).isEqualTo(resetsBefore + 1);
        assertThat(h.model.counters().lastResetReason()).isEqualTo(ResetReason.ADMIN_TO.code());
        assertThat(h.model.counters().lastResetDevCtl()).isEqualTo(EnaRegs.devCtlResetValue(2, true));
    }

    @Test
    void aMissingAdminInterruptIsDetectedAndRecordedAsItsOwnReason() {
        probe();
        // Vector 0 is shared with the AENQ: a keep-alive interrupt would drain the ACQ and hide the lost one.
        h.model.faults().stopKeepAlives(true);
        h.model.faults().suppressNextAdminInterrupts(1);
        assertThat(dev.admin().setMtu(1500)).isEqualTo(EnaErrno.ETIME);
        assertThat(dev.adminStats().get("missing_admin_interrupt")).isEqualTo(1);
        assertThat(dev.com().pendingReset()).isEqualTo(ResetReason.MISSING_ADMIN_INTERRUPT);
    }

    @Test
    void aLostAdminInterruptIsCoveredByTheNextManagementInterrupt() {
        probe();
        h.model.faults().suppressNextAdminInterrupts(1);
        long t0 = h.nowMillis();
        assertThat(dev.admin().setMtu(1500)).isZero();
        assertThat(h.nowMillis() - t0).as("picked up by the next keep-alive interrupt").isLessThanOrEqualTo(1_000);
        assertThat(dev.adminStats().get("missing_admin_interrupt")).isZero();
    }

    @Test
    void aCompletionWithACommandIdOutOfRangeStopsTheAdminQueue() {
        probe();
        h.model.faults().corruptNextCommandId(40, 1);
        assertThat(dev.admin().setMtu(1500)).isNotZero();
        assertThat(dev.adminStats().get("bad_completion_id")).isEqualTo(1);
        assertThat(dev.com().adminQueue().isRunning()).isFalse();
        assertThat(dev.com().pendingReset()).isNotNull();
    }

    @Test
    void aCompletionForACommandNotOutstandingIsCountedAndDropped() {
        probe();
        h.model.faults().corruptNextCommandId(5, 1);
        assertThat(dev.admin().setMtu(1500)).as("the real completion never comes").isEqualTo(EnaErrno.ETIME);
        assertThat(dev.adminStats().get("unexpected_completion")).isEqualTo(1);
    }

    @Test
    void failingStatusesMapToErrnos() {
        probe();
        int[][] cases = {{1, EnaErrno.ENOMEM}, {2, EnaErrno.EINVAL}, {3, EnaErrno.EOPNOTSUPP}, {4, EnaErrno.EINVAL},
                {5, EnaErrno.EINVAL}, {6, EnaErrno.EINVAL}, {7, EnaErrno.EAGAIN}, {200, EnaErrno.EINVAL}};
        for (int[] c : cases) {
            h.model.faults().forceNextStatus(c[0], 1);
            assertThat(dev.admin().setMtu(1500)).as("status %d", c[0]).isEqualTo(c[1]);
        }
        assertThat(dev.com().adminQueue().isRunning()).as("a failing status is not a broken queue").isTrue();
        assertThat(dev.admin().setMtu(1500)).isZero();
    }

    @Test
    void keepAlivesAreConsumedAndTheAenqHeadDoorbellAdvances() {
        probe();
        List<Long> drops = new ArrayList<>();
        dev.addEventListener(new EnaEventListener() {
            @Override
            public void keepAlive(long rxDrops, long txDrops, long rxOverruns) {
                drops.add(rxDrops);
            }
        });
        long posted0 = h.model.counters().aenqPosted();
        h.runFor(5_500);
        long posted = h.model.counters().aenqPosted() - posted0;
        assertThat(drops).hasSizeBetween(5, 6);
        assertThat(posted).isEqualTo(drops.size());
        assertThat(h.model.counters().aenqDroppedNoCredit()).as("credit returned every time").isZero();
        int headDb = h.fn.bar0().read32(EnaRegs.AENQ_HEAD_DB_OFF) & 0xFFFF;
        assertThat(headDb).isEqualTo((16 + (int) h.model.counters().aenqPosted()) & 0xFFFF);
        assertThat(dev.com().aenq().lastKeepAliveNanos()).isGreaterThan(0);
    }

    @Test
    void linkChangesReachTheDriverAndItsListeners() {
        probe();
        List<Boolean> seen = new ArrayList<>();
        dev.addEventListener(new EnaEventListener() {
            @Override
            public void linkChanged(boolean up) {
                seen.add(up);
            }
        });
        h.model.setLink(false);
        h.runFor(5);
        assertThat(dev.linkUp()).isFalse();
        h.model.setLink(true);
        h.runFor(5);
        assertThat(dev.linkUp()).isTrue();
        assertThat(seen).containsExactly(false, true);
    }

    @Test
    void deviceRequestedResetAndFatalErrorRecordAPendingReset() {
        probe();
        List<String> reasons = new ArrayList<>();
        dev.addEventListener(new EnaEventListener() {
            @Override
            public void resetRequested(String reason) {
                reasons.add(reason);
            }
        });
        h.model.requestReset();
        h.runFor(5);
        assertThat(dev.com().pendingReset()).isEqualTo(ResetReason.DEVICE_REQUEST);
        assertThat(reasons).containsExactly("device_request");
        dev.resetAndRestore();
        assertThat(h.model.counters().resets()).isGreaterThanOrEqualTo(3);
        assertThat(dev.linkUp()).isTrue();
    }

    @Test
    void interruptModeRaisesVectorZeroPerCompletionPollingModeDoesNot() {
        probe();
        long irq0 = h.model.counters().interrupts(0);
        assertThat(dev.admin().setMtu(1500)).isZero();
        assertThat(h.model.counters().interrupts(0) - irq0).isEqualTo(1);
        dev.close();
        h.close();

        probe(DeviceProfile.ec2Default(), DriverConfig.defaults().withAdminPollingOnly(true));
        irq0 = h.model.counters().interrupts(0);
        assertThat(dev.admin().setMtu(1500)).isZero();
        assertThat(h.model.counters().interrupts(0) - irq0).isZero();
        assertThat(h.fn.bar0().read32(EnaRegs.INTR_MASK_OFF) & 1).isEqualTo(1);
    }
}
