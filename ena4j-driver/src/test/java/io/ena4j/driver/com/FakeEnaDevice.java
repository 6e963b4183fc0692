package io.ena4j.driver.com;

import io.ena4j.platform.DmaAllocator;
import io.ena4j.platform.InterruptHandler;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.PciConfig;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.RegisterBar;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PhcResponse;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * A scripted ENA device behind {@link PciFunction} for driver tests (test code only; the driver module never
 * depends on the device model). It serves fixed register values (by default those the reference vectors were
 * recorded with: VERSION 0x201, CONTROLLER_VERSION 1, CAPS 0x33015, DEV_STS ready), answers readless reads
 * through DMA, runs the reset handshake, consumes the AQ on AQ_DB writes and posts ACQ / AENQ entries with the
 * phase protocol, raising MSI-X vector 0 when INTR_MASK allows. Every register access and readless response is
 * recorded as an {@link Event} for comparison with the vectors. Faults are injected through public fields.
 *
 * <p>All DMA goes through a real {@link Iommu}: an address the driver never mapped is a counted DMA fault here,
 * exactly as in the model.
 */
final class FakeEnaDevice implements PciFunction, RegisterBar {

    /** A recorded register access or device response. */
    record Event(String op, int offset, int value, int reqId, int regOff) {

        static Event write(int offset, int value) {
            return new Event("write", offset, value, 0, 0);
        }

        static Event read(int offset, int value) {
            return new Event("read", offset, value, 0, 0);
        }

        static Event readless(int reqId, int regOff, int value) {
            return new Event("readless_response", 0, value, reqId, regOff);
        }

        /** A PHC response: request id, error bound (as value) and error flags (as regOff). */
        static Event phc(int reqId, int errorBound, int errorFlags) {
            return new Event("phc_response", 0, errorBound, reqId, errorFlags);
        }

        @Override
        public String toString() {
            return switch (op) {
                case "readless_response" -> "readless_response(req_id=" + reqId + ", reg_off=0x"
                        + Integer.toHexString(regOff) + ", val=0x" + Integer.toHexString(value) + ")";
                default -> op + "(0x" + Integer.toHexString(offset) + " = 0x" + Integer.toHexString(value) + ")";
            };
        }
    }

    /** How readless requests are answered. */
    enum Readless { ANSWER, NEVER, WRONG_OFFSET }

    /** When ACQ completions are written. */
    enum Delivery {
        /** During the AQ_DB write, on the writing thread. */
        IMMEDIATE,
        /** Held until {@link #releaseDeferred()}. */
        DEFERRED,
        /** By a device thread (started with {@link #startDeviceThread()}). */
        THREAD
    }

    /** A consumed AQ entry: slot, the 64 bytes of the slot at doorbell time, and the doorbell value. */
    record Submission(int slot, byte[] entry, int doorbell) {
    }

    /** A written ACQ entry: slot and phase used. */
    record Completion(int slot, int phase, byte[] entry) {
    }

    private static final VarHandle BYTE = ValueLayout.JAVA_BYTE.varHandle();
    private static final VarHandle SHORT = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final int DEPTH = 32;

    final Iommu iommu = new Iommu();
    final IommuDmaAllocator dma;
    final List<Event> events = new ArrayList<>();
    final List<Submission> submissions = new ArrayList<>();
    final List<Completion> completions = new ArrayList<>();
    private final InterruptHandler[] handlers = new InterruptHandler[4];

    // Register values served.
    volatile int version = 0x201;
    volatile int controllerVersion = 1;
    volatile int caps = 0x0003_3015;
    volatile boolean ready = true;
    volatile Integer devStsOverride;
    volatile int revision;

    // Fault injection.
    volatile Readless readless = Readless.ANSWER;
    volatile boolean resetNeverAsserts;
    volatile boolean resetNeverDeasserts;
    volatile boolean dropInterrupts;
    volatile Delivery delivery = Delivery.IMMEDIATE;
    /** AQ entry (64 bytes) → ACQ entries to post (each 64 bytes; phase bit set by the device); empty = withhold. */
    volatile Function<byte[], List<byte[]>> responder = FakeEnaDevice::success;

