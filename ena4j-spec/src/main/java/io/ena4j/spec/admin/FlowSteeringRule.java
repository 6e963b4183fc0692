package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Flow-steering rule parameters: the 128-byte control buffer of a FLOW_STEERING_CONFIG add (management.md §8.19).
 * IP addresses are raw network-order bytes (IPv4 uses the first 4); ports are numeric u16 values stored little-endian
 * as the Linux driver writes them.
 *
 * <pre>
 *  off  type      field
 *  +0   u8[16]    dst_ip
 *  +16  u8[16]    dst_ip_mask
 *  +32  u8[16]    src_ip
 *  +48  u8[16]    src_ip_mask
 *  +64  u16       dst_port
 *  +66  u16       dst_port_mask
 *  +68  u16       src_port
 *  +70  u16       src_port_mask
 *  +72  u8        tos
 *  +73  u8        tos_mask
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class FlowSteeringRule {

    private FlowSteeringRule() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 128;
    /** Offset of dst_ip. */
    public static final long DST_IP_OFFSET = 0;
    /** Length of dst_ip in bytes. */
    public static final int DST_IP_LENGTH = 16;
    /** Offset of dst_ip_mask. */
    public static final long DST_IP_MASK_OFFSET = 16;
    /** Length of dst_ip_mask in bytes. */
    public static final int DST_IP_MASK_LENGTH = 16;
    /** Offset of src_ip. */
    public static final long SRC_IP_OFFSET = 32;
    /** Length of src_ip in bytes. */
    public static final int SRC_IP_LENGTH = 16;
    /** Offset of src_ip_mask. */
    public static final long SRC_IP_MASK_OFFSET = 48;
    /** Length of src_ip_mask in bytes. */
    public static final int SRC_IP_MASK_LENGTH = 16;
    /** Offset of dst_port. */
    public static final long DST_PORT_OFFSET = 64;
    /** Offset of dst_port_mask. */
    public static final long DST_PORT_MASK_OFFSET = 66;
    /** Offset of src_port. */
    public static final long SRC_PORT_OFFSET = 68;
    /** Offset of src_port_mask. */
    public static final long SRC_PORT_MASK_OFFSET = 70;
    /** Offset of tos. */
    public static final long TOS_OFFSET = 72;
    /** Offset of tos_mask. */
    public static final long TOS_MASK_OFFSET = 73;

    /** dst_ip, network order (16 bytes). */
    public static byte[] dstIp(MemorySegment s, long base) {
        return Le.bytes(s, base + DST_IP_OFFSET, DST_IP_LENGTH);
    }

    /** Sets dst_ip: copies at most 16 bytes, zero-fills the rest of the field. */
    public static void dstIp(MemorySegment s, long base, byte[] v) {
        Le.bytes(s, base + DST_IP_OFFSET, DST_IP_LENGTH, v);
    }

    /** dst_ip_mask (16 bytes). */
    public static byte[] dstIpMask(MemorySegment s, long base) {
        return Le.bytes(s, base + DST_IP_MASK_OFFSET, DST_IP_MASK_LENGTH);
    }

    /** Sets dst_ip_mask: copies at most 16 bytes, zero-fills the rest of the field. */
    public static void dstIpMask(MemorySegment s, long base, byte[] v) {
        Le.bytes(s, base + DST_IP_MASK_OFFSET, DST_IP_MASK_LENGTH, v);
    }

    /** src_ip, network order (16 bytes). */
    public static byte[] srcIp(MemorySegment s, long base) {
        return Le.bytes(s, base + SRC_IP_OFFSET, SRC_IP_LENGTH);
    }

    /** Sets src_ip: copies at most 16 bytes, zero-fills the rest of the field. */
    public static void srcIp(MemorySegment s, long base, byte[] v) {
        Le.bytes(s, base + SRC_IP_OFFSET, SRC_IP_LENGTH, v);
    }

    /** src_ip_mask (16 bytes). */
    public static byte[] srcIpMask(MemorySegment s, long base) {
        return Le.bytes(s, base + SRC_IP_MASK_OFFSET, SRC_IP_MASK_LENGTH);
    }

    /** Sets src_ip_mask: copies at most 16 bytes, zero-fills the rest of the field. */
    public static void srcIpMask(MemorySegment s, long base, byte[] v) {
        Le.bytes(s, base + SRC_IP_MASK_OFFSET, SRC_IP_MASK_LENGTH, v);
    }

    /** dst_port (u16). */
    public static int dstPort(MemorySegment s, long base) {
        return Le.u16(s, base + DST_PORT_OFFSET);
    }

    /** Sets dst_port. */
    public static void dstPort(MemorySegment s, long base, int v) {
        Le.u16(s, base + DST_PORT_OFFSET, v);
    }

    /** dst_port_mask (u16). */
    public static int dstPortMask(MemorySegment s, long base) {
        return Le.u16(s, base + DST_PORT_MASK_OFFSET);
    }

    /** Sets dst_port_mask. */
    public static void dstPortMask(MemorySegment s, long base, int v) {
        Le.u16(s, base + DST_PORT_MASK_OFFSET, v);
    }

    /** src_port (u16). */
    public static int srcPort(MemorySegment s, long base) {
        return Le.u16(s, base + SRC_PORT_OFFSET);
    }

    /** Sets src_port. */
    public static void srcPort(MemorySegment s, long base, int v) {
        Le.u16(s, base + SRC_PORT_OFFSET, v);
    }

    /** src_port_mask (u16). */
    public static int srcPortMask(MemorySegment s, long base) {
        return Le.u16(s, base + SRC_PORT_MASK_OFFSET);
    }

    /** Sets src_port_mask. */
    public static void srcPortMask(MemorySegment s, long base, int v) {
        Le.u16(s, base + SRC_PORT_MASK_OFFSET, v);
    }

    /** tos (u8). */
    public static int tos(MemorySegment s, long base) {
        return Le.u8(s, base + TOS_OFFSET);
    }

    /** Sets tos. */
    public static void tos(MemorySegment s, long base, int v) {
        Le.u8(s, base + TOS_OFFSET, v);
    }

    /** tos_mask (u8). */
    public static int tosMask(MemorySegment s, long base) {
        return Le.u8(s, base + TOS_MASK_OFFSET);
    }

    /** Sets tos_mask. */
    public static void tosMask(MemorySegment s, long base, int v) {
        Le.u8(s, base + TOS_MASK_OFFSET, v);
    }
}
