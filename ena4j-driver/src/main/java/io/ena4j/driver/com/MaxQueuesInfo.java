package io.ena4j.driver.com;

import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.MaxQueues;
import io.ena4j.spec.admin.MaxQueuesExt;

import java.lang.foreign.MemorySegment;

/**
 * Queue maxima of the device, from MAX_QUEUES_EXT (feature 7, version 1, management.md §8.4) or, when that
 * is not advertised, from the legacy MAX_QUEUES_NUM (feature 2, §8.3). The legacy form has one SQ and one
 * CQ figure for both directions; it is spread over the Tx and Rx fields here so callers see one shape.
 * All u32 fields are kept unsigned in {@code long}s. The wire layouts are {@link MaxQueuesExt} and
 * {@link MaxQueues} (this record takes the suffix {@code Info} so it does not reuse the latter's name).
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
public record MaxQueuesInfo(boolean extended, long maxTxSqNum, long maxTxCqNum, long maxRxSqNum, long maxRxCqNum,
        long maxTxSqDepth, long maxTxCqDepth, long maxRxSqDepth, long maxRxCqDepth, long maxTxHeaderSize,
        int maxPerPacketTxDescs, int maxPerPacketRxDescs, long legacyLlqNum, long legacyLlqDepth) {

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

    /** Parses a MAX_QUEUES_EXT GET_FEATURE response (payload at {@link FeatureCmd#GET_PAYLOAD}). */
    static MaxQueuesInfo parseExt(MemorySegment r) {
        long p = FeatureCmd.GET_PAYLOAD;
        return new MaxQueuesInfo(true, u32(MaxQueuesExt.maxTxSqNum(r, p)), u32(MaxQueuesExt.maxTxCqNum(r, p)),
                u32(MaxQueuesExt.maxRxSqNum(r, p)), u32(MaxQueuesExt.maxRxCqNum(r, p)),
                u32(MaxQueuesExt.maxTxSqDepth(r, p)), u32(MaxQueuesExt.maxTxCqDepth(r, p)),
                u32(MaxQueuesExt.maxRxSqDepth(r, p)), u32(MaxQueuesExt.maxRxCqDepth(r, p)),
                u32(MaxQueuesExt.maxTxHeaderSize(r, p)), MaxQueuesExt.maxPerPacketTxDescs(r, p),
                MaxQueuesExt.maxPerPacketRxDescs(r, p), 0, 0);
    }

    /** The {@code version} of a MAX_QUEUES_EXT GET_FEATURE response. */
    static int extVersion(MemorySegment r) {
        return MaxQueuesExt.version(r, FeatureCmd.GET_PAYLOAD);
    }

    /** Parses a MAX_QUEUES_NUM GET_FEATURE response, spreading the shared SQ/CQ figures over both directions. */
    static MaxQueuesInfo parseLegacy(MemorySegment r) {
        long p = FeatureCmd.GET_PAYLOAD;
        long sqNum = u32(MaxQueues.maxSqNum(r, p));
        long sqDepth = u32(MaxQueues.maxSqDepth(r, p));
        long cqNum = u32(MaxQueues.maxCqNum(r, p));
        long cqDepth = u32(MaxQueues.maxCqDepth(r, p));
        return new MaxQueuesInfo(false, sqNum, cqNum, sqNum, cqNum, sqDepth, cqDepth, sqDepth, cqDepth,
                u32(MaxQueues.maxHeaderSize(r, p)), MaxQueues.maxPacketTxDescs(r, p), MaxQueues.maxPacketRxDescs(r, p),
                u32(MaxQueues.maxLegacyLlqNum(r, p)), u32(MaxQueues.maxLegacyLlqDepth(r, p)));
    }

    private static long u32(int raw) {
        return Integer.toUnsignedLong(raw);
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
