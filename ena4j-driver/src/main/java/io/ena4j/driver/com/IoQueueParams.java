package io.ena4j.driver.com;

/**
 * Parameters of one I/O queue (a CQ and its SQ) for CREATE_CQ / CREATE_SQ (management.md §7.1, §7.2).
 *
 * <p>Entry sizes follow the reference driver: Tx completions 8 bytes (2 words), Rx completions 16 bytes
 * (4 words), doubled when HW timestamping asks for extended completions; SQ descriptors are 16 bytes in both
 * directions.
 *
 * @param direction           {@link #DIRECTION_TX} or {@link #DIRECTION_RX}
 * @param placement           {@link #PLACEMENT_HOST}, or {@link #PLACEMENT_DEV} (LLQ, Tx only)
 * @param depth               entries in both rings: a power of two, 1..{@value MaxQueues#MAX_RING_SIZE}
 * @param msixVector          MSI-X vector of the CQ (1 + pair index in the reference driver)
 * @param interruptMode       CREATE_CQ interrupt-mode bit (the reference always sets it)
 * @param extendedCompletions extended (timestamped) completion entries (§8.20)
 * @param llqEntrySize        LLQ entry size in bytes with device placement (128/192/256), else 0
 */
public record IoQueueParams(int direction, int placement, int depth, int msixVector, boolean interruptMode,
        boolean extendedCompletions, int llqEntrySize) {

    /** SQ direction code 1: Tx (§7.2 sq_identity bits 7:5). */
    public static final int DIRECTION_TX = 1;
    /** SQ direction code 2: Rx. */
    public static final int DIRECTION_RX = 2;
    /** Placement policy 1: descriptors in host memory. */
    public static final int PLACEMENT_HOST = 1;
    /** Placement policy 3: descriptors pushed into device memory through BAR 2 (LLQ). */
    public static final int PLACEMENT_DEV = 3;
    /** Size of a Tx or Rx SQ descriptor in bytes. */
    public static final int SQ_ENTRY_SIZE = 16;

    /** Validates every field; each message names the value and the accepted range. */
    public IoQueueParams {
        if (direction != DIRECTION_TX && direction != DIRECTION_RX) {
            throw new IllegalArgumentException("queue direction " + direction
                    + " out of range: accepted 1 (Tx), 2 (Rx)");
        }
        if (placement != PLACEMENT_HOST && placement != PLACEMENT_DEV) {
            throw new IllegalArgumentException("placement policy " + placement
                    + " out of range: accepted 1 (host), 3 (device)");
        }
        if (placement == PLACEMENT_DEV && direction != DIRECTION_TX) {
            throw new IllegalArgumentException("device placement (3) is for Tx queues only; Rx queues use 1 (host)");
        }
        if (depth < 1 || depth > MaxQueues.MAX_RING_SIZE || Integer.bitCount(depth) != 1) {
            throw new IllegalArgumentException("queue depth " + depth + " out of range: accepted powers of two 1.."
                    + MaxQueues.MAX_RING_SIZE);
        }
        if (msixVector < 0) {
            throw new IllegalArgumentException("MSI-X vector " + msixVector + " out of range: accepted 0..2^31-1");
        }
        if (placement == PLACEMENT_DEV ? LlqConfig.entrySizeBytes(sizeCode(llqEntrySize)) != llqEntrySize
                : llqEntrySize != 0) {
            throw new IllegalArgumentException("LLQ entry size " + llqEntrySize + " out of range: accepted "
                    + (placement == PLACEMENT_DEV ? "128, 192, 256 with device placement" : "0 with host placement"));
        }
    }

    /** A host-placement Tx queue with normal completions and interrupt mode on (the reference's values). */
    public static IoQueueParams txHost(int depth, int msixVector) {
        return new IoQueueParams(DIRECTION_TX, PLACEMENT_HOST, depth, msixVector, true, false, 0);
    }

    /** A device-placement (LLQ) Tx queue using {@code llq}'s entry size. */
    public static IoQueueParams txLlq(int depth, int msixVector, LlqConfig llq) {
        return new IoQueueParams(DIRECTION_TX, PLACEMENT_DEV, depth, msixVector, true, false, llq.entrySize());
    }

    /** An Rx queue with normal completions and interrupt mode on. */
    public static IoQueueParams rx(int depth, int msixVector) {
        return new IoQueueParams(DIRECTION_RX, PLACEMENT_HOST, depth, msixVector, true, false, 0);
    }

    /** Completion entry size in bytes: Tx 8 (16 extended), Rx 16 (32 extended) (§7.1). */
    public int cqEntrySize() {
        int base = direction == DIRECTION_TX ? 8 : 16;
        return extendedCompletions ? 2 * base : base;
    }

    /** Bytes the CQ ring needs. */
    public long cqRingBytes() {
        return (long) depth * cqEntrySize();
    }

    /** Bytes the host SQ ring needs (0 with device placement: no host ring). */
    public long sqRingBytes() {
        return placement == PLACEMENT_HOST ? (long) depth * SQ_ENTRY_SIZE : 0;
    }

    private static int sizeCode(int bytes) {
        return switch (bytes) {
            case 128 -> LlqConfig.ENTRY_SIZE_128;
            case 192 -> LlqConfig.ENTRY_SIZE_192;
            case 256 -> LlqConfig.ENTRY_SIZE_256;
            default -> 0;
        };
    }
}
