package io.ena4j.model;

/**
 * Device-side state of one I/O completion queue created by CREATE_CQ (management.md §7.1, §11; datapath.md §1.4).
 * The creation parameters are final; the register values the driver writes afterwards (§11.2–§11.4) are recorded
 * here for the data path, which extends this class's state in a later issue.
 *
 * <p>Instances are handed to callers as read-only views; mutable fields are written under the device lock and read
 * with plain volatile semantics, so a test may inspect them from any thread.
 */
public final class CompletionQueue {

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
