package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * MAX_QUEUES_EXT (feature 7) GET payload, version 1 (management.md §8.4). Offsets relative to the payload start
 * ({@code entryBase + FeatureCmd.GET_PAYLOAD}). A response version other than 1 aborts driver init.
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8)
 *  +0   u8        version
 *  +4   u32       max_tx_sq_num
 *  +8   u32       max_tx_cq_num
 *  +12  u32       max_rx_sq_num
 *  +16  u32       max_rx_cq_num
 *  +20  u32       max_tx_sq_depth
 *  +24  u32       max_tx_cq_depth
 *  +28  u32       max_rx_sq_depth
 *  +32  u32       max_rx_cq_depth
 *  +36  u32       max_tx_header_size
 *  +40  u16       max_per_packet_tx_descs
 *  +42  u16       max_per_packet_rx_descs
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class MaxQueuesExt {

    private MaxQueuesExt() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 44;
    /** Offset of version. */
    public static final long VERSION_OFFSET = 0;
    /** Offset of max_tx_sq_num. */
    public static final long MAX_TX_SQ_NUM_OFFSET = 4;
    /** Offset of max_tx_cq_num. */
    public static final long MAX_TX_CQ_NUM_OFFSET = 8;
    /** Offset of max_rx_sq_num. */
    public static final long MAX_RX_SQ_NUM_OFFSET = 12;
    /** Offset of max_rx_cq_num. */
    public static final long MAX_RX_CQ_NUM_OFFSET = 16;
    /** Offset of max_tx_sq_depth. */
    public static final long MAX_TX_SQ_DEPTH_OFFSET = 20;
    /** Offset of max_tx_cq_depth. */
    public static final long MAX_TX_CQ_DEPTH_OFFSET = 24;
    /** Offset of max_rx_sq_depth. */
    public static final long MAX_RX_SQ_DEPTH_OFFSET = 28;
    /** Offset of max_rx_cq_depth. */
    public static final long MAX_RX_CQ_DEPTH_OFFSET = 32;
    /** Offset of max_tx_header_size. */
    public static final long MAX_TX_HEADER_SIZE_OFFSET = 36;
    /** Offset of max_per_packet_tx_descs. */
    public static final long MAX_PER_PACKET_TX_DESCS_OFFSET = 40;
    /** Offset of max_per_packet_rx_descs. */
    public static final long MAX_PER_PACKET_RX_DESCS_OFFSET = 42;

    /** version (must be 1) (u8). */
    public static int version(MemorySegment s, long base) {
        return Le.u8(s, base + VERSION_OFFSET);
    }

    /** Sets version. */
    public static void version(MemorySegment s, long base, int v) {
        Le.u8(s, base + VERSION_OFFSET, v);
    }

    /** max_tx_sq_num (u32, raw bits). */
    public static int maxTxSqNum(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_TX_SQ_NUM_OFFSET);
    }

    /** Sets max_tx_sq_num. */
    public static void maxTxSqNum(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_TX_SQ_NUM_OFFSET, v);
    }

    /** max_tx_cq_num (u32, raw bits). */
    public static int maxTxCqNum(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_TX_CQ_NUM_OFFSET);
    }

    /** Sets max_tx_cq_num. */
    public static void maxTxCqNum(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_TX_CQ_NUM_OFFSET, v);
    }

    /** max_rx_sq_num (u32, raw bits). */
    public static int maxRxSqNum(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_RX_SQ_NUM_OFFSET);
    }

    /** Sets max_rx_sq_num. */
    public static void maxRxSqNum(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_RX_SQ_NUM_OFFSET, v);
    }

    /** max_rx_cq_num (u32, raw bits). */
    public static int maxRxCqNum(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_RX_CQ_NUM_OFFSET);
    }

    /** Sets max_rx_cq_num. */
    public static void maxRxCqNum(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_RX_CQ_NUM_OFFSET, v);
    }

    /** max_tx_sq_depth (u32, raw bits). */
    public static int maxTxSqDepth(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_TX_SQ_DEPTH_OFFSET);
    }

    /** Sets max_tx_sq_depth. */
    public static void maxTxSqDepth(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_TX_SQ_DEPTH_OFFSET, v);
    }

    /** max_tx_cq_depth (u32, raw bits). */
    public static int maxTxCqDepth(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_TX_CQ_DEPTH_OFFSET);
    }

    /** Sets max_tx_cq_depth. */
    public static void maxTxCqDepth(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_TX_CQ_DEPTH_OFFSET, v);
    }

    /** max_rx_sq_depth (u32, raw bits). */
    public static int maxRxSqDepth(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_RX_SQ_DEPTH_OFFSET);
    }

    /** Sets max_rx_sq_depth. */
    public static void maxRxSqDepth(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_RX_SQ_DEPTH_OFFSET, v);
    }

    /** max_rx_cq_depth (u32, raw bits). */
    public static int maxRxCqDepth(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_RX_CQ_DEPTH_OFFSET);
    }

    /** Sets max_rx_cq_depth. */
    public static void maxRxCqDepth(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_RX_CQ_DEPTH_OFFSET, v);
    }

    /** max_tx_header_size (u32, raw bits). */
    public static int maxTxHeaderSize(MemorySegment s, long base) {
        return Le.u32(s, base + MAX_TX_HEADER_SIZE_OFFSET);
    }

    /** Sets max_tx_header_size. */
    public static void maxTxHeaderSize(MemorySegment s, long base, int v) {
        Le.u32(s, base + MAX_TX_HEADER_SIZE_OFFSET, v);
    }

    /** max_per_packet_tx_descs (incl. meta descriptor) (u16). */
    public static int maxPerPacketTxDescs(MemorySegment s, long base) {
        return Le.u16(s, base + MAX_PER_PACKET_TX_DESCS_OFFSET);
    }

    /** Sets max_per_packet_tx_descs. */
    public static void maxPerPacketTxDescs(MemorySegment s, long base, int v) {
        Le.u16(s, base + MAX_PER_PACKET_TX_DESCS_OFFSET, v);
    }

    /** max_per_packet_rx_descs (u16). */
    public static int maxPerPacketRxDescs(MemorySegment s, long base) {
        return Le.u16(s, base + MAX_PER_PACKET_RX_DESCS_OFFSET);
    }

    /** Sets max_per_packet_rx_descs. */
    public static void maxPerPacketRxDescs(MemorySegment s, long base, int v) {
        Le.u16(s, base + MAX_PER_PACKET_RX_DESCS_OFFSET, v);
    }


    /** The only version the driver accepts (and requests). */
    public static final int VERSION_1 = 1;
}
