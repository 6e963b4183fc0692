package io.ena4j.model.net;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HexFormat;

import static io.ena4j.model.net.TestFrames.u16;
import static io.ena4j.model.net.TestFrames.v6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test-frame builder: exact bytes against hand-written frames, lengths, and argument checks. */
class FrameBuilderTest {

    @Test
    void ipv4HeaderMatchesAKnownCapturedHeaderByteForByte() {
        // Captured UDP datagram header 192.168.0.1 → 192.168.0.199, total length 115, DF, TTL 64, checksum 0xb861.
        byte[] f = new FrameBuilder().ipv4(FrameBuilder.ipv4(192, 168, 0, 1), FrameBuilder.ipv4(192, 168, 0, 199))
                .ipv4Id(0).dontFragment(true).udp(53, 53).frameLength(14 + 115).build();
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(f, 14, 34)))
                .isEqualTo("450000730000400040110000c0a80001c0a800c7".replace("40110000", "4011b861"));
    }

    @Test
    void udp4ShortcutLaysOutEthernetIpUdpAndPayload() {
        byte[] dst = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
        byte[] src = {0x66, 0x77, (byte) 0x88, (byte) 0x99, (byte) 0xaa, (byte) 0xbb};
        byte[] f = FrameBuilder.udp4(dst, src, FrameBuilder.ipv4(10, 0, 0, 1), FrameBuilder.ipv4(10, 0, 0, 2), 1234,
                5678, 64);
        assertThat(f).hasSize(64);
        assertThat(Arrays.copyOfRange(f, 0, 6)).isEqualTo(dst);
        assertThat(Arrays.copyOfRange(f, 6, 12)).isEqualTo(src);
        assertThat(u16(f, 12)).isEqualTo(0x0800);
        assertThat(u16(f, 16)).isEqualTo(50);                   // IPv4 total length
        assertThat(f[23]).isEqualTo((byte) 17);                 // protocol UDP
        assertThat(u16(f, 34)).isEqualTo(1234);
        assertThat(u16(f, 36)).isEqualTo(5678);
        assertThat(u16(f, 38)).isEqualTo(30);                   // UDP length
        for (int i = 42; i < 64; i++) {
            assertThat(f[i]).isEqualTo((byte) (i - 42));        // payload byte i = seed + i
        }
        // Independent checksum check: the reference sum over pseudo-header + segment must verify.
        long pseudo = 0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 17 + 30;
        assertThat(TestFrames.referenceChecksum(f, 34, 64, pseudo)).isZero();
        assertThat(TestFrames.referenceChecksum(f, 14, 34, 0)).isZero();
    }

    @Test
    void tcp6ShortcutLaysOutIpv6AndTcp() {
        byte[] sa = v6("2001:db8::1");
        byte[] da = v6("2001:db8::2");
        byte[] f = FrameBuilder.tcp6(new byte[6], new byte[6], sa, da, 80, 443, 200);
        assertThat(u16(f, 12)).isEqualTo(0x86DD);
        assertThat(f[14] & 0xF0).isEqualTo(0x60);
        assertThat(u16(f, 18)).isEqualTo(200 - 14 - 40);        // payload length
        assertThat(f[20]).isEqualTo((byte) 6);                  // next header TCP
        assertThat(Arrays.copyOfRange(f, 22, 38)).isEqualTo(sa);
        assertThat(Arrays.copyOfRange(f, 38, 54)).isEqualTo(da);
        assertThat(u16(f, 54)).isEqualTo(80);
        assertThat(f[54 + 12] & 0xFF).isEqualTo(0x50);          // data offset 5
        byte[] pseudoBytes = new byte[40];
        System.arraycopy(sa, 0, pseudoBytes, 0, 16);
        System.arraycopy(da, 0, pseudoBytes, 16, 16);
        pseudoBytes[35] = (byte) (200 - 54);
        pseudoBytes[39] = 6;
        long pseudo = 0xFFFF & ~TestFrames.referenceChecksum(pseudoBytes, 0, 40, 0);
        assertThat(TestFrames.referenceChecksum(f, 54, 200, pseudo)).isZero();
    }

    @Test
    void extensionHeadersAreChained() {
        byte[] f = new FrameBuilder().ipv6(v6("::1"), v6("::2")).ipv6Extension(FrameBuilder.EXT_HOP_BY_HOP, 16)
                .ipv6Fragment(true, 5).udp(1, 2).frameLength(150).build();
        assertThat(f[20]).isEqualTo((byte) 0);                  // IPv6 next header: hop-by-hop
        assertThat(f[54]).isEqualTo((byte) 44);                 // hop-by-hop next: fragment
        assertThat(f[55]).isEqualTo((byte) 1);                  // hdr ext len: (16 / 8) - 1
        assertThat(f[70]).isEqualTo((byte) 17);                 // fragment next: UDP
        assertThat(u16(f, 72)).isEqualTo(5 << 3 | 1);           // offset 5, M
    }

    @Test
    void vlanTagsAndTrailer() {
        byte[] f = new FrameBuilder().vlan(FrameBuilder.TPID_8021AD, 0x0123).vlan(FrameBuilder.TPID_8021Q, 0x0456)
                .udp(1, 2).frameLength(80).trailer(6).build();
        assertThat(u16(f, 12)).isEqualTo(0x88A8);
        assertThat(u16(f, 14)).isEqualTo(0x0123);
        assertThat(u16(f, 16)).isEqualTo(0x8100);
        assertThat(u16(f, 18)).isEqualTo(0x0456);
        assertThat(u16(f, 20)).isEqualTo(0x0800);
        assertThat(u16(f, 24)).isEqualTo(80 - 22 - 6);          // IPv4 total length excludes the trailer
        for (int i = 74; i < 80; i++) {
            assertThat(f[i]).isZero();
        }
    }

    @Test
    void writeIntoPlacesTheFrameAndLeavesTheRestAlone() {
        FrameBuilder b = new FrameBuilder().tcp(7, 8).frameLength(100);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(300);
            s.fill((byte) 0x77);
            assertThat(b.writeInto(s, 50)).isEqualTo(100);
            assertThat(s.asSlice(50, 100).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(b.build());
            assertThat(s.get(ValueLayout.JAVA_BYTE, 49)).isEqualTo((byte) 0x77);
            assertThat(s.get(ValueLayout.JAVA_BYTE, 150)).isEqualTo((byte) 0x77);
            assertThatThrownBy(() -> b.writeInto(s, 201)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("100 bytes").hasMessageContaining("300 bytes");
        }
    }

    @Test
    void headerLengthsAreReported() {
        FrameBuilder b = new FrameBuilder().vlan(0x8100, 1).ipv4Options(8).tcp(1, 2).tcpOptions(12);
        assertThat(b.l3Offset()).isEqualTo(18);
        assertThat(b.l3HeaderLength()).isEqualTo(28);
        assertThat(b.headerLength()).isEqualTo(18 + 28 + 32);
        assertThat(new FrameBuilder().ipv4Fragment(false, 3).udp(1, 2).headerLength()).isEqualTo(34);
    }

    @Test
    void badArgumentsNameTheValueAndTheRange() {
        assertThatThrownBy(() -> new FrameBuilder().tcp(1, 2).frameLength(50).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame length = 50")
                .hasMessageContaining("[54, ");
        assertThatThrownBy(() -> new FrameBuilder().udp(70000, 1)).hasMessageContaining("source port = 70000")
                .hasMessageContaining("[0, 65535]");
        assertThatThrownBy(() -> new FrameBuilder().macs(new byte[5], new byte[6]))
                .hasMessageContaining("destination MAC length = 5");
        assertThatThrownBy(() -> new FrameBuilder().ipv4Options(6)).hasMessageContaining("multiple of 4");
        assertThatThrownBy(() -> new FrameBuilder().ipv6Extension(44, 8)).hasMessageContaining("ipv6Fragment");
        assertThatThrownBy(() -> new FrameBuilder().ipv6Extension(0, 12)).hasMessageContaining("multiple of 8");
        assertThatThrownBy(() -> new FrameBuilder().etherType(0x0800)).hasMessageContaining("IP type");
        assertThatThrownBy(() -> FrameBuilder.ipv4(1, 256, 0, 0)).hasMessageContaining("256");
        FrameBuilder tags = new FrameBuilder();
        for (int i = 0; i < FrameBuilder.MAX_TAGS; i++) {
            tags.vlan(0x8100, i);
        }
        assertThatThrownBy(() -> tags.vlan(0x8100, 9)).hasMessageContaining("VLAN tag count = 5");
        assertThatThrownBy(() -> new FrameBuilder().ipv4(0, 0).udp(1, 2).frameLength(14 + 65536).build())
                .hasMessageContaining("65549");
    }
}
