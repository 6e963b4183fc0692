package io.ena4j.model;

import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.BasicStats;
import io.ena4j.spec.admin.CustomerMetrics;
import io.ena4j.spec.admin.EnaSrdStats;
import io.ena4j.spec.admin.EniStats;
import io.ena4j.spec.admin.GetStatsCmd;
import io.ena4j.spec.admin.StatsType;
import io.ena4j.spec.Le;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static io.ena4j.model.DeviceStatistics.Stat;
import static org.assertj.core.api.Assertions.assertThat;

/** GET_STATS (management.md §7.6). */
class StatsTest {

    private static final int OK = AdminStatus.SUCCESS.code();

    @Test
    void basicStatsStartAtZeroAndReportTheCounters() {
        try (TestHost h = TestHost.ready(DeviceProfile.minimal())) {
            MemorySegment c = h.exec(TestHost.getStats(StatsType.BASIC.code()), OK);
            assertThat(BasicStats.txBytes(c, 0)).isZero();
            h.model.statistics().set(Stat.TX_BYTES, 4_600_387_192L);
            h.model.statistics().add(Stat.RX_DROPS, 7);
            c = h.exec(TestHost.getStats(StatsType.BASIC.code()), OK);
            assertThat(BasicStats.txBytes(c, 0)).isEqualTo(4_600_387_192L);
            assertThat(BasicStats.rxDrops(c, 0)).isEqualTo(7);
        }
    }

    @Test
    void eniSrdAndCustomerMetricsNeedTheirCapabilities() {
        try (TestHost h = TestHost.ready(DeviceProfile.minimal())) {
            for (StatsType t : new StatsType[] {StatsType.ENI, StatsType.ENA_SRD, StatsType.CUSTOMER_METRICS,
                StatsType.EXTENDED}) {
                h.exec(TestHost.getStats(t.code()), AdminStatus.UNSUPPORTED_OPCODE.code());
            }
            h.exec(TestHost.getStats(9), AdminStatus.ILLEGAL_PARAMETER.code());
        }
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.model.statistics().set(Stat.PPS_ALLOWANCE_EXCEEDED, 33);
            h.model.statistics().set(Stat.SRD_FLAGS, 3);
            h.model.statistics().set(Stat.SRD_RESOURCE_UTILIZATION, 42);
            MemorySegment c = h.exec(TestHost.getStats(StatsType.ENI.code()), OK);
            assertThat(EniStats.ppsAllowanceExceeded(c, 0)).isEqualTo(33);
            c = h.exec(TestHost.getStats(StatsType.ENA_SRD.code()), OK);
            assertThat(EnaSrdStats.flags(c, 0)).isEqualTo(3);
            assertThat(EnaSrdStats.enaSrdResourceUtilization(c, 0)).isEqualTo(42);
        }
    }

    @Test
    void customerMetricsSupportQueryAndValues() {
        DeviceProfile p = DeviceProfile.ec2Default().toBuilder().customerMetricsSupported(0x2D).build();
        try (TestHost h = TestHost.ready(p)) {
            MemorySegment q = TestHost.getStats(StatsType.CUSTOMER_METRICS.code());
            GetStatsCmd.requestedMetrics(q, 0, CustomerMetrics.ALL_METRICS);
            MemorySegment c = h.exec(q, OK);
            assertThat(CustomerMetrics.reportedMetrics(c, 0)).isEqualTo(0x2D);

            for (int id = 0; id < 6; id++) {
                h.model.statistics().set(Stat.customerMetric(id), 1000 + id);
            }
            DmaBuffer buf = h.dma.allocate(512);
            MemorySegment v = TestHost.withBuffer(TestHost.getStats(StatsType.CUSTOMER_METRICS.code()), buf, 512);
            GetStatsCmd.requestedMetrics(v, 0, 0x2D); // ids 0, 2, 3, 5
            h.exec(v, OK);
            assertThat(Le.u64(buf.segment(), 0)).isEqualTo(1000);
            assertThat(Le.u64(buf.segment(), 8)).isEqualTo(1002);
            assertThat(Le.u64(buf.segment(), 16)).isEqualTo(1003);
            assertThat(Le.u64(buf.segment(), 24)).isEqualTo(1005);
            assertThat(Le.u64(buf.segment(), 32)).isZero();
            MemorySegment small = TestHost.withBuffer(TestHost.getStats(StatsType.CUSTOMER_METRICS.code()), buf, 16);
            GetStatsCmd.requestedMetrics(small, 0, 0x2D);
            h.exec(small, AdminStatus.MALFORMED_REQUEST.code());
        }
    }

    @Test
    void deviceIdMustBeOwnFunction() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            MemorySegment c = TestHost.getStats(StatsType.BASIC.code());
            GetStatsCmd.deviceId(c, 0, GetStatsCmd.DEVICE_ID_SELF);
            h.exec(c, OK);
            GetStatsCmd.deviceId(c, 0, 3);
            h.exec(c, AdminStatus.ILLEGAL_PARAMETER.code());
        }
    }
}
