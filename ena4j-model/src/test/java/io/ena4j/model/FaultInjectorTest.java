package io.ena4j.model;

import io.ena4j.spec.admin.AcqEntry;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.Mtu;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ReadlessResponse;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@link FaultInjector} hook (the reset-hold hooks are in {@link ResetTest}, keep-alive in {@link AenqTest}). */
class FaultInjectorTest {

    private static final int DEV_ATTR = FeatureId.DEVICE_ATTRIBUTES.code();

    @Test
    void withheldCompletionsAreConsumedButNeverWritten() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.model.faults().withholdNextCompletions(2);
            MemorySegment mtu = TestHost.setFeature(FeatureId.MTU.code());
            Mtu.mtu(mtu, FeatureCmd.SET_PAYLOAD, 9000);
            assertThat(h.exec(mtu)).isNull();
            assertThat(h.model.mtu()).as("executed, only the completion is lost").isEqualTo(9000);
            assertThat(h.exec(TestHost.getFeature(DEV_ATTR))).isNull();
            h.clock.advance(3_000_000_000L);
            assertThat(h.nextCompletion()).isNull();
            MemorySegment c = h.exec(TestHost.getFeature(DEV_ATTR));
            assertThat(c).isNotNull();
            assertThat(AcqEntry.commandId(c, 0)).as("the third command's completion lands in ACQ slot 0").isEqualTo(2);
            assertThat(h.model.counters().adminCompletionsWithheld()).isEqualTo(2);
            assertThat(h.model.counters().adminCommands()).isEqualTo(3);
        }
    }

    @Test
    void withheldOpcode() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.model.faults().withholdOpcode(AdminOpcode.GET_STATS.code(), true);
            assertThat(h.exec(TestHost.getStats(0))).isNull();
            assertThat(h.exec(TestHost.getFeature(DEV_ATTR))).isNotNull();
            assertThat(h.exec(TestHost.getStats(0))).isNull();
            h.model.faults().withholdOpcode(AdminOpcode.GET_STATS.code(), false);
            assertThat(h.exec(TestHost.getStats(0))).isNotNull();
        }
    }

    @Test
    void corruptedCommandId() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.model.faults().corruptNextCommandId(32, 1);
            MemorySegment c = h.exec(TestHost.getFeature(DEV_ATTR));
            assertThat(AcqEntry.commandId(c, 0)).as("id >= depth").isEqualTo(32);
            h.model.faults().corruptNextCommandId(1, 1);
            c = h.exec(TestHost.getFeature(DEV_ATTR));
            assertThat(AcqEntry.commandId(c, 0)).isEqualTo(2);
            c = h.exec(TestHost.getFeature(DEV_ATTR));
            assertThat(AcqEntry.commandId(c, 0)).isEqualTo(2);
        }
    }

    @Test
    void forcedStatusSkipsExecution() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.model.faults().forceNextStatus(8, 1);
            MemorySegment mtu = TestHost.setFeature(FeatureId.MTU.code());
            Mtu.mtu(mtu, FeatureCmd.SET_PAYLOAD, 9000);
            MemorySegment c = h.exec(mtu);
            assertThat(AcqEntry.status(c, 0)).isEqualTo(8);
            assertThat(h.model.mtu()).isEqualTo(1500);
            h.model.faults().forceNextStatus(AdminStatus.RESOURCE_BUSY.code(), 2);
            c = h.exec(TestHost.getFeature(DEV_ATTR));
            assertThat(AcqEntry.status(c, 0)).isEqualTo(7);
            assertThat(c.asSlice(8).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).containsOnly(0);
            h.exec(TestHost.getFeature(DEV_ATTR), 7);
            h.exec(TestHost.getFeature(DEV_ATTR), 0);
            assertThat(h.model.counters().adminCompletions(7)).isEqualTo(2);
            assertThat(h.model.counters().adminCompletions(8)).isEqualTo(1);
        }
    }

    @Test
    void suppressedAdminInterrupt() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.interruptMode();
            h.model.faults().suppressNextAdminInterrupts(1);
            assertThat(h.exec(TestHost.getFeature(DEV_ATTR))).isNotNull();
            assertThat(h.irqCount(0)).isZero();
            assertThat(h.exec(TestHost.getFeature(DEV_ATTR))).isNotNull();
            assertThat(h.irqCount(0)).isEqualTo(1);
            assertThat(h.model.counters().adminInterruptsSuppressed()).isEqualTo(1);
        }
    }

    @Test
    void droppedAndMisaddressedReadlessResponses() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.model.faults().dropReadlessResponses(true);
            assertThat(h.readlessRead(EnaRegs.VERSION_OFF)).isEqualTo(-1);
            assertThat(ReadlessResponse.reqId(h.readlessBuf.segment(), 0))
                    .isEqualTo(ReadlessResponse.staleReqId(h.readSeq));
            assertThat(h.model.counters().readlessDropped()).isEqualTo(1);
            h.model.faults().dropReadlessResponses(false);
            h.model.faults().readlessWrongRegOff(4);
            assertThat(h.readlessRead(EnaRegs.VERSION_OFF)).isEqualTo(-1);
            assertThat(ReadlessResponse.regOff(h.readlessBuf.segment(), 0)).isEqualTo(EnaRegs.VERSION_OFF + 4);
            assertThat(ReadlessResponse.reqId(h.readlessBuf.segment(), 0)).isEqualTo(h.readSeq);
            h.model.faults().clear();
            assertThat(h.readlessRead(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
        }
    }
}
