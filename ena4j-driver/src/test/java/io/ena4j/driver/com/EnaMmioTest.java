package io.ena4j.driver.com;

import io.ena4j.platform.ManualClock;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ReadlessResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Register access and the readless protocol (management.md §4) against {@link FakeEnaDevice}. */
class EnaMmioTest {

    private final FakeEnaDevice dev = new FakeEnaDevice();
    private final ManualClock clock = new ManualClock();
    private final EnaMmio mmio = new EnaMmio(dev, clock, EnaComConfig.defaults());

    @Test
    void initWritesAddressLoThenHiAndReadsGoThroughReadless() {
        assertThat(mmio.init()).isZero();
        long addr = mmio.responseIoAddress();
        assertThat(dev.takeEvents()).containsExactly(
                FakeEnaDevice.Event.write(EnaRegs.MMIO_RESP_LO_OFF, EnaRegs.addrLo(addr)),
                FakeEnaDevice.Event.write(EnaRegs.MMIO_RESP_HI_OFF, EnaRegs.addrHi(addr)));
        assertThat(mmio.readlessEnabled()).isTrue();

        assertThat(mmio.read32(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
        assertThat(mmio.read32(EnaRegs.CAPS_OFF)).isEqualTo(0x33015);
        assertThat(dev.takeEvents()).containsExactly(
                FakeEnaDevice.Event.write(EnaRegs.MMIO_REG_READ_OFF, 0x0000_0001),
                FakeEnaDevice.Event.readless(1, 0, 0x201),
                FakeEnaDevice.Event.write(EnaRegs.MMIO_REG_READ_OFF, 0x0008_0002),
                FakeEnaDevice.Event.readless(2, 8, 0x33015));
        assertThat(clock.nanoTime()).isZero(); // answered at once: no 1 µs poll needed
        assertThat(mmio.readFailures()).isZero();
    }

    @Test
    void readThatNeverAnswersTimesOutWithAllOnesAndIsCounted() {
        assertThat(mmio.init()).isZero();
        dev.readless = FakeEnaDevice.Readless.NEVER;
        assertThat(mmio.read32(EnaRegs.DEV_STS_OFF)).isEqualTo(EnaRegs.READ_FAILED);
        // 200 ms default timeout, polled every 1 µs.
        assertThat(clock.nanoTime()).isEqualTo(200_000_000L);
        assertThat(mmio.readTimeouts()).isEqualTo(1);
        assertThat(mmio.readFailures()).isEqualTo(1);
        // The buffer still holds the stale marker of request 1: seq + 0xDEAD.
        MemorySegment buf = dev.iommu.slice(mmio.responseIoAddress(), 8);
        assertThat(ReadlessResponse.reqId(buf, 0)).isEqualTo((1 + 0xDEAD) & 0xFFFF);

        mmio.setReadlessTimeoutUs(1_000); // e.g. from the HW hint mmio_read_timeout = 1 ms
        long t0 = clock.nanoTime();
        assertThat(mmio.read32(EnaRegs.DEV_STS_OFF)).isEqualTo(EnaRegs.READ_FAILED);
        assertThat(clock.nanoTime() - t0).isEqualTo(1_000_000L);
        assertThat(mmio.readTimeouts()).isEqualTo(2);
    }

    @Test
    void responseForAnotherRegisterIsRejectedAndCounted() {
        assertThat(mmio.init()).isZero();
        dev.readless = FakeEnaDevice.Readless.WRONG_OFFSET;
        assertThat(mmio.read32(EnaRegs.VERSION_OFF)).isEqualTo(EnaRegs.READ_FAILED);
        assertThat(mmio.badOffsets()).isEqualTo(1);
        assertThat(mmio.readTimeouts()).isZero();
        assertThat(clock.nanoTime()).isZero();
    }

    @Test
    void staleResponseInTheBufferCanNeverMatch() {
        assertThat(mmio.init()).isZero();
        // A late response of some earlier request already sits in the buffer with the id the next request will
        // use; the driver's stale marker overwrites it before the request, so it must not be taken.
        MemorySegment buf = dev.iommu.slice(mmio.responseIoAddress(), 8);
        ReadlessResponse.reqId(buf, 0, 1);
        ReadlessResponse.regOff(buf, 0, EnaRegs.VERSION_OFF);
        ReadlessResponse.regVal(buf, 0, 0x1234);
        dev.readless = FakeEnaDevice.Readless.NEVER;
        mmio.setReadlessTimeoutUs(10);
        assertThat(mmio.read32(EnaRegs.VERSION_OFF)).isEqualTo(EnaRegs.READ_FAILED);
    }

    @Test
    void sequenceNumberWrapsAt16Bits() {
        assertThat(mmio.init()).isZero();
        for (int i = 1; i <= 0xFFFF; i++) {
            assertThat(mmio.read32(EnaRegs.CAPS_OFF)).isEqualTo(0x33015);
            if ((i & 0xFFF) == 0) {
                dev.takeEvents();
            }
        }
        dev.takeEvents();
        assertThat(mmio.read32(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
        assertThat(dev.takeEvents()).containsExactly(
                FakeEnaDevice.Event.write(EnaRegs.MMIO_REG_READ_OFF, 0x0000_0000),
                FakeEnaDevice.Event.readless(0, 0, 0x201));
    }

    @Test
    void revisionBit0SelectsPlainMmioReads() {
        dev.revision = 1;
        assertThat(mmio.init()).isZero();
        assertThat(mmio.readlessEnabled()).isFalse();
        dev.takeEvents();
        assertThat(mmio.read32(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
        assertThat(dev.takeEvents()).containsExactly(FakeEnaDevice.Event.read(EnaRegs.VERSION_OFF, 0x201));
        mmio.setReadlessEnabled(true);
        assertThat(mmio.read32(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
        assertThat(dev.takeEvents()).hasSize(2);
    }

    @Test
    void rearmAndDestroyWriteTheAddressRegisters() {
        assertThat(mmio.init()).isZero();
        long addr = mmio.responseIoAddress();
        dev.takeEvents();
        mmio.rearm();
        assertThat(dev.takeEvents()).containsExactly(
                FakeEnaDevice.Event.write(EnaRegs.MMIO_RESP_LO_OFF, EnaRegs.addrLo(addr)),
                FakeEnaDevice.Event.write(EnaRegs.MMIO_RESP_HI_OFF, EnaRegs.addrHi(addr)));
        mmio.destroy();
        assertThat(dev.takeEvents()).containsExactly(
                FakeEnaDevice.Event.write(EnaRegs.MMIO_RESP_LO_OFF, 0),
                FakeEnaDevice.Event.write(EnaRegs.MMIO_RESP_HI_OFF, 0));
        assertThat(dev.dma.liveBuffers()).isZero();
        assertThat(dev.iommu.find(addr, 8)).isNull();
        // After destroy a readless read fails locally, without touching the device.
        assertThat(mmio.read32(EnaRegs.VERSION_OFF)).isEqualTo(EnaRegs.READ_FAILED);
        assertThat(mmio.readsWithoutBuffer()).isEqualTo(1);
        assertThat(dev.takeEvents()).isEmpty();
        mmio.rearm();
        mmio.destroy();
        assertThat(dev.takeEvents()).isEmpty();
        assertThat(mmio.init()).isZero(); // usable again
    }

    @Test
    void initTwiceIsAProgrammingError() {
        assertThat(mmio.init()).isZero();
        assertThatThrownBy(mmio::init).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void initWithoutDmaMemoryReturnsEnomemAndWritesNothing() {
        FakeEnaDevice tiny = new FakeEnaDevice(0x1000_0000L, 0x1000_0000L + 1);
        EnaMmio m = new EnaMmio(tiny, clock, EnaComConfig.defaults());
        assertThat(m.init()).isEqualTo(EnaErrno.ENOMEM);
        assertThat(tiny.takeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-4, 2, 0x10000})
    void badReadOffsetIsRejectedWithTheRange(int offset) {
        assertThatThrownBy(() -> mmio.read32(offset)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is out of range: accepted 4-byte aligned 0x0..0xfffc");
    }

    @Test
    void badWriteOffsetAndTimeoutAreRejectedWithTheRange() {
        assertThatThrownBy(() -> mmio.write32(0x10000, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("register offset 0x10000 is out of range: accepted 4-byte aligned 0x0..0xfffc");
        assertThatThrownBy(() -> mmio.setReadlessTimeoutUs(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readlessTimeoutUs = 0 is out of range: accepted 1..65535000");
    }
}
