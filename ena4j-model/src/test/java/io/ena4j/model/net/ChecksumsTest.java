package io.ena4j.model.net;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.List;

import static io.ena4j.model.net.TestFrames.parse;
import static io.ena4j.model.net.TestFrames.put16;
import static io.ena4j.model.net.TestFrames.u16;
import static io.ena4j.model.net.TestFrames.v6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 1071 arithmetic, Tx checksum offload (datapath.md §2 word 1, §3.1) and Rx verification (§6.1, §6.3). */
class ChecksumsTest {

    private static final byte[] MAC_A = {2, 0, 0, 0, 0, 0x0a};
    private static final byte[] MAC_B = {2, 0, 0, 0, 0, 0x0b};

    @Test
    void rfc1071ExampleAndAKnownIpv4Header() {
        // RFC 1071 §3: words 0001 f203 f4f5 f6f7 sum to 0xddf2 (checksum 0x220d).
        byte[] rfc = HexFormat.of().parseHex("0001f203f4f5f6f7");
        assertThat(Checksums.fold(Checksums.sum(MemorySegment.ofArray(rfc), 0, rfc.length, 0))).isEqualTo(0x220d);
        // A captured IPv4 header whose checksum is 0xb861.
        byte[] hdr = HexFormat.of().parseHex("450000730000400040110000c0a80001c0a800c7");
        assertThat(Checksums.fold(Checksums.sum(MemorySegment.ofArray(hdr), 0, 20, 0))).isEqualTo(0xb861);
        put16(hdr, 10, 0xb861);
        assertThat(Checksums.fold(Checksums.sum(MemorySegment.ofArray(hdr), 0, 20, 0))).isZero();
    }

    @Property(tries = 2000)
    void sumMatchesAPlainWordByWordReference(@ForAll @Size(max = 300) byte[] data,
                                             @ForAll @IntRange(max = 300) int a, @ForAll @IntRange(max = 300) int b,
                                             @ForAll @IntRange(max = 0xFFFF) int seed) {
        int from = Math.min(Math.min(a, b), data.length);
        int to = Math.min(Math.max(a, b), data.length);
        long s = Checksums.sum(MemorySegment.ofArray(data), from, to - from, seed);
        assertThat(Checksums.fold(s)).isEqualTo(TestFrames.referenceChecksum(data, from, to, seed));
    }

    @Property(tries = 500)
    void sumsChainOverEvenLengthPieces(@ForAll @Size(min = 2, max = 200) byte[] data,
                                       @ForAll @IntRange(max = 100) int cut) {
        int c = Math.min(cut * 2, data.length);
        MemorySegment s = MemorySegment.ofArray(data);
        long whole = Checksums.sum(s, 0, data.length, 0);
        long chained = Checksums.sum(s, c, data.length - c, Checksums.sum(s, 0, c, 0));
        assertThat(Checksums.fold(chained)).isEqualTo(Checksums.fold(whole));
    }

