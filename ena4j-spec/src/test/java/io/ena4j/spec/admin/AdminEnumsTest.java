package io.ena4j.spec.admin;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Opcodes, statuses, feature ids and stats types (management.md §6.7, §6.8, §7.6, §8.1). */
class AdminEnumsTest {

    @Test
    void opcodesAndSizes() {
        assertThat(AdminOpcode.CREATE_SQ.code()).isEqualTo(1);
        assertThat(AdminOpcode.CREATE_SQ.commandSize()).isEqualTo(36);
        assertThat(AdminOpcode.CREATE_SQ.responseSize()).isEqualTo(24);
        assertThat(AdminOpcode.DESTROY_SQ.code()).isEqualTo(2);
        assertThat(AdminOpcode.CREATE_CQ.code()).isEqualTo(3);
        assertThat(AdminOpcode.CREATE_CQ.commandSize()).isEqualTo(20);
        assertThat(AdminOpcode.DESTROY_CQ.code()).isEqualTo(4);
        assertThat(AdminOpcode.GET_FEATURE.code()).isEqualTo(8);
        assertThat(AdminOpcode.SET_FEATURE.code()).isEqualTo(9);
        assertThat(AdminOpcode.GET_STATS.code()).isEqualTo(11);
        assertThat(AdminOpcode.GET_STATS.commandSize()).isEqualTo(32);
        assertThat(AdminOpcode.GET_STATS.responseSize()).isEqualTo(64);
        assertThat(CreateSqCmd.SIZE).isEqualTo(AdminOpcode.CREATE_SQ.commandSize());
        assertThat(CreateCqCmd.SIZE).isEqualTo(AdminOpcode.CREATE_CQ.commandSize());
        assertThat(DestroySqCmd.SIZE).isEqualTo(AdminOpcode.DESTROY_SQ.commandSize());
        assertThat(DestroyCqCmd.SIZE).isEqualTo(AdminOpcode.DESTROY_CQ.commandSize());
        assertThat(GetStatsCmd.SIZE).isEqualTo(AdminOpcode.GET_STATS.commandSize());
        assertThat(CreateSqResp.SIZE).isEqualTo(AdminOpcode.CREATE_SQ.responseSize());
        assertThat(CreateCqResp.SIZE).isEqualTo(AdminOpcode.CREATE_CQ.responseSize());
        for (int c : new int[] {-1, 0, 5, 6, 7, 10, 12, 255, Integer.MAX_VALUE}) {
            assertThat(AdminOpcode.of(c)).as("%d", c).isNull();
        }
        for (AdminOpcode o : AdminOpcode.values()) {
            assertThat(AdminOpcode.of(o.code())).isSameAs(o);
        }
    }

    @Test
    void statusesAndErrno() {
        int[] expected = {0, -12, -22, -95, -22, -22, -22, -11};
        for (int s = 0; s < expected.length; s++) {
            assertThat(AdminStatus.of(s).code()).isEqualTo(s);
            assertThat(AdminStatus.of(s).errno()).isEqualTo(expected[s]);
            assertThat(AdminStatus.errnoOf(s)).isEqualTo(expected[s]);
        }
        for (int s : new int[] {-1, 8, 9, 200, 255, Integer.MIN_VALUE}) {
            assertThat(AdminStatus.of(s)).isNull();
            assertThat(AdminStatus.errnoOf(s)).isEqualTo(-22);
        }
    }

