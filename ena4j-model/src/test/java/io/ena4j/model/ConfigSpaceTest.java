package io.ena4j.model;

import io.ena4j.platform.PciConfig;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PciIds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PCI identity, BAR sizing, command bits and the capability list (management.md §2). */
class ConfigSpaceTest {

    @Test
    void identityComesFromTheProfile() {
        try (TestHost h = new TestHost(DeviceProfile.ec2Default())) {
            assertThat(h.fn.configRead16(PciConfig.VENDOR_ID)).isEqualTo(PciIds.VENDOR_AMAZON);
            assertThat(h.fn.configRead16(PciConfig.DEVICE_ID)).isEqualTo(PciIds.DEVICE_VF);
            assertThat(h.fn.configRead8(PciConfig.REVISION_ID) & 1).isZero();
            int classCode = h.model.configRead32(PciConfig.REVISION_ID) >>> 8;
            assertThat(classCode).isEqualTo(0x020000);
            assertThat(h.fn.configRead8(PciConfig.HEADER_TYPE)).isZero();
            assertThat(PciIds.isEna(h.fn.configRead16(0), h.fn.configRead16(2))).isTrue();
        }
        DeviceProfile custom = DeviceProfile.builder().pci(new DeviceProfile.Pci(PciIds.DEVICE_PF_LLQ, true, true))
                .build();
        try (TestHost h = new TestHost(custom)) {
            assertThat(h.fn.configRead16(PciConfig.DEVICE_ID)).isEqualTo(PciIds.DEVICE_PF_LLQ);
            assertThat(PciIds.readlessDisabled(h.fn.configRead8(PciConfig.REVISION_ID))).isTrue();
        }
    }

    @Test
    void bar0SizingAndProgramming() {
        try (TestHost h = new TestHost(DeviceProfile.ec2Default())) {
            h.model.configWrite32(PciConfig.BAR0, 0xFFFF_FFFF);
            int mask = h.model.configRead32(PciConfig.BAR0);
            assertThat(mask & 0xF).as("32-bit non-prefetchable memory BAR").isZero();
            assertThat(~(mask & ~0xF) + 1).isEqualTo(h.model.bar0Size()).isEqualTo(0x8000);
            h.model.configWrite32(PciConfig.BAR0, 0xFE00_0000);
            assertThat(h.model.configRead32(PciConfig.BAR0)).isEqualTo(0xFE00_0000);
            assertThat(h.model.configRead32(PciConfig.BAR0 + 4)).as("BAR 1 unimplemented").isZero();
        }
    }

    @Test
    void bar2Is64BitPrefetchableAndSizable() {
        try (TestHost h = new TestHost(DeviceProfile.ec2Default())) {
            long size = h.model.profile().bar2Size();
            h.model.configWrite32(PciConfig.BAR0 + 8, 0xFFFF_FFFF);
            h.model.configWrite32(PciConfig.BAR0 + 12, 0xFFFF_FFFF);
            int lo = h.model.configRead32(PciConfig.BAR0 + 8);
            int hi = h.model.configRead32(PciConfig.BAR0 + 12);
            assertThat(lo & 0xF).isEqualTo(0xC); // 64-bit (bits 2:1 = 10), prefetchable (bit 3)
            long mask = ((long) hi << 32) | (lo & ~0xFL & 0xFFFF_FFFFL);
            assertThat(~mask + 1).isEqualTo(size);
            assertThat(h.model.bar2().byteSize()).isEqualTo(size);
        }
        try (TestHost h = new TestHost(DeviceProfile.minimal())) {
            h.model.configWrite32(PciConfig.BAR0 + 8, 0xFFFF_FFFF);
            assertThat(h.model.configRead32(PciConfig.BAR0 + 8)).as("no BAR 2").isZero();
            assertThat(h.model.bar2()).isNull();
            assertThat(h.fn.bar2()).isNull();
        }
    }

