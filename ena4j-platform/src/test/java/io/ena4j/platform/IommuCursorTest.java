package io.ena4j.platform;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Iommu.Cursor}: a cached hit never outlives the table it was found in, and answers match {@link Iommu#find}. */
class IommuCursorTest {

    @Test
    void cachedHitIsDroppedWhenTheMappingIsRemoved() {
        Iommu iommu = new Iommu();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(4096);
            iommu.map(0x10000, a);
            Iommu.Cursor c = iommu.cursor();
            Iommu.Mapping m = c.find(0x10010, 64);
            assertThat(m).isNotNull();
            assertThat(m.segment()).isSameAs(a);
            assertThat(c.find(0x10020, 64)).isSameAs(m); // cached path
            assertThat(iommu.unmap(0x10000)).isTrue();
            assertThat(c.find(0x10020, 64)).isNull(); // the host memory is still alive, the mapping is not
        }
    }

    @Test
    void cachedHitIsNotReturnedForARangeItDoesNotHold() {
        Iommu iommu = new Iommu();
        try (Arena arena = Arena.ofConfined()) {
            iommu.map(0x10000, arena.allocate(4096));
            iommu.map(0x20000, arena.allocate(4096));
            Iommu.Cursor c = iommu.cursor();
            assertThat(c.find(0x10000, 16).ioBase()).isEqualTo(0x10000);
            assertThat(c.find(0x20000, 16).ioBase()).isEqualTo(0x20000);
            assertThat(c.find(0x10ff0, 32)).isNull(); // crosses the end of the first mapping
            assertThat(c.find(0x1f000, 16)).isNull(); // in the hole
            assertThat(c.find(0x20ff0, 16).ioBase()).isEqualTo(0x20000);
        }
    }

    @Test
    void answersMatchFindOverManyRandomLookupsAndRemaps() {
        Iommu iommu = new Iommu();
        java.util.Random r = new java.util.Random(7);
        try (Arena arena = Arena.ofConfined()) {
            Iommu.Cursor c = iommu.cursor();
            for (int round = 0; round < 50; round++) {
                long base = 0x1000L * (1 + r.nextInt(64));
                if (!iommu.unmap(base)) {
                    try {
                        iommu.map(base, arena.allocate(0x800 + r.nextInt(0x800)));
                    } catch (IllegalArgumentException overlap) {
                        // fine: the table is unchanged
                    }
                }
                for (int k = 0; k < 200; k++) {
                    long io = r.nextInt(0x50000);
                    long len = 1 + r.nextInt(0x900);
                    assertThat(c.find(io, len)).isSameAs(iommu.find(io, len));
                }
            }
        }
    }
}
