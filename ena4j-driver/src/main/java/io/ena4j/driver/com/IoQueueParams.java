package io.ena4j.driver.com;

import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.RxDesc;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.eth.TxDesc;

/**
 * Parameters of one I/O queue (a CQ and its SQ) for CREATE_CQ / CREATE_SQ (management.md §7.1, §7.2).
 *
 * <p>Entry sizes follow the reference driver: Tx completions {@link TxCdesc#SIZE} bytes, Rx completions
 * {@link RxCdescBase#SIZE} bytes, doubled when HW timestamping asks for extended completions; SQ descriptors are
 * {@link TxDesc#SIZE} / {@link RxDesc#SIZE} bytes.
 *
 * @param direction           {@link CreateSqCmd#DIRECTION_TX} or {@link CreateSqCmd#DIRECTION_RX}
 * @param placement           {@link CreateSqCmd#PLACEMENT_HOST}, or {@link CreateSqCmd#PLACEMENT_DEV} (LLQ, Tx only)
 * @param depth               entries in both rings: a power of two, 1..{@value MaxQueuesInfo#MAX_RING_SIZE}
 * @param msixVector          MSI-X vector of the CQ (1 + pair index in the reference driver)
 * @param interruptMode       CREATE_CQ interrupt-mode bit (the reference always sets it)
 * @param extendedCompletions extended (timestamped) completion entries (§8.20)
 * @param llqEntrySize        LLQ entry size in bytes with device placement (128/192/256), else 0
 */
public record IoQueueParams(int direction, int placement, int depth, int msixVector, boolean interruptMode,
        boolean extendedCompletions, int llqEntrySize) {

    /** Validates every field; each message names the value and the accepted range. */
    public IoQueueParams {
        if (direction != CreateSqCmd.DIRECTION_TX && direction != CreateSqCmd.DIRECTION_RX) {
            throw new IllegalArgumentException("queue direction " + direction
                    + " out of range: accepted 1 (Tx), 2 (Rx)");
        }
        if (placement != CreateSqCmd.PLACEMENT_HOST && placement != CreateSqCmd.PLACEMENT_DEV) {
            throw new IllegalArgumentException("placement policy " + placement
                    + " out of range: accepted 1 (host), 3 (device)");
        }
        if (placement == CreateSqCmd.PLACEMENT_DEV && direction != CreateSqCmd.DIRECTION_TX) {
            throw new IllegalArgumentException("device placement (3) is for Tx queues only; Rx queues use 1 (host)");
        }
        if (depth < 1 || depth > MaxQueuesInfo.MAX_RING_SIZE || Integer.bitCount(depth) != 1) {
            throw new IllegalArgumentException("queue depth " + depth + " out of range: accepted powers of two 1.."
                    + MaxQueuesInfo.MAX_RING_SIZE);
        }
        if (msixVector < 0) {
            throw new IllegalArgumentException("MSI-X vector " + msixVector + " out of range: accepted 0..2^31-1");
        }
        if (placement == CreateSqCmd.PLACEMENT_DEV ? LlqFeature.EntrySize.bytes(sizeCode(llqEntrySize)) != llqEntrySize
                : llqEntrySize != 0) {
            throw new IllegalArgumentException("LLQ entry size " + llqEntrySize + " out of range: accepted "
                    + (placement == CreateSqCmd.PLACEMENT_DEV ? "128, 192, 256 with device placement"
                    : "0 with host placement"));
        }
    }

    /** A host-placement Tx queue with normal completions and interrupt mode on (the reference's values). */
    public static IoQueueParams txHost(int depth, int msixVector) {
        return new IoQueueParams(CreateSqCmd.DIRECTION_TX, CreateSqCmd.PLACEMENT_HOST, depth, msixVector, true, false,
                0);
    }

    /** A device-placement (LLQ) Tx queue using {@code llq}'s entry size. */
    public static IoQueueParams txLlq(int depth, int msixVector, LlqConfig llq) {
        return new IoQueueParams(CreateSqCmd.DIRECTION_TX, CreateSqCmd.PLACEMENT_DEV, depth, msixVector, true, false,
                llq.entrySize());
    }

    /** An Rx queue with normal completions and interrupt mode on. */
    public static IoQueueParams rx(int depth, int msixVector) {
        return new IoQueueParams(CreateSqCmd.DIRECTION_RX, CreateSqCmd.PLACEMENT_HOST, depth, msixVector, true, false,
                0);
    }

    /** True for a Tx queue. */
    boolean isTx() {
        return direction == CreateSqCmd.DIRECTION_TX;
    }

    /** True for host placement (descriptors in a host ring), false for device placement (LLQ). */
    boolean hostPlacement() {
        return placement == CreateSqCmd.PLACEMENT_HOST;
    }

    /** Completion entry size in bytes: Tx 8 (16 extended), Rx 16 (32 extended) (§7.1). */
    public int cqEntrySize() {
        int base = (int) (isTx() ? TxCdesc.SIZE : RxCdescBase.SIZE);
        return extendedCompletions ? 2 * base : base;
    }

    /** Bytes the CQ ring needs. */
    public long cqRingBytes() {
        return (long) depth * cqEntrySize();
    }

    /** Bytes the host SQ ring needs (0 with device placement: no host ring). */
    public long sqRingBytes() {
        return hostPlacement() ? depth * (isTx() ? TxDesc.SIZE : RxDesc.SIZE) : 0;
    }

    private static int sizeCode(int bytes) {
        for (int code : new int[] {LlqFeature.EntrySize.SIZE_128, LlqFeature.EntrySize.SIZE_192,
            LlqFeature.EntrySize.SIZE_256}) {
            if (LlqFeature.EntrySize.bytes(code) == bytes) {
                return code;
            }
        }
        return 0;
    }
}
