package io.ena4j.model.net;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ena4j.model.net.TestFrames.parse;
import static io.ena4j.model.net.TestFrames.put16;
import static io.ena4j.model.net.TestFrames.v6;
import static org.assertj.core.api.Assertions.assertThat;

/** FrameParser on crafted frames (datapath.md §6.1 fields, §7.1 indices, §14.3 hash slots). */
class FrameParserTest {

    private static final byte[] A6 = v6("2001:db8::a");
    private static final byte[] B6 = v6("2001:db8::b");

    @Test
    void plainUdpAndTcpOverIpv4() {
        FrameInfo u = parse(new FrameBuilder().udp(1, 2).frameLength(64).build(), true);
        assertThat(u.l3Proto).isEqualTo(FrameInfo.L3_IPV4);
        assertThat(u.l4Proto).isEqualTo(FrameInfo.L4_UDP);
        assertThat(u.l3Offset).isEqualTo(14);
        assertThat(u.l3HeaderLength).isEqualTo(20);
        assertThat(u.l4Offset).isEqualTo(34);
        assertThat(u.l4HeaderLength).isEqualTo(8);
        assertThat(u.l3Length).isEqualTo(50);
        assertThat(u.hashProto).isEqualTo(FrameInfo.HASH_UDP4);
        assertThat(u.ipv4Frag).isFalse();
        assertThat(u.truncated).isFalse();
        assertThat(u.vlanCount).isZero();
        assertThat(u.l3CsumChecked && u.l3CsumOk && u.l4CsumChecked && u.l4CsumOk).isTrue();

        FrameInfo t = parse(new FrameBuilder().ipv4Options(8).tcp(1, 2).tcpOptions(12).frameLength(200).build(), true);
        assertThat(t.l4Proto).isEqualTo(FrameInfo.L4_TCP);
        assertThat(t.l3HeaderLength).isEqualTo(28);
        assertThat(t.l4Offset).isEqualTo(42);
        assertThat(t.l4HeaderLength).isEqualTo(32);
        assertThat(t.hashProto).isEqualTo(FrameInfo.HASH_TCP4);
        assertThat(t.l4CsumOk).isTrue();
    }

    @Test
    void withoutVerificationNoChecksumIsClaimed() {
        FrameInfo u = parse(new FrameBuilder().udp(1, 2).frameLength(64).build(), false);
        assertThat(u.l3CsumChecked || u.l4CsumChecked || u.l3CsumOk || u.l4CsumOk).isFalse();
        assertThat(u.l4Proto).isEqualTo(FrameInfo.L4_UDP);
    }

    @Test
    void vlanAndQinQTagsAreSkipped() {
        FrameInfo one = parse(new FrameBuilder().vlan(FrameBuilder.TPID_8021Q, 100).tcp(1, 2).frameLength(80).build(),
                true);
        assertThat(one.vlanCount).isEqualTo(1);
        assertThat(one.l3Offset).isEqualTo(18);
        assertThat(one.l4Offset).isEqualTo(38);
        assertThat(one.hashProto).isEqualTo(FrameInfo.HASH_TCP4);
        assertThat(one.l4CsumOk).isTrue();

        FrameInfo two = parse(new FrameBuilder().vlan(FrameBuilder.TPID_8021AD, 10).vlan(FrameBuilder.TPID_8021Q, 20)
                .ipv6(A6, B6).udp(1, 2).frameLength(120).build(), true);
        assertThat(two.vlanCount).isEqualTo(2);
        assertThat(two.l3Proto).isEqualTo(FrameInfo.L3_IPV6);
        assertThat(two.l3Offset).isEqualTo(22);
        assertThat(two.l4Offset).isEqualTo(62);
        assertThat(two.hashProto).isEqualTo(FrameInfo.HASH_UDP6);
        assertThat(two.l4CsumOk).isTrue();

        FrameInfo legacy = parse(new FrameBuilder().vlan(0x9100, 1).vlan(0x8100, 2).udp(1, 2).frameLength(80).build(),
                false);
        assertThat(legacy.vlanCount).isEqualTo(2);
        assertThat(legacy.l4Proto).isEqualTo(FrameInfo.L4_UDP);
    }

