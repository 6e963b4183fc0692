package io.ena4j.model;

import io.ena4j.platform.PciConfig;
import io.ena4j.spec.regs.IntrUnmask;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** I/O interrupts: one vector per pair, auto-mask, unmask register, moderation, poll mode, MSI-X masking. */
class InterruptTest {

    private static final int V = 3;

    private record Pair(DataHost dh, DataHost.TxQ tx, DataHost.RxQ rx) {
        void send(int n) {
            for (int i = 0; i < n; i++) {
                tx.send(tx.tail & 0xFF, DataPathTest.udp(100, i), 1);
            }
            tx.ring();
        }

        void unmask(int value) {
            dh.h.w(tx.unmask, value);
        }

        int irqs() {
            return dh.h.irqCount(V);
        }

        void drain() {
            tx.completedReqIds();
            rx.packets();
        }
    }

    private static Pair pair(TestHost th, boolean interrupts) {
        DataHost dh = new DataHost(th);
        DataHost.TxQ tx = dh.tx(256, V, interrupts, false);
        DataHost.RxQ rx = dh.rx(256, V, interrupts, 2048);
        rx.fill(255);
        th.interruptMode();
        return new Pair(dh, tx, rx);
    }

    @Test
    void vectorIsAutoMaskedOnDeliveryAndReArmedByBit30() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Pair p = pair(th, true);
            p.send(1);
            p.dh.step();
            assertThat(p.irqs()).as("Tx and Rx completion of one packet: one message for the pair").isEqualTo(1);
            p.drain();
            p.send(3);
            p.dh.step();
            p.dh.step();
            assertThat(p.irqs()).as("auto-masked").isEqualTo(1);
            p.unmask(IntrUnmask.value(0, 0, 0, 1)); // no unmask bit, no update: nothing
            p.dh.step();
            assertThat(p.irqs()).isEqualTo(1);
            p.unmask(IntrUnmask.value(0, 0, 1, 1));
            p.dh.step();
            assertThat(p.irqs()).as("completions pending while masked fire on unmask").isEqualTo(2);
            p.drain();
            p.unmask(IntrUnmask.value(0, 0, 1, 1));
            p.dh.step();
            p.dh.step();
            assertThat(p.irqs()).as("unmasked, nothing pending").isEqualTo(2);
            p.send(1);
            p.dh.step();
            assertThat(p.irqs()).isEqualTo(3);
            assertThat(th.irqCount(0)).as("management vector untouched").isZero();
            assertThat(p.dh.model.counters().interrupts(V)).isEqualTo(3);
        }
    }

    @Test
    void moderationDelaysEachDirectionFromItsFirstPendingCompletion() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) { // intr_delay_resolution 1 µs
            Pair p = pair(th, true);
            p.unmask(IntrUnmask.value(20, 64, 1, 0)); // Rx 20 µs, Tx 64 µs
            Wires.nullSink(p.dh.model); // Tx completions only
            p.send(1);
            p.dh.step();
            assertThat(p.irqs()).isZero();
            th.clock.advance(30_000);
            p.send(1); // a later completion does not restart the delay
            th.clock.advance(33_000);
            assertThat(p.irqs()).as("63 µs after the first Tx completion").isZero();
            th.clock.advance(1_000);
            assertThat(p.irqs()).as("64 µs").isEqualTo(1);

            p.drain();
            Wires.loopback(p.dh.model); // now Rx completions too: the shorter Rx delay decides
            p.unmask(IntrUnmask.value(20, 64, 1, 1));
            p.send(1);
            p.dh.step();
            th.clock.advance(19_000);
            assertThat(p.irqs()).isEqualTo(1);
            th.clock.advance(1_000);
            assertThat(p.irqs()).as("Rx delay 20 µs").isEqualTo(2);

            p.drain();
            p.unmask(IntrUnmask.value(500, 500, 1, 1)); // bit 31 set: the delays are not updated
            p.send(1);
            p.dh.step();
            th.clock.advance(20_000);
            assertThat(p.irqs()).isEqualTo(3);
            p.drain();
            p.unmask(IntrUnmask.value(0, 0, 1, 0)); // bit 31 clear: back to no moderation
            p.send(1);
            p.dh.step();
            assertThat(p.irqs()).isEqualTo(4);
        }
    }

    @Test
    void delaysAreInUnitsOfTheAdvertisedResolution() {
        DeviceProfile prof = DeviceProfile.ec2Default().toBuilder().intrDelayResolution(4).build();
        try (TestHost th = TestHost.ready(prof)) {
            Pair p = pair(th, true);
            p.unmask(IntrUnmask.value(10, 10, 1, 0)); // 10 units × 4 µs
            p.send(1);
            p.dh.step();
            th.clock.advance(39_999);
            assertThat(p.irqs()).isZero();
            th.clock.advance(1);
            assertThat(p.irqs()).isEqualTo(1);
        }
    }

    @Test
    void pollModeCqsNeverRaise() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Pair p = pair(th, false);
            for (int round = 0; round < 3; round++) {
                p.send(5);
                p.dh.step();
                p.unmask(IntrUnmask.value(0, 0, 1, 0));
                th.clock.advance(1_000_000);
                p.drain();
            }
            assertThat(p.dh.model.statistics().get(DeviceStatistics.Stat.RX_PKTS)).isEqualTo(15);
            assertThat(p.irqs()).isZero();
            assertThat(p.dh.model.counters().interrupts(V)).isZero();
        }
    }

    @Test
    void lostInterruptRecoveryWriteReArms() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Pair p = pair(th, true);
            p.send(1);
            p.dh.step();
            assertThat(p.irqs()).isEqualTo(1);
            p.send(1); // completion while masked; the driver "lost" it
            p.dh.step();
            assertThat(p.irqs()).isEqualTo(1);
            p.unmask(IntrUnmask.value(20, 64, 0, 0)); // §8.6 item 4: intr_unmask = 0, no_moderation_update = 0
            th.clock.advance(20_000);
            assertThat(p.irqs()).isEqualTo(2);
        }
    }

    @Test
    void maskedMsixEntryHoldsTheMessageInThePbaUntilUnmasked() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Pair p = pair(th, true);
            int entryCtl = p.dh.model.profile().msix().tableOffset() + 16 * V + 12;
            th.w(entryCtl, PciConfig.MSIX_VECTOR_CTRL_MASKED);
            p.send(1);
            p.dh.step();
            assertThat(p.irqs()).isZero();
            assertThat(p.dh.model.msixPending(V)).isTrue();
            th.w(entryCtl, 0);
            p.dh.step();
            assertThat(p.irqs()).isEqualTo(1);
            assertThat(p.dh.model.msixPending(V)).isFalse();
            p.send(1);
            p.dh.step();
            assertThat(p.irqs()).as("the held message counted as delivered: auto-masked").isEqualTo(1);
        }
    }

    @Test
    void deviceResetDropsMaskAndModeration() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            Pair p = pair(th, true);
            p.unmask(IntrUnmask.value(100, 100, 1, 0));
            p.send(1);
            p.dh.step();
            th.clock.advance(100_000);
            assertThat(p.irqs()).isEqualTo(1); // now masked, delays 100 µs
            th.w(io.ena4j.spec.regs.EnaRegs.DEV_CTL_OFF, io.ena4j.spec.regs.EnaRegs.DEV_CTL_DEV_RESET_MASK);
            th.w(io.ena4j.spec.regs.EnaRegs.DEV_CTL_OFF, 0);
            TestHost.ready(th);
            th.interruptMode();
            Pair q = new Pair(p.dh, p.dh.tx(256, V, true, false), p.dh.rx(256, V, true, 2048));
            q.rx.fill(255);
            q.send(1);
            q.dh.step();
            assertThat(q.irqs()).as("unmasked and unmoderated after reset").isEqualTo(2);
        }
    }
}
