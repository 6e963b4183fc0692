package io.ena4j.driver.com;

import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.RssHashFunction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Value types of the command layer: defaults, derived values and range checks. */
class AdminTypesTest {

    @Test
    void rssDefaultsFollowTheSpec() {
        assertThat(RssConfig.defaultIndirectionTable(3, new int[] {17, 19, 21}))
                .containsExactly(17, 19, 21, 17, 19, 21, 17, 19);
        int[] expected = {0x3C, 0x3C, 0x3C, 0x3C, 0x0C, 0x0C, 0x0C, 0x03, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                0x11};
        for (int p = 0; p < 16; p++) {
            assertThat(RssConfig.defaultHashFields(p, 0x11)).as("proto %d", p).isEqualTo(expected[p]);
        }
        RssConfig linux = RssConfig.linuxDefaults(1, new int[] {5});
        assertThat(linux.initVal()).isEqualTo(0xFFFFFFFF);
        assertThat(linux.hashFunction()).isEqualTo(RssHashFunction.TOEPLITZ);
        assertThat(linux.key()).isNull();
        assertThat(linux.indirectionTable()).containsExactly(5, 5);
    }

    @Test
    void rssConfigRefusesBadParts() {
        assertThatThrownBy(() -> new RssConfig(3, null, 0, null, null)).hasMessageContaining("hash function 3");
        assertThatThrownBy(() -> new RssConfig(1, new byte[36], 0, null, null)).hasMessageContaining("key length 36");
        assertThatThrownBy(() -> new RssConfig(1, null, 0, new int[3], null)).hasMessageContaining("length 3");
        assertThatThrownBy(() -> new RssConfig(1, null, 0, new int[] {70000}, null)).hasMessageContaining("70000");
        assertThatThrownBy(() -> new RssConfig(1, null, 0, null, new int[15])).hasMessageContaining("length 15");
        assertThatThrownBy(() -> RssConfig.defaultIndirectionTable(17, new int[] {1})).hasMessageContaining("0..16");
        assertThatThrownBy(() -> RssConfig.defaultIndirectionTable(2, new int[0])).hasMessageContaining("at least one");
    }

    @Test
    void recordsDefendTheirArrays() {
        byte[] key = new byte[40];
        RssConfig c = new RssConfig(1, key, 0, null, null);
        key[0] = 9;
        assertThat(c.key()[0]).isZero();
        byte[] mac = {2, 0, 0, 0, 0, 1};
        DeviceAttributesInfo a = new DeviceAttributesInfo(0, 0, 0, 0, 48, 48, mac, 0, 9000);
        mac[0] = 1;
        assertThat(a.macHex()).isEqualTo("020000000001");
        assertThat(a.macIsValidUnicast()).isTrue();
        assertThat(new DeviceAttributesInfo(0, 0, 0, 0, 0, 0, new byte[6], 0, 0).macIsValidUnicast()).isFalse();
        assertThat(new DeviceAttributesInfo(0, 0, 0, 1 << 3, 0, 0, new byte[] {1, 0, 0, 0, 0, 0}, 0, 0)
                .macIsValidUnicast()).as("group address").isFalse();
        assertThat(a.hasCapability(DeviceAttributes.CAP_EXTENDED_RESET_REASONS)).isFalse();
    }

    @Test
    void maxQueuesDerivedLimits() {
        MaxQueuesInfo q = new MaxQueuesInfo(true, 32, 32, 8, 16, 5000, 4096, 70000, 1L << 32, 300, 32, 19, 0, 0);
        assertThat(q.maxRxQueues()).isEqualTo(8);
        assertThat(q.maxRxRingSize()).as("clamped to the u16 depth field").isEqualTo(32768);
        assertThat(q.maxTxRingSizeHost()).isEqualTo(4096);
        assertThat(q.txMaxHeaderSize()).isEqualTo(256);
        assertThat(q.maxTxSgEntries()).isEqualTo(19);
        assertThat(q.validate(false)).isNull();
        assertThat(MaxQueuesInfo.roundDown(0)).isZero();
        assertThat(MaxQueuesInfo.roundDown(257)).isEqualTo(256);
        MaxQueuesInfo noTx = new MaxQueuesInfo(true, 0, 1, 1, 1, 0, 256, 256, 256, 0, 1, 1, 0, 0);
        assertThat(noTx.validate(true)).isNull();
        assertThat(noTx.validate(false)).contains("max_tx_sq_num = 0");
    }

    @Test
    void customerMetricsShape() {
        assertThatThrownBy(() -> new CustomerMetricsInfo(0x40, new long[6])).hasMessageContaining("undefined ids");
        assertThatThrownBy(() -> new CustomerMetricsInfo(1, new long[5])).hasMessageContaining("6 slots");
        CustomerMetricsInfo m = new CustomerMetricsInfo(0b100, new long[] {1, 2, 3, 4, 5, 6});
        assertThat(m.value(2)).isEqualTo(3);
        assertThat(m.value(0)).as("absent id").isZero();
        assertThat(m.has(6)).isFalse();
    }

    @Test
    void flowSteeringRuleRanges() {
        byte[] ip = new byte[16];
        assertThatThrownBy(() -> new FlowSteeringRuleInfo(7, 0, ip, ip, ip, ip, 0, 0, 0, 0, 0, 0))
                .hasMessageContaining("flow type 7");
        assertThatThrownBy(() -> new FlowSteeringRuleInfo(1, 0, new byte[4], ip, ip, ip, 0, 0, 0, 0, 0, 0))
                .hasMessageContaining("dst_ip length 4");
        assertThatThrownBy(() -> new FlowSteeringRuleInfo(1, 0, ip, ip, ip, ip, 65536, 0, 0, 0, 0, 0))
                .hasMessageContaining("dst_port 65536");
        assertThatThrownBy(() -> new FlowSteeringRuleInfo(1, 0, ip, ip, ip, ip, 0, 0, 0, 0, 256, 0))
                .hasMessageContaining("tos 256");
    }
}
