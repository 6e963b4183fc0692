package io.ena4j.driver.eth;

/**
 * Per-ring event counters of the ring layer. Names are the per-queue {@code ethtool -S} names of the reference
 * driver where it has one (datapath.md §16.1, §16.2); the rest are ena4j additions for validation failures the
 * reference does not count per ring.
 */
public enum RingCounter {
    /** Tx doorbell writes (§8.4, §16.2). We also count Rx doorbells on Rx rings; the reference does not. */
    DOORBELLS("doorbells"),
    /** Tx descriptor preparation failures, including lack of space (§10 step 6, §16.2). */
    PREPARE_CTX_ERR("prepare_ctx_err"),
    /** Completion carrying a req_id that is not below the ring depth (Tx §12.2 / Rx §11.3). */
    BAD_REQ_ID("bad_req_id"),
    /** LLQ push header assembled from fragments; counted by the caller that assembles it (§9.3). */
    LLQ_BUFFER_COPY("llq_buffer_copy"),
    /** Rx packet spanning more buffers than {@code max_bufs} (§11.3 step 3). */
    BAD_DESC_NUM("bad_desc_num"),
    /**
     * Malformed Rx completion: {@code first} set inside a packet, or MBZ bits 7/17 set with CDESC_MBZ (§11.3).
     * The reference counts this only device-wide ({@code rx_desc_malformed}); we also count it per ring.
     */
    RX_DESC_MALFORMED("rx_desc_malformed"),
    /** Malformed Tx completion: flags bits 7:6 set with CDESC_MBZ (§12.2); per-ring copy of the global name. */
    TX_DESC_MALFORMED("tx_desc_malformed"),
    /**
     * ena4j: a buffer address that does not fit the device's DMA address width (§1.1) was refused instead of
     * being silently masked.
     */
    BAD_DMA_ADDR("bad_dma_addr"),
    /**
     * ena4j: a call refused because of a caller error that the reference cannot see (wrong queue direction, a
     * context with more buffers than it holds, a length or req_id that does not fit its field, an LLQ SQ left
     * mid-packet by an earlier failure).
     */
    INVALID_REQUEST("invalid_request");

    private final String label;

    RingCounter(String label) {
        this.label = label;
    }

    /** The counter's export name, e.g. {@code "bad_req_id"}. */
    public String label() {
        return label;
    }
}
