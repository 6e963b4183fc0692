package io.ena4j.model;

import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.CreateCqCmd;
import io.ena4j.spec.admin.CreateCqResp;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.CreateSqResp;
import io.ena4j.spec.admin.DestroyCqCmd;
import io.ena4j.spec.admin.DestroySqCmd;
import io.ena4j.spec.admin.LlqFeature;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * I/O queue creation and destruction (management.md §7.1–§7.4) and the per-queue registers they report (§11): owns
 * the SQ/CQ tables and hands out indexes lowest-free-first (writes to those registers are decoded lock-free by the
 * model from the published {@link DataPlane}).
 *
 * <p>Validation (all driver-provided values are untrusted):
 * <ul>
 * <li>CREATE_CQ: entry size 2, 4 or 8 words (§7.1: 2 must be accepted for Tx); depth a power of two within the
 * larger of the Tx/Rx CQ depth limits (CREATE_CQ carries no direction); MSI-X vector inside the table when interrupt
 * mode is on; out of CQ indexes → RESOURCE_ALLOCATION_FAILURE; ring unreachable → DMA fault.</li>
 * <li>CREATE_SQ: direction 1/2; placement 1, or 3 only for Tx after a successful SET(LLQ); completion policy 0/1
 * [decision: 2/3 need a head write-back area the model does not implement → ILLEGAL_PARAMETER]; physically
 * contiguous when CAPS bit 0 says so; cq_idx names an existing CQ not bound to another SQ, with an entry size that
 * fits the direction (Tx 2/4, Rx 4/8 words) and a depth within that direction's CQ limit; depth a power of two
 * within the direction's (or LLQ's) limit and, for LLQ, fitting its BAR 2 region; out of queues / LLQ regions →
 * RESOURCE_ALLOCATION_FAILURE; host ring unreachable → DMA fault.</li>
 * <li>DESTROY_SQ: the SQ exists and has the given direction. DESTROY_CQ: the CQ exists and no SQ is bound to it
 * [decision: RESOURCE_BUSY, the driver destroys the SQ first, §7.4].</li>
 * </ul>
 *
 * <p>Every change is reported to a {@link Listener} (the model), which creates the queue's engine before the queue
 * becomes visible and republishes the lock-free {@link DataPlane} before the command's completion is written.
 *
 * <p>Guarded by the device lock.
 */
final class QueueManager {

    /** Returned by create commands when a DMA fault stopped the device. */
    static final int FAULT = -1;

    /** What the data path must learn about queue changes (called with the device lock held). */
    interface Listener {
        /** A new SQ, bound to its CQ, not yet visible: attach its engine. */
        void created(SubmissionQueue sq);

        /** An SQ was destroyed: retire its engine. */
        void destroyed(SubmissionQueue sq);

        /** The queue tables changed: republish. */
        void changed();
    }

    private static final int TX_DESC_SIZE = 16;

    private final DeviceProfile profile;
    private final Listener listener;
    private final DeviceProfile.Bar0Layout layout;
    private final SubmissionQueue[] sqs;
    private final CompletionQueue[] cqs;
    private final boolean[] llqSlotUsed;
    private int txHostCount;
    private int txLlqCount;
    private int rxCount;

    QueueManager(DeviceProfile profile, Listener listener) {
        this.profile = profile;
        this.listener = listener;
        this.layout = profile.bar0();
        this.sqs = new SubmissionQueue[profile.sqIndexCount()];
        this.cqs = new CompletionQueue[profile.cqIndexCount()];
        this.llqSlotUsed = new boolean[profile.llq().maxLlqNum()];
    }

