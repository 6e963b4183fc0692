package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * Queue maxima of the device, from MAX_QUEUES_EXT (feature 7, version 1, management.md §8.4) or, when that
 * is not advertised, from the legacy MAX_QUEUES_NUM (feature 2, §8.3). The legacy form has one SQ and one
 * CQ figure for both directions; it is spread over the Tx and Rx fields here so callers see one shape.
 * All u32 fields are kept unsigned in {@code long}s.
 *
 * <pre>
 * MAX_QUEUES_EXT (G+)                      MAX_QUEUES_NUM (G+)
 * 8  u8  version (must be 1)               8  u32 max_sq_num    24 u32 max_legacy_llq_num
 * 12 u32 max_tx_sq_num  28 tx_sq_depth     12 u32 max_sq_depth  28 u32 max_legacy_llq_depth
 * 16 u32 max_tx_cq_num  32 tx_cq_depth     16 u32 max_cq_num    32 u32 max_header_size
 * 20 u32 max_rx_sq_num  36 rx_sq_depth     20 u32 max_cq_depth  36 u16 max_packet_tx_descs
 * 24 u32 max_rx_cq_num  40 rx_cq_depth                          38 u16 max_packet_rx_descs
 * 44 u32 max_tx_header_size
 * 48 u16 max_per_packet_tx_descs  50 u16 max_per_packet_rx_descs
 * </pre>
 *
 * @param extended            true if read from MAX_QUEUES_EXT
 * @param maxTxSqNum          Tx SQs (host placement)
 * @param maxTxCqNum          Tx CQs
 * @param maxRxSqNum          Rx SQs
 * @param maxRxCqNum          Rx CQs
 * @param maxTxSqDepth        Tx SQ depth (host placement)
 * @param maxTxCqDepth        Tx CQ depth
 * @param maxRxSqDepth        Rx SQ depth
 * @param maxRxCqDepth        Rx CQ depth
 * @param maxTxHeaderSize     Tx header bytes for host placement
 * @param maxPerPacketTxDescs descriptors per Tx packet, meta descriptor included
 * @param maxPerPacketRxDescs descriptors per Rx packet
 * @param legacyLlqNum        legacy LLQ count (legacy form only, else 0)
 * @param legacyLlqDepth      legacy LLQ depth (legacy form only, else 0)
 */
