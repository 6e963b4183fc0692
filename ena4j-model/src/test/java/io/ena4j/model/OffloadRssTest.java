package io.ena4j.model;

import io.ena4j.model.net.Checksums;
import io.ena4j.model.net.FrameBuilder;
import io.ena4j.model.net.FrameInfo;
import io.ena4j.model.net.FrameParser;
import io.ena4j.model.net.RssHasher;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.TxDesc;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** RSS queue selection and hash reporting, Rx checksum status bits, Tx checksum offload. */
class OffloadRssTest {

    private static final byte[] MAC_A = DataPathTest.MAC_A;
    private static final byte[] MAC_B = DataPathTest.MAC_B;
    private static final int L3_ERR = RxCdescBase.STATUS_L3_CSUM_ERR_MASK;
    private static final int L4_ERR = RxCdescBase.STATUS_L4_CSUM_ERR_MASK;
    private static final int CHECKED = RxCdescBase.STATUS_L4_CSUM_CHECKED_MASK;
    private static final int FRAG = RxCdescBase.STATUS_IPV4_FRAG_MASK;

    private static byte[] ip6(int last) {
        byte[] a = new byte[16];
        a[0] = (byte) 0xFD;
        a[15] = (byte) last;
        return a;
    }

    /** Loops {@code frame} back once and returns the received packet. */
    private static DataHost.Received loop(DataHost dh, DataHost.TxQ tx, DataHost.RxQ rx, byte[] frame) {
        tx.send(tx.tail & 0xFF, frame, 1);
        tx.ring();
        dh.step();
        assertThat(tx.completedReqIds()).hasSize(1);
        DataHost.Received r = rx.packet();
        assertThat(r).isNotNull();
        assertThat(r.data()).isEqualTo(frame);
        rx.fill(1);
        return r;
    }

    @Test
    void rssSpreadsFlowsPerTheIndirectionTableAndReportsTheHash() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            List<DataHost.RxQ> rxs = new ArrayList<>();
            for (int q = 0; q < 4; q++) {
                DataHost.RxQ rx = dh.rx(256, 1 + q, false, 2048);
                rx.fill(255);
                rxs.add(rx);
            }
            // no table set yet: everything to queue 0 (the lowest Rx sq_idx)
            for (int i = 0; i < 8; i++) {
                tx.send(i, FrameBuilder.tcp4(MAC_B, MAC_A, FrameBuilder.ipv4(10, 1, 0, i), FrameBuilder.ipv4(10, 2,
                        0, 1), 5000 + i, 80, 80), 1);
            }
            tx.ring();
            dh.step();
            assertThat(tx.completedReqIds()).hasSize(8);
            assertThat(rxs.getFirst().packets()).hasSize(8);