    @Test
    void aThirdTagIsNotParsed() {
        FrameInfo three = parse(new FrameBuilder().vlan(0x88A8, 1).vlan(0x8100, 2).vlan(0x8100, 3).udp(1, 2)
                .frameLength(90).build(), true);
        assertThat(three.l3Proto).isEqualTo(FrameInfo.L3_UNKNOWN);
        assertThat(three.hashProto).isEqualTo(FrameInfo.HASH_NOT_IP);
        assertThat(three.vlanCount).isEqualTo(2);
        assertThat(three.l3Offset).isEqualTo(22);
        assertThat(three.l4Offset).isEqualTo(-1);
    }

    @Test
    void nonIpFrames() {
        FrameInfo arp = parse(new FrameBuilder().etherType(0x0806).frameLength(60).build(), true);
        assertThat(arp.l3Proto).isEqualTo(FrameInfo.L3_UNKNOWN);
        assertThat(arp.l4Proto).isEqualTo(FrameInfo.L4_UNKNOWN);
        assertThat(arp.hashProto).isEqualTo(FrameInfo.HASH_NOT_IP);
        assertThat(arp.l3Offset).isEqualTo(14);
        assertThat(arp.l3CsumChecked || arp.l4CsumChecked).isFalse();

        FrameInfo vlanArp = parse(new FrameBuilder().vlan(0x8100, 5).etherType(0x0806).frameLength(60).build(), true);
        assertThat(vlanArp.hashProto).isEqualTo(FrameInfo.HASH_NOT_IP);
        assertThat(vlanArp.l3Offset).isEqualTo(18);
        assertThat(vlanArp.vlanCount).isEqualTo(1);
    }

    @Test
    void ipWithoutTcpOrUdp() {
        FrameInfo icmp = parse(new FrameBuilder().ipProtocol(1).frameLength(98).build(), true);
        assertThat(icmp.l3Proto).isEqualTo(FrameInfo.L3_IPV4);
        assertThat(icmp.l4Proto).isEqualTo(FrameInfo.L4_UNKNOWN);
        assertThat(icmp.l4Offset).isEqualTo(-1);
        assertThat(icmp.hashProto).isEqualTo(FrameInfo.HASH_IP4);
        assertThat(icmp.l3CsumOk).isTrue();
        assertThat(icmp.l4CsumChecked).isFalse();

        FrameInfo icmp6 = parse(new FrameBuilder().ipv6(A6, B6).ipProtocol(58).frameLength(98).build(), true);
        assertThat(icmp6.l3Proto).isEqualTo(FrameInfo.L3_IPV6);
        assertThat(icmp6.hashProto).isEqualTo(FrameInfo.HASH_IP6);
        assertThat(icmp6.l3HeaderLength).isEqualTo(40);
        assertThat(icmp6.l3CsumChecked).isFalse();
    }

    @Test
    void ipv4Fragments() {
        FrameInfo first = parse(new FrameBuilder().ipv4Fragment(true, 0).udp(1, 2).frameLength(200).build(), true);
        assertThat(first.ipv4Frag).isTrue();
        assertThat(first.hashProto).isEqualTo(FrameInfo.HASH_IP4_FRAG);
        assertThat(first.l4Proto).isEqualTo(FrameInfo.L4_UDP);   // the first fragment carries the UDP header
        assertThat(first.l4CsumChecked).isFalse();               // but not the whole datagram
        assertThat(first.l3CsumOk).isTrue();

        FrameInfo later = parse(new FrameBuilder().ipv4Fragment(true, 23).udp(1, 2).frameLength(200).build(), true);
        assertThat(later.ipv4Frag).isTrue();
        assertThat(later.hashProto).isEqualTo(FrameInfo.HASH_IP4_FRAG);
        assertThat(later.l4Proto).isEqualTo(FrameInfo.L4_UNKNOWN);
        assertThat(later.l4Offset).isEqualTo(-1);

        FrameInfo last = parse(new FrameBuilder().ipv4Fragment(false, 185).tcp(1, 2).frameLength(100).build(), true);
        assertThat(last.ipv4Frag).isTrue();
        assertThat(last.l4Proto).isEqualTo(FrameInfo.L4_UNKNOWN);

        FrameInfo df = parse(new FrameBuilder().dontFragment(true).tcp(1, 2).frameLength(100).build(), true);
        assertThat(df.ipv4Frag).isFalse();
        assertThat(df.hashProto).isEqualTo(FrameInfo.HASH_TCP4);
    }

