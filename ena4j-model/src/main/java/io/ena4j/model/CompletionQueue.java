package io.ena4j.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Device-side state of one I/O completion queue created by CREATE_CQ (management.md §7.1, §11; datapath.md §1.4,
 * §8.2): the creation parameters, the register values the driver writes afterwards (§11.2–§11.4), and the producer
 * position of the data path.
 *
 * <p>The producer position (index and phase, §8.2: phase 1 on the first lap, flipped on every wrap) lives here rather
 * than in an engine because a CQ outlives the SQ bound to it: an SQ destroyed and re-created on the same CQ continues
 * where the previous one stopped. It is written only by the thread that feeds the bound SQ's engine (see
 * {@link EnaDeviceModel} "Threading"); after each completion that thread publishes the count of completions written
 * with a release store, which is how the interrupt logic ({@link IoVector}), possibly on another thread, learns of
 * new completions.
 *
 * <p>Instances are handed to callers as read-only views; register fields are volatile, so a test may inspect them
 * from any thread.
 */
public final class CompletionQueue {

    private static final VarHandle WRITTEN;

    static {
        try {
            WRITTEN = MethodHandles.lookup().findVarHandle(CompletionQueue.class, "written", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int index;
    private final int depth;
    private final int entrySizeWords;
    private final boolean interruptMode;
    private final int msixVector;
    private final long ringIoAddress;
    private final int unmaskRegisterOffset;
    private final int numaRegisterOffset;
    private final int headDoorbellRegisterOffset;
    private volatile SubmissionQueue boundSq;
    private volatile int lastUnmaskValue;
    private volatile int numaValue;
    private volatile int headDoorbellValue;
    /** Completions written since creation; release-published by the producer. */
    private volatile long written;
    /** Producer index (16-bit free-running) and phase: producer thread only. */
    private int producerIndex;
    private int producerPhase = 1;
    /** Completions already noticed by the interrupt logic: stepping thread only. */
    private long seen;

    CompletionQueue(int index, int depth, int entrySizeWords, boolean interruptMode, int msixVector,
                    long ringIoAddress, int unmaskRegisterOffset, int numaRegisterOffset,
                    int headDoorbellRegisterOffset) {
        this.index = index;
        this.depth = depth;
        this.entrySizeWords = entrySizeWords;
        this.interruptMode = interruptMode;
        this.msixVector = msixVector;
        this.ringIoAddress = ringIoAddress;
        this.unmaskRegisterOffset = unmaskRegisterOffset;
        this.numaRegisterOffset = numaRegisterOffset;
        this.headDoorbellRegisterOffset = headDoorbellRegisterOffset;
    }

    /** Device CQ index (CREATE_CQ response cq_idx). */
    public int index() {
        return index;
    }

    /** Entries in the ring (a power of two). */
    public int depth() {
        return depth;
    }

    /** Completion entry size in 32-bit words: 2, 4 or 8 (§7.1). */
    public int entrySizeWords() {
        return entrySizeWords;
    }

    /** Completion entry size in bytes. */
    public int entrySizeBytes() {
        return entrySizeWords * 4;
    }

    /** CREATE_CQ interrupt_mode_enabled. */
    public boolean interruptMode() {
        return interruptMode;
    }

    /** MSI-X vector this CQ raises. */
    public int msixVector() {
        return msixVector;
    }

    /** IO address of the ring (cq_ba). */
    public long ringIoAddress() {
        return ringIoAddress;
    }

    /** Ring size in bytes. */
    public long ringBytes() {
        return (long) depth * entrySizeBytes();
    }

    /** BAR 0 offset of the interrupt-unmask register (§11.2). */
    public int unmaskRegisterOffset() {
        return unmaskRegisterOffset;
    }

    /** BAR 0 offset of the NUMA register, 0 if the device has none (§11.3). */
    public int numaRegisterOffset() {
        return numaRegisterOffset;
    }

    /** BAR 0 offset of the CQ head doorbell (§11.4). */
    public int headDoorbellRegisterOffset() {
        return headDoorbellRegisterOffset;
    }

    /** The SQ bound to this CQ, or null. */
    public SubmissionQueue boundSq() {
        return boundSq;
    }

    /** Last value written to the unmask register (0 if never). */
    public int lastUnmaskValue() {
        return lastUnmaskValue;
    }

    /** Last value written to the NUMA register (0 if never). */
    public int numaValue() {
        return numaValue;
    }

    /** Last value written to the head doorbell (0 if never). */
    public int headDoorbellValue() {
        return headDoorbellValue;
    }

    /** Completion entries written since creation (any thread). */
    public long completionsWritten() {
        return (long) WRITTEN.getAcquire(this);
    }

    /** Producer index, 16-bit free-running (producer thread). */
    int producerIndex() {
        return producerIndex;
    }

    /** Phase the producer writes on the current lap (producer thread). */
    int producerPhase() {
        return producerPhase;
    }

    /**
     * Moves the producer past the entry just written and publishes the new completion count with a release store
     * (producer thread). The phase flips when the index wraps to slot 0 (§8.2).
     */
    void produced() {
        int next = (producerIndex + 1) & 0xFFFF;
        producerIndex = next;
        if ((next & (depth - 1)) == 0) {
            producerPhase ^= 1;
        }
        WRITTEN.setRelease(this, (long) WRITTEN.get(this) + 1);
    }

    /** True if completions were written since the last call (stepping thread, for {@link IoVector}). */
    boolean takeNewCompletions() {
        long w = (long) WRITTEN.getAcquire(this);
        if (w == seen) {
            return false;
        }
        seen = w;
        return true;
    }

    void bind(SubmissionQueue sq) {
        boundSq = sq;
    }

    void unmaskWritten(int v) {
        lastUnmaskValue = v;
    }

    void numaWritten(int v) {
        numaValue = v;
    }

    void headDoorbellWritten(int v) {
        headDoorbellValue = v;
    }

    @Override
    public String toString() {
        return "CQ[" + index + " depth=" + depth + " entry=" + entrySizeBytes() + "B vector=" + msixVector + "]";
    }
}
