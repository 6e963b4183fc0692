package io.ena4j.spec.eth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Protocol indices and queue policies (datapath.md §7.1, §7.2, §7.5). */
class EthEnumsTest {

    @Test
    void l3ProtoCodes() {
        assertThat(L3Proto.of(0)).isEqualTo(L3Proto.UNKNOWN);
        assertThat(L3Proto.of(8)).isEqualTo(L3Proto.IPV4);
        assertThat(L3Proto.of(11)).isEqualTo(L3Proto.IPV6);
        assertThat(L3Proto.of(21)).isEqualTo(L3Proto.FCOE);
        assertThat(L3Proto.of(22)).isEqualTo(L3Proto.ROCE);
        for (int c : new int[] {-1, 1, 7, 9, 12, 13, 23, 31, 32, 1 << 20, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThat(L3Proto.of(c)).as("code %d", c).isNull();
        }
        for (L3Proto p : L3Proto.values()) {
            assertThat(L3Proto.of(p.code())).isSameAs(p);
        }
        assertThat(L3Proto.IPV4.txEncodable()).isTrue();
        assertThat(L3Proto.IPV6.txEncodable()).isTrue();
        assertThat(L3Proto.FCOE.txEncodable()).isFalse();
        assertThat(L3Proto.ROCE.txEncodable()).isFalse();
    }

    @Test
    void l4ProtoCodes() {
        assertThat(L4Proto.of(0)).isEqualTo(L4Proto.UNKNOWN);
        assertThat(L4Proto.of(12)).isEqualTo(L4Proto.TCP);
        assertThat(L4Proto.of(13)).isEqualTo(L4Proto.UDP);
        assertThat(L4Proto.of(23)).isEqualTo(L4Proto.ROUTEABLE_ROCE);
        for (int c : new int[] {-1, 1, 8, 11, 14, 22, 31, 32, Integer.MAX_VALUE}) {
            assertThat(L4Proto.of(c)).as("code %d", c).isNull();
        }
        assertThat(L4Proto.TCP.isTcpOrUdp()).isTrue();
        assertThat(L4Proto.UDP.isTcpOrUdp()).isTrue();
        assertThat(L4Proto.ROUTEABLE_ROCE.isTcpOrUdp()).isFalse();
    }

    @Test
    void policiesAndDirection() {
        assertThat(PlacementPolicy.of(1)).isEqualTo(PlacementPolicy.HOST);
        assertThat(PlacementPolicy.of(3)).isEqualTo(PlacementPolicy.DEV);
        assertThat(PlacementPolicy.of(2)).isNull();
        assertThat(PlacementPolicy.of(0)).isNull();
        for (int c = 0; c < 4; c++) {
            assertThat(CompletionPolicy.of(c).code()).isEqualTo(c);
        }
        assertThat(CompletionPolicy.DESC.code()).isZero();
        assertThat(CompletionPolicy.HEAD.code()).isEqualTo(3);
        assertThat(CompletionPolicy.of(4)).isNull();
        assertThat(CompletionPolicy.of(-1)).isNull();
        assertThat(SqDirection.of(1)).isEqualTo(SqDirection.TX);
        assertThat(SqDirection.of(2)).isEqualTo(SqDirection.RX);
        assertThat(SqDirection.of(3)).isNull();
    }

    @Test
    void txCompletionStatus() {
        assertThat(TxCompletionStatus.OK).isZero();
        assertThat(TxCompletionStatus.isOk(0)).isTrue();
        assertThat(TxCompletionStatus.isOk(0x100)).isTrue(); // only the status byte counts
        assertThat(TxCompletionStatus.isOk(1)).isFalse();
    }
}