    // Device state.
    private int intrMask;
    private int devCtl;
    private boolean resetInProgress;
    private long readlessAddr;
    private int readlessLo;
    private long aqBase;
    private long acqBase;
    private long aenqBase;
    private int aqHead;
    private int acqTail;
    private int acqPhase = 1;
    private int aenqTail;
    private int aenqPhase = 1;
    private int aenqHeadDb;
    private int lastAqDb;
    int dmaFaults;
    /** PHC shared buffer the driver configured (0 = PHC not set up); the doorbell answers into it (§10.2). */
    long phcSharedAddr;
    /** BAR 0 offset of the PHC doorbell. */
    int phcDoorbellOffset = EnaRegs.PHC_DB_OFF;
    /** Error flags the next PHC answer carries. */
    int phcErrorFlags;
    /** Timestamp and error bound every PHC answer carries (vectors/README.md). */
    long phcTimestamp = 1234567890123456L;
    int phcErrorBound = 250;
    /** Driver-side PHC state a replay keeps across lines (the test's, not the device's). */
    EnaPhc phcDriver;
    private final List<byte[]> deferred = new ArrayList<>();
    private final BlockingQueue<Integer> doorbells = new LinkedBlockingQueue<>();
    private Thread deviceThread;

    /** A device whose DMA allocations start at IO address {@code ioBase}. */
    FakeEnaDevice(long ioBase) {
        this(ioBase, 1L << 48);
    }

    /** A device whose DMA allocations must fit in {@code [ioBase, ioLimit)} (to provoke ENOMEM). */
    FakeEnaDevice(long ioBase, long ioLimit) {
        this.dma = new IommuDmaAllocator(iommu, ioBase, ioLimit);
    }

    /** A device whose DMA allocations start at the vectors' region base {@code 0x1_1000_0000}. */
    FakeEnaDevice() {
        this(0x1_1000_0000L);
    }

    /** Default responder: echo the command id, status 0, no payload. */
    static List<byte[]> success(byte[] aq) {
        return List.of(completion(commandId(aq), 0));
    }

    /** A 64-byte ACQ entry with {@code id} and {@code status} (phase left 0: the device sets it). */
    static byte[] completion(int id, int status) {
        byte[] e = new byte[64];
        e[0] = (byte) id;
        e[1] = (byte) (id >>> 8);
        e[2] = (byte) status;
        return e;
    }

    static int commandId(byte[] aq) {
        return ((aq[0] & 0xFF) | (aq[1] & 0xFF) << 8) & 0xFFF;
    }

    // ---- PciFunction ----

    @Override
    public String address() {
        return "fake:0";
    }

    @Override
    public int configRead32(int offset) {
        return switch (offset) {
            case PciConfig.VENDOR_ID -> 0x0EC2_1D0F;
            case PciConfig.REVISION_ID -> revision & 0xFF; // class code bytes 0
            default -> 0;
        };
    }

    @Override
    public void configWrite32(int offset, int value) {
    }

    @Override
    public RegisterBar bar0() {
        return this;
    }

    @Override
    public MemorySegment bar2() {
        return null;
    }

    @Override
    public int msixVectorCount() {
        return handlers.length;
    }

    @Override
    public synchronized void setInterruptHandler(int vector, InterruptHandler handler) {
        if (vector < 0 || vector >= handlers.length) {
            throw new IllegalArgumentException("vector " + vector);
        }
        handlers[vector] = handler;
    }

    @Override
    public DmaAllocator dma() {
        return dma;
    }

    @Override
    public void close() {
        stopDeviceThread();
    }

    // ---- RegisterBar ----

    @Override
    public int size() {
        return 0x10000;
    }

    @Override
    public int read32(int offset) {
        int v;
        synchronized (this) {
            v = registerValue(offset);
            events.add(Event.read(offset, v));
        }
        return v;
    }

    @Override
    public void write32(int offset, int value) {
        boolean processAq = false;
        synchronized (this) {
            events.add(Event.write(offset, value));
            switch (offset) {
                case EnaRegs.MMIO_RESP_LO_OFF -> readlessLo = value;
                case EnaRegs.MMIO_RESP_HI_OFF -> readlessAddr = EnaRegs.addr(readlessLo, value);
                case EnaRegs.MMIO_REG_READ_OFF -> answerReadless(value);
                case EnaRegs.DEV_CTL_OFF -> devCtl(value);
                case EnaRegs.INTR_MASK_OFF -> intrMask = value;
                case EnaRegs.AQ_BASE_LO_OFF -> aqBase = (aqBase & ~0xFFFF_FFFFL) | Integer.toUnsignedLong(value);
                case EnaRegs.AQ_BASE_HI_OFF -> aqBase = (aqBase & 0xFFFF_FFFFL) | ((long) value << 32);
                case EnaRegs.ACQ_BASE_LO_OFF -> acqBase = (acqBase & ~0xFFFF_FFFFL) | Integer.toUnsignedLong(value);
                case EnaRegs.ACQ_BASE_HI_OFF -> acqBase = (acqBase & 0xFFFF_FFFFL) | ((long) value << 32);
                case EnaRegs.AQ_CAPS_OFF -> {
                    aqHead = 0;
                }
                case EnaRegs.ACQ_CAPS_OFF -> {
                    acqTail = 0;
                    acqPhase = 1;
                }
                case EnaRegs.AENQ_BASE_LO_OFF -> aenqBase = (aenqBase & ~0xFFFF_FFFFL) | Integer.toUnsignedLong(value);
                case EnaRegs.AENQ_BASE_HI_OFF -> aenqBase = (aenqBase & 0xFFFF_FFFFL) | ((long) value << 32);
                case EnaRegs.AENQ_CAPS_OFF -> {
                    aenqTail = 0;
                    aenqPhase = 1;
                    aenqHeadDb = 0;
                }
                case EnaRegs.AENQ_HEAD_DB_OFF -> aenqHeadDb = value & 0xFFFF;
                case EnaRegs.AQ_DB_OFF -> {
                    lastAqDb = value & 0xFFFF;
                    processAq = true;
                }
                default -> {
                    if (phcSharedAddr != 0 && offset == phcDoorbellOffset) {
                        answerPhc(value & EnaRegs.PHC_DB_REQ_ID_MASK);
                    }
                }
            }
        }
        if (processAq) {
            if (delivery == Delivery.THREAD) {
                doorbells.add(value);
            } else {
                consumeAq();
            }
        }
    }

