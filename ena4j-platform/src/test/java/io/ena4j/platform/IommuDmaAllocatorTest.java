package io.ena4j.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class IommuDmaAllocatorTest {

    @Test
    void buffersArePageAlignedZeroedAndMappedAtADifferentAddress() {
        Iommu iommu = new Iommu();
        IommuDmaAllocator dma = new IommuDmaAllocator(iommu);
        DmaBuffer a = dma.allocate(100);
        DmaBuffer b = dma.allocate(5000);

        assertThat(a.size()).isEqualTo(4096);
        assertThat(b.size()).isEqualTo(8192);
        assertThat(a.segment().address() % 4096).isZero();
        assertThat(a.ioAddress() % 4096).isZero();
        assertThat(a.ioAddress()).isNotEqualTo(a.segment().address());
        assertThat(a.ioAddress()).isGreaterThanOrEqualTo(IommuDmaAllocator.DEFAULT_IO_BASE);
        for (long i = 0; i < b.size(); i++) {
            assertThat(b.segment().get(ValueLayout.JAVA_BYTE, i)).isZero();
        }
        // The device sees the same bytes through the IOMMU.
        a.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 0x1122334455667788L);
        assertThat(iommu.slice(a.ioAddress(8), 8).get(ValueLayout.JAVA_LONG_UNALIGNED, 0)).isEqualTo(0x1122334455667788L);
        // Guard page: the byte after a buffer is not mapped.
        assertThat(iommu.find(a.ioAddress() + a.size(), 1)).isNull();
    }

    @Test
    void freeUnmapsBeforeReleasingSoALateDeviceAccessFaults() {
        Iommu iommu = new Iommu();
        IommuDmaAllocator dma = new IommuDmaAllocator(iommu);
        DmaBuffer a = dma.allocate(4096);
        dma.free(a);
        assertThat(iommu.find(a.ioAddress(), 1)).isNull();
        assertThat(dma.liveBuffers()).isZero();
        dma.free(a); // second free is a no-op
    }

    @Test
    void rejectsBadSizesAndExhaustion() {
        IommuDmaAllocator dma = new IommuDmaAllocator(new Iommu(), 0x10000, 0x10000 + 3 * 4096);
        assertThatThrownBy(() -> dma.allocate(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("> 0");
        dma.allocate(4096);
        assertThatThrownBy(() -> dma.allocate(8192)).isInstanceOf(DmaException.class)
                .hasMessageContaining("exhausted");
        assertThatThrownBy(() -> new IommuDmaAllocator(new Iommu(), 0x10001, 0x20000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
