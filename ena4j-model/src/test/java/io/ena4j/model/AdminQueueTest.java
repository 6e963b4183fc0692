package io.ena4j.model;

import io.ena4j.spec.admin.AcqEntry;
import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.AqEntry;
import io.ena4j.spec.admin.CreateCqResp;
import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.regs.EnaRegs;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/** AQ/ACQ mechanics: configuration, doorbell, phase protocol, interrupts (management.md §6). */
class AdminQueueTest {

    private static final int DEV_ATTR = FeatureId.DEVICE_ATTRIBUTES.code();

    @Test
    void completionEchoesCommandIdAndReportsAqHead() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            MemorySegment c = h.exec(TestHost.getFeature(DEV_ATTR), 0);
            assertThat(AcqEntry.commandId(c, 0)).isZero();
            assertThat(AcqEntry.phase(c, 0)).isEqualTo(1);
            assertThat(AcqEntry.extendedStatus(c, 0)).isZero();
            assertThat(AcqEntry.sqHeadIndx(c, 0)).isEqualTo(1);
            c = h.exec(TestHost.getFeature(DEV_ATTR), 0);
            assertThat(AcqEntry.commandId(c, 0)).isEqualTo(1);
            assertThat(AcqEntry.sqHeadIndx(c, 0)).isEqualTo(2);
            assertThat(h.model.counters().adminCommands()).isEqualTo(2);
            assertThat(h.model.counters().adminCompletions(0)).isEqualTo(2);
        }
    }

    @Test
    void acqPhaseFlipsAfterThirtyTwoCompletions() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            // the AQ holds 32 entries: submit 40 commands in two batches as a driver would
            for (int i = 0; i < 32; i++) {
                h.place(TestHost.getFeature(DEV_ATTR));
            }
            h.ringAq();
            h.step();
            for (int i = 0; i < 32; i++) {
                MemorySegment c = h.nextCompletion();
                assertThat(c).isNotNull();
                assertThat(AcqEntry.phase(c, 0)).isEqualTo(1);
                assertThat(AcqEntry.commandId(c, 0)).isEqualTo(i);
            }
            for (int i = 0; i < 8; i++) {
                h.place(TestHost.getFeature(DEV_ATTR));
            }
            h.ringAq();
            h.step();
            MemorySegment first = h.nextCompletion();
            assertThat(first).isNotNull();
            assertThat(AcqEntry.phase(first, 0)).as("33rd completion carries phase 0 (§6.9)").isZero();
            assertThat(AcqEntry.commandId(first, 0)).isZero();
            assertThat(AcqEntry.sqHeadIndx(first, 0)).isEqualTo(33);
            for (int i = 1; i < 8; i++) {
                assertThat(h.nextCompletion()).isNotNull();
            }
            assertThat(h.nextCompletion()).isNull();
            // slot 8 of the ring still holds the first pass's phase-1 entry
            assertThat(AcqEntry.phase(h.acq.segment(), 8 * 64)).isEqualTo(1);
        }
    }

    @Test
    void doorbellIsAuthoritativeAndNothingHappensWithoutIt() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.place(TestHost.getFeature(DEV_ATTR));
            h.step();
            assertThat(h.nextCompletion()).isNull();
            h.ringAq();
            h.step();
            assertThat(h.nextCompletion()).isNotNull();
            // a command whose AQ phase bit is "wrong" is still processed: only the doorbell counts (§6.3)
            MemorySegment cmd = TestHost.getFeature(DEV_ATTR);
            h.place(cmd);
            AqEntry.phase(h.aq.segment(), 64, 0);
            h.ringAq();
            h.step();
            assertThat(h.nextCompletion()).isNotNull();
        }
    }

    @Test
    void doorbellClaimingMoreThanDepthIsCountedAndBounded() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            for (int i = 0; i < 32; i++) {
                h.place(TestHost.getFeature(DEV_ATTR));
            }
            h.w(EnaRegs.AQ_DB_OFF, 40);
            h.step();
            assertThat(h.model.counters().aqDoorbellErrors()).isEqualTo(1);
            assertThat(h.model.counters().adminCommands()).isEqualTo(32);
            h.step();
            assertThat(h.model.counters().adminCommands()).as("head resynchronised to the doorbell").isEqualTo(32);
        }
    }

    @Test
    void badAqConfigurationKeepsTheQueueOff() {
        try (TestHost h = new TestHost(DeviceProfile.ec2Default())) {
            h.setupReadless();
            h.setupAdmin(32, 32, 16);
            h.w(EnaRegs.AQ_CAPS_OFF, EnaRegs.queueCaps(48, 64));
            assertThat(h.model.counters().adminConfigErrors()).isEqualTo(1);
            assertThat(h.model.counters().lastAdminConfigError()).contains("AQ_CAPS depth 48");
            h.place(TestHost.getFeature(DEV_ATTR));
            h.ringAq();
            h.step();
            assertThat(h.nextCompletion()).isNull();
            h.w(EnaRegs.ACQ_CAPS_OFF, EnaRegs.queueCaps(32, 32));
            assertThat(h.model.counters().lastAdminConfigError()).contains("ACQ_CAPS entry size 32");
            h.w(EnaRegs.AENQ_CAPS_OFF, EnaRegs.queueCaps(12, 64));
            assertThat(h.model.counters().aenqConfigErrors()).isEqualTo(1);
            assertThat(h.model.adminQueueReady()).isFalse();
        }
    }

    @Test
    void undefinedOpcodesAnswerBadOpcode() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            for (int op : new int[] {0, 5, 6, 7, 10, 12, 0xFF}) {
                MemorySegment c = h.exec(TestHost.newCommand(op));
                assertThat(TestHost.status(c)).as("opcode %d", op).isEqualTo(AdminStatus.BAD_OPCODE.code());
            }
        }
    }

    @Test
    void staleBytesBeyondTheCommandLengthAreIgnored() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            // fill every AQ slot with garbage, then place 20-byte CREATE_CQ commands over it
            h.aq.segment().fill((byte) 0xAB);
            var ring = h.dma.allocate(16 * 256);
            MemorySegment c = h.exec(TestHost.createCq(4, 256, 1, ring.ioAddress()), 0);
            assertThat(CreateCqResp.cqIdx(c, 0)).isZero();
            assertThat(h.model.completionQueues().getFirst().ringIoAddress()).isEqualTo(ring.ioAddress());
        }
    }

    @Test
    void controlBufferFlagsDoNotMatterOnlyTheLength() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            var buf = h.dma.allocate(4096);
            for (int flags : new int[] {0, 0x2, 0x4, 0x6}) {
                buf.segment().fill((byte) 0);
                MemorySegment cmd = TestHost.getFeature(FeatureId.RSS_HASH_FUNCTION.code());
                AqEntry.ctrlBufferLength(cmd, 0, 48);
                AqEntry.ctrlBufferAddress(cmd, 0, buf.ioAddress());
                AqEntry.flags(cmd, 0, flags);
                h.exec(cmd, 0);
                assertThat(buf.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 8)).as("flags %d", flags)
                        .isEqualTo((byte) 0xA0);
            }
        }
    }

    @Test
    void vectorZeroIsRaisedPerCompletionOnlyWhenIntrMaskIsClear() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.interruptMode();
            h.w(EnaRegs.INTR_MASK_OFF, 1);
            h.exec(TestHost.getFeature(DEV_ATTR), 0);
            assertThat(h.irqCount(0)).as("polling mode").isZero();
            h.w(EnaRegs.INTR_MASK_OFF, 0);
            h.place(TestHost.getFeature(DEV_ATTR));
            h.place(TestHost.getFeature(DEV_ATTR));
            h.ringAq();
            h.step();
            assertThat(h.irqCount(0)).isEqualTo(2);
            assertThat(h.model.counters().interrupts(0)).isEqualTo(2);
            MemorySegment c = h.nextCompletion();
            assertThat(DeviceAttributes.maxMtu(h.nextCompletion(), FeatureCmd.GET_PAYLOAD)).isEqualTo(9216);
            assertThat(c).isNotNull();
        }
    }

    @Test
    void aenqInterruptsAreNotGatedByIntrMask() {
        try (TestHost h = TestHost.ready(DeviceProfile.ec2Default())) {
            h.interruptMode();
            h.w(EnaRegs.INTR_MASK_OFF, 1); // admin polling mode, as the DPDK driver runs
            MemorySegment set = TestHost.setFeature(FeatureId.AENQ_CONFIG.code());
            io.ena4j.spec.admin.AenqConfig.enabledGroups(set, FeatureCmd.SET_PAYLOAD, 0x1F);
            h.exec(set, 0);
            assertThat(h.irqCount(0)).isZero();
            h.aenqDoorbell();
            h.step();
            assertThat(h.aenqPoll()).hasSize(1);
            assertThat(h.irqCount(0)).isEqualTo(1);
        }
    }
}
