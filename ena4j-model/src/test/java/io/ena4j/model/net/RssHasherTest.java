package io.ena4j.model.net;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import static io.ena4j.model.net.TestFrames.MS_KEY;
import static io.ena4j.model.net.TestFrames.MS_KEY_AS_STORED;
import static io.ena4j.model.net.TestFrames.SPEC_FIXED_KEY;
import static io.ena4j.model.net.TestFrames.reverse;
import static io.ena4j.model.net.TestFrames.v4;
import static io.ena4j.model.net.TestFrames.v6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The RSS hash (datapath.md §14.2, §14.3) against Microsoft's RSS verification suite and its own rules. */
class RssHasherTest {

    /** Microsoft RSS verification suite, IPv4: source, source port, destination, destination port, IP, IP+TCP. */
    private static final Object[][] MS_IPV4 = {
        {"66.9.149.187", 2794, "161.142.100.80", 1766, 0x323e8fc2, 0x51ccc178},
        {"199.92.111.2", 14230, "65.69.140.83", 4739, 0xd718262a, 0xc626b0ea},
        {"24.19.198.95", 12898, "12.22.207.184", 38024, 0xd2d0a5de, 0x5c2b394a},
        {"38.27.205.30", 48228, "209.142.163.6", 2217, 0x82989176, 0xafc7327f},
        {"153.39.163.191", 44251, "202.188.127.2", 1303, 0x5d1809c5, 0x10e828a2},
    };
    /** Microsoft RSS verification suite, IPv6. */
    private static final Object[][] MS_IPV6 = {
        {"3ffe:2501:200:1fff::7", 2794, "3ffe:2501:200:3::1", 1766, 0x2cc18cd5, 0x40207d3d},
        {"3ffe:501:8::260:97ff:fe40:efab", 14230, "ff02::1", 4739, 0x0f0c461c, 0xdde51bbf},
        {"3ffe:1900:4545:3:200:f8ff:fe21:67cf", 44251, "fe80::200:f8ff:fe21:67cf", 38024, 0x4b61e985, 0x02d1feef},
    };

    private static int[] fields(int value) {
        int[] f = new int[16];
        Arrays.fill(f, value);
        return f;
    }

    private static RssHasher hasher(int function, byte[] keyAsStored, int initVal, int[] fields, int sort) {
        RssHasher h = new RssHasher();
        h.configure(function, keyAsStored, initVal, fields, sort);
        return h;
    }

    private static int hash(RssHasher h, byte[] frame) {
        FrameInfo info = TestFrames.parse(frame, false);
        return h.hash(MemorySegment.ofArray(frame), 0, frame.length, info);
    }

    /** Bit-by-bit Toeplitz written from the definition, independent of RssHasher. */
    private static int referenceToeplitz(byte[] key, byte[] input) {
        int result = 0;
        for (int bit = 0; bit < input.length * 8; bit++) {
            if ((input[bit / 8] >> (7 - bit % 8) & 1) == 0) {
                continue;
            }
            int window = 0;
            for (int j = 0; j < 32; j++) {
                int kb = bit + j;
                int v = kb / 8 < key.length ? key[kb / 8] >> (7 - kb % 8) & 1 : 0;
                window = window << 1 | v;
            }
            result ^= window;
        }
        return result;
    }

    private static byte[] input(byte[] sa, byte[] da, int sp, int dp, boolean ports) {
        ByteBuffer b = ByteBuffer.allocate(sa.length + da.length + (ports ? 4 : 0));
        b.put(sa).put(da);
        if (ports) {
            b.putShort((short) sp).putShort((short) dp);
        }
        return b.array();
    }

