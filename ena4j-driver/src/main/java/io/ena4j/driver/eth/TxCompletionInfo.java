package io.ena4j.driver.eth;

/**
 * Output of {@link TxCompletion#reqIdGet}: the req_id of a completed Tx packet and, with extended (16-byte)
 * completion entries, its transmit timestamp (datapath.md §4). Reusable and caller-owned; nothing allocates.
 */
public final class TxCompletionInfo {

    /**
     * req_id read from the entry. Valid after rc 0; also set after {@code -EINVAL} (the out-of-range value the
     * device wrote, for diagnostics, like the reference), -1 otherwise.
     */
    public int reqId = -1;
    /** True if {@link #timestamp} is valid (extended entries only). */
    public boolean hasTimestamp;
    /** Transmit timestamp in ns (PHC time base, §4.2). */
    public long timestamp;

    /** An empty result. */
    public TxCompletionInfo() {
    }
}