    /** Drops every queue (device reset, §5.3). */
    void reset() {
        java.util.Arrays.fill(sqs, null);
        java.util.Arrays.fill(cqs, null);
        java.util.Arrays.fill(llqSlotUsed, false);
        txHostCount = 0;
        txLlqCount = 0;
        rxCount = 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Commands
    // ---------------------------------------------------------------------------------------------------------------

    /** CREATE_CQ (§7.1). Returns a status code, or {@link #FAULT}. */
    int createCq(MemorySegment cmd, MemorySegment resp, DmaPort dma) {
        int words = CreateCqCmd.cqEntrySizeWords(cmd, 0);
        int depth = CreateCqCmd.cqDepth(cmd, 0);
        boolean intr = CreateCqCmd.interruptModeEnabled(cmd, 0) != 0;
        int vector = CreateCqCmd.msixVector(cmd, 0);
        long ba = CreateCqCmd.cqBa(cmd, 0);
        DeviceProfile.QueueLimits q = profile.queues();
        if (words != 2 && words != 4 && words != 8) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        if (!Check.isPowerOfTwo(depth) || depth > Math.max(q.maxTxCqDepth(), q.maxRxCqDepth())) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        if (intr && (vector < 0 || vector >= profile.msix().vectors())) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        int slot = freeSlot(cqs);
        if (slot < 0) {
            return AdminStatus.RESOURCE_ALLOCATION_FAILURE.code();
        }
        long bytes = (long) depth * words * 4;
        if (!dma.require("CQ ring", ba, bytes)) {
            return FAULT;
        }
        int idx = layout.firstCqIndex() + slot;
        int unmask = layout.cqUnmaskBase() + 4 * idx;
        int numa = layout.cqNumaBase() == 0 ? 0 : layout.cqNumaBase() + 4 * idx;
        int headDb = layout.cqHeadDbBase() + 4 * idx;
        cqs[slot] = new CompletionQueue(idx, depth, words, intr, vector, ba, unmask, numa, headDb);
        listener.changed();
        CreateCqResp.cqIdx(resp, 0, idx);
        CreateCqResp.cqActualDepth(resp, 0, depth);
        CreateCqResp.numaNodeRegisterOffset(resp, 0, numa);
        CreateCqResp.cqHeadDbRegisterOffset(resp, 0, headDb);
        CreateCqResp.cqInterruptUnmaskRegisterOffset(resp, 0, unmask);
        return AdminStatus.SUCCESS.code();
    }

    /** CREATE_SQ (§7.2). Returns a status code, or {@link #FAULT}. */
    int createSq(MemorySegment cmd, MemorySegment resp, DmaPort dma, FeatureState fs) {
        int dir = CreateSqCmd.sqDirection(cmd, 0);
        int placement = CreateSqCmd.placementPolicy(cmd, 0);
        int completion = CreateSqCmd.completionPolicy(cmd, 0);
        boolean contiguous = CreateSqCmd.isPhysicallyContiguous(cmd, 0) != 0;
        int cqIdx = CreateSqCmd.cqIdx(cmd, 0);
        int depth = CreateSqCmd.sqDepth(cmd, 0);
        long ba = CreateSqCmd.sqBa(cmd, 0);
        DeviceProfile.QueueLimits q = profile.queues();
        boolean tx = dir == CreateSqCmd.DIRECTION_TX;
        if (!tx && dir != CreateSqCmd.DIRECTION_RX) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        boolean llq = placement == CreateSqCmd.PLACEMENT_DEV;
        if (placement != CreateSqCmd.PLACEMENT_HOST && !llq || llq && (!tx || !fs.llqConfigured)) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        if (completion != CreateSqCmd.COMPLETION_POLICY_DESC
                && completion != CreateSqCmd.COMPLETION_POLICY_DESC_ON_DEMAND) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        if (!llq && !contiguous && profile.registers().contiguousQueueRequired()) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        CompletionQueue cq = cqAt(cqIdx);
        if (cq == null || cq.boundSq() != null) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        int words = cq.entrySizeWords();
        if (tx ? words != 2 && words != 4 : words != 4 && words != 8) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        if (cq.depth() > (tx ? q.maxTxCqDepth() : q.maxRxCqDepth())) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        int entrySize = llq ? LlqFeature.EntrySize.bytes(fs.llqEntrySizeCode) : 0;
        int maxDepth;
        if (llq) {
            maxDepth = profile.llq().maxLlqDepth();
            if (entrySize == 256 && profile.llq().maxWideLlqDepth() != 0) {
                maxDepth = Math.min(maxDepth, profile.llq().maxWideLlqDepth());
            }
        } else {
            maxDepth = tx ? q.maxTxSqDepth() : q.maxRxSqDepth();
        }
        if (!Check.isPowerOfTwo(depth) || depth > maxDepth
                || llq && (long) depth * entrySize > profile.llq().descriptorsStride()) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        boolean full;
        if (!tx) {
            full = rxCount >= q.maxRxSqNum();
        } else if (llq) {
            full = txLlqCount >= profile.llq().maxLlqNum();
        } else {
            full = txHostCount >= q.maxTxSqNum();
        }
        full |= tx && txHostCount + txLlqCount >= q.txSqCapacity(profile.llq());
        int slot = freeSlot(sqs);
        int llqSlot = llq ? freeLlqSlot() : -1;
        if (full || slot < 0 || llq && llqSlot < 0) {
            return AdminStatus.RESOURCE_ALLOCATION_FAILURE.code();
        }
        if (!llq && !dma.require("SQ ring", ba, (long) depth * TX_DESC_SIZE)) {
            return FAULT;
        }
        int idx = layout.firstSqIndex() + slot;
        int doorbell = layout.sqDoorbellBase() + 4 * idx;
        int llqOffset = llq ? llqSlot * profile.llq().descriptorsStride() : 0;
        SubmissionQueue sq = new SubmissionQueue(idx, dir, placement, completion, depth, llq ? 0 : ba, cq, doorbell,
                llqSlot, llqOffset, entrySize);
        cq.bind(sq);
        listener.created(sq);
        sqs[slot] = sq;
        if (llq) {
            llqSlotUsed[llqSlot] = true;
            txLlqCount++;
        } else if (tx) {
            txHostCount++;
        } else {
            rxCount++;
        }
        listener.changed();
        CreateSqResp.sqIdx(resp, 0, idx);
        CreateSqResp.sqDoorbellOffset(resp, 0, doorbell);
        CreateSqResp.llqDescriptorsOffset(resp, 0, llqOffset);
        CreateSqResp.llqHeadersOffset(resp, 0, 0);
        return AdminStatus.SUCCESS.code();
    }

    /** DESTROY_SQ (§7.3). */
    int destroySq(MemorySegment cmd) {
        int idx = DestroySqCmd.sqIdx(cmd, 0);
        int dir = DestroySqCmd.sqDirection(cmd, 0);
        SubmissionQueue sq = sqAt(idx);
        if (sq == null || sq.direction() != dir) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        sqs[idx - layout.firstSqIndex()] = null;
        sq.cq().bind(null);
        listener.destroyed(sq);
        listener.changed();
        if (sq.isLlq()) {
            llqSlotUsed[sq.llqSlot()] = false;
            txLlqCount--;
        } else if (sq.isTx()) {
            txHostCount--;
        } else {
            rxCount--;
        }
        return AdminStatus.SUCCESS.code();
    }

    /** DESTROY_CQ (§7.4). */
    int destroyCq(MemorySegment cmd) {
        int idx = DestroyCqCmd.cqIdx(cmd, 0);
        CompletionQueue cq = cqAt(idx);
        if (cq == null) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        if (cq.boundSq() != null) {
            return AdminStatus.RESOURCE_BUSY.code();
        }
        cqs[idx - layout.firstCqIndex()] = null;
        listener.changed();
        return AdminStatus.SUCCESS.code();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lookups and registers
    // ---------------------------------------------------------------------------------------------------------------

    /** The SQ with device index {@code idx}, or null. */
    SubmissionQueue sqAt(int idx) {
        int slot = idx - layout.firstSqIndex();
        return slot < 0 || slot >= sqs.length ? null : sqs[slot];
    }

    /** The CQ with device index {@code idx}, or null. */
    CompletionQueue cqAt(int idx) {
        int slot = idx - layout.firstCqIndex();
        return slot < 0 || slot >= cqs.length ? null : cqs[slot];
    }

    /** True if {@code idx} is a live Rx SQ (what RSS indirection entries must name, §7.2 note). */
    boolean isRxSq(int idx) {
        SubmissionQueue sq = sqAt(idx);
        return sq != null && !sq.isTx();
    }

    /** Live SQs in index order. */
    List<SubmissionQueue> submissionQueues() {
        List<SubmissionQueue> out = new ArrayList<>();
        for (SubmissionQueue sq : sqs) {
            if (sq != null) {
                out.add(sq);
            }
        }
        return out;
    }

    /** Live CQs in index order. */
    List<CompletionQueue> completionQueues() {
        List<CompletionQueue> out = new ArrayList<>();
        for (CompletionQueue cq : cqs) {
            if (cq != null) {
                out.add(cq);
            }
        }
        return out;
    }

    /** A copy of the SQ table, indexed by slot (sq_idx − first SQ index). */
    SubmissionQueue[] sqSlots() {
        return sqs.clone();
    }

    /** A copy of the CQ table, indexed by slot (cq_idx − first CQ index). */
    CompletionQueue[] cqSlots() {
        return cqs.clone();
    }

    private static int freeSlot(Object[] table) {
        for (int i = 0; i < table.length; i++) {
            if (table[i] == null) {
                return i;
            }
        }
        return -1;
    }

    private int freeLlqSlot() {
        for (int i = 0; i < llqSlotUsed.length; i++) {
            if (!llqSlotUsed[i]) {
                return i;
            }
        }
        return -1;
    }
}
