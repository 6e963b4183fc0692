package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.ProbeReport;
import io.ena4j.driver.com.EnaComException;
import io.ena4j.driver.com.EnaErrno;
import io.ena4j.model.DeviceProfile;
import io.ena4j.spec.regs.ResetReason;
import org.junit.jupiter.api.Test;

/** The reference probe sequence (management.md §13.1) of our driver against our device model. */
class ProbeTest {

    @Test
    void probesTheDefaultProfileAndReportsWhatTheDeviceAdvertises() {
        DeviceProfile p = DeviceProfile.ec2Default();
        try (ModelHarness h = new ModelHarness(p);
             EnaDevice dev = EnaDevice.probe(h.fn, h.clock, DriverConfig.defaults())) {
            ProbeReport r = dev.report();

            assertThat(r.pci().vendorId()).isEqualTo(0x1D0F);
            assertThat(r.pci().deviceId()).isEqualTo(p.pci().deviceId());
            assertThat(r.pci().readlessRegisterReads()).isTrue();
            assertThat(r.mac()).isEqualTo(macString(p.attributes().macBytes()));
            assertThat(r.mtu().max()).isEqualTo(p.attributes().maxMtu());
            assertThat(r.llq().placement()).isEqualTo("device");
            assertThat(r.llq().entrySize()).isEqualTo(128);
            assertThat(r.llq().maxHeaderSize()).isEqualTo(96);
            assertThat(r.rings().txMax()).isEqualTo(p.llq().maxLlqDepth());
            assertThat(r.rss().supported()).isTrue();
            assertThat(r.rss().function()).isEqualTo("toeplitz");
            assertThat(r.aenqEnabled()).contains("link_change", "keep_alive").doesNotContain("refresh_capabilities");
            assertThat(r.bootLog()).anyMatch(l -> l.startsWith("Elastic Network Adapter (ENA) found"));

            // What the device learned from the driver.
            assertThat(h.model.enabledAenqGroups()).isEqualTo(0xDF & p.aenqSupportedGroups());
            assertThat(h.model.hostInfo().osType()).isEqualTo(3);
            assertThat(h.model.hostInfo().enaSpecVersion()).isEqualTo(0x0200);
            assertThat(h.model.debugArea()[1]).as("debug area size registered in the second SET(28)").isPositive();
            assertThat(h.model.llqConfig()).isNotNull();
            assertThat(h.model.rssConfig().initVal()).isEqualTo(0xFFFFFFFF);
            assertThat(h.model.aenqLive()).isTrue();
            assertThat(h.model.counters().readlessReads()).isPositive();
            assertThat(h.model.counters().plainRegisterReads()).isZero();
            assertThat(h.model.counters().dmaFaults()).isZero();
            assertThat(h.model.counters().adminCompletions(1) + h.model.counters().adminCompletions(2)
                    + h.model.counters().adminCompletions(4) + h.model.counters().adminCompletions(5)
                    + h.model.counters().adminCompletions(6)).as("no command the device rejected").isZero();
            assertThat(dev.linkUp()).as("LINK_CHANGE(up) posted after the first AENQ head doorbell").isTrue();
        }
    }

    @Test
    void minimalProfileUsesPlainReadsLegacyQueuesAndHostPlacement() {
        try (ModelHarness h = new ModelHarness(DeviceProfile.minimal());
             EnaDevice dev = EnaDevice.probe(h.fn, h.clock, DriverConfig.defaults())) {
            ProbeReport r = dev.report();
            assertThat(r.pci().readlessRegisterReads()).isFalse();
            assertThat(h.model.counters().plainRegisterReads()).isPositive();
            assertThat(h.model.counters().readlessReads()).isZero();
            assertThat(r.llq().placement()).isEqualTo("host");
            assertThat(r.channels().maxCombined()).isEqualTo(1);
            assertThat(r.rings().txMax()).isEqualTo(256);
            assertThat(r.rss().supported()).isFalse();
            assertThat(dev.features().maxQueues().extended()).isFalse();
        }
    }

    @Test
    void largeLlqPolicyPicks256ByteEntriesAndHalvesTheDefaultTxRing() {
        try (ModelHarness h = new ModelHarness(DeviceProfile.ec2Default());
             EnaDevice dev = EnaDevice.probe(h.fn, h.clock,
                     DriverConfig.defaults().withLlqPolicy(DriverConfig.LlqPolicy.LARGE))) {
            ProbeReport r = dev.report();
            assertThat(r.llq().entrySize()).isEqualTo(256);
            assertThat(r.llq().maxHeaderSize()).isEqualTo(224);
            assertThat(r.rings().tx()).isEqualTo(512);
            assertThat(h.model.llqConfig().entrySizeCode()).isEqualTo(4);
        }
    }

