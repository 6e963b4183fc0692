package io.ena4j.spec.eth;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round-trip of every accessor in {@link EthFields#ALL}: after a set, the getter returns the value masked to the
 * field width, the bits land exactly at the spec position, and every other bit of the structure and of the bytes
 * around it is untouched (datapath.md §2–§6).
 */
class EthFieldRoundTripTest {

    /** Bytes of random background before and after the structure. */
    private static final int PAD = 8;

    record Case(EthFields.Field field, long value, byte[] background, int base) {
        @Override
        public String toString() {
            return field + " value=0x" + Long.toHexString(value) + " base=" + base;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(EthFields.ALL).flatMap(f -> {
            Arbitrary<Long> inRange = f.width() >= 64 ? Arbitraries.longs() : Arbitraries.longs().between(0, f.max());
            Arbitrary<Long> values = Arbitraries.oneOf(inRange, Arbitraries.longs());
            Arbitrary<byte[]> bg = Arbitraries.bytes().array(byte[].class).ofSize((int) f.size() + 2 * PAD);
            Arbitrary<Integer> base = Arbitraries.integers().between(0, PAD);
            return Combinators.combine(values, bg, base).as((v, b, o) -> new Case(f, v, b, o));
        });
    }

    @Property(tries = 5000)
    void setThenGetRoundTripsAndTouchesOnlyTheField(@ForAll("cases") Case c) {
        check(c.field(), c.value(), c.background(), c.base());
    }

    @Test
    void everyFieldAtItsEdges() {
        Random r = new Random(42);
        for (EthFields.Field f : EthFields.ALL) {
            long max = f.max();
            for (long v : new long[] {0, 1, max, max - 1, max + 1, -1L, Long.MIN_VALUE, 0x5555_5555_5555_5555L}) {
                for (int fill : new int[] {0x00, 0xFF, 0xA5, -1}) {
                    byte[] bg = new byte[(int) f.size() + 2 * PAD];
                    if (fill >= 0) {
                        Arrays.fill(bg, (byte) fill);
                    } else {
                        r.nextBytes(bg);
                    }
                    for (int base : new int[] {0, 3, PAD}) {
                        check(f, v, bg, base);
                    }
                }
            }
        }
    }

    @Test
    void wordMaskConstantsMatchTheAccessors() {
        int withMask = 0;
        for (EthFields.Field f : EthFields.ALL) {
            if (f.wordMask() == 0) {
                continue;
            }
            withMask++;
            byte[] buf = new byte[(int) f.size()];
            MemorySegment s = MemorySegment.ofArray(buf);
            f.set().set(s, 0, -1L);
            int wordStart = (f.segs()[0] / 32) * 4;
            int word = io.ena4j.spec.Le.u32(s, wordStart);
            assertThat(word).as(f.name() + " mask constant").isEqualTo(f.wordMask());
            for (int b = 0; b < buf.length; b++) {
                if (b < wordStart || b >= wordStart + 4) {
                    assertThat(buf[b]).as(f.name() + " byte " + b).isZero();
                }
            }
        }
        assertThat(withMask).isGreaterThan(50);
    }

    @Test
    void fieldTableCoversEveryAccessorOnce() {
        assertThat(EthFields.ALL).extracting(EthFields.Field::name).doesNotHaveDuplicates();
        assertThat(EthFields.ALL).hasSizeGreaterThan(90);
    }

    private static void check(EthFields.Field f, long value, byte[] background, int base) {
        byte[] buf = background.clone();
        MemorySegment s = MemorySegment.ofArray(buf);
        f.set().set(s, base, value);
        long expected = value & f.max();
        assertThat(f.get().get(s, base)).as(f.name() + " get after set 0x" + Long.toHexString(value))
                .isEqualTo(expected);
        // Bit-by-bit: field bits carry the value (low segments first), everything else keeps the background.
        boolean[] fieldBit = new boolean[buf.length * 8];
        int valueBit = 0;
        for (int i = 0; i < f.segs().length; i += 2) {
            for (int k = 0; k < f.segs()[i + 1]; k++) {
                int bit = base * 8 + f.segs()[i] + k;
                fieldBit[bit] = true;
                int want = (int) ((expected >>> valueBit) & 1);
                assertThat(bitOf(buf, bit)).as(f.name() + " value bit " + valueBit + " at struct bit "
                        + (f.segs()[i] + k)).isEqualTo(want);
                valueBit++;
            }
        }
        for (int bit = 0; bit < fieldBit.length; bit++) {
            if (!fieldBit[bit]) {
                assertThat(bitOf(buf, bit)).as(f.name() + " untouched bit " + bit + " (base " + base + ")")
                        .isEqualTo(bitOf(background, bit));
            }
        }
    }

    private static int bitOf(byte[] b, int bit) {
        return (b[bit >>> 3] >>> (bit & 7)) & 1;
    }
}
