package io.ena4j.driver.eth;

import java.lang.foreign.MemorySegment;

/**
 * Everything {@link TxPrepare#prepareTx} needs to know about one packet, and what it reports back: the reusable,
 * caller-owned analogue of the reference {@code ena_com_tx_ctx} (datapath.md §2, §3, §3.1, §10).
 *
 * <p>One instance per Tx queue is allocated at set-up time with room for the largest scatter-gather list; for each
 * packet the caller calls {@link #clear()}, fills the fields and calls {@code prepareTx}. Nothing here allocates.
 * Fields are public and plain because the context is a per-thread scratch record on the hot path, like the C
 * struct it mirrors. Values are taken as given and validated by {@code prepareTx} (never by throwing): widths
 * are the descriptor field widths of §2/§3.
 */
public final class TxContext {

    /** Buffer IO (device-visible) addresses, {@code [0, numBufs)} used. */
    public final long[] bufAddr;
    /** Buffer lengths in bytes (0..65535), {@code [0, numBufs)} used. */
    public final int[] bufLen;

    /** Number of data buffers (0..{@link #capacity()}). */
    public int numBufs;
    /** Request id echoed by the Tx completion (0..65535; §2 req_id_hi/lo). */
    public int reqId;
    /**
     * Header length: LLQ = bytes pushed into the first entry (§9.2, §9.3); host mode = value for the
     * {@code header_length} field (the bytes are also in the buffers, §2 word 3).
     */
    public int headerLen;
    /** LLQ only: memory holding the header bytes to push, or {@code null} (rejected in LLQ mode). */
    public MemorySegment pushHeader;
    /** LLQ only: offset of the first header byte in {@link #pushHeader}. */
    public long pushHeaderOffset;

    /** True if the offload fields below are valid (§3.1); false leaves the offload bits 0 and skips the meta cache. */
    public boolean metaValid;
    /** Meta tuple: MSS (14 bits used on the wire; 16 bits cached). */
    public int mss;
    /** Meta tuple: L3 header length in bytes. */
    public int l3HdrLen;
    /** Meta tuple: L3 header offset in the frame. */
    public int l3HdrOffset;
    /** Meta tuple: L4 header length in 32-bit words. */
    public int l4HdrLen;
    /** L3 protocol index ({@code io.ena4j.spec.eth.L3Proto}; 4 bits on the wire). */
    public int l3Proto;
    /** L4 protocol index ({@code io.ena4j.spec.eth.L4Proto}; 5 bits on the wire). */
    public int l4Proto;
    /** Request TCP segmentation offload. */
    public boolean tsoEnable;
    /** Request the IPv4 header checksum. */
    public boolean l3CsumEnable;
    /** Request the TCP/UDP checksum. */
    public boolean l4CsumEnable;
    /** The L4 checksum field is pre-seeded with the pseudo-header sum (§2 bit 17). */
    public boolean l4CsumPartial;
    /** IPv4 Don't-Fragment (written even without {@link #metaValid}, §2). */
    public boolean df;

    /**
     * Output of {@code prepareTx}: SQ slots the packet occupies (descriptors in host mode, LLQ entries in LLQ
     * mode), to be passed to {@link TxCompletion#ack} when the packet completes; -1 after a failed call.
     */
    public int nbHwDesc = -1;

    /**
     * A context for packets of up to {@code maxBufs} data buffers.
     *
     * @throws IllegalArgumentException if {@code maxBufs} is outside [1, 65535]
     */
    public TxContext(int maxBufs) {
        if (maxBufs < 1 || maxBufs > 0xFFFF) {
            throw new IllegalArgumentException("Tx context buffer capacity " + maxBufs + " is out of range [1, 65535]");
        }
        this.bufAddr = new long[maxBufs];
        this.bufLen = new int[maxBufs];
    }

    /** The most data buffers one packet may have in this context. */
    public int capacity() {
        return bufAddr.length;
    }

    /** Resets every input and output field to its initial value (buffer arrays are not wiped, only unused). */
    public TxContext clear() {
        numBufs = 0;
        reqId = 0;
        headerLen = 0;
        pushHeader = null;
        pushHeaderOffset = 0;
        metaValid = false;
        mss = 0;
        l3HdrLen = 0;
        l3HdrOffset = 0;
        l4HdrLen = 0;
        l3Proto = 0;
        l4Proto = 0;
        tsoEnable = false;
        l3CsumEnable = false;
        l4CsumEnable = false;
        l4CsumPartial = false;
        df = false;
        nbHwDesc = -1;
        return this;
    }

    /**
     * Appends a data buffer.
     *
     * @return false (and nothing changed) if the context is full
     */
    public boolean addBuffer(long ioAddress, int length) {
        int n = numBufs;
        if (n < 0 || n >= bufAddr.length) {
            return false;
        }
        bufAddr[n] = ioAddress;
        bufLen[n] = length;
        numBufs = n + 1;
        return true;
    }

    /** Sets the LLQ push header: {@code length} bytes of {@code header} starting at {@code offset}. */
    public TxContext pushHeader(MemorySegment header, long offset, int length) {
        this.pushHeader = header;
        this.pushHeaderOffset = offset;
        this.headerLen = length;
        return this;
    }

    /** Sets the meta tuple (§3) and marks the context meta-valid. */
    public TxContext meta(int mss, int l3HdrLen, int l3HdrOffset, int l4HdrLen) {
        this.metaValid = true;
        this.mss = mss;
        this.l3HdrLen = l3HdrLen;
        this.l3HdrOffset = l3HdrOffset;
        this.l4HdrLen = l4HdrLen;
        return this;
    }
}