public record MaxQueues(boolean extended, long maxTxSqNum, long maxTxCqNum, long maxRxSqNum, long maxRxCqNum,
        long maxTxSqDepth, long maxTxCqDepth, long maxRxSqDepth, long maxRxCqDepth, long maxTxHeaderSize,
        int maxPerPacketTxDescs, int maxPerPacketRxDescs, long legacyLlqNum, long legacyLlqDepth) {

    /** MAX_QUEUES_EXT version this layer requests and accepts (§8.4). */
    public static final int EXT_VERSION = 1;
    /** Smallest ring the driver accepts after power-of-two rounding (§8.4). */
    public static final int MIN_RING_SIZE = 256;
    /**
     * Largest ring size representable in the 16-bit depth fields of CREATE_CQ / CREATE_SQ (§7.1, §7.2) that is a
     * power of two; device maxima above it are clamped.
     */
    public static final int MAX_RING_SIZE = 32768;
    /** Driver cap on buffers per packet (§8.4, §14). */
    public static final int MAX_SG_ENTRIES = 19;
    /** Tx header length field is 8 bits wide, so the usable header size is capped at 256 (§8.4). */
    public static final int MAX_TX_HEADER_SIZE = 256;

    static MaxQueues parseExt(MemorySegment r) {
        int p = AdminWire.RESP_PAYLOAD;
        return new MaxQueues(true, AdminWire.u32Unsigned(r, p + 4), AdminWire.u32Unsigned(r, p + 8),
                AdminWire.u32Unsigned(r, p + 12), AdminWire.u32Unsigned(r, p + 16),
                AdminWire.u32Unsigned(r, p + 20), AdminWire.u32Unsigned(r, p + 24),
                AdminWire.u32Unsigned(r, p + 28), AdminWire.u32Unsigned(r, p + 32),
                AdminWire.u32Unsigned(r, p + 36), AdminWire.u16(r, p + 40), AdminWire.u16(r, p + 42), 0, 0);
    }

    static int extVersion(MemorySegment r) {
        return AdminWire.u8(r, AdminWire.RESP_PAYLOAD);
    }

    static MaxQueues parseLegacy(MemorySegment r) {
        int p = AdminWire.RESP_PAYLOAD;
        long sqNum = AdminWire.u32Unsigned(r, p);
        long sqDepth = AdminWire.u32Unsigned(r, p + 4);
        long cqNum = AdminWire.u32Unsigned(r, p + 8);
        long cqDepth = AdminWire.u32Unsigned(r, p + 12);
        return new MaxQueues(false, sqNum, cqNum, sqNum, cqNum, sqDepth, cqDepth, sqDepth, cqDepth,
                AdminWire.u32Unsigned(r, p + 24), AdminWire.u16(r, p + 28), AdminWire.u16(r, p + 30),
                AdminWire.u32Unsigned(r, p + 16), AdminWire.u32Unsigned(r, p + 20));
    }

    /**
     * Checks the values the driver sizes its queues from (§8.4, §15 item 6): every queue number ≥ 1, every
     * ring depth ≥ {@value #MIN_RING_SIZE} after rounding down to a power of two, and at least one descriptor
     * per packet. The Tx SQ figures are skipped when {@code txSqFromLlq} (the device advertises LLQ queues,
     * whose own number and depth then govern, §8.4).
     *
     * @return null if usable, else a message naming the field, its value and the accepted range
     */
    public String validate(boolean txSqFromLlq) {
        String m = atLeastOne("max_rx_sq_num", maxRxSqNum);
        m = m != null ? m : atLeastOne("max_rx_cq_num", maxRxCqNum);
        m = m != null ? m : atLeastOne("max_tx_cq_num", maxTxCqNum);
        m = m != null ? m : ring("max_rx_sq_depth", maxRxSqDepth);
        m = m != null ? m : ring("max_rx_cq_depth", maxRxCqDepth);
        m = m != null ? m : ring("max_tx_cq_depth", maxTxCqDepth);
        if (!txSqFromLlq) {
            m = m != null ? m : atLeastOne("max_tx_sq_num", maxTxSqNum);
            m = m != null ? m : ring("max_tx_sq_depth", maxTxSqDepth);
        }
        m = m != null ? m : atLeastOne("max_per_packet_tx_descs", maxPerPacketTxDescs);
        m = m != null ? m : atLeastOne("max_per_packet_rx_descs", maxPerPacketRxDescs);
        return m;
    }

    private static String atLeastOne(String field, long v) {
        return v >= 1 ? null : field + " = " + v + " is out of range: accepted 1..2^32-1";
    }

    private static String ring(String field, long v) {
        return roundDown(v) >= MIN_RING_SIZE ? null : field + " = " + v + " rounds down to " + roundDown(v)
                + ", below the minimum ring size " + MIN_RING_SIZE;
    }

    /** {@code v} rounded down to a power of two and clamped to {@value #MAX_RING_SIZE}; 0 for 0. */
    public static int roundDown(long v) {
        return v <= 0 ? 0 : (int) Math.min(MAX_RING_SIZE, Long.highestOneBit(v));
    }

    /** Rx queue count limit: min(Rx SQs, Rx CQs), clamped to int. */
    public int maxRxQueues() {
        return (int) Math.min(Integer.MAX_VALUE, Math.min(maxRxSqNum, maxRxCqNum));
    }

    /** Largest Rx ring: min(Rx SQ depth, Rx CQ depth) rounded down to a power of two (§8.4). */
    public int maxRxRingSize() {
        return roundDown(Math.min(maxRxSqDepth, maxRxCqDepth));
    }

    /** Largest Tx ring for host placement: min(Tx SQ depth, Tx CQ depth) rounded down (§8.4). */
    public int maxTxRingSizeHost() {
        return roundDown(Math.min(maxTxSqDepth, maxTxCqDepth));
    }

    /** Tx header bytes for host placement, capped at {@value #MAX_TX_HEADER_SIZE} (§8.4). */
    public int txMaxHeaderSize() {
        return (int) Math.min(MAX_TX_HEADER_SIZE, maxTxHeaderSize);
    }

    /** Buffers per Tx packet: min({@value #MAX_SG_ENTRIES}, max_per_packet_tx_descs). */
    public int maxTxSgEntries() {
        return Math.min(MAX_SG_ENTRIES, maxPerPacketTxDescs);
    }

    /** Buffers per Rx packet: min({@value #MAX_SG_ENTRIES}, max_per_packet_rx_descs). */
    public int maxRxSgEntries() {
        return Math.min(MAX_SG_ENTRIES, maxPerPacketRxDescs);
    }
}
