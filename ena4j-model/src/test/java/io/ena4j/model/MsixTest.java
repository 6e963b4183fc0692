package io.ena4j.model;

import io.ena4j.platform.PciConfig;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.regs.EnaRegs;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** MSI-X delivery rules (management.md §2.3; PCI 3.0 §6.8.2) seen through admin-completion interrupts. */
class MsixTest {

    private static final int TABLE = 0x2000; // ec2Default placement
    private static final int PBA = 0x3000;

    /** A host with a handler on vector 0 attached at the model level only: MSI-X still disabled, entry masked. */
    private static TestHost host() {
        TestHost h = TestHost.ready(DeviceProfile.ec2Default());
        h.model.setMsixCallback(0, h::onIrq);
        h.w(EnaRegs.INTR_MASK_OFF, 0);
        return h;
    }

    private static void completeOne(TestHost h) {
        h.exec(TestHost.getFeature(FeatureId.DEVICE_ATTRIBUTES.code()), 0);
    }

    private static void setMsixControl(TestHost h, int bits) {
        h.model.configWrite32(0xB0, bits << 16);
    }

    @Test
    void heldPendingWhileDisabledAndDeliveredWhenEnabled() {
        try (TestHost h = host()) {
            completeOne(h);
            assertThat(h.irqCount(0)).isZero();
            assertThat(h.model.msixPending(0)).isTrue();
            assertThat(h.r(PBA) & 1).isEqualTo(1);
            assertThat(h.model.counters().msixPending()).isEqualTo(1);
            setMsixControl(h, PciConfig.MSIX_CTRL_ENABLE);
            h.step();
            assertThat(h.irqCount(0)).as("entry still masked").isZero();
            h.w(TABLE + 12, 0); // unmask entry 0
            assertThat(h.irqCount(0)).as("never from inside a register write").isZero();
            h.step();
            assertThat(h.irqCount(0)).isEqualTo(1);
            assertThat(h.model.msixPending(0)).isFalse();
            assertThat(h.r(PBA) & 1).isZero();
            completeOne(h);
            assertThat(h.irqCount(0)).as("vector 0 is never auto-masked").isEqualTo(2);
            completeOne(h);
            assertThat(h.irqCount(0)).isEqualTo(3);
        }
    }

    @Test
    void functionMaskHoldsEveryVector() {
        try (TestHost h = host()) {
            setMsixControl(h, PciConfig.MSIX_CTRL_ENABLE | PciConfig.MSIX_CTRL_FUNCTION_MASK);
            h.w(TABLE + 12, 0);
            completeOne(h);
            completeOne(h);
            assertThat(h.irqCount(0)).isZero();
            assertThat(h.model.counters().msixPending()).isEqualTo(2);
            setMsixControl(h, PciConfig.MSIX_CTRL_ENABLE);
            h.step();
            assertThat(h.irqCount(0)).as("one pending bit: one message").isEqualTo(1);
        }
    }

    @Test
    void maskingAnEntryAgainHoldsItsMessages() {
        try (TestHost h = host()) {
            setMsixControl(h, PciConfig.MSIX_CTRL_ENABLE);
            h.w(TABLE + 12, 0);
            completeOne(h);
            assertThat(h.irqCount(0)).isEqualTo(1);
            h.w(TABLE + 12, PciConfig.MSIX_VECTOR_CTRL_MASKED);
            completeOne(h);
            assertThat(h.irqCount(0)).isEqualTo(1);
            assertThat(h.model.msixPending(0)).isTrue();
            assertThat(h.r(TABLE + 12)).isEqualTo(1);
        }
    }

    @Test
    void messagesToAVectorWithoutHandlerAreDropped() {
        try (TestHost h = host()) {
            setMsixControl(h, PciConfig.MSIX_CTRL_ENABLE);
            h.w(TABLE + 12, 0);
            h.model.setMsixCallback(0, null);
            completeOne(h);
            assertThat(h.model.counters().msixDropped()).isEqualTo(1);
            assertThat(h.model.counters().interrupts(0)).isZero();
        }
    }

    @Test
    void tableEntriesReadBackWhatTheHostProgrammed() {
        try (TestHost h = host()) {
            h.fn.setInterruptHandler(5, v -> { });
            assertThat(h.r(TABLE + 5 * 16)).isEqualTo(0xFEE0_0000);
            assertThat(h.r(TABLE + 5 * 16 + 8)).isEqualTo(5);
            assertThat(h.r(TABLE + 5 * 16 + 12)).isZero();
            assertThat(h.fn.configRead16(0xB2) & PciConfig.MSIX_CTRL_ENABLE).isNotZero();
            h.fn.setInterruptHandler(5, null);
            assertThat(h.r(TABLE + 5 * 16 + 12)).isEqualTo(1);
            h.w(PBA, -1);
            assertThat(h.r(PBA)).as("PBA is read-only").isZero();
        }
    }

    /**
     * Handlers run without the device lock: a handler that makes another thread touch the device must not block
     * (with the lock held by the delivering thread, the other thread's register read would wait forever).
     */
    @Test
    void handlersRunWithoutTheDeviceLock() throws Exception {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            AtomicInteger seen = new AtomicInteger();
            h.fn.setInterruptHandler(0, v -> {
                CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> h.r(EnaRegs.DEV_STS_OFF));
                try {
                    seen.set(other.get(5, TimeUnit.SECONDS));
                } catch (Exception e) {
                    seen.set(-1);
                }
                h.w(EnaRegs.INTR_MASK_OFF, 0); // and a write back from the handler itself
            });
            h.w(EnaRegs.INTR_MASK_OFF, 0);
            completeOne(h);
            assertThat(seen.get()).isEqualTo(EnaRegs.DEV_STS_READY_MASK);
        }
    }

    @Test
    void msixTableInBar2() {
        DeviceProfile p = DeviceProfile.referenceVectors().toBuilder()
                .msix(new DeviceProfile.Msix(33, 2, 0x80_0000, 2, 0x80_1000)).build();
        try (TestHost h = TestHost.ready(p)) {
            assertThat(p.bar2Size()).isEqualTo(16L << 20);
            h.fn.setInterruptHandler(0, h::onIrq);
            h.w(EnaRegs.INTR_MASK_OFF, 0);
            completeOne(h);
            assertThat(h.irqCount(0)).isEqualTo(1);
            h.model.bar2().set(io.ena4j.spec.Le.U32, 0x80_0000 + 12, 1); // mask in BAR 2 memory
            completeOne(h);
            assertThat(h.irqCount(0)).isEqualTo(1);
            assertThat(h.model.bar2().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0x80_1000)).isEqualTo((byte) 1);
            h.model.bar2().set(io.ena4j.spec.Le.U32, 0x80_0000 + 12, 0);
            h.step();
            assertThat(h.irqCount(0)).isEqualTo(2);
        }
    }
}
