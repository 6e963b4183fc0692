package io.ena4j.driver.eth;

/**
 * Result of {@link RxPath#rxPkt}: the buffers and parse results of one received packet; the reusable,
 * caller-owned analogue of the reference {@code ena_com_rx_ctx} (datapath.md §6, §11.3).
 *
 * <p>Allocated once per Rx queue with room for the largest packet; {@link #maxBufs} is the limit the device may
 * not exceed ({@code max_rx_sgl_size}, §8.1). Outputs are valid after a call that returned 0 with
 * {@link #descs} &gt; 0; {@code descs == 0} means no complete packet yet. Nothing here allocates.
 */
public final class RxContext {

    /** Bytes the device wrote into each buffer, {@code [0, descs)} valid (§6.1 length). */
    public final int[] bufLen;
    /** req_id of each buffer (always &lt; ring depth after a successful call), {@code [0, descs)} valid. */
    public final int[] bufReqId;

    /** Input: most buffers a packet may span; more is a device error (§11.3 step 3). 1..{@link #capacity()}. */
    public int maxBufs;

    /** Completion entries (= buffers) of the packet; 0 if no complete packet was available. */
    public int descs;
    /** L3 protocol index of the packet (5 bits, from the last entry; {@code io.ena4j.spec.eth.L3Proto}). */
    public int l3Proto;
    /** L4 protocol index of the packet (5 bits, from the last entry). */
    public int l4Proto;
    /** IPv4 header checksum error or not validated (§6.1 bit 13). */
    public boolean l3CsumErr;
    /** L4 checksum error or not validated (§6.1 bit 14). */
    public boolean l4CsumErr;
    /** L4 checksum was verified (§6.1 bit 16). */
    public boolean l4CsumChecked;
    /** IPv4 fragment (§6.1 bit 15). */
    public boolean frag;
    /** 32-bit RSS hash (§6.1, §14.1). */
    public int hash;
    /** Offset of packet data in the first buffer (§6.1 offset, §11.4). */
    public int pktOffset;
    /** True if {@link #timestamp} is valid (extended 32-byte entries, §6.2). */
    public boolean hasTimestamp;
    /** Receive timestamp in ns from the last entry (extended entries only). */
    public long timestamp;

    /**
     * A context for packets of up to {@code capacity} buffers; {@link #maxBufs} starts at {@code capacity}.
     *
     * @throws IllegalArgumentException if {@code capacity} is outside [1, 65535]
     */
    public RxContext(int capacity) {
        if (capacity < 1 || capacity > 0xFFFF) {
            throw new IllegalArgumentException("Rx context buffer capacity " + capacity
                    + " is out of range [1, 65535]");
        }
        this.bufLen = new int[capacity];
        this.bufReqId = new int[capacity];
        this.maxBufs = capacity;
    }

    /** Room for buffers in this context. */
    public int capacity() {
        return bufLen.length;
    }

    /** Clears the outputs (not {@link #maxBufs}). */
    void clearOutputs() {
        descs = 0;
        l3Proto = 0;
        l4Proto = 0;
        l3CsumErr = false;
        l4CsumErr = false;
        l4CsumChecked = false;
        frag = false;
        hash = 0;
        pktOffset = 0;
        hasTimestamp = false;
        timestamp = 0;
    }
}
