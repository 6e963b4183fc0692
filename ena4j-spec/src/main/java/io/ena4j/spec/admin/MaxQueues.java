package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * MAX_QUEUES_NUM (feature 2) GET payload, legacy form (management.md §8.3). Offsets relative to the payload start
 * ({@code entryBase + FeatureCmd.GET_PAYLOAD}).
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8)
 *  +0   u32       max_sq_num
 *  +4   u32       max_sq_depth
 *  +8   u32       max_cq_num
 *  +12  u32       max_cq_depth
 *  +16  u32       max_legacy_llq_num
 *  +20  u32       max_legacy_llq_depth
 *  +24  u32       max_header_size
 *  +28  u16       max_packet_tx_descs
 *  +30  u16       max_packet_rx_descs
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class MaxQueues {

    private MaxQueues() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 32;
    /** Offset of max_sq_num. */
    public static final long MAX_SQ_NUM_OFFSET = 0;
    /** Offset of max_sq_depth. */
    public static final long MAX_SQ_DEPTH_OFFSET = 4;
    /** Offset of max_cq_num. */
    public static final long MAX_CQ_NUM_OFFSET = 8;
    /** Offset of max_cq_depth. */
    public static final long MAX_CQ_DEPTH_OFFSET = 12;
    /** Offset of max_legacy_llq_num. */
    public static final long MAX_LEGACY_LLQ_NUM_OFFSET = 16;
    /** Offset of max_legacy_llq_depth. */
    public static final long MAX_LEGACY_LLQ_DEPTH_OFFSET = 20;
    /** Offset of max_header_size. */
    public static final long MAX_HEADER_SIZE_OFFSET = 24;
    /** Offset of max_packet_tx_descs. */
    public static final long MAX_PACKET_TX_DESCS_OFFSET = 28;
    /** Offset of max_packet_rx_descs. */
    public static final long MAX_PACKET_RX_DESCS_OFFSET = 30;

    /** max_sq_num (u32, raw bits). */
    public static int maxSqNum(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_SQ_NUM_OFFSET);
    }

    /** Sets max_sq_num. */
    public static void maxSqNum(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_SQ_NUM_OFFSET, v);
    }

    /** max_sq_depth (u32, raw bits). */
    public static int maxSqDepth(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_SQ_DEPTH_OFFSET);
    }

    /** Sets max_sq_depth. */
    public static void maxSqDepth(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_SQ_DEPTH_OFFSET, v);
    }

    /** max_cq_num (u32, raw bits). */
    public static int maxCqNum(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_CQ_NUM_OFFSET);
    }

    /** Sets max_cq_num. */
    public static void maxCqNum(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_CQ_NUM_OFFSET, v);
    }

    /** max_cq_depth (u32, raw bits). */
    public static int maxCqDepth(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_CQ_DEPTH_OFFSET);
    }

    /** Sets max_cq_depth. */
    public static void maxCqDepth(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_CQ_DEPTH_OFFSET, v);
    }

    /** max_legacy_llq_num (u32, raw bits). */
    public static int maxLegacyLlqNum(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_LEGACY_LLQ_NUM_OFFSET);
    }

    /** Sets max_legacy_llq_num. */
    public static void maxLegacyLlqNum(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_LEGACY_LLQ_NUM_OFFSET, v);
    }

    /** max_legacy_llq_depth (u32, raw bits). */
    public static int maxLegacyLlqDepth(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_LEGACY_LLQ_DEPTH_OFFSET);
    }

    /** Sets max_legacy_llq_depth. */
    public static void maxLegacyLlqDepth(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_LEGACY_LLQ_DEPTH_OFFSET, v);
    }

    /** max_header_size (Tx header bytes, host placement) (u32, raw bits). */
    public static int maxHeaderSize(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_HEADER_SIZE_OFFSET);
    }

    /** Sets max_header_size. */
    public static void maxHeaderSize(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_HEADER_SIZE_OFFSET, v);
    }

    /** max_packet_tx_descs (incl. meta descriptor) (u16). */
    public static int maxPacketTxDescs(MemorySegment s, long base) {
        return Le.u16(s, base + MAX_PACKET_TX_DESCS_OFFSET);
    }

    /** Sets max_packet_tx_descs. */
    public static void maxPacketTxDescs(MemorySegment s, long base, int v) {
        Le.u16(s, base + MAX_PACKET_TX_DESCS_OFFSET, v);
    }

    /** max_packet_rx_descs (u16). */
    public static int maxPacketRxDescs(MemorySegment s, long base) {
        return Le.u16(s, base + MAX_PACKET_RX_DESCS_OFFSET);
    }

    /** Sets max_packet_rx_descs. */
    public static void maxPacketRxDescs(MemorySegment s, long base, int v) {
        Le.u16(s, base + MAX_PACKET_RX_DESCS_OFFSET, v);
    }
}
