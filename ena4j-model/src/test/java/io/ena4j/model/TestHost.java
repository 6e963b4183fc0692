package io.ena4j.model;

import io.ena4j.platform.Clock;
import io.ena4j.platform.DmaAllocator;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.ManualClock;
import io.ena4j.platform.PciConfig;
import io.ena4j.spec.admin.AcqEntry;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.AqEntry;
import io.ena4j.spec.admin.CreateCqCmd;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.DestroyCqCmd;
import io.ena4j.spec.admin.DestroySqCmd;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.GetStatsCmd;
import io.ena4j.spec.aenq.AenqEntry;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ReadlessResponse;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A minimal test-side "host + driver" that drives an {@link EnaDeviceModel} through its hardware interface only:
 * config space, BAR 0, DMA memory from the function's allocator, MSI-X handlers. It writes AQ entries with the spec
 * accessors and reads completions / AENQ entries with the phase protocol of management.md §6.5 and §9.4.
 */
final class TestHost implements AutoCloseable {

    static final VarHandle U16_ACQUIRE = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    static final VarHandle U8_ACQUIRE = ValueLayout.JAVA_BYTE.varHandle();

    /** The virtual clock stepping the model; null for a host built on another clock (model on its own thread). */
    final ManualClock clock;
    final EnaDeviceModel model;
    final ModelPciFunction fn;
    final DmaAllocator dma;
    final AtomicIntegerArray irqs;
    final List<Integer> irqOrder = new ArrayList<>();

    DmaBuffer readlessBuf;
    DmaBuffer aq;
    DmaBuffer acq;
    DmaBuffer aenq;
    int aqDepth;
    int acqDepth;
    int aenqDepth;
    int aqTail;
    int aqPhase = 1;
    int cmdId;
    int acqHead;
    int acqPhase = 1;
    int aenqHead;
    int aenqPhase = 1;
    int readSeq;

    TestHost(DeviceProfile profile) {
        this(profile, new ManualClock(1_000_000_000L));
    }

    TestHost(DeviceProfile profile, Clock base) {
        this(new EnaDeviceModel(profile, base), null, base);
    }

    /**
     * A host for an existing model (e.g. one of two sharing an IOMMU), in front of {@code function} (a new
     * {@link ModelPciFunction} if null); with a {@link ManualClock} the model is registered as its ticker.
     */
    TestHost(EnaDeviceModel model, ModelPciFunction function, Clock base) {
        this.model = model;
        clock = base instanceof ManualClock m ? m : null;
        if (clock != null) {
            clock.addTicker(model::doWork);
        }
        fn = function != null ? function : new ModelPciFunction(model);
        dma = fn.dma();
        irqs = new AtomicIntegerArray(model.profile().msix().vectors());
        int cmd = model.configRead32(PciConfig.COMMAND) & 0xFFFF;
        model.configWrite32(PciConfig.COMMAND, cmd | PciConfig.COMMAND_MEMORY | PciConfig.COMMAND_BUS_MASTER);
    }

    /** A host with readless armed, admin queues (32/32) and AENQ (16) configured, polling mode. */
    static TestHost ready(DeviceProfile profile) {
        return ready(new TestHost(profile));
    }

    static TestHost ready(TestHost h) {
        h.setupReadless();
        h.setupAdmin(32, 32, 16);
        h.w(EnaRegs.INTR_MASK_OFF, 1);
        return h;
    }

    // ---- registers ----

    void w(int off, int v) {
        model.bar0Write32(off, v);
    }

    int r(int off) {
        return model.bar0Read32(off);
    }

    /** Runs one device step through the clock ticker (virtual time does not move). */
    void step() {
        if (clock != null) {
            clock.advance(0);
        }
    }

    // ---- readless (§4) ----

    void setupReadless() {
        readlessBuf = dma.allocate(8);
        armReadless();
    }

    void armReadless() {
        w(EnaRegs.MMIO_RESP_LO_OFF, EnaRegs.addrLo(readlessBuf.ioAddress()));
        w(EnaRegs.MMIO_RESP_HI_OFF, EnaRegs.addrHi(readlessBuf.ioAddress()));
    }

    /** One readless read as the driver does it (§4.3); READ_FAILED if no matching response. */
    int readlessRead(int off) {
        readSeq = (readSeq + 1) & 0xFFFF;
        MemorySegment b = readlessBuf.segment();
        ReadlessResponse.reqId(b, 0, ReadlessResponse.staleReqId(readSeq));
        w(EnaRegs.MMIO_REG_READ_OFF, EnaRegs.mmioReadRequest(off, readSeq));
        int got = Short.toUnsignedInt((short) U16_ACQUIRE.getAcquire(b, 0L));
        if (got != readSeq || ReadlessResponse.regOff(b, 0) != off) {
            return EnaRegs.READ_FAILED;
        }
        return ReadlessResponse.regVal(b, 0);
    }