    @Test
    void capabilityListHasPcieAndMsix() {
        try (TestHost h = new TestHost(DeviceProfile.referenceVectors())) {
            assertThat(h.fn.configRead16(PciConfig.STATUS) & PciConfig.STATUS_CAP_LIST).isNotZero();
            assertThat(PciConfig.findCapability(h.fn, PciConfig.CAP_ID_PCIE)).isEqualTo(0x70);
            int msix = PciConfig.findCapability(h.fn, PciConfig.CAP_ID_MSIX);
            assertThat(msix).isEqualTo(0xB0);
            int ctrl = h.fn.configRead16(msix + PciConfig.MSIX_MESSAGE_CONTROL);
            assertThat((ctrl & PciConfig.MSIX_CTRL_TABLE_SIZE_MASK) + 1).isEqualTo(33);
            assertThat(ctrl & PciConfig.MSIX_CTRL_ENABLE).as("disabled at power-on").isZero();
            int table = h.model.configRead32(msix + PciConfig.MSIX_TABLE);
            int pba = h.model.configRead32(msix + PciConfig.MSIX_PBA);
            assertThat(table & PciConfig.MSIX_BIR_MASK).isZero();
            assertThat(table & ~PciConfig.MSIX_BIR_MASK).isEqualTo(0x5000);
            assertThat(pba & ~PciConfig.MSIX_BIR_MASK).isEqualTo(0x6000);
            assertThat(h.fn.msixVectorCount()).isEqualTo(33);
            // every table entry comes out of reset masked
            assertThat(h.r(0x5000 + 12) & PciConfig.MSIX_VECTOR_CTRL_MASKED).isEqualTo(1);
        }
    }

    @Test
    void msixEnableAndFunctionMaskAreWritableTableSizeIsNot() {
        try (TestHost h = new TestHost(DeviceProfile.minimal())) {
            int cap = PciConfig.findCapability(h.fn, PciConfig.CAP_ID_MSIX);
            h.model.configWrite32(cap, (PciConfig.MSIX_CTRL_ENABLE | PciConfig.MSIX_CTRL_FUNCTION_MASK | 0x7FF) << 16);
            int ctrl = h.fn.configRead16(cap + 2);
            assertThat(ctrl & PciConfig.MSIX_CTRL_ENABLE).isNotZero();
            assertThat(ctrl & PciConfig.MSIX_CTRL_FUNCTION_MASK).isNotZero();
            assertThat(ctrl & PciConfig.MSIX_CTRL_TABLE_SIZE_MASK).isEqualTo(1);
        }
    }

    @Test
    void commandBitsGateMemoryDecodingAndDma() {
        try (TestHost h = new TestHost(DeviceProfile.ec2Default())) {
            h.model.configWrite32(PciConfig.COMMAND, 0);
            assertThat(h.fn.configRead16(PciConfig.COMMAND)).isZero();
            assertThat(h.r(EnaRegs.VERSION_OFF)).as("no memory decoding: all-ones").isEqualTo(-1);
            h.w(EnaRegs.INTR_MASK_OFF, 1);
            assertThat(h.model.counters().accessesWhileDecodeDisabled()).isEqualTo(2);
            h.model.configWrite32(PciConfig.COMMAND, PciConfig.COMMAND_MEMORY);
            assertThat(h.r(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
            assertThat(h.r(EnaRegs.INTR_MASK_OFF)).as("write was dropped").isZero();
            // bus mastering off: the device cannot DMA; a readless response is a DMA fault
            h.setupReadless();
            assertThat(h.readlessRead(EnaRegs.VERSION_OFF)).isEqualTo(EnaRegs.READ_FAILED);
            assertThat(h.model.counters().dmaFaults()).isEqualTo(1);
            assertThat(h.model.counters().lastDmaFault()).contains("bus mastering");
        }
    }

    @Test
    void badOffsetsAreRejectedWithTheRange() {
        try (TestHost h = new TestHost(DeviceProfile.ec2Default())) {
            assertThatThrownBy(() -> h.model.configRead32(0x1000)).hasMessageContaining("0x1000")
                    .hasMessageContaining("[0, 0xffc]");
            assertThatThrownBy(() -> h.model.configWrite32(2, 0)).hasMessageContaining("aligned");
            assertThatThrownBy(() -> h.model.bar0Read32(0x8000)).hasMessageContaining("0x8000")
                    .hasMessageContaining("0x7ffc");
            assertThatThrownBy(() -> h.model.bar0Write32(0x41, 0)).hasMessageContaining("aligned");
        }
    }
}