    @Test
    void sumRejectsARangeOutsideTheSegment() {
        MemorySegment s = MemorySegment.ofArray(new byte[10]);
        assertThatThrownBy(() -> Checksums.sum(s, 4, 7, 0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("10 bytes");
        assertThatThrownBy(() -> Checksums.sum(s, 0, -1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void foldHandlesCarriesAndLargeSums() {
        assertThat(Checksums.fold(0)).isEqualTo(0xFFFF);
        assertThat(Checksums.fold(0xFFFF)).isZero();
        assertThat(Checksums.fold(0x1_FFFE)).isZero();          // 0xFFFE + 1 end-around carry
        assertThat(Checksums.fold(0xFFFF_FFFFL)).isZero();      // 0xFFFF + 0xFFFF = 0x1FFFE → 0xFFFF
        assertThat(Checksums.fold(-1L)).isZero();               // 2^64 - 1 ≡ 0 (mod 0xFFFF)
    }

    @Property(tries = 3000)
    void foldIsTheOnesComplementReductionOfAnyUnsignedSum(@ForAll long sum) {
        long r = Long.remainderUnsigned(sum, 0xFFFF);
        long folded = r != 0 ? r : sum == 0 ? 0 : 0xFFFF;   // ones' complement: a non-zero multiple folds to 0xFFFF
        assertThat(Checksums.fold(sum)).isEqualTo((int) ~folded & 0xFFFF);
        // 2^48 + 2^32 - 1 ≡ 1: the only shape of input that needs the third end-around carry.
        assertThat(Checksums.fold(0x0001_0000_FFFF_FFFFL)).isEqualTo(0xFFFE);
    }

    static List<FrameBuilder> offloadFrames() {
        return List.of(
                new FrameBuilder().macs(MAC_A, MAC_B).udp(5000, 53).frameLength(99),
                new FrameBuilder().macs(MAC_A, MAC_B).tcp(40000, 443).frameLength(1514),
                new FrameBuilder().ipv4Options(12).tcp(1, 2).tcpOptions(12).frameLength(333),
                new FrameBuilder().vlan(FrameBuilder.TPID_8021Q, 7).udp(9, 9).frameLength(71).trailer(3),
                new FrameBuilder().ipv6(v6("2001:db8::1"), v6("2001:db8::2")).udp(123, 123).frameLength(257),
                new FrameBuilder().ipv6(v6("fe80::1"), v6("ff02::1:2")).tcp(22, 50000).frameLength(1514),
                new FrameBuilder().ipv6(v6("2001:db8::1"), v6("2001:db8::2"))
                        .ipv6Extension(FrameBuilder.EXT_HOP_BY_HOP, 8)
                        .ipv6Extension(FrameBuilder.EXT_DESTINATION, 24).tcp(80, 8080).frameLength(200));
    }

    @Test
    void builderFramesVerifyAndFillTxReproducesTheirChecksums() {
        for (FrameBuilder b : offloadFrames()) {
            byte[] good = b.build();
            FrameInfo info = parse(good, true);
            assertThat(info.l4Proto).as("%s", info).isNotZero();
            assertThat(info.l4CsumChecked && info.l4CsumOk).as("%s", info).isTrue();
            if (info.l3Proto == FrameInfo.L3_IPV4) {
                assertThat(info.l3CsumChecked && info.l3CsumOk).isTrue();
            }
            int csumAt = info.l4Offset + (info.l4Proto == FrameInfo.L4_TCP ? 16 : 6);

            byte[] f = good.clone();
            put16(f, csumAt, 0x1234);
            if (info.l3Proto == FrameInfo.L3_IPV4) {
                put16(f, info.l3Offset + 10, 0x4321);
            }
            FrameInfo broken = parse(f, true);
            assertThat(broken.l4CsumOk).isFalse();
            Checksums.fillTx(MemorySegment.ofArray(f), 0, f.length, info, true, true, false);
            assertThat(f).as("full offload of %s", info).isEqualTo(good);

            // Partial offload: the driver seeds the pseudo-header sum, the device adds only the segment (§3.1).
            byte[] p = good.clone();
            put16(p, csumAt, Checksums.pseudoHeaderSeed(MemorySegment.ofArray(p), 0, p.length, info));
            assertThat(parse(p, true).l4CsumOk).isFalse();
            Checksums.fillTx(MemorySegment.ofArray(p), 0, p.length, info, false, true, true);
            assertThat(p).as("partial offload of %s", info).isEqualTo(good);
        }
    }

    @Test
    void partialOffloadStartsFromWhateverTheDriverSeeded() {
        for (boolean tcp : new boolean[] {false, true}) {
            FrameBuilder b = new FrameBuilder().frameLength(77);
            byte[] f = (tcp ? b.tcp(3, 4) : b.udp(3, 4)).build();
            FrameInfo info = parse(f, false);
            int csumAt = info.l4Offset + (tcp ? 16 : 6);
            // Seed 0 (no pseudo-header): the device must add only the segment, so the result omits the pseudo-header.
            put16(f, csumAt, 0);
            Checksums.fillTx(MemorySegment.ofArray(f), 0, f.length, info, false, true, true);
            put16(f, csumAt, 0);
            int segmentOnly = TestFrames.referenceChecksum(f, info.l4Offset, f.length, 0);
            Checksums.fillTx(MemorySegment.ofArray(f), 0, f.length, info, false, true, true);
            assertThat(u16(f, csumAt)).isEqualTo(segmentOnly == 0 && !tcp ? 0xFFFF : segmentOnly);
            assertThat(parse(f, true).l4CsumOk).isFalse();
        }
    }

    @Test
    void fillTxWorksAtAnOffsetInsideALargerSegment() {
        byte[] good = new FrameBuilder().tcp(1000, 2000).frameLength(128).build();
        FrameInfo info = parse(good, false);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(512);
            buf.fill((byte) 0x5A);
            MemorySegment.copy(MemorySegment.ofArray(good), 0, buf, 100, good.length);
            buf.set(ValueLayout.JAVA_SHORT_UNALIGNED, 100 + 14 + 20 + 16, (short) 0);
            buf.set(ValueLayout.JAVA_SHORT_UNALIGNED, 100 + 14 + 10, (short) 0);
            Checksums.fillTx(buf, 100, good.length, info, true, true, false);
            assertThat(buf.asSlice(100, good.length).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(good);
            assertThat(buf.get(ValueLayout.JAVA_BYTE, 99)).isEqualTo((byte) 0x5A);
            assertThat(buf.get(ValueLayout.JAVA_BYTE, 100 + good.length)).isEqualTo((byte) 0x5A);
        }
    }

    @Test
    void pseudoHeaderSumMatchesAHandComputedOne() {
        byte[] f = new FrameBuilder().ipv4(FrameBuilder.ipv4(192, 168, 0, 1), FrameBuilder.ipv4(10, 1, 2, 3))
                .udp(1, 2).frameLength(14 + 20 + 8 + 10).build();
        FrameInfo info = parse(f, false);
        long expected = 0xc0a8 + 0x0001 + 0x0a01 + 0x0203 + 17 + 18;
        assertThat(Checksums.fold(Checksums.pseudoHeaderSum(MemorySegment.ofArray(f), 0, f.length, info)))
                .isEqualTo(Checksums.fold(expected));
        assertThat(Checksums.pseudoHeaderSeed(MemorySegment.ofArray(f), 0, f.length, info))
                .isEqualTo((int) (expected % 0xFFFF));
    }

    @Test
    void udpChecksumThatComputesToZeroIsSentAsAllOnes() {
        byte[] f = new FrameBuilder().udp(7, 7).frameLength(80).build();
        FrameInfo info = parse(f, true);
        int csumAt = info.l4Offset + 6;
        // Add the current checksum into a payload word: the data then sums to 0xFFFF, i.e. computes to 0.
        int word = info.l4Offset + 8;
        long w = u16(f, word) + (long) u16(f, csumAt);
        put16(f, word, (int) ((w & 0xFFFF) + (w >>> 16)));
        put16(f, csumAt, 0);
        Checksums.fillTx(MemorySegment.ofArray(f), 0, f.length, info, false, true, false);
        assertThat(u16(f, csumAt)).isEqualTo(0xFFFF);
        assertThat(parse(f, true).l4CsumOk).isTrue();
    }

    @Test
    void everyCorruptedByteIsDetected() {
        for (boolean tcp : new boolean[] {false, true}) {
            FrameBuilder b = new FrameBuilder().frameLength(90);
            byte[] good = (tcp ? b.tcp(1234, 80) : b.udp(1234, 80)).build();
            FrameInfo info = parse(good, true);
            // IPv4 header bytes that do not change the parse: TOS, id, TTL, checksum, addresses.
            for (int i : new int[] {1, 4, 5, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}) {
                byte[] f = good.clone();
                f[14 + i] ^= 0x10;
                FrameInfo r = parse(f, true);
                assertThat(r.l3CsumChecked).isTrue();
                assertThat(r.l3CsumOk).as("IPv4 header byte %d", i).isFalse();
            }
            // Ports, checksum field and every payload byte.
            for (int at = info.l4Offset; at < good.length; at++) {
                int rel = at - info.l4Offset;
                if (tcp ? rel == 12 : rel == 4 || rel == 5) {
                    continue;   // data offset / UDP length would change the parse itself
                }
                byte[] f = good.clone();
                f[at] ^= (byte) 0x81;
                FrameInfo r = parse(f, true);
                assertThat(r.l4CsumChecked).isTrue();
                assertThat(r.l4CsumOk).as("byte %d of %s", at, tcp ? "TCP" : "UDP").isFalse();
                assertThat(r.l3CsumOk).isTrue();
            }
        }
    }

    @Test
    void fillTxNeverWritesOutsideTheFrameForBogusInfo() {
        byte[] good = new FrameBuilder().tcp(1, 2).frameLength(60).build();
        int[][] bogus = {
            {FrameInfo.L3_IPV4, FrameInfo.L4_TCP, -5, 60, 60},
            {FrameInfo.L3_IPV4, FrameInfo.L4_TCP, 50, 20, 45},
            {FrameInfo.L3_IPV6, FrameInfo.L4_UDP, 30, 40, 55},
            {FrameInfo.L3_IPV4, FrameInfo.L4_UDP, 14, 64, Integer.MAX_VALUE},
            {FrameInfo.L3_IPV4, FrameInfo.L4_TCP, Integer.MAX_VALUE, 20, Integer.MIN_VALUE},
            {FrameInfo.L3_IPV6, FrameInfo.L4_TCP, 14, 40, 41},
        };
        try (Arena arena = Arena.ofConfined()) {
            for (int[] v : bogus) {
                MemorySegment s = TestFrames.exact(good, good.length, arena);
                FrameInfo info = new FrameInfo();
                info.l3Proto = v[0];
                info.l4Proto = v[1];
                info.l3Offset = v[2];
                info.l3HeaderLength = v[3];
                info.l4Offset = v[4];
                for (boolean partial : new boolean[] {false, true}) {
                    Checksums.fillTx(s, 0, good.length, info, true, true, partial);
                    Checksums.fillTx(s, 10, good.length, info, true, true, partial);   // len past the segment
                    Checksums.fillTx(s, -1, 5, info, true, true, partial);
                    Checksums.pseudoHeaderSum(s, 0, good.length, info);
                }
            }
        }
    }

    @Test
    void nothingIsWrittenWhenNoOffloadIsRequestedOrL4IsUnknown() {
        byte[] good = new FrameBuilder().udp(1, 2).frameLength(64).build();
        byte[] f = good.clone();
        put16(f, 14 + 10, 0);
        FrameInfo info = parse(good, false);
        Checksums.fillTx(MemorySegment.ofArray(f), 0, f.length, info, false, false, false);
        assertThat(u16(f, 24)).isZero();
        info.l4Proto = FrameInfo.L4_UNKNOWN;
        byte[] g = good.clone();
        put16(g, info.l4Offset + 6, 0xABCD);
        Checksums.fillTx(MemorySegment.ofArray(g), 0, g.length, info, false, true, false);
        assertThat(u16(g, info.l4Offset + 6)).isEqualTo(0xABCD);
    }
}