    @Test
    void ipv6ExtensionHeadersAreWalked() {
        FrameInfo tcp = parse(new FrameBuilder().ipv6(A6, B6).ipv6Extension(FrameBuilder.EXT_HOP_BY_HOP, 8)
                .ipv6Extension(FrameBuilder.EXT_ROUTING, 24).ipv6Extension(FrameBuilder.EXT_DESTINATION, 16)
                .tcp(1, 2).frameLength(300).build(), true);
        assertThat(tcp.l3HeaderLength).isEqualTo(40 + 8 + 24 + 16);
        assertThat(tcp.l4Offset).isEqualTo(14 + 88);
        assertThat(tcp.l4Proto).isEqualTo(FrameInfo.L4_TCP);
        assertThat(tcp.hashProto).isEqualTo(FrameInfo.HASH_TCP6_EX);
        assertThat(tcp.l4CsumOk).isTrue();

        FrameInfo udp = parse(new FrameBuilder().ipv6(A6, B6).ipv6Extension(FrameBuilder.EXT_DESTINATION, 8)
                .udp(1, 2).frameLength(100).build(), true);
        assertThat(udp.l4Proto).isEqualTo(FrameInfo.L4_UDP);
        assertThat(udp.hashProto).isEqualTo(FrameInfo.HASH_IP6_EX);
        assertThat(udp.l4CsumOk).isTrue();

        FrameInfo other = parse(new FrameBuilder().ipv6(A6, B6).ipv6Extension(FrameBuilder.EXT_HOP_BY_HOP, 8)
                .ipProtocol(58).frameLength(100).build(), true);
        assertThat(other.hashProto).isEqualTo(FrameInfo.HASH_IP6_EX);
        assertThat(other.l3HeaderLength).isEqualTo(48);
    }

    @Test
    void ipv6FragmentsReportNoL4() {
        for (int offset : new int[] {0, 100}) {
            FrameInfo f = parse(new FrameBuilder().ipv6(A6, B6).ipv6Fragment(true, offset).tcp(1, 2).frameLength(150)
                    .build(), true);
            assertThat(f.l3Proto).isEqualTo(FrameInfo.L3_IPV6);
            assertThat(f.l3HeaderLength).isEqualTo(48);
            assertThat(f.l4Proto).as("offset %d", offset).isEqualTo(FrameInfo.L4_UNKNOWN);
            assertThat(f.hashProto).isEqualTo(FrameInfo.HASH_IP6_EX);
            assertThat(f.ipv4Frag).isFalse();
            assertThat(f.l4CsumChecked).isFalse();
        }
    }

    @Test
    void tooManyIpv6ExtensionsStopTheWalk() {
        FrameBuilder b = new FrameBuilder().ipv6(A6, B6).udp(1, 2).frameLength(400);
        for (int i = 0; i < FrameParser.MAX_IPV6_EXTENSIONS; i++) {
            b.ipv6Extension(FrameBuilder.EXT_DESTINATION, 8);
        }
        FrameInfo ok = parse(b.build(), true);
        assertThat(ok.l4Proto).isEqualTo(FrameInfo.L4_UDP);
        assertThat(ok.l3HeaderLength).isEqualTo(40 + 8 * FrameParser.MAX_IPV6_EXTENSIONS);
        b.ipv6Extension(FrameBuilder.EXT_DESTINATION, 8);
        FrameInfo tooMany = parse(b.build(), true);
        assertThat(tooMany.l4Proto).isEqualTo(FrameInfo.L4_UNKNOWN);
        assertThat(tooMany.hashProto).isEqualTo(FrameInfo.HASH_IP6_EX);
        assertThat(tooMany.l3HeaderLength).isEqualTo(40 + 8 * FrameParser.MAX_IPV6_EXTENSIONS);
    }

