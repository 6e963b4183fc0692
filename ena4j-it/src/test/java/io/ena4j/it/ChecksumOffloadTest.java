package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.Packet;
import io.ena4j.driver.QueuePair;
import io.ena4j.driver.RxChecksum;
import io.ena4j.model.DeviceProfile;
import io.ena4j.model.net.FrameBuilder;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rx checksum offload end to end (datapath.md §6.3): the device model really verifies the IPv4 header and TCP/UDP
 * checksums of what arrives on its wire, the driver turns the completion bits into a per-packet verdict and the
 * {@code csum_good/csum_bad/csum_unchecked} counters, and {@code ethtool -K rx off} withdraws every claim.
 */
class ChecksumOffloadTest {

    private static final byte[] DST = {0x06, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e};
    private static final byte[] SRC = {0x06, 0x1a, 0x2b, 0x3c, 0x4d, 0x5f};
    private static final byte[] A6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte[] B6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};

    private DataPathTest.Rig rig;

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    private static byte[] udp4() {
        return FrameBuilder.udp4(DST, SRC, 0x0A000001, 0x0A000002, 1000, 53, 200);
    }

    private static byte[] tcp4() {
        return FrameBuilder.tcp4(DST, SRC, 0x0A000001, 0x0A000002, 1000, 80, 200);
    }

    private static byte[] udp6() {
        return FrameBuilder.udp6(DST, SRC, A6, B6, 1000, 53, 200);
    }

    private static byte[] tcp6() {
        return FrameBuilder.tcp6(DST, SRC, A6, B6, 1000, 80, 200);
    }

    private static byte[] flip(byte[] f, int at) {
        byte[] c = f.clone();
        c[at] ^= 0x5A;
        return c;
    }

    /** Sends one frame and returns the received packet's verdict, hash type and flags: {csum, hashType, flags}. */
    private int[] roundTrip(byte[] f) {
        Packet[] got = new Packet[4];
        // A receive call first: after a reset the polling thread refills its Rx ring at its next call.
        assertThat(rig.rx().rx().receive(got, 0, got.length)).isZero();
        Packet p = rig.pool.alloc();
        MemorySegment.copy(f, 0, p.buffer(), ValueLayout.JAVA_BYTE, p.offset(), f.length);
        assertThat(p.set(p.offset(), f.length)).isTrue();
        assertThat(rig.tx().tx().send(new Packet[] {p}, 0, 1)).isEqualTo(1);
        for (int spins = 0; spins < 500; spins++) {
            rig.step();
            rig.tx().tx().clean(64);
            int n = rig.rx().rx().receive(got, 0, got.length);
            if (n > 0) {
                assertThat(n).isEqualTo(1);
                Packet r = got[0];
                assertThat(r.length()).isEqualTo(f.length);
                int[] out = {r.rxChecksum(), r.rxHashType(), r.rxFlags()};
                rig.pool.free(r);
                return out;
            }
        }
        throw new AssertionError("frame not received");
    }

    private Map<String, Long> stats() {
        return rig.devs[0].ethtoolStats();
    }

    @Test
    void goodChecksumsAreVerifiedAndBadOnesFlaggedAndCountedForEveryProtocol() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        assertThat(rig.devs[0].rxChecksumOffload()).isTrue();
        int good = 0;
        int bad = 0;
        // {frame, l4 checksum offset}; the L4 checksum field sits after Ethernet + IP + 16 (TCP) or + 6 (UDP).
        Object[][] cases = {
            {udp4(), 14 + 20 + 6}, {tcp4(), 14 + 20 + 16}, {udp6(), 14 + 40 + 6}, {tcp6(), 14 + 40 + 16}};
        for (Object[] c : cases) {
            byte[] f = (byte[]) c[0];
            int csumAt = (int) c[1];
            int[] ok = roundTrip(f);
            assertThat(ok[0]).as("good frame at %d", csumAt).isEqualTo(RxChecksum.UNNECESSARY);
            assertThat(ok[1]).isEqualTo(RxChecksum.HASH_L4);
            good++;
            assertThat(roundTrip(flip(f, csumAt))[0]).as("bad L4 checksum").isEqualTo(RxChecksum.BAD);
            bad++;
            // A corrupted payload byte breaks the L4 checksum too: the device really sums the datagram.
            assertThat(roundTrip(flip(f, f.length - 3))[0]).as("corrupted payload").isEqualTo(RxChecksum.BAD);
            bad++;
        }
        // A bad IPv4 header checksum: BAD with the L3 error flag.
        int[] l3 = roundTrip(flip(udp4(), 14 + 10));
        assertThat(l3[0]).isEqualTo(RxChecksum.BAD);
        assertThat(l3[2] & 1).as("l3_csum_err flag").isEqualTo(1);
        bad++;
        assertThat(stats()).containsEntry("queue_0_rx_csum_good", (long) good)
                .containsEntry("queue_0_rx_csum_bad", (long) bad)
                .containsEntry("queue_0_rx_csum_unchecked", 0L);
    }

    @Test
    void fragmentsOtherProtocolsAndUdpWithoutAChecksumGetNoClaim() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        byte[] frag = new FrameBuilder().macs(DST, SRC).ipv4(0x0A000001, 0x0A000002).ipv4Fragment(true, 0)
                .udp(1000, 53).frameLength(200).build();
        int[] fr = roundTrip(frag);
        assertThat(fr[0]).as("IPv4 fragment").isEqualTo(RxChecksum.NONE);
        assertThat(fr[1]).as("no L4 hash for a fragment").isEqualTo(RxChecksum.HASH_NONE);
        byte[] icmp = new FrameBuilder().macs(DST, SRC).ipv4(0x0A000001, 0x0A000002).ipProtocol(1)
                .frameLength(98).build();
        assertThat(roundTrip(icmp)[0]).as("ICMP").isEqualTo(RxChecksum.NONE);
        byte[] arp = new FrameBuilder().macs(DST, SRC).etherType(0x0806).frameLength(60).build();
        assertThat(roundTrip(arp)[0]).as("non-IP").isEqualTo(RxChecksum.NONE);
        // UDP/IPv4 with checksum 0: none was sent (RFC 768), so the device cannot check it.
        byte[] noSum = udp4();
        noSum[14 + 20 + 6] = 0;
        noSum[14 + 20 + 7] = 0;
        assertThat(roundTrip(noSum)[0]).as("UDP/IPv4 without a checksum").isEqualTo(RxChecksum.UNCHECKED);
        assertThat(stats()).containsEntry("queue_0_rx_csum_good", 0L)
                .containsEntry("queue_0_rx_csum_bad", 0L)
                .containsEntry("queue_0_rx_csum_unchecked", 1L);
    }

    @Test
    void turningRxChecksumOffloadOffWithdrawsEveryClaimAndSurvivesAReset() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        rig.devs[0].setRxChecksumOffload(false);
        assertThat(rig.devs[0].rxChecksumOffload()).isFalse();
        assertThat(roundTrip(udp4())[0]).isEqualTo(RxChecksum.NONE);
        assertThat(roundTrip(flip(udp4(), 14 + 20 + 6))[0]).isEqualTo(RxChecksum.NONE);
        assertThat(stats()).containsEntry("queue_0_rx_csum_good", 0L).containsEntry("queue_0_rx_csum_bad", 0L);
        assertThat(rig.devs[0].report().offloads()).containsEntry("rx-checksumming", "off");

        rig.devs[0].resetAndRestore();
        assertThat(rig.devs[0].totalResets()).isEqualTo(1L);
        assertThat(rig.tx().rx().checksumOffload()).as("kept across the reset").isFalse();
        assertThat(roundTrip(udp4())[0]).isEqualTo(RxChecksum.NONE);

        rig.devs[0].setRxChecksumOffload(true);
        assertThat(roundTrip(udp4())[0]).isEqualTo(RxChecksum.UNNECESSARY);
        assertThat(rig.devs[0].report().offloads()).containsEntry("rx-checksumming", "on");
    }

    @Test
    void a9001ByteJumboFrameCrossesInSeveralBuffersWithItsChecksumVerified() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 9001, QueuePair.Mode.POLL);
        assertThat(rig.devs[0].mtu()).isEqualTo(9001);
        byte[] sum = FrameBuilder.udp4(DST, SRC, 0x0A000001, 0x0A000002, 1000, 53, 14 + 9001);
        Packet head = DataPathTest.chain(rig.pool, sum);
        assertThat(rig.tx().tx().send(new Packet[] {head}, 0, 1)).isEqualTo(1);
        Packet[] got = new Packet[4];
        int n = 0;
        for (int spins = 0; spins < 500 && n == 0; spins++) {
            rig.step();
            rig.tx().tx().clean(64);
            n = rig.rx().rx().receive(got, 0, got.length);
        }
        assertThat(n).isEqualTo(1);
        Packet r = got[0];
        assertThat(r.rxChecksum()).isEqualTo(RxChecksum.UNNECESSARY);
        byte[] back = new byte[sum.length];
        int at = 0;
        int segs = 0;
        for (Packet s = r; s != null; s = s.next()) {
            MemorySegment.copy(s.buffer(), ValueLayout.JAVA_BYTE, s.offset(), back, at, s.length());
            at += s.length();
            segs++;
        }
        assertThat(at).isEqualTo(sum.length);
        assertThat(back).isEqualTo(sum);
        assertThat(segs).as("a jumbo frame spans several Rx buffers").isGreaterThan(1);
        rig.pool.free(r);
        assertThatThrownBy(() -> rig.devs[0].setMtu(9217)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MTU 9217 out of range: accepted 128..9216");
    }

    @Test
    void aDeviceThatDoesNotVerifyRxChecksumsRefusesTheOffloadWithTheAcceptedValue() {
        DeviceProfile none = DeviceProfile.ec2Default().toBuilder()
                .offloads(new DeviceProfile.Offloads(DeviceProfile.ec2Default().offloads().tx(), 0, 0)).build();
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1, none);
        assertThat(rig.devs[0].rxChecksumOffload()).isFalse();
        assertThat(roundTrip(udp4())[0]).isEqualTo(RxChecksum.NONE);
        assertThat(rig.devs[0].report().offloads()).containsEntry("rx-checksumming", "off [fixed]");
        assertThatThrownBy(() -> rig.devs[0].setRxChecksumOffload(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accepted: off");
        rig.devs[0].setRxChecksumOffload(false);
    }
}