            byte[] key = new byte[40];
            new Random(42).nextBytes(key);
            dh.setRssFunction(RssHasher.TOEPLITZ, key, 0xFFFF_FFFF);
            int[] order = {2, 0, 3, 1, 1, 2};
            int[] table = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                table[i] = rxs.get(order[i]).sqIdx;
            }
            dh.setRssTable(7, table);
            EnaDeviceModel.RssConfig cfg = dh.model.rssConfig();
            RssHasher expect = new RssHasher();
            expect.configure(cfg.function(), cfg.key(), cfg.initVal(), cfg.selectedFields(), cfg.inputSort());

            int flows = 120;
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < flows; i++) {
                byte[] f = FrameBuilder.tcp4(MAC_B, MAC_A, FrameBuilder.ipv4(10, 1, i / 7, i), FrameBuilder.ipv4(10,
                        2, 0, 1 + i % 5), 1024 + i * 13, 443, 90);
                frames.add(f);
                tx.send(i, f, 1);
            }
            tx.ring();
            dh.step();
            dh.step();
            assertThat(tx.completedReqIds()).hasSize(flows);
            int[] perQueue = new int[4];
            Set<Integer> seen = new HashSet<>();
            for (int q = 0; q < 4; q++) {
                for (DataHost.Received r : rxs.get(q).packets()) {
                    FrameInfo info = new FrameInfo();
                    MemorySegment s = MemorySegment.ofArray(r.data());
                    FrameParser.parse(s, 0, r.data().length, false, info);
                    int hash = expect.hash(s, 0, r.data().length, info);
                    assertThat(r.lastDesc().hash()).as("reported hash").isEqualTo(hash);
                    int entry = table[(hash & 127) % table.length];
                    assertThat(rxs.get(q).sqIdx).as("queue of hash 0x%08x", hash).isEqualTo(entry);
                    perQueue[q]++;
                    seen.add(frames.indexOf(frames.stream().filter(f -> java.util.Arrays.equals(f, r.data()))
                            .findFirst().orElseThrow()));
                }
            }
            assertThat(seen).hasSize(flows);
            assertThat(perQueue).as("every queue gets some flows").doesNotContain(0);
        }
    }

    @Test
    void rxChecksumBitsForGoodAndCorruptedFrames() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) { // rx offloads 0x0F: all verified
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(255);
            byte[] good = DataPathTest.udp(200, 7);
            int st = loop(dh, tx, rx, good).lastDesc().status();
            assertThat(st & RxCdescBase.STATUS_L3_PROTO_IDX_MASK).isEqualTo(8);
            assertThat((st & RxCdescBase.STATUS_L4_PROTO_IDX_MASK) >>> 8).isEqualTo(13);
            assertThat(st & (CHECKED | L3_ERR | L4_ERR | FRAG)).isEqualTo(CHECKED);

            byte[] badL4 = good.clone();
            badL4[100] ^= 0x5A; // payload byte: UDP checksum no longer matches
            st = loop(dh, tx, rx, badL4).lastDesc().status();
            assertThat(st & (CHECKED | L3_ERR | L4_ERR)).isEqualTo(CHECKED | L4_ERR);

            byte[] badL3 = good.clone();
            badL3[14 + 8] ^= 1; // TTL: header checksum no longer matches
            st = loop(dh, tx, rx, badL3).lastDesc().status();
            assertThat(st & L3_ERR).isNotZero();

            byte[] tcp6 = FrameBuilder.tcp6(MAC_B, MAC_A, ip6(1), ip6(2), 1000, 2000, 300);
            st = loop(dh, tx, rx, tcp6).lastDesc().status();
            assertThat(st & RxCdescBase.STATUS_L3_PROTO_IDX_MASK).isEqualTo(11);
            assertThat((st & RxCdescBase.STATUS_L4_PROTO_IDX_MASK) >>> 8).isEqualTo(12);
            assertThat(st & (CHECKED | L3_ERR | L4_ERR)).isEqualTo(CHECKED);

            byte[] frag = new FrameBuilder().macs(MAC_B, MAC_A).ipv4(1, 2).udp(5, 6).ipv4Fragment(true, 0)
                    .frameLength(200).build();
            st = loop(dh, tx, rx, frag).lastDesc().status();
            assertThat(st & (FRAG | CHECKED | L4_ERR)).isEqualTo(FRAG);

            byte[] raw = new FrameBuilder().macs(MAC_B, MAC_A).etherType(0x88B5).frameLength(80).build();
            st = loop(dh, tx, rx, raw).lastDesc().status();
            assertThat(st & (RxCdescBase.STATUS_L3_PROTO_IDX_MASK | RxCdescBase.STATUS_L4_PROTO_IDX_MASK | CHECKED
                    | L3_ERR | L4_ERR)).isZero();
        }
    }

    @Test
    void withoutRxChecksumOffloadNothingIsClaimed() {
        DeviceProfile p = DeviceProfile.ec2Default().toBuilder().offloads(new DeviceProfile.Offloads(0x7F, 0, 0))
                .build();
        try (TestHost th = TestHost.ready(p)) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(255);
            int st = loop(dh, tx, rx, DataPathTest.udp(200, 7)).lastDesc().status();
            assertThat(st & CHECKED).isZero();
            assertThat(st & L4_ERR).isZero();
            assertThat(st & L3_ERR).as("IPv4 header not validated (§6.1)").isNotZero();
        }
    }

    @Test
    void txChecksumOffloadFillsCorrectChecksumsWithMetaAndCachedMeta() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) { // tx offloads 0x7F
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(255);
            byte[] udp = DataPathTest.udp(300, 11);
            byte[] zeroed = udp.clone();
            zeroed[14 + 10] = 0; // IPv4 header checksum
            zeroed[14 + 11] = 0;
            zeroed[34 + 6] = 0; // UDP checksum
            zeroed[34 + 7] = 0;
            int ipv4Udp = 8 | 13 << TxDesc.META_CTRL_L4_PROTO_IDX_SHIFT;
            // full L4 checksum + IPv4 header checksum, meta descriptor stored in the cache
            tx.sendOffload(1, zeroed, true, 20, 14, ipv4Udp | TxDesc.META_CTRL_L3_CSUM_EN_MASK
                    | TxDesc.META_CTRL_L4_CSUM_EN_MASK);
            // partial: the host seeds the pseudo-header sum; no meta descriptor, the device uses its cache
            byte[] seeded = udp.clone();
            FrameInfo info = new FrameInfo();
            MemorySegment s = MemorySegment.ofArray(seeded);
            FrameParser.parse(s, 0, seeded.length, false, info);
            int seed = Checksums.pseudoHeaderSeed(s, 0, seeded.length, info);
            seeded[40] = (byte) (seed >>> 8);
            seeded[41] = (byte) seed;
            tx.sendOffload(2, seeded, false, 0, 0, ipv4Udp | TxDesc.META_CTRL_L4_CSUM_EN_MASK
                    | TxDesc.META_CTRL_L4_CSUM_PARTIAL_MASK);
            // IPv6 / TCP, full
            byte[] tcp6 = FrameBuilder.tcp6(MAC_B, MAC_A, ip6(1), ip6(2), 1000, 2000, 400);
            byte[] tcp6zero = tcp6.clone();
            tcp6zero[54 + 16] = 0;
            tcp6zero[54 + 17] = 0;
            tx.sendOffload(3, tcp6zero, true, 40, 14, 11 | 12 << TxDesc.META_CTRL_L4_PROTO_IDX_SHIFT
                    | TxDesc.META_CTRL_L4_CSUM_EN_MASK);
            tx.ring();
            dh.step();
            assertThat(tx.completedReqIds()).containsExactly(1, 2, 3);
            List<DataHost.Received> got = rx.packets();
            assertThat(got.get(0).data()).isEqualTo(udp);
            assertThat(got.get(1).data()).isEqualTo(udp);
            assertThat(got.get(2).data()).isEqualTo(tcp6);
            for (DataHost.Received r : got) {
                assertThat(r.lastDesc().status() & (CHECKED | L3_ERR | L4_ERR)).isEqualTo(CHECKED);
            }
            assertThat(dh.model.counters().txOffloadsIgnored()).isZero();
        }
    }

    @Test
    void unadvertisedTxOffloadIsIgnoredAndCounted() {
        DeviceProfile p = DeviceProfile.ec2Default().toBuilder().offloads(new DeviceProfile.Offloads(0, 0x0F, 0x0F))
                .build();
        try (TestHost th = TestHost.ready(p)) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(255);
            byte[] zeroed = DataPathTest.udp(300, 11);
            zeroed[40] = 0x12;
            zeroed[41] = 0x34;
            tx.sendOffload(1, zeroed, true, 20, 14, 8 | 13 << 8 | TxDesc.META_CTRL_L4_CSUM_EN_MASK);
            tx.ring();
            dh.step();
            DataHost.Received r = rx.packet();
            assertThat(r.data()).isEqualTo(zeroed);
            assertThat(r.lastDesc().status() & (CHECKED | L4_ERR)).isEqualTo(CHECKED | L4_ERR);
            assertThat(dh.model.counters().txOffloadsIgnored()).isEqualTo(1);
        }
    }
}