    /** §10.2: timestamp, error bound and flags first, the request id last. */
    private void answerPhc(int reqId) {
        MemorySegment r = iommu.slice(phcSharedAddr, PhcResponse.SIZE);
        if (r == null) {
            dmaFaults++;
            return;
        }
        PhcResponse.timestamp(r, 0, phcTimestamp);
        PhcResponse.errorBound(r, 0, phcErrorBound);
        PhcResponse.errorFlags(r, 0, phcErrorFlags);
        PhcResponse.reqId(r, 0, reqId);
        events.add(Event.phc(reqId, phcErrorBound, phcErrorFlags));
    }

    private int registerValue(int offset) {
        return switch (offset) {
            case EnaRegs.VERSION_OFF -> version;
            case EnaRegs.CONTROLLER_VERSION_OFF -> controllerVersion;
            case EnaRegs.CAPS_OFF -> caps;
            case EnaRegs.DEV_STS_OFF -> devStsOverride != null ? devStsOverride
                    : (ready ? EnaRegs.DEV_STS_READY_MASK : 0)
                            | (resetInProgress ? EnaRegs.DEV_STS_RESET_IN_PROGRESS_MASK : 0);
            case EnaRegs.INTR_MASK_OFF -> intrMask;
            case EnaRegs.DEV_CTL_OFF -> devCtl;
            default -> 0;
        };
    }

    private void devCtl(int value) {
        devCtl = value;
        if ((value & EnaRegs.DEV_CTL_DEV_RESET_MASK) != 0) {
            // Reset starts: the device forgets the readless address and its queues (§5.3 implications).
            resetInProgress = !resetNeverAsserts;
            readlessAddr = 0;
            aqBase = 0;
            acqBase = 0;
            aenqBase = 0;
        } else if (resetInProgress && !resetNeverDeasserts) {
            resetInProgress = false;
        }
    }

