package io.ena4j.model;

import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.Mtu;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/** The reset handshake of management.md §5.3 and the state it drops. */
class ResetTest {

    private static final int IN_PROGRESS = EnaRegs.DEV_STS_RESET_IN_PROGRESS_MASK;

    @Test
    void handshakeAssertsThenDeassertsAndRecordsTheReason() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.w(EnaRegs.DEV_CTL_OFF, EnaRegs.devCtlResetValue(ResetReason.SHUTDOWN.code(), false));
            h.armReadless(); // §5.3 step 5
            assertThat(h.readlessRead(EnaRegs.DEV_STS_OFF) & IN_PROGRESS).isEqualTo(IN_PROGRESS);
            assertThat(h.readlessRead(EnaRegs.DEV_STS_OFF) & EnaRegs.DEV_STS_READY_MASK).isZero();
            assertThat(h.readlessRead(EnaRegs.CAPS_OFF)).as("CAPS readable during reset").isEqualTo(h.model.profile().caps());
            assertThat(h.readlessRead(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
            h.w(EnaRegs.DEV_CTL_OFF, 0);
            assertThat(h.readlessRead(EnaRegs.DEV_STS_OFF)).isEqualTo(EnaRegs.DEV_STS_READY_MASK);
            assertThat(h.model.counters().resets()).isEqualTo(1);
            assertThat(h.model.counters().lastResetReason()).isEqualTo(ResetReason.SHUTDOWN.code());
            assertThat(h.r(EnaRegs.DEV_CTL_OFF)).as("DEV_CTL reads back").isZero();
        }
    }

    @Test
    void extendedReasonsAreDecodedFromBothNibbles() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            int v = EnaRegs.devCtlResetValue(ResetReason.MISS_FIRST_INTERRUPT.code(), true);
            assertThat(v).isEqualTo(0x4100_0001);
            h.w(EnaRegs.DEV_CTL_OFF, v);
            h.w(EnaRegs.DEV_CTL_OFF, 0);
            assertThat(h.model.counters().lastResetReason()).isEqualTo(20);
            h.w(EnaRegs.DEV_CTL_OFF, EnaRegs.devCtlResetValue(20, false));
            h.w(EnaRegs.DEV_CTL_OFF, 0);
            assertThat(h.model.counters().lastResetReason()).isEqualTo(ResetReason.GENERIC.code());
            assertThat(h.model.counters().lastResetDevCtl()).isEqualTo(0xD000_0001);
            assertThat(h.model.counters().resets()).isEqualTo(2);
        }
    }

    @Test
    void resetDropsAdminAenqQueuesReadlessAndFeatureState() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            MemorySegment set = TestHost.setFeature(FeatureId.MTU.code());
            Mtu.mtu(set, FeatureCmd.SET_PAYLOAD, 9001);
            h.exec(set, AdminStatus.SUCCESS.code());
            var cqRing = h.dma.allocate(4096);
            h.exec(TestHost.createCq(4, 256, 1, cqRing.ioAddress()), 0);
            h.aenqDoorbell();
            h.model.statistics().set(DeviceStatistics.Stat.RX_DROPS, 5);
            assertThat(h.model.completionQueues()).hasSize(1);
            assertThat(h.model.aenqLive()).isTrue();
            assertThat(h.model.mtu()).isEqualTo(9001);

            h.w(EnaRegs.DEV_CTL_OFF, 1);
            assertThat(h.model.adminQueueReady()).isFalse();
            assertThat(h.model.completionQueues()).isEmpty();
            assertThat(h.model.aenqLive()).isFalse();
            assertThat(h.model.mtu()).isEqualTo(1500);
            assertThat(h.model.statistics().get(DeviceStatistics.Stat.RX_DROPS)).isZero();
            assertThat(h.r(EnaRegs.MMIO_RESP_LO_OFF)).as("readless address dropped").isZero();
            assertThat(h.r(EnaRegs.AQ_CAPS_OFF)).isZero();
            // no readless response until the driver re-arms the address
            assertThat(h.readlessRead(EnaRegs.DEV_STS_OFF)).isEqualTo(EnaRegs.READ_FAILED);
            h.armReadless();
            assertThat(h.readlessRead(EnaRegs.DEV_STS_OFF)).isEqualTo(IN_PROGRESS);
            h.w(EnaRegs.DEV_CTL_OFF, 0);

            // commands written to the old ring are not processed: the AQ must be set up again
            h.place(TestHost.getFeature(FeatureId.DEVICE_ATTRIBUTES.code()));
            h.ringAq();
            h.step();
            assertThat(h.nextCompletion()).isNull();
            h.setupAdmin(32, 32, 16);
            MemorySegment c = h.exec(TestHost.getFeature(FeatureId.DEVICE_ATTRIBUTES.code()), 0);
            assertThat(DeviceAttributes.maxMtu(c, FeatureCmd.GET_PAYLOAD)).isEqualTo(9216);
        }
    }

    @Test
    void holdResetAssertKeepsResetInProgressLowUntilReleased() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.model.faults().holdResetAssert(true);
            h.w(EnaRegs.DEV_CTL_OFF, 1);
            h.step();
            assertThat(h.r(EnaRegs.DEV_STS_OFF) & IN_PROGRESS).isZero();
            assertThat(h.model.adminQueueReady()).as("nothing dropped").isTrue();
            assertThat(h.model.counters().resetRequestsHeld()).isEqualTo(1);
            assertThat(h.model.counters().resets()).isZero();
            h.model.faults().holdResetAssert(false);
            h.step();
            assertThat(h.r(EnaRegs.DEV_STS_OFF) & IN_PROGRESS).isEqualTo(IN_PROGRESS);
            assertThat(h.model.counters().resets()).isEqualTo(1);
        }
    }

    @Test
    void holdResetDeassertKeepsResetInProgressHighUntilReleased() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.model.faults().holdResetDeassert(true);
            h.w(EnaRegs.DEV_CTL_OFF, 1);
            h.w(EnaRegs.DEV_CTL_OFF, 0);
            h.clock.advance(3_100_000_000L); // the driver's longest reset timeout passes
            assertThat(h.r(EnaRegs.DEV_STS_OFF)).isEqualTo(IN_PROGRESS);
            h.model.faults().holdResetDeassert(false);
            h.step();
            assertThat(h.r(EnaRegs.DEV_STS_OFF)).isEqualTo(EnaRegs.DEV_STS_READY_MASK);
        }
    }

    @Test
    void resetClearsFatalError() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.model.raiseFatalError();
            assertThat(h.r(EnaRegs.DEV_STS_OFF) & EnaRegs.DEV_STS_FATAL_ERROR_MASK).isNotZero();
            h.w(EnaRegs.DEV_CTL_OFF, 1);
            h.w(EnaRegs.DEV_CTL_OFF, 0);
            assertThat(h.r(EnaRegs.DEV_STS_OFF)).isEqualTo(EnaRegs.DEV_STS_READY_MASK);
            assertThat(h.model.fatalError()).isFalse();
        }
    }
}
