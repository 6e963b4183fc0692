package io.ena4j.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.spec.eth.L3Proto;
import io.ena4j.spec.eth.L4Proto;
import org.junit.jupiter.api.Test;

/** {@link RxChecksum} against the rules of datapath.md §6.3, over every combination of the completion bits. */
class RxChecksumTest {

    private static final int V4 = L3Proto.IPV4.code();
    private static final int V6 = L3Proto.IPV6.code();
    private static final int TCP = L4Proto.TCP.code();
    private static final int UDP = L4Proto.UDP.code();

    /** The §6.3 rules written out independently, one numbered rule per line. */
    private static int expected(boolean offload, int l3, int l4, boolean frag, boolean l3Err, boolean l4Err,
                                boolean l4Checked) {
        if (!offload) {
            return RxChecksum.NONE;                       // rule 1
        }
        if (frag) {
            return RxChecksum.NONE;                       // rule 2
        }
        if (l3 == V4 && l3Err) {
            return RxChecksum.BAD;                        // rule 3
        }
        if (l4 == TCP || l4 == UDP) {                     // rule 4
            if (l4Err) {
                return RxChecksum.BAD;
            }
            return l4Checked ? RxChecksum.UNNECESSARY : RxChecksum.UNCHECKED;
        }
        return RxChecksum.NONE;                           // rule 5
    }

    @Test
    void everyCombinationOfTheCompletionBitsFollowsTheRules() {
        int[] l3s = {0, V4, V6, 21, 22};
        int[] l4s = {0, TCP, UDP, 23};
        int seen = 0;
        for (int bits = 0; bits < 32; bits++) {
            boolean offload = (bits & 1) != 0;
            boolean frag = (bits & 2) != 0;
            boolean l3Err = (bits & 4) != 0;
            boolean l4Err = (bits & 8) != 0;
            boolean l4Checked = (bits & 16) != 0;
            for (int l3 : l3s) {
                for (int l4 : l4s) {
                    assertThat(RxChecksum.classify(offload, l3, l4, frag, l3Err, l4Err, l4Checked))
                            .as("offload=%s l3=%d l4=%d frag=%s l3Err=%s l4Err=%s checked=%s", offload, l3, l4,
                                    frag, l3Err, l4Err, l4Checked)
                            .isEqualTo(expected(offload, l3, l4, frag, l3Err, l4Err, l4Checked));
                    seen++;
                }
            }
        }
        assertThat(seen).isEqualTo(32 * 5 * 4);
    }

    @Test
    void theL4ErrorBitWinsOverTheCheckedBitAndAnIpv6HeaderHasNoChecksum() {
        assertThat(RxChecksum.classify(true, V4, TCP, false, false, true, true)).isEqualTo(RxChecksum.BAD);
        assertThat(RxChecksum.classify(true, V4, UDP, false, false, true, false)).isEqualTo(RxChecksum.BAD);
        // l3_csum_err only means something for IPv4.
        assertThat(RxChecksum.classify(true, V6, UDP, false, true, false, true)).isEqualTo(RxChecksum.UNNECESSARY);
        assertThat(RxChecksum.classify(true, V4, 0, false, false, false, false)).isEqualTo(RxChecksum.NONE);
    }

    @Test
    void theHashIsAnL4HashOnlyForTcpAndUdpThatAreNotFragments() {
        assertThat(RxChecksum.hashType(TCP, false)).isEqualTo(RxChecksum.HASH_L4);
        assertThat(RxChecksum.hashType(UDP, false)).isEqualTo(RxChecksum.HASH_L4);
        assertThat(RxChecksum.hashType(UDP, true)).isEqualTo(RxChecksum.HASH_NONE);
        assertThat(RxChecksum.hashType(0, false)).isEqualTo(RxChecksum.HASH_NONE);
        assertThat(RxChecksum.hashType(23, false)).isEqualTo(RxChecksum.HASH_NONE);
    }
}
