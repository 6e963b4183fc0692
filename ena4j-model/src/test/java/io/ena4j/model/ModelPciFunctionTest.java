package io.ena4j.model;

import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.ManualClock;
import io.ena4j.platform.PciConfig;
import io.ena4j.platform.PciFunction;
import io.ena4j.spec.regs.EnaRegs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The VFIO-like host platform in front of a model. */
class ModelPciFunctionTest {

    @Test
    void forwardsConfigAndBarsAndEnablesMemoryDecoding() {
        EnaDeviceModel model = new EnaDeviceModel(DeviceProfile.ec2Default(), new ManualClock());
        assertThat(model.bar0Read32(EnaRegs.VERSION_OFF)).as("decoding off before the host opens it").isEqualTo(-1);
        try (PciFunction fn = new ModelPciFunction(model)) {
            assertThat(fn.address()).startsWith("model:");
            assertThat(fn.configRead16(PciConfig.COMMAND) & PciConfig.COMMAND_MEMORY).isNotZero();
            assertThat(fn.configRead16(PciConfig.COMMAND) & PciConfig.COMMAND_BUS_MASTER).as("driver's job").isZero();
            assertThat(fn.bar0().read32(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
            assertThat(fn.bar0().size()).isEqualTo(0x8000);
            fn.bar0().write32(EnaRegs.INTR_MASK_OFF, 1);
            assertThat(model.bar0Read32(EnaRegs.INTR_MASK_OFF)).isEqualTo(1);
            assertThat(fn.bar2()).isSameAs(model.bar2());
            assertThat(fn.msixVectorCount()).isEqualTo(33);
        }
    }

    @Test
    void dmaAllocationsAreWhatTheDeviceCanReach() {
        try (TestHost h = new TestHost(DeviceProfile.ec2Default())) {
            DmaBuffer b = h.fn.dma().allocate(100);
            assertThat(h.model.iommu().find(b.ioAddress(), 4096)).isNotNull();
            assertThat(b.ioAddress()).isNotEqualTo(b.segment().address());
            h.fn.dma().free(b);
            assertThat(h.model.iommu().find(b.ioAddress(), 1)).isNull();
        }
    }

    @Test
    void setInterruptHandlerEnablesMsixAndUnmasksTheEntry() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            int cap = PciConfig.findCapability(h.fn, PciConfig.CAP_ID_MSIX);
            assertThat(h.fn.configRead16(cap + 2) & PciConfig.MSIX_CTRL_ENABLE).isZero();
            h.fn.setInterruptHandler(0, h::onIrq);
            assertThat(h.fn.configRead16(cap + 2) & PciConfig.MSIX_CTRL_ENABLE).isNotZero();
            h.w(EnaRegs.INTR_MASK_OFF, 0);
            h.exec(TestHost.getFeature(1), 0);
            assertThat(h.irqCount(0)).isEqualTo(1);
            assertThatThrownBy(() -> h.fn.setInterruptHandler(33, v -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 32]");
        }
    }

    @Test
    void closeStopsTheModel() {
        TestHost h = TestHost.ready(DeviceProfile.ec2Default());
        h.model.start();
        h.fn.close();
        h.place(TestHost.getFeature(1));
        h.ringAq();
        h.step();
        assertThat(h.nextCompletion()).as("a closed model does no work").isNull();
        assertThat(h.model.doWork()).isZero();
        h.fn.close(); // idempotent
    }

    @Test
    void twoFunctionsOnOneIommuShareTheAllocatorAndReachEachOthersMemory() {
        ManualClock clock = new ManualClock();
        io.ena4j.platform.Iommu iommu = new io.ena4j.platform.Iommu();
        io.ena4j.platform.IommuDmaAllocator shared = new io.ena4j.platform.IommuDmaAllocator(iommu);
        EnaDeviceModel a = new EnaDeviceModel(DeviceProfile.ec2Default(), clock, iommu);
        EnaDeviceModel b = new EnaDeviceModel(DeviceProfile.ec2Default(), clock, iommu);
        try (ModelPciFunction fa = new ModelPciFunction(a, shared);
             ModelPciFunction fb = new ModelPciFunction(b, shared)) {
            DmaBuffer x = fa.dma().allocate(4096);
            DmaBuffer y = fb.dma().allocate(4096);
            assertThat(fa.dma()).isSameAs(fb.dma());
            assertThat(a.iommu()).isSameAs(b.iommu());
            assertThat(b.iommu().find(x.ioAddress(), 4096)).as("a's buffer reachable by b").isNotNull();
            assertThat(a.iommu().find(y.ioAddress(), 4096)).isNotNull();
            assertThat(Math.abs(x.ioAddress() - y.ioAddress())).isGreaterThanOrEqualTo(4096);
        }
        assertThatThrownBy(() -> new ModelPciFunction(a, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnaDeviceModel(DeviceProfile.ec2Default(), clock, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IOMMU");
    }
}
