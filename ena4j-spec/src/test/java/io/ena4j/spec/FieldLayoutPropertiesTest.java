package io.ena4j.spec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encode/decode properties of every field of every structure, against the declared layout in {@link SpecFields}:
 * round trip, masking of over-wide values, and that writing one field changes exactly that field's bits of a
 * random-filled structure placed at an arbitrary (also unaligned) base.
 */
class FieldLayoutPropertiesTest {

    private static final int PAD = 8;

    @Provide
    Arbitrary<FieldSpec> scalars() {
        return Arbitraries.of(SpecFields.scalars());
    }

    @Provide
    Arbitrary<BytesFieldSpec> arrays() {
        return Arbitraries.of(SpecFields.arrays());
    }

    @Provide
    Arbitrary<Long> values() {
        // Edges for every width: 0, 1, all ones, 2^k (over-wide for a k-bit field) and 2^k - 1 (max of a k-bit field).
        Arbitrary<Integer> k = Arbitraries.integers().between(0, 63);
        return Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE),
                k.map(i -> 1L << i),
                k.map(i -> (1L << i) - 1),
                Arbitraries.longs());
    }

    @Property(tries = 3000)
    void writingAFieldChangesExactlyItsBits(@ForAll("scalars") FieldSpec f, @ForAll("values") long v,
                                            @ForAll @IntRange(min = 0, max = PAD) int base, @ForAll long seed) {
        try (Arena arena = Arena.ofConfined()) {
            int total = (int) f.structSize() + 2 * PAD;
            byte[] before = randomBytes(total, seed);
            MemorySegment s = arena.allocate(total);
            MemorySegment.copy(before, 0, s, ValueLayout.JAVA_BYTE, 0, total);

            f.set().set(s, base, v);

            byte[] expected = before.clone();
            f.rawWrite(expected, base, v);
            assertThat(s.toArray(ValueLayout.JAVA_BYTE)).as("bytes after writing %s", f).isEqualTo(expected);
            assertThat(f.get().get(s, base)).as("read-back of %s", f).isEqualTo(v & f.mask());
            assertThat(f.rawRead(s.toArray(ValueLayout.JAVA_BYTE), base)).isEqualTo(v & f.mask());
        }
    }

    @Property(tries = 1000)
    void getterReadsTheDeclaredBitsOfAnyContent(@ForAll("scalars") FieldSpec f, @ForAll long seed,
                                                @ForAll @IntRange(min = 0, max = PAD) int base) {
        try (Arena arena = Arena.ofConfined()) {
            int total = (int) f.structSize() + 2 * PAD;
            byte[] content = randomBytes(total, seed);
            MemorySegment s = arena.allocate(total);
            MemorySegment.copy(content, 0, s, ValueLayout.JAVA_BYTE, 0, total);
            assertThat(f.get().get(s, base)).isEqualTo(f.rawRead(content, base));
            assertThat(s.toArray(ValueLayout.JAVA_BYTE)).as("getter must not write").isEqualTo(content);
        }
    }

    @Property(tries = 500)
    void byteFieldsCopyExactlyTheirRange(@ForAll("arrays") BytesFieldSpec f, @ForAll long seed,
                                         @ForAll @IntRange(min = 0, max = PAD) int base,
                                         @ForAll @IntRange(min = 0, max = 200) int valueLength) {
        try (Arena arena = Arena.ofConfined()) {
            int total = (int) f.structSize() + 2 * PAD;
            Random r = new Random(seed);
            byte[] before = randomBytes(total, seed);
            MemorySegment s = arena.allocate(total);
            MemorySegment.copy(before, 0, s, ValueLayout.JAVA_BYTE, 0, total);
            byte[] expected = before.clone();
            int from = base + (int) f.offset();
            if (f.isString()) {
                char[] chars = new char[valueLength];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) (0x21 + r.nextInt(0x5E));
                }
                String v = new String(chars);
                f.setString().set(s, base, v);
                int n = Math.min(valueLength, f.length() - 1);
                Arrays.fill(expected, from, from + f.length(), (byte) 0);
                System.arraycopy(v.getBytes(StandardCharsets.US_ASCII), 0, expected, from, n);
                assertThat(f.getString().get(s, base)).isEqualTo(v.substring(0, n));
            } else {
                byte[] v = new byte[valueLength];
                r.nextBytes(v);
                f.setBytes().set(s, base, v);
                int n = Math.min(valueLength, f.length());
                Arrays.fill(expected, from, from + f.length(), (byte) 0);
                System.arraycopy(v, 0, expected, from, n);
                assertThat(f.getBytes().get(s, base)).isEqualTo(Arrays.copyOfRange(expected, from, from + f.length()));
            }
            assertThat(s.toArray(ValueLayout.JAVA_BYTE)).as("bytes after writing %s", f).isEqualTo(expected);
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