    // ---- admin queues (§6) ----

    void setupAdmin(int aqD, int acqD, int aenqD) {
        aqDepth = aqD;
        acqDepth = acqD;
        aenqDepth = aenqD;
        aq = dma.allocate(64L * aqD);
        acq = dma.allocate(64L * acqD);
        aenq = dma.allocate(64L * aenqD);
        w(EnaRegs.AQ_BASE_LO_OFF, EnaRegs.addrLo(aq.ioAddress()));
        w(EnaRegs.AQ_BASE_HI_OFF, EnaRegs.addrHi(aq.ioAddress()));
        w(EnaRegs.ACQ_BASE_LO_OFF, EnaRegs.addrLo(acq.ioAddress()));
        w(EnaRegs.ACQ_BASE_HI_OFF, EnaRegs.addrHi(acq.ioAddress()));
        w(EnaRegs.AQ_CAPS_OFF, EnaRegs.queueCaps(aqD, 64));
        w(EnaRegs.ACQ_CAPS_OFF, EnaRegs.queueCaps(acqD, 64));
        w(EnaRegs.AENQ_BASE_LO_OFF, EnaRegs.addrLo(aenq.ioAddress()));
        w(EnaRegs.AENQ_BASE_HI_OFF, EnaRegs.addrHi(aenq.ioAddress()));
        w(EnaRegs.AENQ_CAPS_OFF, EnaRegs.queueCaps(aenqD, 64));
        aqTail = 0;
        aqPhase = 1;
        cmdId = 0;
        acqHead = 0;
        acqPhase = 1;
        aenqHead = aenqD;
        aenqPhase = 1;
    }

    /** Attaches counting handlers to every MSI-X vector (enables MSI-X, unmasks entries) and clears INTR_MASK. */
    void interruptMode() {
        for (int v = 0; v < irqs.length(); v++) {
            fn.setInterruptHandler(v, this::onIrq);
        }
        w(EnaRegs.INTR_MASK_OFF, 0);
    }

    synchronized void onIrq(int vector) {
        irqs.incrementAndGet(vector);
        irqOrder.add(vector);
    }

    int irqCount(int vector) {
        return irqs.get(vector);
    }

    /** A zeroed 64-byte command. */
    static MemorySegment newCommand(int opcode) {
        MemorySegment c = MemorySegment.ofArray(new byte[64]);
        AqEntry.opcode(c, 0, opcode);
        return c;
    }

    /** Copies {@code cmd} (its opcode's length, or 64 bytes) into the next slot, phase and id set; no doorbell. */
    int place(MemorySegment cmd) {
        AdminOpcode op = AdminOpcode.of(AqEntry.opcode(cmd, 0));
        int len = op == null ? 64 : op.commandSize();
        return place(cmd, len);
    }

    int place(MemorySegment cmd, int len) {
        MemorySegment slot = aq.segment().asSlice((long) (aqTail & (aqDepth - 1)) * 64, 64);
        MemorySegment.copy(cmd, 0, slot, 0, len);
        int id = cmdId;
        AqEntry.commandId(slot, 0, id);
        AqEntry.phase(slot, 0, aqPhase);
        cmdId = (cmdId + 1) & (aqDepth - 1);
        aqTail = (aqTail + 1) & 0xFFFF;
        if ((aqTail & (aqDepth - 1)) == 0) {
            aqPhase ^= 1;
        }
        return id;
    }

    void ringAq() {
        w(EnaRegs.AQ_DB_OFF, aqTail);
    }

    /** The next ACQ entry if its phase is the expected one (a copy), else null. Advances the consumer. */
    MemorySegment nextCompletion() {
        MemorySegment slot = acq.segment().asSlice((long) (acqHead & (acqDepth - 1)) * 64, 64);
        int flags = Byte.toUnsignedInt((byte) U8_ACQUIRE.getAcquire(slot, AcqEntry.FLAGS_OFFSET));
        if ((flags & AcqEntry.PHASE_MASK) != acqPhase) {
            return null;
        }
        MemorySegment copy = MemorySegment.ofArray(slot.toArray(ValueLayout.JAVA_BYTE));
        acqHead++;
        if ((acqHead & (acqDepth - 1)) == 0) {
            acqPhase ^= 1;
        }
        return copy;
    }

    /** Submits {@code cmd}, steps the device once and returns the completion (null if none was written). */
    MemorySegment exec(MemorySegment cmd) {
        place(cmd);
        ringAq();
        step();
        if (clock != null) {
            return nextCompletion();
        }
        long deadline = System.nanoTime() + 5_000_000_000L; // model on its own thread: wait for it
        for (MemorySegment c = nextCompletion(); ; c = nextCompletion()) {
            if (c != null || System.nanoTime() > deadline) {
                return c;
            }
            Thread.onSpinWait();
        }
    }

