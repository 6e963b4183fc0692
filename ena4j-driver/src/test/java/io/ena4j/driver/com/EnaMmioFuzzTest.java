package io.ena4j.driver.com;

import static io.ena4j.driver.fuzz.Fuzz.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ena4j.driver.fuzz.FuzzPci;
import io.ena4j.platform.ManualClock;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ReadlessResponse;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Fuzzes readless register reads, {@link EnaMmio#read32}, against a response buffer the fuzzer writes
 * (management.md §4). See docs/FUZZING.md.
 *
 * <p>Per read the input decides what the device does with the MMIO_REG_READ request: answer at once; answer after
 * some 1 µs polls (before or after the timeout); answer with another register's offset; answer with a wrong
 * req_id (the previous request's, the stale marker, or any other); never answer; write 8 raw bytes, at once or
 * later; or first deliver the late answer of an earlier request. Reads use random aligned offsets below 0x10000,
 * a fuzzed timeout, and sometimes plain MMIO (readless disabled) or a buffer that was never set up.
 *
 * <p>Properties: nothing throws (the response buffer is exactly 8 bytes); a read returns the device's value
 * exactly when the response carries this request's sequence number and the requested offset, and
 * {@link EnaRegs#READ_FAILED} otherwise; a response with another offset counts {@code bad_offset} at once, no
 * matching response counts a timeout after exactly the configured timeout of virtual time; a stale answer is
 * never taken; the request written is {@code (offset << 16) | seq} with seq incrementing as a u16, and the
 * response address registers name the buffer.
 */
class EnaMmioFuzzTest {

    private static final VarHandle REQ_ID = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private enum Mode { ANSWER, LATE, WRONG_OFFSET, WRONG_REQ_ID, NEVER, RAW, RAW_LATE, STALE_THEN_ANSWER }

    /** The device side of the current request. */
    private static final class Device {
        final FuzzedDataProvider data;
        final FuzzPci pci;
        MemorySegment buf;
        Mode mode;
        int lastSeq = -1;
        int lastOffset;
        int delayPolls;
        int value;

        Device(FuzzedDataProvider data, FuzzPci pci) {
            this.data = data;
            this.pci = pci;
        }

        void request(int v) {
            int offset = v >>> 16;
            int seq = v & 0xFFFF;
            check(lastSeq < 0 || seq == ((lastSeq + 1) & 0xFFFF), "sequence %d after %d", seq, lastSeq);
            int prevSeq = lastSeq;
            lastSeq = seq;
            lastOffset = offset;
            long addr = Integer.toUnsignedLong(pci.lastWrite(EnaRegs.MMIO_RESP_LO_OFF))
                    | (long) pci.lastWrite(EnaRegs.MMIO_RESP_HI_OFF) << 32;
            buf = pci.exactDma().slice(addr, ReadlessResponse.SIZE);
            check(buf != null, "MMIO_RESP_LO/HI do not name the response buffer");
            check(ReadlessResponse.reqId(buf, 0) == ReadlessResponse.staleReqId(seq), "stale marker not written");
            mode = Mode.values()[data.consumeInt(0, Mode.values().length - 1)];
            value = data.consumeInt();
            delayPolls = data.consumeInt(1, 120);
            switch (mode) {
                case ANSWER -> answer(seq, offset, value);
                case WRONG_OFFSET -> {
                    int other = data.consumeInt(0, 0xFFFF);
                    answer(seq, other == offset ? (offset + 4) & 0xFFFF : other, value);
                }
                case WRONG_REQ_ID -> {
                    int[] wrong = {prevSeq & 0xFFFF, ReadlessResponse.staleReqId(seq), data.consumeInt(0, 0xFFFF)};
                    int id = wrong[data.consumeInt(0, 2)];
                    answer(id == seq ? (seq + 1) & 0xFFFF : id, offset, value);
                }
                case RAW -> writeRaw();
                case STALE_THEN_ANSWER -> {
                    // The late answer of the previous request lands first; this one's follows after some polls.
                    answer(prevSeq & 0xFFFF, offset, ~value);
                    mode = Mode.LATE;
                }
                default -> { }
            }
        }

        /** One 1 µs poll of the driver passed. */
        void tick() {
            if (buf == null || delayPolls <= 0) {
                return;
            }
            if ((mode == Mode.LATE || mode == Mode.RAW_LATE) && --delayPolls == 0) {
                if (mode == Mode.LATE) {
                    answer(lastSeq, lastOffset, value);
                } else {
                    writeRaw();
                }
            }
        }

        void writeRaw() {
            byte[] raw = java.util.Arrays.copyOf(data.consumeBytes(8), 8);
            MemorySegment.copy(raw, 0, buf, ValueLayout.JAVA_BYTE, 0, 8);
        }

        /** Writes reg_off and reg_val, then req_id last with release (§4.4). */
        void answer(int reqId, int regOff, int val) {
            ReadlessResponse.regOff(buf, 0, regOff);
            ReadlessResponse.regVal(buf, 0, val);
            REQ_ID.setRelease(buf, ReadlessResponse.REQ_ID_OFFSET, (short) reqId);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void read32(FuzzedDataProvider data) {
        FuzzPci pci = new FuzzPci();
        ManualClock clock = new ManualClock();
        long timeoutUs = data.consumeInt(1, 100);
        EnaMmio mmio = new EnaMmio(pci, clock, EnaComConfig.defaults().withReadlessTimeoutUs(timeoutUs));
        Device dev = new Device(data, pci);
        pci.onWrite((off, v) -> {
            if (off == EnaRegs.MMIO_REG_READ_OFF) {
                dev.request(v);
            }
        });
        pci.onRead(off -> off ^ 0x5A5A_0000);
        clock.addTicker(dev::tick);

        if (data.consumeBoolean()) {
            check(mmio.read32(EnaRegs.VERSION_OFF) == EnaRegs.READ_FAILED, "read without a buffer succeeded");
            check(mmio.readsWithoutBuffer() == 1, "read without a buffer not counted");
        }
        if (data.consumeBoolean()) {
            pci.exactDma().failAllocationsAfter(0);
            check(mmio.init() == EnaErrno.ENOMEM, "init without DMA memory did not fail with ENOMEM");
            pci.exactDma().failAllocationsAfter(Integer.MAX_VALUE);
        }
        pci.revision(data.consumeInt(0, 0xFF) & ~1);
        check(mmio.init() == EnaErrno.OK && mmio.readlessEnabled(), "init failed or readless off");
        check(ReadlessResponse.reqId(pci.exactDma().slice(mmio.responseIoAddress(), 8), 0) == 0, "req_id not zeroed");

        int ops = 0;
        while (data.remainingBytes() > 0 && ops++ < 300) {
            int op = data.consumeInt(0, 15);
            if (op == 0) {
                mmio.setReadlessEnabled(!mmio.readlessEnabled());
                continue;
            }
            if (op == 1) {
                timeoutUs = data.consumeInt(1, 100);
                mmio.setReadlessTimeoutUs(timeoutUs);
                continue;
            }
            int offset = data.consumeInt(0, (EnaRegs.READABLE_LIMIT - 4) / 4) * 4;
            long timeouts = mmio.readTimeouts();
            long badOffsets = mmio.badOffsets();
            long t0 = clock.nanoTime();
            long requests = pci.writes(EnaRegs.MMIO_REG_READ_OFF);
            dev.buf = null;

            int v = mmio.read32(offset);

            long elapsedUs = (clock.nanoTime() - t0) / 1000;
            if (!mmio.readlessEnabled()) {
                check(v == (offset ^ 0x5A5A_0000), "plain MMIO read returned %d", v);
                check(pci.writes(EnaRegs.MMIO_REG_READ_OFF) == requests, "readless request with readless off");
                continue;
            }
            check(pci.writes(EnaRegs.MMIO_REG_READ_OFF) == requests + 1, "not exactly one request per read");
            check(pci.lastWrite(EnaRegs.MMIO_REG_READ_OFF) >>> 16 == offset, "request names offset %d, read %d",
                    pci.lastWrite(EnaRegs.MMIO_REG_READ_OFF) >>> 16, offset);
            // The device writes only while the driver sleeps, so the buffer now is what the driver saw last.
            int seq = dev.lastSeq;
            int reqId = ReadlessResponse.reqId(dev.buf, 0);
            if (reqId == seq && ReadlessResponse.regOff(dev.buf, 0) == offset) {
                check(v == ReadlessResponse.regVal(dev.buf, 0), "read returned %d, device answered %d", v,
                        ReadlessResponse.regVal(dev.buf, 0));
                check(mmio.readTimeouts() == timeouts && mmio.badOffsets() == badOffsets, "good read counted");
                check(elapsedUs <= timeoutUs, "answer taken after %d us, timeout %d us", elapsedUs, timeoutUs);
            } else if (reqId == seq) {
                check(v == EnaRegs.READ_FAILED, "answer for another register taken: %d", v);
                check(mmio.badOffsets() == badOffsets + 1 && mmio.readTimeouts() == timeouts,
                        "bad offset not counted");
            } else {
                check(v == EnaRegs.READ_FAILED, "read without a matching answer returned %d", v);
                check(mmio.readTimeouts() == timeouts + 1 && mmio.badOffsets() == badOffsets, "timeout not counted");
                check(elapsedUs == timeoutUs, "timed out after %d us, timeout %d us", elapsedUs, timeoutUs);
            }
        }
        mmio.destroy();
        check(pci.lastWrite(EnaRegs.MMIO_RESP_LO_OFF) == 0 && pci.lastWrite(EnaRegs.MMIO_RESP_HI_OFF) == 0,
                "response address not cleared by destroy");
        check(pci.exactDma().liveBuffers() == 0, "response buffer leaked");
    }
}
