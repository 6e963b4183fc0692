package io.ena4j.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IommuTest {

    private final Arena arena = Arena.ofAuto();

    @Test
    void translatesInsideAMappingAndFaultsOutside() {
        Iommu iommu = new Iommu();
        MemorySegment a = arena.allocate(4096, 4096);
        MemorySegment b = arena.allocate(8192, 4096);
        iommu.map(0x10000, a);
        iommu.map(0x20000, b);

        Iommu.Mapping m = iommu.find(0x20000 + 100, 8);
        assertThat(m).isNotNull();
        assertThat(m.segment()).isSameAs(b);
        assertThat(iommu.find(0x10000, 4096)).isNotNull();

        assertThat(iommu.find(0x10000 + 4090, 8)).as("straddles the end").isNull();
        assertThat(iommu.find(0x11000, 1)).as("gap between mappings").isNull();
        assertThat(iommu.find(0x0FFFF, 2)).as("starts before").isNull();
        assertThat(iommu.find(0x20000, 8193)).as("longer than the mapping").isNull();
        assertThat(iommu.find(0x20000, -1)).as("negative length").isNull();
    }

    @Test
    void sliceWritesReachTheHostMemory() {
        Iommu iommu = new Iommu();
        MemorySegment host = arena.allocate(4096, 4096);
        iommu.map(0x7000_0000L, host);
        iommu.slice(0x7000_0000L + 64, 4).set(ValueLayout.JAVA_INT_UNALIGNED, 0, 0xCAFEBABE);
        assertThat(host.get(ValueLayout.JAVA_INT_UNALIGNED, 64)).isEqualTo(0xCAFEBABE);
        assertThat(iommu.slice(0x7000_0000L + 4094, 4)).isNull();
    }

    @Test
    void rejectsOverlapsAndUnmapsExactly() {
        Iommu iommu = new Iommu();
        iommu.map(0x10000, arena.allocate(4096, 4096));
        assertThatThrownBy(() -> iommu.map(0x10800, arena.allocate(4096, 4096)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps");
        assertThatThrownBy(() -> iommu.map(0x0F800, arena.allocate(4096, 4096)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(iommu.unmap(0x10001)).isFalse();
        assertThat(iommu.unmap(0x10000)).isTrue();
        assertThat(iommu.find(0x10000, 1)).isNull();
        assertThat(iommu.size()).isZero();
    }

    @Property(tries = 300)
    void findAgreesWithALinearScan(@ForAll @LongRange(min = 0, max = 0x60000) long io,
                                   @ForAll @LongRange(min = 0, max = 0x3000) long len) {
        Iommu iommu = new Iommu();
        long[] bases = {0x1000, 0x5000, 0x9000, 0x20000, 0x40000};
        long[] sizes = {0x1000, 0x2000, 0x1000, 0x10000, 0x3000};
        for (int i = 0; i < bases.length; i++) {
            iommu.map(bases[i], arena.allocate(sizes[i], 4096));
        }
        boolean expected = false;
        for (int i = 0; i < bases.length; i++) {
            expected |= io >= bases[i] && io + len <= bases[i] + sizes[i];
        }
        assertThat(iommu.find(io, len) != null).isEqualTo(expected);
    }
}