    /** {@link #exec} that requires a completion with status {@code status}. */
    MemorySegment exec(MemorySegment cmd, int status) {
        MemorySegment c = exec(cmd);
        if (c == null) {
            throw new AssertionError("no completion for opcode " + AqEntry.opcode(cmd, 0));
        }
        if (AcqEntry.status(c, 0) != status) {
            throw new AssertionError("opcode " + AqEntry.opcode(cmd, 0) + " completed with status "
                    + AcqEntry.status(c, 0) + ", expected " + status);
        }
        return c;
    }

    static int status(MemorySegment completion) {
        return AcqEntry.status(completion, 0);
    }

    // ---- command builders ----

    static MemorySegment getFeature(int featureId) {
        MemorySegment c = newCommand(AdminOpcode.GET_FEATURE.code());
        FeatureCmd.featureId(c, 0, featureId);
        return c;
    }

    static MemorySegment setFeature(int featureId) {
        MemorySegment c = newCommand(AdminOpcode.SET_FEATURE.code());
        FeatureCmd.featureId(c, 0, featureId);
        return c;
    }

    /** Attaches a control buffer to a feature / stats command (AQ flags 0x04 as the reference drivers do). */
    static MemorySegment withBuffer(MemorySegment cmd, DmaBuffer buf, int len) {
        AqEntry.ctrlDataIndirect(cmd, 0, 1);
        AqEntry.ctrlBufferLength(cmd, 0, len);
        AqEntry.ctrlBufferAddress(cmd, 0, buf.ioAddress());
        return cmd;
    }

    static MemorySegment createCq(int words, int depth, int vector, long ring) {
        MemorySegment c = newCommand(AdminOpcode.CREATE_CQ.code());
        CreateCqCmd.interruptModeEnabled(c, 0, 1);
        CreateCqCmd.cqEntrySizeWords(c, 0, words);
        CreateCqCmd.cqDepth(c, 0, depth);
        CreateCqCmd.msixVector(c, 0, vector);
        CreateCqCmd.cqBa(c, 0, ring);
        return c;
    }

    static MemorySegment createSq(int direction, int placement, int cqIdx, int depth, long ring) {
        MemorySegment c = newCommand(AdminOpcode.CREATE_SQ.code());
        CreateSqCmd.sqDirection(c, 0, direction);
        CreateSqCmd.placementPolicy(c, 0, placement);
        CreateSqCmd.isPhysicallyContiguous(c, 0, 1);
        CreateSqCmd.cqIdx(c, 0, cqIdx);
        CreateSqCmd.sqDepth(c, 0, depth);
        CreateSqCmd.sqBa(c, 0, ring);
        return c;
    }

    static MemorySegment destroySq(int sqIdx, int direction) {
        MemorySegment c = newCommand(AdminOpcode.DESTROY_SQ.code());
        DestroySqCmd.sqIdx(c, 0, sqIdx);
        DestroySqCmd.sqDirection(c, 0, direction);
        return c;
    }

    static MemorySegment destroyCq(int cqIdx) {
        MemorySegment c = newCommand(AdminOpcode.DESTROY_CQ.code());
        DestroyCqCmd.cqIdx(c, 0, cqIdx);
        return c;
    }

    static MemorySegment getStats(int type) {
        MemorySegment c = newCommand(AdminOpcode.GET_STATS.code());
        GetStatsCmd.type(c, 0, type);
        return c;
    }

    // ---- AENQ (§9.4) ----

    void aenqDoorbell() {
        w(EnaRegs.AENQ_HEAD_DB_OFF, aenqHead & 0xFFFF);
    }

    /** Reads every phase-valid AENQ entry (copies) and advances the head; does not ring the doorbell. */
    List<MemorySegment> aenqPoll() {
        List<MemorySegment> out = new ArrayList<>();
        while (true) {
            MemorySegment slot = aenq.segment().asSlice((long) (aenqHead & (aenqDepth - 1)) * 64, 64);
            int flags = Byte.toUnsignedInt((byte) U8_ACQUIRE.getAcquire(slot, AenqEntry.FLAGS_OFFSET));
            if ((flags & 1) != aenqPhase) {
                return out;
            }
            out.add(MemorySegment.ofArray(slot.toArray(ValueLayout.JAVA_BYTE)));
            aenqHead = (aenqHead + 1) & 0xFFFF;
            if ((aenqHead & (aenqDepth - 1)) == 0) {
                aenqPhase ^= 1;
            }
        }
    }

    @Override
    public void close() {
        fn.close();
    }
}
