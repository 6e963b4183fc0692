package io.ena4j.driver.com;

import io.ena4j.platform.ManualClock;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reset handshake of management.md §5.3 against {@link FakeEnaDevice}. */
class DeviceResetTest {

    private final FakeEnaDevice dev = new FakeEnaDevice();
    private final ManualClock clock = new ManualClock();
    private final EnaMmio mmio = new EnaMmio(dev, clock, EnaComConfig.defaults());
    private final DeviceReset reset = new DeviceReset(mmio, clock, EnaComConfig.defaults());

    @BeforeEach
    void initReadless() {
        assertThat(mmio.init()).isZero();
        dev.takeEvents();
    }

    private List<Integer> devCtlWrites(List<FakeEnaDevice.Event> events) {
        return events.stream().filter(e -> e.op().equals("write") && e.offset() == EnaRegs.DEV_CTL_OFF)
                .map(FakeEnaDevice.Event::value).toList();
    }

    @Test
    void successfulResetRearmsReadlessAndTakesAdminTimeoutFromCaps() {
        dev.caps = EnaRegs.caps(1, 10, 48, 7);
        assertThat(reset.reset(ResetReason.SHUTDOWN, false)).isZero();
        assertThat(reset.adminTimeoutUs()).isEqualTo(700_000);
        assertThat(devCtlWrites(dev.takeEvents())).containsExactly(0xB000_0001, 0);
        // The device forgot the readless address at the reset write; the driver wrote it again.
        assertThat(dev.readlessAddress()).isEqualTo(mmio.responseIoAddress());
        assertThat(clock.nanoTime()).isZero();

        dev.caps = EnaRegs.caps(1, 10, 48, 0);
        assertThat(reset.reset(ResetReason.NORMAL, false)).isZero();
        assertThat(reset.adminTimeoutUs()).isEqualTo(3_000_000); // ADMIN_CMD_TO = 0: driver default
    }

    @ParameterizedTest
    @CsvSource({"0,false,0x00000001", "11,false,0xB0000001", "20,true,0x41000001", "20,false,0xD0000001",
            "16,true,0x01000001", "15,false,0xF0000001"})
    void devCtlCarriesTheReasonPerSection52(int reason, boolean ext, String value) {
        assertThat(reset.reset(ResetReason.of(reason), ext)).isZero();
        assertThat(devCtlWrites(dev.takeEvents())).containsExactly(Integer.parseUnsignedInt(value.substring(2), 16), 0);
    }

    @Test
    void resetThatNeverAssertsTimesOutAfterCapsResetTimeout() {
        dev.caps = EnaRegs.caps(1, 5, 48, 3); // 5 × 100 ms per phase
        dev.resetNeverAsserts = true;
        assertThat(reset.reset(ResetReason.NORMAL, false)).isEqualTo(EnaErrno.ETIME);
        // Polls every 5 ms (Linux back-off); gives up at the first poll after 500 ms.
        assertThat(clock.nanoTime()).isBetween(500_000_000L, 505_000_000L);
        assertThat(devCtlWrites(dev.takeEvents())).containsExactly(1); // DEV_CTL = 0 never written
        assertThat(reset.adminTimeoutUs()).isEqualTo(-1);
    }

    @Test
    void resetThatNeverDeassertsTimesOutInTheSecondPhase() {
        dev.caps = EnaRegs.caps(1, 3, 48, 3); // 300 ms per phase
        dev.resetNeverDeasserts = true;
        assertThat(reset.reset(ResetReason.NORMAL, false)).isEqualTo(EnaErrno.ETIME);
        assertThat(clock.nanoTime()).isBetween(300_000_000L, 305_000_000L); // first phase took no time
        assertThat(devCtlWrites(dev.takeEvents())).containsExactly(1, 0);
    }

    @Test
    void resetTimeoutOfZeroIsInvalidAndNothingIsWritten() {
        dev.caps = EnaRegs.caps(1, 0, 48, 3);
        assertThat(reset.reset(ResetReason.NORMAL, false)).isEqualTo(EnaErrno.EINVAL);
        assertThat(devCtlWrites(dev.takeEvents())).isEmpty();
    }

    @Test
    void deviceNotReadyIsInvalidAndNothingIsWritten() {
        dev.ready = false;
        assertThat(reset.reset(ResetReason.NORMAL, false)).isEqualTo(EnaErrno.EINVAL);
        assertThat(devCtlWrites(dev.takeEvents())).isEmpty();
    }

    @Test
    void unreadableStatusFailsWithEtimeBeforeAnyWrite() {
        dev.readless = FakeEnaDevice.Readless.NEVER;
        assertThat(reset.reset(ResetReason.NORMAL, false)).isEqualTo(EnaErrno.ETIME);
        assertThat(devCtlWrites(dev.takeEvents())).isEmpty();
        assertThat(mmio.readTimeouts()).isEqualTo(2); // DEV_STS and CAPS are both read, then checked
    }

    @Test
    void readlessFailureWhilePollingFailsTheResetAtOnce() {
        dev.caps = EnaRegs.caps(1, 31, 48, 3); // 3.1 s per phase: a readless failure must not wait for it
        dev.resetNeverAsserts = true;
        clock.addTicker(() -> dev.readless = FakeEnaDevice.Readless.NEVER); // the device stops answering
        assertThat(reset.reset(ResetReason.NORMAL, false)).isEqualTo(EnaErrno.ETIME);
        // One 5 ms back-off, then one readless timeout of 200 ms.
        assertThat(clock.nanoTime()).isEqualTo(205_000_000L);
    }
}