    private void answerReadless(int request) {
        int reqId = EnaRegs.mmioReadReqId(request);
        int regOff = EnaRegs.mmioReadRegOff(request);
        if (readless == Readless.NEVER) {
            return;
        }
        MemorySegment buf = readlessAddr == 0 ? null : iommu.slice(readlessAddr, 8);
        if (buf == null) {
            dmaFaults++;
            return;
        }
        int value = registerValue(regOff);
        int off = readless == Readless.WRONG_OFFSET ? regOff + 4 : regOff;
        // reg_off and reg_val first, req_id last (§4.4).
        buf.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 2, (short) off);
        buf.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4, value);
        SHORT.setRelease(buf, 0L, (short) reqId);
        events.add(Event.readless(reqId, off, value));
    }

    // ---- admin queue ----

    private void consumeAq() {
        List<byte[]> toPost = new ArrayList<>();
        synchronized (this) {
            MemorySegment aq = aqBase == 0 ? null : iommu.slice(aqBase, (long) DEPTH * 64);
            if (aq == null) {
                dmaFaults++;
                return;
            }
            while (aqHead != lastAqDb) {
                int slot = aqHead & (DEPTH - 1);
                byte[] entry = aq.asSlice((long) slot * 64, 64).toArray(ValueLayout.JAVA_BYTE);
                submissions.add(new Submission(slot, entry, lastAqDb));
                aqHead = (aqHead + 1) & 0xFFFF;
                List<byte[]> answers = responder.apply(entry);
                if (delivery == Delivery.DEFERRED) {
                    deferred.addAll(answers);
                } else {
                    toPost.addAll(answers);
                }
            }
        }
        for (byte[] a : toPost) {
            postCompletion(a);
        }
    }

    /** Writes {@code entry} into the next ACQ slot with the device phase (written last), then raises vector 0. */
    void postCompletion(byte[] entry) {
        synchronized (this) {
            MemorySegment acq = acqBase == 0 ? null : iommu.slice(acqBase, (long) DEPTH * 64);
            if (acq == null) {
                dmaFaults++;
                return;
            }
            int slot = acqTail & (DEPTH - 1);
            long base = (long) slot * 64;
            MemorySegment.copy(entry, 0, acq, ValueLayout.JAVA_BYTE, base, 3);
            MemorySegment.copy(entry, 4, acq, ValueLayout.JAVA_BYTE, base + 4, 60);
            byte flags = (byte) ((entry[3] & ~1) | acqPhase);
            BYTE.setRelease(acq, base + 3, flags);
            byte[] written = entry.clone();
            written[3] = flags;
            completions.add(new Completion(slot, acqPhase, written));
            acqTail++;
            if ((acqTail & (DEPTH - 1)) == 0) {
                acqPhase ^= 1;
            }
        }
        raiseIfUnmasked();
    }

    /** Posts every completion held back in {@link Delivery#DEFERRED} mode. */
    void releaseDeferred() {
        List<byte[]> list;
        synchronized (this) {
            list = new ArrayList<>(deferred);
            deferred.clear();
        }
        for (byte[] e : list) {
            postCompletion(e);
        }
    }

    /** Starts a device thread that consumes the AQ on every doorbell ({@link Delivery#THREAD}). */
    void startDeviceThread() {
        delivery = Delivery.THREAD;
        deviceThread = Thread.ofPlatform().daemon().name("fake-ena-device").start(() -> {
            try {
                while (true) {
                    doorbells.take();
                    consumeAq();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    void stopDeviceThread() {
        if (deviceThread != null) {
            deviceThread.interrupt();
            deviceThread = null;
        }
    }

    private void raiseIfUnmasked() {
        InterruptHandler h;
        synchronized (this) {
            if ((intrMask & 1) != 0 || dropInterrupts) {
                return;
            }
            h = handlers[0];
        }
        if (h != null) {
            h.onInterrupt(0);
        }
    }

    // ---- AENQ ----

    /**
     * Posts an AENQ event into the next slot with the device phase (written last) if the driver granted credit
     * (§9.4 device side), then raises vector 0.
     *
     * @return false if there was no credit (nothing written)
     */
    boolean postAenq(int group, int syndrome, byte[] payload) {
        synchronized (this) {
            if (((aenqHeadDb - aenqTail) & 0xFFFF) == 0 || ((aenqHeadDb - aenqTail) & 0xFFFF) > 16) {
                return false;
            }
            MemorySegment ring = aenqBase == 0 ? null : iommu.slice(aenqBase, 16 * 64);
            if (ring == null) {
                dmaFaults++;
                return false;
            }
            long base = (long) (aenqTail & 15) * 64;
            ring.asSlice(base, 64).fill((byte) 0);
            ring.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), base, (short) group);
            ring.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), base + 2, (short) syndrome);
            ring.set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), base + 8, aenqTail);
            MemorySegment.copy(payload, 0, ring, ValueLayout.JAVA_BYTE, base + 16, Math.min(48, payload.length));
            BYTE.setRelease(ring, base + 4, (byte) aenqPhase);
            aenqTail = (aenqTail + 1) & 0xFFFF;
            if ((aenqTail & 15) == 0) {
                aenqPhase ^= 1;
            }
        }
        raiseIfUnmasked();
        return true;
    }

    /** Writes raw bytes into AENQ slot {@code slot} (as the vectors list them: phase included), no interrupt. */
    synchronized void writeAenqSlot(int slot, byte[] bytes) {
        MemorySegment ring = iommu.slice(aenqBase, 16 * 64);
        MemorySegment.copy(bytes, 0, ring, ValueLayout.JAVA_BYTE, (long) slot * 64, 64);
    }

    // ---- inspection ----

    synchronized List<Event> takeEvents() {
        List<Event> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }

    synchronized List<Event> eventsSnapshot() {
        return new ArrayList<>(events);
    }

    synchronized long writesTo(int offset) {
        return events.stream().filter(e -> e.op().equals("write") && e.offset() == offset).count();
    }

    synchronized int aenqHeadDb() {
        return aenqHeadDb;
    }

    synchronized int intrMask() {
        return intrMask;
    }

    synchronized long readlessAddress() {
        return readlessAddr;
    }
}
