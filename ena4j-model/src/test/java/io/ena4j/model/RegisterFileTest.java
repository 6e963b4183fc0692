package io.ena4j.model;

import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ReadlessResponse;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Fixed registers (management.md §3) and the readless mechanism (§4). */
class RegisterFileTest {

    @Test
    void powerOnValues() {
        try (TestHost h = new TestHost(DeviceProfile.referenceVectors())) {
            assertThat(h.r(EnaRegs.DEV_STS_OFF)).isEqualTo(EnaRegs.DEV_STS_READY_MASK);
            assertThat(h.r(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
            assertThat(h.r(EnaRegs.CONTROLLER_VERSION_OFF)).isEqualTo(1);
            assertThat(h.r(EnaRegs.CAPS_OFF)).isEqualTo(0x0003_3015);
            assertThat(EnaRegs.capsDmaWidth(h.r(EnaRegs.CAPS_OFF))).isEqualTo(48);
            assertThat(h.r(EnaRegs.CAPS_EXT_OFF)).isZero();
            assertThat(h.r(EnaRegs.INTR_MASK_OFF)).isZero();
            assertThat(h.model.counters().plainRegisterReads()).isEqualTo(7);
        }
    }

    @Test
    void writeOnlyRegistersReadBackLastValueAndReadOnlyOnesIgnoreWrites() {
        try (TestHost h = new TestHost(DeviceProfile.ec2Default())) {
            h.w(EnaRegs.INTR_MASK_OFF, 1);
            h.w(EnaRegs.AQ_BASE_LO_OFF, 0x1234_5000);
            h.w(EnaRegs.RSS_IND_ENTRY_UPDATE_OFF, 0x0003_0007);
            assertThat(h.r(EnaRegs.INTR_MASK_OFF)).isEqualTo(1);
            assertThat(h.r(EnaRegs.AQ_BASE_LO_OFF)).isEqualTo(0x1234_5000);
            assertThat(h.r(EnaRegs.RSS_IND_ENTRY_UPDATE_OFF)).isEqualTo(0x0003_0007);
            h.w(EnaRegs.CAPS_OFF, 0);
            h.w(EnaRegs.VERSION_OFF, 7);
            h.w(EnaRegs.DEV_STS_OFF, 0);
            assertThat(h.r(EnaRegs.CAPS_OFF)).isEqualTo(h.model.profile().caps());
            assertThat(h.r(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
            assertThat(h.r(EnaRegs.DEV_STS_OFF)).isEqualTo(1);
            assertThat(h.model.counters().readOnlyRegisterWrites()).isEqualTo(3);
            h.w(0x7000, 5); // nothing lives there in the ec2 layout
            assertThat(h.model.counters().unknownRegisterAccesses()).isEqualTo(1);
        }
    }

    @Test
    void readlessAnswersEveryRegisterWithRequestIdAndOffset() {
        try (TestHost h = new TestHost(DeviceProfile.referenceVectors())) {
            h.setupReadless();
            assertThat(h.readlessRead(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
            assertThat(h.readlessRead(EnaRegs.CONTROLLER_VERSION_OFF)).isEqualTo(1);
            assertThat(h.readlessRead(EnaRegs.CAPS_OFF)).isEqualTo(0x0003_3015);
            assertThat(h.readlessRead(EnaRegs.DEV_STS_OFF)).isEqualTo(1);
            MemorySegment b = h.readlessBuf.segment();
            assertThat(ReadlessResponse.reqId(b, 0)).isEqualTo(4);
            assertThat(ReadlessResponse.regOff(b, 0)).isEqualTo(EnaRegs.DEV_STS_OFF);
            h.w(EnaRegs.INTR_MASK_OFF, 1);
            assertThat(h.readlessRead(EnaRegs.INTR_MASK_OFF)).isEqualTo(1);
            assertThat(h.model.counters().readlessReads()).isEqualTo(5);
            assertThat(h.model.counters().plainRegisterReads()).isZero();
            // sequence numbers wrap at 16 bits
            h.readSeq = 0xFFFF;
            assertThat(h.readlessRead(EnaRegs.VERSION_OFF)).isEqualTo(0x201);
            assertThat(ReadlessResponse.reqId(b, 0)).isZero();
        }
    }

    @Test
    void readlessWithoutArmedAddressOrWhenDisabledWritesNothing() {
        try (TestHost h = new TestHost(DeviceProfile.ec2Default())) {
            h.readlessBuf = h.dma.allocate(8); // allocated but MMIO_RESP not written
            assertThat(h.readlessRead(EnaRegs.VERSION_OFF)).isEqualTo(EnaRegs.READ_FAILED);
            assertThat(h.model.counters().readlessIgnored()).isEqualTo(1);
        }
        try (TestHost h = new TestHost(DeviceProfile.minimal())) {
            h.setupReadless();
            assertThat(h.readlessRead(EnaRegs.VERSION_OFF)).as("revision bit 0: readless off").isEqualTo(-1);
            assertThat(ReadlessResponse.reqId(h.readlessBuf.segment(), 0))
                    .isEqualTo(ReadlessResponse.staleReqId(1));
            assertThat(h.model.counters().readlessIgnored()).isEqualTo(1);
            assertThat(h.r(EnaRegs.VERSION_OFF)).as("plain read works").isEqualTo(0x201);
            assertThat(h.model.counters().plainRegisterReads()).isEqualTo(1);
        }
    }

    @Test
    void readlessOfAnOffsetOutsideBar0AnswersAllOnes() {
        try (TestHost h = new TestHost(DeviceProfile.ec2Default())) {
            h.setupReadless();
            assertThat(h.readlessRead(0xFFFC)).isEqualTo(-1);
            assertThat(ReadlessResponse.reqId(h.readlessBuf.segment(), 0)).isEqualTo(1);
        }
    }

    /**
     * req_id must become visible only after reg_off / reg_val (§4.4). A reader thread polls req_id with acquire
     * semantics while the writer issues reads of a register whose value changes every time; whenever the reader sees
     * the new req_id, the value beside it must be the new one. A device that stored req_id first would be caught.
     */
    @Test
    void readlessRequestIdIsPublishedLast() throws Exception {
        try (TestHost h = new TestHost(DeviceProfile.ec2Default())) {
            h.setupReadless();
            MemorySegment b = h.readlessBuf.segment();
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<String> violation = new AtomicReference<>();
            java.util.concurrent.atomic.AtomicInteger expectedSeq = new java.util.concurrent.atomic.AtomicInteger(-1);
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    // Only trust reads made inside one request's window: expectedSeq equal before and after (each
                    // sequence number is used once), so the writer cannot have moved on between the two reads.
                    int before = expectedSeq.get();
                    int id = Short.toUnsignedInt((short) TestHost.U16_ACQUIRE.getAcquire(b, 0L));
                    int val = ReadlessResponse.regVal(b, 0);
                    int after = expectedSeq.get();
                    if (before >= 0 && before == after && id == before && val != before) {
                        violation.compareAndSet(null, "req_id " + id + " visible with value " + val);
                    }
                }
            });
            reader.start();
            for (int i = 1; i <= 20_000; i++) {
                int seq = i & 0xFFFF;
                h.w(EnaRegs.AQ_BASE_LO_OFF, seq); // the register the read returns: value == seq
                ReadlessResponse.reqId(b, 0, ReadlessResponse.staleReqId(seq));
                expectedSeq.set(seq);
                h.w(EnaRegs.MMIO_REG_READ_OFF, EnaRegs.mmioReadRequest(EnaRegs.AQ_BASE_LO_OFF, seq));
                expectedSeq.set(-1);
            }
            done.set(true);
            reader.join();
            assertThat(violation.get()).isNull();
            assertThat(h.model.counters().readlessReads()).isEqualTo(20_000);
        }
    }
}
