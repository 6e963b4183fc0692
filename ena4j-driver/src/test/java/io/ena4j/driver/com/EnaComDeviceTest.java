package io.ena4j.driver.com;

import io.ena4j.platform.ManualClock;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.AqEntry;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facade: life cycle, version/width checks, interrupt routing, hints, pending reset (management.md §13.1). */
class EnaComDeviceTest {

    private final FakeEnaDevice dev = new FakeEnaDevice();
    private final ManualClock clock = new ManualClock();
    private final EnaComDevice com = new EnaComDevice(dev, clock, EnaComConfig.defaults());

    /** §13.1 steps 3–8 and 15, the way the probe will call them. */
    private void bringUp() {
        assertThat(com.mmioReadRequestInit()).isZero();
        assertThat(com.devReset(ResetReason.NORMAL)).isZero();
        assertThat(com.validateVersion()).isZero();
        assertThat(com.getDmaWidth()).isEqualTo(48);
        assertThat(com.adminInit()).isZero();
        com.setAdminPollingMode(true);
        com.enableManagementInterrupt();
        com.setAdminPollingMode(false);
        com.aenqStart();
        dev.takeEvents();
    }

    private int execute() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cmd = arena.allocate(64);
            AqEntry.opcode(cmd, 0, AdminOpcode.GET_FEATURE.code());
            return com.adminExecutor().execute(cmd, 64, arena.allocate(64), 64);
        }
    }

    @Test
    void lifeCycleFollowsTheDocumentedStates() {
        assertThat(com.state()).isEqualTo(EnaComDevice.State.NEW);
        assertThatThrownBy(com::adminInit).isInstanceOf(IllegalStateException.class)
                .hasMessage("adminInit() needs state REGISTERS, but the device is NEW");
        assertThatThrownBy(() -> com.devReset(ResetReason.NORMAL)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call mmioReadRequestInit() first");
        assertThat(dev.takeEvents()).isEmpty();

        bringUp();
        assertThat(com.state()).isEqualTo(EnaComDevice.State.ADMIN);
        assertThat(com.version()).isEqualTo(0x201);
        assertThat(com.controllerVersion()).isEqualTo(1);
        assertThat(com.adminQueue().pollingMode()).isFalse();
        assertThat(dev.intrMask()).isZero();
        assertThat(dev.aenqHeadDb()).isEqualTo(16);
        assertThat(execute()).isZero(); // interrupt mode: completed through the management vector
        assertThat(clock.nanoTime()).isZero();
        assertThatThrownBy(com::mmioReadRequestInit).isInstanceOf(IllegalStateException.class);
        assertThat(dev.takeEvents()).containsExactly(FakeEnaDevice.Event.write(EnaRegs.AQ_DB_OFF, 1));

        com.adminDestroy();
        assertThat(com.state()).isEqualTo(EnaComDevice.State.REGISTERS);
        assertThat(dev.takeEvents()).isEmpty(); // no register write on admin teardown
        assertThat(execute()).isEqualTo(EnaErrno.ENODEV);
        com.mmioReadRequestDestroy();
        assertThat(com.state()).isEqualTo(EnaComDevice.State.NEW);
        assertThat(dev.takeEvents()).containsExactly(FakeEnaDevice.Event.write(EnaRegs.MMIO_RESP_LO_OFF, 0),
                FakeEnaDevice.Event.write(EnaRegs.MMIO_RESP_HI_OFF, 0));
        assertThat(dev.dma.liveBuffers()).isZero();
        bringUp(); // and back up again on the same function
        assertThat(execute()).isZero();
    }

    @Test
    void pollingModeWritesIntrMaskOneAndInterruptModeZero() {
        bringUp();
        com.setAdminPollingMode(true);
        assertThat(dev.takeEvents()).containsExactly(FakeEnaDevice.Event.write(EnaRegs.INTR_MASK_OFF, 1));
        assertThat(com.adminQueue().pollingMode()).isTrue();
        assertThat(execute()).isZero();
        assertThat(dev.takeEvents()).containsExactly(FakeEnaDevice.Event.write(EnaRegs.AQ_DB_OFF, 1));
        com.setAdminPollingMode(false);
        assertThat(dev.takeEvents()).containsExactly(FakeEnaDevice.Event.write(EnaRegs.INTR_MASK_OFF, 0));
    }

    @ParameterizedTest
    @CsvSource({"0x00000000,-22", "0xFF000000,-22", "0x00000001,0", "0xFF000001,0", "0x00010000,0"})
    void controllerVersionIgnoresImplementationId(String ctrl, int rc) {
        dev.controllerVersion = Integer.parseUnsignedInt(ctrl.substring(2), 16);
        assertThat(com.mmioReadRequestInit()).isZero();
        assertThat(com.validateVersion()).isEqualTo(rc);
    }

    @ParameterizedTest
    @CsvSource({"31,-22", "32,32", "40,40", "48,48", "49,-22", "0,-22"})
    void dmaWidthMustBe32To48(int width, int rc) {
        dev.caps = EnaRegs.caps(1, 10, width, 3);
        assertThat(com.mmioReadRequestInit()).isZero();
        assertThat(com.getDmaWidth()).isEqualTo(rc);
        assertThat(com.dmaAddrBits()).isEqualTo(rc > 0 ? width : 48);
    }

    @Test
    void unreadableRegistersGiveEtime() {
        assertThat(com.mmioReadRequestInit()).isZero();
        dev.readless = FakeEnaDevice.Readless.NEVER;
        assertThat(com.validateVersion()).isEqualTo(EnaErrno.ETIME);
        assertThat(com.getDmaWidth()).isEqualTo(EnaErrno.ETIME);
        assertThat(com.adminInit()).isEqualTo(EnaErrno.ETIME);
        assertThat(com.state()).isEqualTo(EnaComDevice.State.REGISTERS);
        assertThat(dev.dma.liveBuffers()).isEqualTo(1); // only the readless buffer
    }

    @Test
    void adminInitOnADeviceNotReadyIsEnodevAndAllocatesNothing() {
        assertThat(com.mmioReadRequestInit()).isZero();
        dev.ready = false;
        assertThat(com.adminInit()).isEqualTo(EnaErrno.ENODEV);
        assertThat(dev.dma.liveBuffers()).isEqualTo(1);
    }

    @Test
    void adminInitWithoutDmaMemoryIsEnomemAndFreesWhatItGot() {
        // Room for the readless page, the AQ and the ACQ (with guard pages), not for the AENQ.
        FakeEnaDevice small = new FakeEnaDevice(0x1000_0000L, 0x1000_0000L + 6 * 4096);
        EnaComDevice c = new EnaComDevice(small, clock, EnaComConfig.defaults());
        assertThat(c.mmioReadRequestInit()).isZero();
        assertThat(c.adminInit()).isEqualTo(EnaErrno.ENOMEM);
        assertThat(c.state()).isEqualTo(EnaComDevice.State.REGISTERS);
        assertThat(small.dma.liveBuffers()).isEqualTo(1);
    }

    @Test
    void managementInterruptProcessesAenqOnlyWhenDispatchIsEnabled() {
        bringUp();
        assertThat(com.aenqDispatchEnabled()).isFalse();
        assertThat(dev.postAenq(AenqGroup.LINK_CHANGE.code(), 0, new byte[] {1})).isTrue(); // raises vector 0
        assertThat(com.aenq().linkUp()).isFalse(); // event stays in the ring until dispatch is enabled
        assertThat(com.aenq().head()).isEqualTo(16);

        com.setAenqDispatchEnabled(true);
        assertThat(dev.postAenq(AenqGroup.KEEP_ALIVE.code(), 0, new byte[] {7})).isTrue();
        assertThat(com.aenq().linkUp()).isTrue();
        assertThat(com.aenq().rxDrops()).isEqualTo(7);
        assertThat(com.aenq().head()).isEqualTo(18);
        assertThat(dev.aenqHeadDb()).isEqualTo(18);

        com.disableManagementInterrupt();
        assertThat(dev.postAenq(AenqGroup.LINK_CHANGE.code(), 0, new byte[] {0})).isTrue();
        assertThat(com.aenq().linkUp()).isTrue(); // no interrupt delivered any more
    }

    @Test
    void hintsFromTheAenqReplaceTheTimeoutsWhenNonZero() {
        bringUp();
        com.setAenqDispatchEnabled(true);
        List<HwHintsInfo> forwarded = new ArrayList<>();
        com.setHintsListener(forwarded::add);
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) 50);   // mmio_read_timeout 50 ms
        b.putShort(8, (short) 1500); // admin_completion_tx_timeout 1.5 s
        assertThat(dev.postAenq(AenqGroup.NOTIFICATION.code(), 2, b.array())).isTrue();
        assertThat(com.mmio().readlessTimeoutUs()).isEqualTo(50_000);
        assertThat(com.adminQueue().completionTimeoutUs()).isEqualTo(1_500_000);
        assertThat(forwarded).hasSize(1);

        assertThat(dev.postAenq(AenqGroup.NOTIFICATION.code(), 2, new byte[48])).isTrue(); // zeros: keep
        assertThat(com.mmio().readlessTimeoutUs()).isEqualTo(50_000);
        assertThat(com.adminQueue().completionTimeoutUs()).isEqualTo(1_500_000);
        assertThat(forwarded).hasSize(2);
    }

    @Test
    void pendingResetKeepsTheFirstReasonUntilTaken() {
        bringUp();
        com.setAenqDispatchEnabled(true);
        assertThat(com.pendingReset()).isNull();
        assertThat(dev.postAenq(AenqGroup.DEVICE_REQUEST_RESET.code(), 0, new byte[0])).isTrue();
        assertThat(com.pendingReset()).isEqualTo(ResetReason.DEVICE_REQUEST);
        // A later admin fault does not overwrite it.
        dev.dropInterrupts = true;
        assertThat(execute()).isEqualTo(EnaErrno.ETIME);
        assertThat(com.adminQueue().stats().missingAdminInterrupt()).isEqualTo(1);
        assertThat(com.pendingReset()).isEqualTo(ResetReason.DEVICE_REQUEST);
        assertThat(com.takePendingReset()).isEqualTo(ResetReason.DEVICE_REQUEST);
        assertThat(com.pendingReset()).isNull();
        assertThat(com.requestReset(ResetReason.ADMIN_TO)).isTrue();
        assertThat(com.requestReset(ResetReason.KEEP_ALIVE_TO)).isFalse();
        assertThat(com.pendingReset()).isEqualTo(ResetReason.ADMIN_TO);
    }

    @Test
    void resetReasonEncodingFollowsTheCapabilitiesLastLearned() {
        assertThat(com.mmioReadRequestInit()).isZero();
        dev.takeEvents();
        assertThat(com.devReset(ResetReason.MISS_FIRST_INTERRUPT)).isZero();
        assertThat(dev.takeEvents()).contains(FakeEnaDevice.Event.write(EnaRegs.DEV_CTL_OFF, 0xD000_0001));
        com.setDeviceCapabilities(0x1F);
        assertThat(com.extendedResetReasons()).isTrue();
        assertThat(com.devReset(ResetReason.MISS_FIRST_INTERRUPT)).isZero();
        assertThat(dev.takeEvents()).contains(FakeEnaDevice.Event.write(EnaRegs.DEV_CTL_OFF, 0x4100_0001));
    }

    @Test
    void resetUpdatesTheAdminTimeoutOfTheQueue() {
        dev.caps = EnaRegs.caps(1, 10, 48, 0);
        assertThat(com.mmioReadRequestInit()).isZero();
        assertThat(com.adminQueue().completionTimeoutUs()).isEqualTo(3_000_000);
        dev.caps = EnaRegs.caps(1, 10, 48, 2);
        assertThat(com.devReset(ResetReason.NORMAL)).isZero();
        assertThat(com.adminQueue().completionTimeoutUs()).isEqualTo(200_000);
        dev.resetNeverAsserts = true;
        dev.caps = EnaRegs.caps(1, 1, 48, 9);
        assertThat(com.devReset(ResetReason.NORMAL)).isEqualTo(EnaErrno.ETIME);
        assertThat(com.adminQueue().completionTimeoutUs()).isEqualTo(200_000); // failed reset: unchanged
    }
}