    @Test
    void declinedLlqMeansHostPlacementAndNoLlqSet() {
        try (ModelHarness h = new ModelHarness(DeviceProfile.ec2Default());
             EnaDevice dev = EnaDevice.probe(h.fn, h.clock,
                     DriverConfig.defaults().withLlqPolicy(DriverConfig.LlqPolicy.DISABLED))) {
            assertThat(dev.report().llq().placement()).isEqualTo("host");
            assertThat(h.model.llqConfig()).isNull();
        }
    }

    @Test
    void referenceVectorsProfileProbes() {
        try (ModelHarness h = new ModelHarness(DeviceProfile.referenceVectors());
             EnaDevice dev = EnaDevice.probe(h.fn, h.clock, DriverConfig.defaults())) {
            assertThat(dev.report().device().dmaAddressBits()).isEqualTo(48);
            assertThat(dev.report().device().adminTimeoutMs()).isEqualTo(300);
        }
    }

    @Test
    void closeResetsWithShutdownReasonAndFreesEveryDmaBuffer() {
        try (ModelHarness h = new ModelHarness(DeviceProfile.ec2Default())) {
            EnaDevice dev = EnaDevice.probe(h.fn, h.clock, DriverConfig.defaults());
            assertThat(h.liveDmaBuffers()).isPositive();
            dev.close();
            assertThat(h.model.counters().lastResetReason()).isEqualTo(ResetReason.SHUTDOWN.code());
            assertThat(h.liveDmaBuffers()).isZero();
            dev.close(); // idempotent
        }
    }

    @Test
    void aReadlessReadThatNeverAnswersFailsProbeWithEtimeAfterTheReadTimeout() {
        try (ModelHarness h = new ModelHarness(DeviceProfile.ec2Default())) {
            h.model.faults().dropReadlessResponses(true);
            long t0 = h.nowMillis();
            assertThatThrownBy(() -> EnaDevice.probe(h.fn, h.clock, DriverConfig.defaults()))
                    .isInstanceOf(EnaComException.class)
                    .hasMessageContaining("device reset").hasMessageContaining("ETIME")
                    .satisfies(e -> assertThat(((EnaComException) e).rc()).isEqualTo(EnaErrno.ETIME));
            assertThat(h.nowMillis() - t0).as("one readless read timed out: 200 ms").isBetween(200L, 400L);
            assertThat(h.model.counters().readlessDropped()).isPositive();
            assertThat(h.liveDmaBuffers()).as("a failed probe frees what it allocated").isZero();
        }
    }

    @Test
    void aResetThatNeverAssertsHonoursTheCapsResetTimeout() {
        DeviceProfile p = DeviceProfile.ec2Default();
        long resetTimeoutMs = p.registers().resetTimeout() * 100L;
        try (ModelHarness h = new ModelHarness(p)) {
            h.model.faults().holdResetAssert(true);
            long t0 = h.nowMillis();
            assertThatThrownBy(() -> EnaDevice.probe(h.fn, h.clock, DriverConfig.defaults()))
                    .isInstanceOf(EnaComException.class).hasMessageContaining("ETIME");
            long took = h.nowMillis() - t0;
            assertThat(took).isGreaterThanOrEqualTo(resetTimeoutMs).isLessThan(resetTimeoutMs + 100);
        }
    }

    @Test
    void aResetThatNeverDeassertsHonoursTheCapsResetTimeout() {
        DeviceProfile p = DeviceProfile.ec2Default();
        long resetTimeoutMs = p.registers().resetTimeout() * 100L;
        try (ModelHarness h = new ModelHarness(p)) {
            h.model.faults().holdResetDeassert(true);
            long t0 = h.nowMillis();
            assertThatThrownBy(() -> EnaDevice.probe(h.fn, h.clock, DriverConfig.defaults()))
                    .isInstanceOf(EnaComException.class).hasMessageContaining("ETIME");
            assertThat(h.nowMillis() - t0).isGreaterThanOrEqualTo(resetTimeoutMs).isLessThan(resetTimeoutMs + 100);
        }
    }

    @Test
    void aNonEnaFunctionIsRefusedWithAClearMessage() {
        DeviceProfile p = DeviceProfile.ec2Default();
        try (ModelHarness h = new ModelHarness(p.toBuilder()
                .pci(new DeviceProfile.Pci(0x1234, false, true)).build())) {
            assertThatThrownBy(() -> EnaDevice.probe(h.fn, h.clock, DriverConfig.defaults()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an ENA device")
                    .hasMessageContaining("1234");
        }
    }

    static String macString(byte[] mac) {
        StringBuilder b = new StringBuilder();
        for (byte x : mac) {
            b.append(b.isEmpty() ? "" : ":").append(String.format("%02x", x & 0xFF));
        }
        return b.toString();
    }
}
