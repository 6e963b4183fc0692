package io.ena4j.spec;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deterministic sweep of every declared field: 0, 1, max and max + 1 (over-wide) on zeroed and on all-ones memory,
 * plus table sanity (every field lies inside its structure).
 */
class FieldLayoutTest {

    @Test
    void everyFieldLiesInsideItsStructure() {
        for (FieldSpec f : SpecFields.scalars()) {
            assertThat(f.offset() + f.unitBytes()).as(f.name()).isLessThanOrEqualTo(f.structSize());
            assertThat(f.shift() + f.width()).as(f.name()).isLessThanOrEqualTo(8 * f.unitBytes());
        }
        for (BytesFieldSpec f : SpecFields.arrays()) {
            assertThat(f.offset() + f.length()).as(f.name()).isLessThanOrEqualTo(f.structSize());
        }
    }

    @Test
    void tableIsLargeAndNamesAreUnique() {
        Set<String> names = new HashSet<>();
        SpecFields.scalars().forEach(f -> assertThat(names.add(f.name())).as(f.name()).isTrue());
        SpecFields.arrays().forEach(f -> assertThat(names.add(f.name())).as(f.name()).isTrue());
        assertThat(names).hasSizeGreaterThan(200);
    }

    @Test
    void edgeValuesOnZeroAndOnesBackground() {
        for (FieldSpec f : SpecFields.scalars()) {
            long max = f.mask();
            long[] values = {0, 1, max, max + 1, max - 1, 0x5A5A5A5A5A5A5A5AL};
            for (byte fill : new byte[] {0, (byte) 0xFF}) {
                for (long v : values) {
                    check(f, v, fill);
                }
            }
        }
    }

    private static void check(FieldSpec f, long v, byte fill) {
        try (Arena arena = Arena.ofConfined()) {
            int base = 3; // deliberately unaligned
            int total = (int) f.structSize() + 8;
            MemorySegment s = arena.allocate(total).fill(fill);
            byte[] expected = s.toArray(ValueLayout.JAVA_BYTE);
            f.set().set(s, base, v);
            f.rawWrite(expected, base, v);
            assertThat(s.toArray(ValueLayout.JAVA_BYTE)).as("%s <- %x on %02x", f, v, fill).isEqualTo(expected);
            assertThat(f.get().get(s, base)).as("%s <- %x", f, v).isEqualTo(v & f.mask());
        }
    }
}