    @Test
    void staticToeplitzReproducesTheMicrosoftSuite() {
        for (Object[][] table : new Object[][][] {MS_IPV4, MS_IPV6}) {
            for (Object[] row : table) {
                byte[] sa = TestFrames.addressBytes((String) row[0]);
                byte[] da = TestFrames.addressBytes((String) row[2]);
                byte[] l3 = input(sa, da, 0, 0, false);
                byte[] l4 = input(sa, da, (int) row[1], (int) row[3], true);
                assertThat(RssHasher.toeplitz(MS_KEY, l3)).as("%s IP", row[0]).isEqualTo(row[4]);
                assertThat(RssHasher.toeplitz(MS_KEY, l4)).as("%s TCP", row[0]).isEqualTo(row[5]);
                assertThat(referenceToeplitz(MS_KEY, l4)).isEqualTo(row[5]);
            }
        }
    }

    @Test
    void specFixedKeyIsTheMicrosoftKeyWithItsWordsReversedNotItsBytes() {
        byte[] wordsReversed = new byte[40];
        for (int w = 0; w < 10; w++) {
            System.arraycopy(MS_KEY, 4 * (9 - w), wordsReversed, 4 * w, 4);
        }
        assertThat(SPEC_FIXED_KEY).isEqualTo(wordsReversed).isNotEqualTo(reverse(MS_KEY));
        // A fixed-key device is modelled by storing the reversed fixed key (the hardware uses it as is).
        RssHasher fixed = hasher(RssHasher.TOEPLITZ, reverse(SPEC_FIXED_KEY), 0, fields(0x3C), 0);
        Object[] row = MS_IPV4[0];
        byte[] tcp = new FrameBuilder().ipv4(v4((String) row[0]), v4((String) row[2])).tcp((int) row[1], (int) row[3])
                .frameLength(64).build();
        byte[] in = input(TestFrames.addressBytes((String) row[0]), TestFrames.addressBytes((String) row[2]), (int) row[1],
                (int) row[3], true);
        assertThat(hash(fixed, tcp)).isEqualTo(RssHasher.toeplitz(SPEC_FIXED_KEY, in))
                .isEqualTo(referenceToeplitz(SPEC_FIXED_KEY, in)).isNotEqualTo(row[5]);
    }