    @Test
    void featureIdsAreExactlyTheSpecList() {
        Set<Integer> defined = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 14, 18, 20, 26, 27, 28, 29, 30, 31);
        for (int id = -5; id < 300; id++) {
            FeatureId f = FeatureId.of(id);
            assertThat(f != null).as("id %d", id).isEqualTo(defined.contains(id));
            if (f != null) {
                assertThat(f.code()).isEqualTo(id);
                assertThat(f.mask()).isEqualTo(1 << id);
            }
        }
        assertThat(Arrays.stream(FeatureId.values()).map(FeatureId::code).collect(Collectors.toSet()))
                .isEqualTo(defined);
        assertThat(FeatureId.HW_TIMESTAMP.mask()).isEqualTo(0x8000_0000);
        // The vector device profile B advertises 0x04004007 = features 1, 2, 11, 14, 26 (and bit 0).
        int profileB = 67127302;
        assertThat(FeatureId.MAX_QUEUES_NUM.isSupported(profileB)).isTrue();
        assertThat(FeatureId.STATELESS_OFFLOAD_CONFIG.isSupported(profileB)).isTrue();
        assertThat(FeatureId.AENQ_CONFIG.isSupported(profileB)).isTrue();
        assertThat(FeatureId.LLQ.isSupported(profileB)).isFalse();
        assertThat(FeatureId.MAX_QUEUES_EXT.isSupported(profileB)).isFalse();
    }

    @Test
    void statsTypes() {
        assertThat(StatsType.BASIC.code()).isZero();
        assertThat(StatsType.EXTENDED.code()).isEqualTo(1);
        assertThat(StatsType.ENI.code()).isEqualTo(2);
        assertThat(StatsType.ENA_SRD.code()).isEqualTo(3);
        assertThat(StatsType.CUSTOMER_METRICS.code()).isEqualTo(4);
        assertThat(StatsType.of(5)).isNull();
        assertThat(StatsType.of(-1)).isNull();
    }

    @Test
    void smallHelpers() {
        assertThat(LlqFeature.EntrySize.bytes(LlqFeature.EntrySize.SIZE_128)).isEqualTo(128);
        assertThat(LlqFeature.EntrySize.bytes(LlqFeature.EntrySize.SIZE_192)).isEqualTo(192);
        assertThat(LlqFeature.EntrySize.bytes(LlqFeature.EntrySize.SIZE_256)).isEqualTo(256);
        assertThat(LlqFeature.EntrySize.bytes(3)).isZero();
        assertThat(RssHashFunction.funcMask(RssHashFunction.TOEPLITZ)).isEqualTo(0x2);
        assertThat(RssHashFunction.funcMask(RssHashFunction.CRC32)).isEqualTo(0x4);
        assertThat(RssHashFunction.funcMask(8)).isZero();
        assertThat(RssHashFunction.lowestFunc(0x6)).isEqualTo(1);
        assertThat(RssHashFunction.lowestFunc(0x100)).isEqualTo(-1);
        assertThat(RssIndirectionEntry.offset(127)).isEqualTo(508);
        assertThat(CustomerMetrics.valueOffset(0x3F, 0)).isZero();
        assertThat(CustomerMetrics.valueOffset(0x3F, 5)).isEqualTo(40);
        assertThat(CustomerMetrics.valueOffset(0x2A, 5)).isEqualTo(16);
        assertThat(CustomerMetrics.valueOffset(0x2A, 2)).isEqualTo(-1);
        assertThat(CustomerMetrics.valueOffset(0x3F, 64)).isEqualTo(-1);
        assertThat(CustomerMetrics.valueBytes(0x3F)).isEqualTo(48);
        assertThat(MemAddr.fits(0xFFFF_FFFF_FFFFL, 48)).isTrue();
        assertThat(MemAddr.fits(0x1_0000_0000_0000L, 48)).isFalse();
        assertThat(MemAddr.fits(0x1_0000_0000L, 32)).isFalse();
        assertThat(MemAddr.fits(-1L, 64)).isTrue();
        assertThat(HostInfo.driverVersionValue(2, 17, 0, 'g')).isEqualTo(0x67001102);
        assertThat(HostInfo.FEAT_RX_OFFSET | HostInfo.FEAT_INTERRUPT_MODERATION | HostInfo.FEAT_RX_BUF_MIRRORING
                | HostInfo.FEAT_RSS_CONFIGURABLE_FUNCTION_KEY | HostInfo.FEAT_RX_PAGE_REUSE
                | HostInfo.FEAT_TX_IPV6_CSUM_OFFLOAD | HostInfo.FEAT_PHC | HostInfo.FEAT_DEBUG_AREA_EXT)
                .isEqualTo(HostInfo.LINUX_DRIVER_SUPPORTED_FEATURES);
    }
}