    @Test
    void ethernetPaddingIsIgnored() {
        byte[] f = new FrameBuilder().udp(1, 2).frameLength(60).trailer(10).build();
        for (int i = 50; i < 60; i++) {
            f[i] = (byte) 0xEE;
        }
        FrameInfo info = parse(f, true);
        assertThat(info.l3Length).isEqualTo(36);
        assertThat(info.truncated).isFalse();
        assertThat(info.l4CsumOk).isTrue();
    }

    @Test
    void truncatedDatagramKeepsItsHeadersButIsNotVerified() {
        byte[] full = new FrameBuilder().tcp(1, 2).frameLength(500).build();
        FrameInfo info = new FrameInfo();
        FrameParser.parse(MemorySegment.ofArray(full), 0, 100, true, info);
        assertThat(info.truncated).isTrue();
        assertThat(info.l3Length).isEqualTo(486);
        assertThat(info.l4Proto).isEqualTo(FrameInfo.L4_TCP);
        assertThat(info.hashProto).isEqualTo(FrameInfo.HASH_TCP4);
        assertThat(info.l3CsumOk).isTrue();
        assertThat(info.l4CsumChecked).isFalse();
    }

    @Test
    void malformedIpHeadersAreNotReported() {
        byte[] good = new FrameBuilder().udp(1, 2).frameLength(64).build();
        byte[] badVersion = good.clone();
        badVersion[14] = 0x65;
        byte[] shortIhl = good.clone();
        shortIhl[14] = 0x44;
        byte[] hugeIhl = good.clone();
        hugeIhl[14] = 0x4F;   // 60 bytes: more than the 50 present
        byte[] totalBelowIhl = good.clone();
        put16(totalBelowIhl, 16, 19);
        for (byte[] f : List.of(badVersion, shortIhl, hugeIhl, totalBelowIhl)) {
            FrameInfo info = parse(f, true);
            assertThat(info.l3Proto).isEqualTo(FrameInfo.L3_UNKNOWN);
            assertThat(info.hashProto).isEqualTo(FrameInfo.HASH_NOT_IP);
            assertThat(info.l4Offset).isEqualTo(-1);
            assertThat(info.l3CsumChecked).isFalse();
        }
        byte[] v6 = new FrameBuilder().ipv6(A6, B6).udp(1, 2).frameLength(80).build();
        v6[14] = 0x45;
        assertThat(parse(v6, true).l3Proto).isEqualTo(FrameInfo.L3_UNKNOWN);
    }

    @Test
    void malformedL4HeadersFallBackToTheIpSlot() {
        byte[] udp = new FrameBuilder().udp(1, 2).frameLength(64).build();
        byte[] shortUdp = udp.clone();
        put16(shortUdp, 34 + 4, 7);
        byte[] longUdp = udp.clone();
        put16(longUdp, 34 + 4, 31);   // IP payload is 30
        byte[] tcp = new FrameBuilder().tcp(1, 2).frameLength(64).build();
        byte[] smallDoff = tcp.clone();
        smallDoff[34 + 12] = 0x40;
        byte[] bigDoff = tcp.clone();
        bigDoff[34 + 12] = (byte) 0xF0;   // 60 bytes: more than the 30 present
        byte[] tcpInPadding = tcp.clone();
        put16(tcpInPadding, 16, 30);   // the datagram ends 10 bytes into the TCP header; the rest is padding
        for (byte[] f : List.of(shortUdp, longUdp, smallDoff, bigDoff, tcpInPadding)) {
            FrameInfo info = parse(f, true);
            assertThat(info.l3Proto).isEqualTo(FrameInfo.L3_IPV4);
            assertThat(info.l4Proto).isEqualTo(FrameInfo.L4_UNKNOWN);
            assertThat(info.l4Offset).isEqualTo(-1);
            assertThat(info.hashProto).isEqualTo(FrameInfo.HASH_IP4);
            assertThat(info.l4CsumChecked).isFalse();
        }
    }