    @Test
    void ipv4FramesHashedWithTheByteReversedStoredKeyMatchTheMicrosoftSuite() {
        RssHasher withPorts = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0, fields(0x3C), 0);
        RssHasher addressesOnly = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0, fields(0x0C), 0);
        for (Object[] row : MS_IPV4) {
            FrameBuilder b = new FrameBuilder().ipv4(v4((String) row[0]), v4((String) row[2]))
                    .tcp((int) row[1], (int) row[3]).frameLength(80);
            byte[] tcp = b.build();
            byte[] udp = b.udp((int) row[1], (int) row[3]).build();
            byte[] icmp = b.ipProtocol(1).build();
            assertThat(hash(withPorts, tcp)).as("TCP4 %s", row[0]).isEqualTo(row[5]);
            assertThat(hash(withPorts, udp)).as("UDP4 %s", row[0]).isEqualTo(row[5]);
            assertThat(hash(addressesOnly, tcp)).as("TCP4 L3 only %s", row[0]).isEqualTo(row[4]);
            assertThat(hash(withPorts, icmp)).as("IP4 %s", row[0]).isEqualTo(row[4]);   // no ports to add
        }
    }

    @Test
    void ipv6FramesHashedWithTheByteReversedStoredKeyMatchTheMicrosoftSuite() {
        RssHasher withPorts = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0, fields(0x3C), 0);
        RssHasher addressesOnly = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0, fields(0x0C), 0);
        for (Object[] row : MS_IPV6) {
            FrameBuilder b = new FrameBuilder().ipv6(v6((String) row[0]), v6((String) row[2]))
                    .tcp((int) row[1], (int) row[3]).frameLength(120);
            byte[] tcp = b.build();
            byte[] udp = b.udp((int) row[1], (int) row[3]).build();
            byte[] tcpEx = b.tcp((int) row[1], (int) row[3]).ipv6Extension(FrameBuilder.EXT_DESTINATION, 8).build();
            assertThat(hash(withPorts, tcp)).as("TCP6 %s", row[0]).isEqualTo(row[5]);
            assertThat(hash(withPorts, udp)).as("UDP6 %s", row[0]).isEqualTo(row[5]);
            assertThat(hash(withPorts, tcpEx)).as("TCP6_EX %s", row[0]).isEqualTo(row[5]);
            assertThat(hash(addressesOnly, tcp)).as("TCP6 L3 only %s", row[0]).isEqualTo(row[4]);
        }
    }

    @Test
    void initValIsXoredIntoToeplitz() {
        Object[] row = MS_IPV4[0];
        byte[] tcp = new FrameBuilder().ipv4(v4((String) row[0]), v4((String) row[2])).tcp((int) row[1], (int) row[3])
                .frameLength(64).build();
        RssHasher h = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0xFFFFFFFF, fields(0x3C), 0);
        assertThat(hash(h, tcp)).isEqualTo(~0x51ccc178);
        h.configure(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0x12345678, fields(0x3C), 0);
        assertThat(hash(h, tcp)).isEqualTo(0x12345678 ^ 0x51ccc178);
    }

    @Property(tries = 300)
    void reversedStoredKeyEqualsStandardToeplitzOfTheInput(@ForAll @Size(40) byte[] key, @ForAll int sa,
                                                          @ForAll int da, @ForAll @IntRange(max = 0xFFFF) int sp,
                                                          @ForAll @IntRange(max = 0xFFFF) int dp, @ForAll int init) {
        byte[] frame = new FrameBuilder().ipv4(sa, da).udp(sp, dp).frameLength(64).build();
        RssHasher h = hasher(RssHasher.TOEPLITZ, reverse(key), init, fields(0x3C), 0);
        byte[] in = ByteBuffer.allocate(12).putInt(sa).putInt(da).putShort((short) sp).putShort((short) dp).array();
        assertThat(hash(h, frame)).isEqualTo(init ^ referenceToeplitz(key, in));
        assertThat(RssHasher.toeplitz(key, in)).isEqualTo(referenceToeplitz(key, in));
    }

    @Property(tries = 300)
    void staticToeplitzMatchesTheBitwiseDefinition(@ForAll @Size(min = 4, max = 52) byte[] key,
                                                  @ForAll @Size(max = 48) byte[] in) {
        assertThat(RssHasher.toeplitz(key, in)).isEqualTo(referenceToeplitz(key, in));
    }

    @Property(tries = 300)
    void inputSortMakesTheHashSymmetric(@ForAll @Size(16) byte[] a, @ForAll @Size(16) byte[] b,
                                        @ForAll @IntRange(max = 0xFFFF) int pa, @ForAll @IntRange(max = 0xFFFF) int pb,
                                        @ForAll boolean ipv6, @ForAll boolean tcp, @ForAll boolean crc) {
        RssHasher h = hasher(crc ? RssHasher.CRC32 : RssHasher.TOEPLITZ, MS_KEY, 0xFFFFFFFF, fields(0x3C), 6);
        FrameBuilder fwd = new FrameBuilder().frameLength(100);
        FrameBuilder rev = new FrameBuilder().frameLength(100);
        if (ipv6) {
            fwd.ipv6(a, b);
            rev.ipv6(b, a);
        } else {
            int x = ByteBuffer.wrap(a).getInt();
            int y = ByteBuffer.wrap(b).getInt();
            fwd.ipv4(x, y);
            rev.ipv4(y, x);
        }
        if (tcp) {
            fwd.tcp(pa, pb);
            rev.tcp(pb, pa);
        } else {
            fwd.udp(pa, pb);
            rev.udp(pb, pa);
        }
        assertThat(hash(h, fwd.build())).isEqualTo(hash(h, rev.build()));
    }

    @Test
    void withoutSortTheDirectionsDifferAndEachSortBitActsAlone() {
        Object[] row = MS_IPV4[0];
        int sa = v4((String) row[0]);
        int da = v4((String) row[2]);
        int sp = (int) row[1];
        int dp = (int) row[3];
        byte[] fwd = new FrameBuilder().ipv4(sa, da).tcp(sp, dp).frameLength(64).build();
        byte[] rev = new FrameBuilder().ipv4(da, sa).tcp(dp, sp).frameLength(64).build();
        byte[] revL3 = new FrameBuilder().ipv4(da, sa).tcp(sp, dp).frameLength(64).build();
        byte[] revL4 = new FrameBuilder().ipv4(sa, da).tcp(dp, sp).frameLength(64).build();
        RssHasher none = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0, fields(0x3C), 0);
        assertThat(hash(none, fwd)).isNotEqualTo(hash(none, rev));
        RssHasher l3 = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0, fields(0x3C), 2);
        assertThat(hash(l3, fwd)).isEqualTo(hash(l3, revL3)).isNotEqualTo(hash(l3, rev));
        RssHasher l4 = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0, fields(0x3C), 4);
        assertThat(hash(l4, fwd)).isEqualTo(hash(l4, revL4)).isNotEqualTo(hash(l4, rev));
        // Sorted input of the MS row: DA 161.142.100.80 > SA 66.9.149.187, so the addresses stay;
        // DP 1766 < SP 2794, so the ports swap.
        byte[] sorted = ByteBuffer.allocate(12).putInt(sa).putInt(da).putShort((short) dp).putShort((short) sp).array();
        RssHasher both = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0, fields(0x3C), 6);
        assertThat(hash(both, fwd)).isEqualTo(RssHasher.toeplitz(MS_KEY, sorted));
    }

    @Test
    void unselectedFieldsDoNotChangeTheHash() {
        FrameBuilder base = new FrameBuilder().ipv4(v4("10.0.0.1"), v4("10.0.0.2")).udp(1000, 2000).frameLength(64);
        byte[] f = base.build();
        byte[] otherPorts = new FrameBuilder().ipv4(v4("10.0.0.1"), v4("10.0.0.2")).udp(3000, 4000).frameLength(64)
                .build();
        byte[] otherSrc = new FrameBuilder().ipv4(v4("10.9.9.9"), v4("10.0.0.2")).udp(1000, 2000).frameLength(64)
                .build();
        byte[] otherDst = new FrameBuilder().ipv4(v4("10.0.0.1"), v4("10.7.7.7")).udp(1000, 2000).frameLength(64)
                .build();
        byte[] otherMacAndPayload = new FrameBuilder()
                .macs(new byte[] {1, 2, 3, 4, 5, 6}, new byte[] {6, 5, 4, 3, 2, 1})
                .ipv4(v4("10.0.0.1"), v4("10.0.0.2")).udp(1000, 2000).frameLength(64).payloadSeed(77).build();

        RssHasher l3 = hasher(RssHasher.TOEPLITZ, MS_KEY, 0, fields(0x0C), 0);
        assertThat(hash(l3, otherPorts)).isEqualTo(hash(l3, f));
        assertThat(hash(l3, otherMacAndPayload)).isEqualTo(hash(l3, f));
        assertThat(hash(l3, otherSrc)).isNotEqualTo(hash(l3, f));

        RssHasher daOnly = hasher(RssHasher.TOEPLITZ, MS_KEY, 0, fields(0x04 | 0x10), 0);
        assertThat(hash(daOnly, otherSrc)).isEqualTo(hash(daOnly, f));
        assertThat(hash(daOnly, otherDst)).isNotEqualTo(hash(daOnly, f));
        assertThat(hash(daOnly, new FrameBuilder().ipv4(v4("10.0.0.1"), v4("10.0.0.2")).udp(5, 2000).frameLength(64)
                .build())).isEqualTo(hash(daOnly, f));
        assertThat(hash(daOnly, new FrameBuilder().ipv4(v4("10.0.0.1"), v4("10.0.0.2")).udp(1000, 5).frameLength(64)
                .build())).isNotEqualTo(hash(daOnly, f));

        RssHasher withPorts = hasher(RssHasher.TOEPLITZ, MS_KEY, 0, fields(0x3C), 0);
        assertThat(hash(withPorts, otherPorts)).isNotEqualTo(hash(withPorts, f));
        assertThat(hash(withPorts, otherMacAndPayload)).isEqualTo(hash(withPorts, f));

        RssHasher nothing = hasher(RssHasher.TOEPLITZ, MS_KEY, 0x5A5A5A5A, fields(0), 0);
        assertThat(hash(nothing, otherSrc)).isEqualTo(0x5A5A5A5A);
    }

    @Test
    void nonIpFramesHashTheMacsDestinationFirst() {
        byte[] dst = {0x10, 0x11, 0x12, 0x13, 0x14, 0x15};
        byte[] src = {0x20, 0x21, 0x22, 0x23, 0x24, 0x25};
        byte[] arp = new FrameBuilder().macs(dst, src).etherType(0x0806).frameLength(60).build();
        RssHasher h = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0, fields(0x03), 0);
        byte[] in = ByteBuffer.allocate(12).put(dst).put(src).array();
        assertThat(hash(h, arp)).isEqualTo(RssHasher.toeplitz(MS_KEY, in));
        byte[] otherPayload = new FrameBuilder().macs(dst, src).etherType(0x0806).frameLength(60).payloadSeed(9)
                .build();
        assertThat(hash(h, otherPayload)).isEqualTo(hash(h, arp));
        RssHasher saOnly = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 0, fields(0x02), 0);
        assertThat(hash(saOnly, arp)).isEqualTo(RssHasher.toeplitz(MS_KEY, src));
    }

    @Test
    void fragmentsHashOnAddressesOnlySoAllPiecesAgree() {
        RssHasher h = hasher(RssHasher.TOEPLITZ, MS_KEY, 0, fields(0x3C), 6);
        FrameBuilder b = new FrameBuilder().ipv4(v4("1.2.3.4"), v4("5.6.7.8")).udp(4444, 53).frameLength(200);
        int first = hash(h, b.ipv4Fragment(true, 0).build());
        int later = hash(h, b.ipv4Fragment(false, 22).build());
        assertThat(first).isEqualTo(later);
        byte[] sorted = ByteBuffer.allocate(8).putInt(v4("1.2.3.4")).putInt(v4("5.6.7.8")).array();
        assertThat(first).isEqualTo(RssHasher.toeplitz(reverse(MS_KEY), sorted));
    }

    @Test
    void crc32IsTheStandardReflectedCrc() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(RssHasher.crc32(0xFFFFFFFF, check, check.length)).isEqualTo(0xCBF43926);
        CRC32 zip = new CRC32();
        zip.update(check);
        assertThat(RssHasher.crc32(0xFFFFFFFF, check, check.length)).isEqualTo((int) zip.getValue());
    }

    @Property(tries = 300)
    void crc32HashEqualsZlibCrcOfTheSelectedInput(@ForAll @Size(16) byte[] a, @ForAll @Size(16) byte[] b,
                                                 @ForAll @IntRange(max = 0xFFFF) int sp,
                                                 @ForAll @IntRange(max = 0xFFFF) int dp, @ForAll boolean ipv6) {
        RssHasher h = hasher(RssHasher.CRC32, MS_KEY, 0xFFFFFFFF, fields(0x3C), 0);
        byte[] sa = ipv6 ? a : Arrays.copyOf(a, 4);
        byte[] da = ipv6 ? b : Arrays.copyOf(b, 4);
        FrameBuilder fb = new FrameBuilder().tcp(sp, dp).frameLength(100);
        if (ipv6) {
            fb.ipv6(sa, da);
        } else {
            fb.ipv4(ByteBuffer.wrap(sa).getInt(), ByteBuffer.wrap(da).getInt());
        }
        CRC32 zip = new CRC32();
        zip.update(input(sa, da, sp, dp, true));
        assertThat(hash(h, fb.build())).isEqualTo((int) zip.getValue());
    }

    @Test
    void crc32UsesInitValAsTheInitialRegister() {
        byte[] frame = new FrameBuilder().udp(1, 2).frameLength(64).build();
        byte[] in = input(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 1, 2, true);
        RssHasher zero = hasher(RssHasher.CRC32, MS_KEY, 0, fields(0x3C), 0);
        assertThat(hash(zero, frame)).isEqualTo(RssHasher.crc32(0, in, in.length))
                .isNotEqualTo(RssHasher.crc32(0xFFFFFFFF, in, in.length));
    }

    @Test
    void anUnconfiguredHasherReturnsZero() {
        RssHasher h = new RssHasher();
        assertThat(hash(h, new FrameBuilder().tcp(1, 2).frameLength(64).build())).isZero();
        assertThat(h.function()).isEqualTo(RssHasher.TOEPLITZ);
        assertThat(h.selectedFields(FrameInfo.HASH_TCP4)).isEqualTo(0x3C);
        assertThat(h.selectedFields(FrameInfo.HASH_NOT_IP)).isEqualTo(0x03);
        assertThat(h.selectedFields(FrameInfo.HASH_IP4_FRAG)).isEqualTo(0x0C);
    }

    @Test
    void configureKeepsACopyAndReversesTheKey() {
        byte[] key = MS_KEY_AS_STORED.clone();
        int[] f = fields(0x3C);
        RssHasher h = hasher(RssHasher.TOEPLITZ, key, 0, f, 6);
        key[0] = 0;
        f[0] = 0;
        assertThat(h.effectiveKey()).isEqualTo(MS_KEY);
        assertThat(h.selectedFields(0)).isEqualTo(0x3C);
        assertThat(h.inputSort()).isEqualTo(6);
        assertThat(h.initVal()).isZero();
    }

    @Test
    void badConfigurationIsRejectedWithTheValueAndRangeAndChangesNothing() {
        RssHasher h = hasher(RssHasher.TOEPLITZ, MS_KEY_AS_STORED, 7, fields(0x3C), 6);
        assertThatThrownBy(() -> h.configure(3, MS_KEY_AS_STORED, 0, fields(0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("= 3").hasMessageContaining("CRC32");
        assertThatThrownBy(() -> h.configure(0, MS_KEY_AS_STORED, 0, fields(0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("= 0");
        assertThatThrownBy(() -> h.configure(1, new byte[39], 0, fields(0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("39").hasMessageContaining("40");
        assertThatThrownBy(() -> h.configure(1, null, 0, fields(0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> h.configure(1, MS_KEY_AS_STORED, 0, new int[15], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("15").hasMessageContaining("16");
        int[] bad = fields(0x3C);
        bad[9] = 0x40;
        assertThatThrownBy(() -> h.configure(1, MS_KEY_AS_STORED, 0, bad, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selectedFields[9] = 0x40")
                .hasMessageContaining("0x3f");
        assertThatThrownBy(() -> h.configure(1, MS_KEY_AS_STORED, 0, fields(0), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x1").hasMessageContaining("0x6");
        assertThat(h.initVal()).isEqualTo(7);
        assertThat(h.inputSort()).isEqualTo(6);
        assertThat(h.effectiveKey()).isEqualTo(MS_KEY);
    }

    @Test
    void inconsistentInfoNeverReadsOutsideTheFrame() {
        byte[] frame = new FrameBuilder().ipv6(v6("::1"), v6("::2")).tcp(1, 2).frameLength(80).build();
        RssHasher h = hasher(RssHasher.TOEPLITZ, MS_KEY, 0, fields(0x3F), 6);
        FrameInfo info = new FrameInfo();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = TestFrames.exact(frame, frame.length, arena);
            int[][] cases = {{11, 60, 2, 12}, {8, 70, 0, 13}, {11, -3, 50, 12}, {8, 14, 79, 12}, {11, 14, -1, 12},
                {11, Integer.MAX_VALUE, Integer.MAX_VALUE, 13}, {8, 14, 34, 12}};
            for (int[] c : cases) {
                for (int slot = -1; slot <= 16; slot++) {
                    info.l3Proto = c[0];
                    info.l3Offset = c[1];
                    info.l4Offset = c[2];
                    info.l4Proto = c[3];
                    info.hashProto = slot;
                    h.hash(s, 0, frame.length, info);
                    h.hash(s, 0, 1000, info);
                    h.hash(s, 5, frame.length, info);
                }
            }
        }
    }
}
