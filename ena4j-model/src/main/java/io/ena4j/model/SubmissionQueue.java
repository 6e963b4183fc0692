package io.ena4j.model;

import io.ena4j.spec.admin.CreateSqCmd;

/**
 * Device-side state of one I/O submission queue created by CREATE_SQ (management.md §7.2, §11.1; datapath.md §1.4,
 * §8.4): the creation parameters, the doorbell the driver writes, and the engine that consumes it ({@link TxEngine}
 * or {@link RxEngine}).
 *
 * <p>Read-only view for callers. The doorbell is written by a driver thread without the device lock, as a volatile
 * store: every descriptor (or LLQ entry) store the driver made before it is visible to the engine that reads the
 * doorbell with a volatile load (§8.4 "all descriptor writes are made visible before the doorbell write").
 */
public final class SubmissionQueue {

    private final int index;
    private final int direction;
    private final int placementPolicy;
    private final int completionPolicy;
    private final int depth;
    private final long ringIoAddress;
    private final CompletionQueue cq;
    private final int doorbellOffset;
    private final int llqSlot;
    private final int llqDescriptorsOffset;
    private final int llqEntrySize;
    private volatile int doorbellValue;
    /**
     * Accelerated LLQ burst budget in entries between two doorbells (datapath.md §9.7), 0 when not limited; set at
     * creation, before the queue is published.
     */
    private int burstLimit;
    private ModelCounters counters;
    /** The engine consuming this SQ; set once at creation, before the queue is published to the data path. */
    private TxEngine txEngine;
    private RxEngine rxEngine;

    SubmissionQueue(int index, int direction, int placementPolicy, int completionPolicy, int depth,
                    long ringIoAddress, CompletionQueue cq, int doorbellOffset, int llqSlot, int llqDescriptorsOffset,
                    int llqEntrySize) {
        this.index = index;
        this.direction = direction;
        this.placementPolicy = placementPolicy;
        this.completionPolicy = completionPolicy;
        this.depth = depth;
        this.ringIoAddress = ringIoAddress;
        this.cq = cq;
        this.doorbellOffset = doorbellOffset;
        this.llqSlot = llqSlot;
        this.llqDescriptorsOffset = llqDescriptorsOffset;
        this.llqEntrySize = llqEntrySize;
    }

    /** Device SQ index (CREATE_SQ response sq_idx). */
    public int index() {
        return index;
    }

    /** Direction code: {@link CreateSqCmd#DIRECTION_TX} (1) or {@link CreateSqCmd#DIRECTION_RX} (2). */
    public int direction() {
        return direction;
    }

    /** True for a Tx SQ. */
    public boolean isTx() {
        return direction == CreateSqCmd.DIRECTION_TX;
    }

    /** Placement policy: {@link CreateSqCmd#PLACEMENT_HOST} (1) or {@link CreateSqCmd#PLACEMENT_DEV} (3, LLQ). */
    public int placementPolicy() {
        return placementPolicy;
    }

    /** True for an LLQ (device placement) SQ. */
    public boolean isLlq() {
        return placementPolicy == CreateSqCmd.PLACEMENT_DEV;
    }

    /** Completion policy (0..3, §7.2). */
    public int completionPolicy() {
        return completionPolicy;
    }

    /** Entries in the ring (descriptors, or LLQ entries for device placement). */
    public int depth() {
        return depth;
    }

    /** IO address of the host ring (0 for LLQ). */
    public long ringIoAddress() {
        return ringIoAddress;
    }

    /** The bound CQ. */
    public CompletionQueue cq() {
        return cq;
    }

    /** BAR 0 offset of the doorbell (§11.1). */
    public int doorbellOffset() {
        return doorbellOffset;
    }

    /** Which LLQ region of BAR 2 this SQ owns (m), -1 for host placement. */
    public int llqSlot() {
        return llqSlot;
    }

    /** BAR 2 offset of the LLQ entry array (0 for host placement). */
    public int llqDescriptorsOffset() {
        return llqDescriptorsOffset;
    }

    /** LLQ entry size in bytes negotiated when the SQ was created (0 for host placement). */
    public int llqEntrySize() {
        return llqEntrySize;
    }

    /** Last doorbell value written: the driver's free-running 16-bit tail (§11.1). */
    public int doorbellValue() {
        return doorbellValue;
    }

    /**
     * A doorbell write. With an LLQ burst budget, a doorbell announcing more entries than the budget is a driver
     * error the real device cannot absorb (its burst buffer would overflow): counted as a doorbell error with the
     * sizes, the entries are still processed so that a test sees the count rather than a stall. Called by the one
     * driver thread that owns the queue.
     */
    void doorbellWritten(int v) {
        int value = v & 0xFFFF;
        if (burstLimit > 0) {
            int entries = (value - doorbellValue) & 0xFFFF;
            if (entries > burstLimit) {
                counters.sqDoorbellError(BURST_EXCEEDED);
            }
        }
        doorbellValue = value;
    }

    /** The doorbell-error reason for an LLQ burst over the device's budget (§9.7). */
    static final String BURST_EXCEEDED = "LLQ doorbell announced more entries than the Tx burst budget";

    /** Limits LLQ bursts to {@code entries} per doorbell (accelerated mode with LIMIT_TX_BURST, §9.7). */
    void limitBurst(int entries, ModelCounters c) {
        this.burstLimit = entries;
        this.counters = c;
    }

    /** The LLQ burst budget in entries, 0 when not limited. */
    public int burstLimit() {
        return burstLimit;
    }

    TxEngine txEngine() {
        return txEngine;
    }

    RxEngine rxEngine() {
        return rxEngine;
    }

    void attach(TxEngine tx, RxEngine rx) {
        this.txEngine = tx;
        this.rxEngine = rx;
    }

    @Override
    public String toString() {
        return "SQ[" + index + (isTx() ? " tx" : " rx") + (isLlq() ? " llq" : " host") + " depth=" + depth + " cq="
                + cq.index() + "]";
    }
}