    @Test
    void zeroUdpChecksum() {
        byte[] v4 = new FrameBuilder().udp(1, 2).frameLength(64).build();
        put16(v4, 34 + 6, 0);
        FrameInfo a = parse(v4, true);
        assertThat(a.l4Proto).isEqualTo(FrameInfo.L4_UDP);
        assertThat(a.l4CsumChecked).isFalse();   // "no checksum" over IPv4 (RFC 768)
        byte[] v6 = new FrameBuilder().ipv6(A6, B6).udp(1, 2).frameLength(80).build();
        put16(v6, 54 + 6, 0);
        FrameInfo b = parse(v6, true);
        assertThat(b.l4CsumChecked).isTrue();    // illegal over IPv6 (RFC 8200 §8.1)
        assertThat(b.l4CsumOk).isFalse();
    }

    @Test
    void rangeIsClippedToTheSegmentAndOffsetsAreFrameRelative() {
        byte[] frame = new FrameBuilder().tcp(1, 2).frameLength(90).build();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(64 + frame.length);
            MemorySegment.copy(MemorySegment.ofArray(frame), 0, buf, 64, frame.length);
            FrameInfo info = new FrameInfo();
            FrameParser.parse(buf, 64, 10_000, true, info);
            assertThat(info.l3Offset).isEqualTo(14);
            assertThat(info.l4Offset).isEqualTo(34);
            assertThat(info.l4CsumOk).isTrue();
            FrameParser.parse(buf, -1, 100, true, info);
            assertThat(info.hashProto).isEqualTo(FrameInfo.HASH_NOT_IP);
            FrameParser.parse(buf, buf.byteSize() + 5, 100, true, info);
            assertThat(info.l3Proto).isZero();
            FrameParser.parse(buf, 64, -7, true, info);
            assertThat(info.l3Proto).isZero();
        }
    }

    @Test
    void parseOverwritesEverythingFromTheLastFrame() {
        FrameInfo info = parse(new FrameBuilder().vlan(0x8100, 1).tcp(1, 2).frameLength(100).build(), true);
        FrameParser.parse(MemorySegment.ofArray(new byte[5]), 0, 5, true, info);
        FrameInfo fresh = new FrameInfo();
        assertThat(info).usingRecursiveComparison().isEqualTo(fresh);
    }

    // ---- truncation and garbage: never throws, never reads out of bounds -------------------------------------

    static List<byte[]> sampleFrames() {
        List<byte[]> frames = new ArrayList<>();
        frames.add(new FrameBuilder().udp(1, 2).frameLength(64).build());
        frames.add(new FrameBuilder().ipv4Options(16).tcp(1, 2).tcpOptions(20).frameLength(130).build());
        frames.add(new FrameBuilder().vlan(0x88A8, 1).vlan(0x8100, 2).tcp(1, 2).frameLength(90).build());
        frames.add(new FrameBuilder().ipv4Fragment(true, 0).udp(1, 2).frameLength(70).build());
        frames.add(new FrameBuilder().ipv6(A6, B6).udp(1, 2).frameLength(90).build());
        frames.add(new FrameBuilder().vlan(0x8100, 3).ipv6(A6, B6).ipv6Extension(0, 8).ipv6Extension(43, 24)
                .ipv6Extension(60, 16).tcp(1, 2).frameLength(180).build());
        frames.add(new FrameBuilder().ipv6(A6, B6).ipv6Extension(0, 8).ipv6Fragment(true, 0).udp(1, 2)
                .frameLength(120).build());
        frames.add(new FrameBuilder().ipv6(A6, B6).ipv6Extension(60, 8).udp(1, 2).frameLength(100).build());
        frames.add(new FrameBuilder().etherType(0x0806).frameLength(60).build());
        return frames;
    }

    @Provide
    Arbitrary<byte[]> frames() {
        return Arbitraries.of(sampleFrames());
    }

    @Property(tries = 200)
    void everyTruncationIsSafeAndConsistent(@ForAll("frames") byte[] frame) {
        FrameInfo info = new FrameInfo();
        RssHasher hasher = new RssHasher();
        hasher.configure(RssHasher.TOEPLITZ, TestFrames.MS_KEY_AS_STORED, -1, allFields(), 6);
        RssHasher crc = new RssHasher();
        crc.configure(RssHasher.CRC32, TestFrames.MS_KEY_AS_STORED, -1, allFields(), 6);
        try (Arena arena = Arena.ofConfined()) {
            for (int k = 0; k <= frame.length; k++) {
                MemorySegment s = TestFrames.exact(frame, k, arena);   // a read past k would throw
                FrameParser.parse(s, 0, k, true, info);
                assertConsistent(info, k);
                hasher.hash(s, 0, k, info);
                crc.hash(s, 0, k, info);
                byte[] copy = s.toArray(ValueLayout.JAVA_BYTE);
                Checksums.fillTx(s, 0, k, info, true, true, false);
                Checksums.fillTx(s, 0, k, info, true, true, true);
                Checksums.pseudoHeaderSum(s, 0, k, info);
                assertThat(copy.length).isEqualTo(k);
            }
        }
    }

    @Property(tries = 3000)
    void randomMutationsNeverThrow(@ForAll("frames") byte[] frame, @ForAll @Size(max = 12) List<@IntRange(max = 400)
            Integer> positions, @ForAll @Size(max = 12) List<Byte> values, @ForAll @IntRange(max = 400) int cut) {
        byte[] f = frame.clone();
        for (int i = 0; i < Math.min(positions.size(), values.size()); i++) {
            f[positions.get(i) % f.length] = values.get(i);
        }
        int k = Math.min(cut, f.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = TestFrames.exact(f, k, arena);
            FrameInfo info = new FrameInfo();
            FrameParser.parse(s, 0, k, true, info);
            assertConsistent(info, k);
            RssHasher h = new RssHasher();
            h.configure(RssHasher.TOEPLITZ, TestFrames.MS_KEY_AS_STORED, 0, allFields(), 6);
            h.hash(s, 0, k, info);
            Checksums.fillTx(s, 0, k, info, true, true, false);
        }
    }

    @Property(tries = 2000)
    void randomBytesNeverThrow(@ForAll @Size(max = 200) byte[] garbage, @ForAll boolean ipv6) {
        byte[] f = garbage.clone();
        if (f.length >= 14) {
            put16(f, 12, ipv6 ? 0x86DD : 0x0800);   // get past Ethernet more often
        }
        if (f.length >= 15) {
            f[14] = (byte) (ipv6 ? 0x60 : 0x45);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = TestFrames.exact(f, f.length, arena);
            FrameInfo info = new FrameInfo();
            FrameParser.parse(s, 0, f.length, true, info);
            assertConsistent(info, f.length);
            new RssHasher().hash(s, 0, f.length, info);
        }
    }

    static int[] allFields() {
        int[] f = new int[16];
        Arrays.fill(f, 0x3F);
        return f;
    }

    /** Invariants every parse result must satisfy for a frame of k bytes. */
    private static void assertConsistent(FrameInfo info, int k) {
        assertThat(info.l3Proto).isIn(0, 8, 11);
        assertThat(info.l4Proto).isIn(0, 12, 13);
        assertThat(info.hashProto).isBetween(0, 9);
        assertThat(info.l3Offset).isBetween(0, Math.max(k, 0) + 2);
        if (info.l3Proto != FrameInfo.L3_UNKNOWN) {
            assertThat(info.l3Offset + info.l3HeaderLength).isLessThanOrEqualTo(k);
        } else {
            assertThat(info.hashProto).isEqualTo(FrameInfo.HASH_NOT_IP);
        }
        if (info.l4Proto != FrameInfo.L4_UNKNOWN) {
            assertThat(info.l3Proto).isNotZero();
            assertThat(info.l4Offset).isEqualTo(info.l3Offset + info.l3HeaderLength);
            assertThat(info.l4Offset + info.l4HeaderLength).isLessThanOrEqualTo(k);
        } else {
            assertThat(info.l4Offset).isEqualTo(-1);
            assertThat(info.l4CsumChecked).isFalse();
        }
        if (info.l4CsumChecked) {
            assertThat(info.truncated || info.ipv4Frag).isFalse();
        }
    }
}
