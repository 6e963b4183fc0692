package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One flow-steering rule for FLOW_STEERING_CONFIG (feature 30) add (management.md §8.19): the inline flow
 * type and target queue, and the 128-byte rule-parameter control buffer.
 *
 * <pre>
 * control buffer (128 B)
 * +0  dst_ip[16]   +16 dst_ip_mask[16]   +32 src_ip[16]   +48 src_ip_mask[16]  (network byte order; IPv4 in
 *                                                                              the first 4 bytes)
 * +64 u16 dst_port +66 u16 dst_port_mask +68 u16 src_port +70 u16 src_port_mask (numeric, little-endian)
 * +72 u8 tos       +73 u8 tos_mask       +74 RSVD[54]
 * </pre>
 *
 * @param flowType    {@link #FLOW_IPV4} … {@link #FLOW_UDP_IPV6}
 * @param rxQueue     target Rx queue as the user's queue-pair number 0..n−1 (not a device index, §8.19)
 * @param dstIp       16 bytes
 * @param dstIpMask   16 bytes
 * @param srcIp       16 bytes
 * @param srcIpMask   16 bytes
 * @param dstPort     0..65535
 * @param dstPortMask 0..65535
 * @param srcPort     0..65535
 * @param srcPortMask 0..65535
 * @param tos         0..255
 * @param tosMask     0..255
 */
public record FlowSteeringRule(int flowType, int rxQueue, byte[] dstIp, byte[] dstIpMask, byte[] srcIp,
        byte[] srcIpMask, int dstPort, int dstPortMask, int srcPort, int srcPortMask, int tos, int tosMask) {

    /** Flow type 1: IPv4. */
    public static final int FLOW_IPV4 = 1;
    /** Flow type 2: IPv6. */
    public static final int FLOW_IPV6 = 2;
    /** Flow type 3: TCP/IPv4. */
    public static final int FLOW_TCP_IPV4 = 3;
    /** Flow type 4: TCP/IPv6. */
    public static final int FLOW_TCP_IPV6 = 4;
    /** Flow type 5: UDP/IPv4. */
    public static final int FLOW_UDP_IPV4 = 5;
    /** Flow type 6: UDP/IPv6. */
    public static final int FLOW_UDP_IPV6 = 6;
    /** Rule location asking the device to choose the slot. */
    public static final int DEVICE_CHOOSES_LOCATION = 0xFFFF;
    /** Size of the rule-parameter control buffer. */
    public static final int PARAMS_SIZE = 128;

    /** Validates every field; messages name the value and the accepted range. */
    public FlowSteeringRule {
        if (flowType < FLOW_IPV4 || flowType > FLOW_UDP_IPV6) {
            throw new IllegalArgumentException("flow type " + flowType + " out of range: accepted 1..6");
        }
        if (rxQueue < 0 || rxQueue > 0xFFFF) {
            throw new IllegalArgumentException("Rx queue " + rxQueue + " out of range: accepted 0..65535");
        }
        dstIp = ip("dst_ip", dstIp);
        dstIpMask = ip("dst_ip_mask", dstIpMask);
        srcIp = ip("src_ip", srcIp);
        srcIpMask = ip("src_ip_mask", srcIpMask);
        u16("dst_port", dstPort);
        u16("dst_port_mask", dstPortMask);
        u16("src_port", srcPort);
        u16("src_port_mask", srcPortMask);
        if ((tos & ~0xFF) != 0 || (tosMask & ~0xFF) != 0) {
            throw new IllegalArgumentException("tos " + tos + " / tos mask " + tosMask
                    + " out of range: accepted 0..255");
        }
    }

    private static byte[] ip(String name, byte[] v) {
        if (v.length != 16) {
            throw new IllegalArgumentException(name + " length " + v.length + " out of range: accepted 16 bytes");
        }
        return v.clone();
    }

    private static void u16(String name, int v) {
        if ((v & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(name + " " + v + " out of range: accepted 0..65535");
        }
    }

    /** Writes the 128-byte parameter block at {@code s} offset 0 (the rest of the block zero). */
    void writeParams(MemorySegment s) {
        s.asSlice(0, PARAMS_SIZE).fill((byte) 0);
        AdminWire.bytes(s, 0, dstIp);
        AdminWire.bytes(s, 16, dstIpMask);
        AdminWire.bytes(s, 32, srcIp);
        AdminWire.bytes(s, 48, srcIpMask);
        AdminWire.u16(s, 64, dstPort);
        AdminWire.u16(s, 66, dstPortMask);
        AdminWire.u16(s, 68, srcPort);
        AdminWire.u16(s, 70, srcPortMask);
        AdminWire.u8(s, 72, tos);
        AdminWire.u8(s, 73, tosMask);
    }

    @Override
    public byte[] dstIp() {
        return dstIp.clone();
    }

    @Override
    public byte[] dstIpMask() {
        return dstIpMask.clone();
    }

    @Override
    public byte[] srcIp() {
        return srcIp.clone();
    }

    @Override
    public byte[] srcIpMask() {
        return srcIpMask.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowSteeringRule r && flowType == r.flowType && rxQueue == r.rxQueue
                && Arrays.equals(dstIp, r.dstIp) && Arrays.equals(dstIpMask, r.dstIpMask)
                && Arrays.equals(srcIp, r.srcIp) && Arrays.equals(srcIpMask, r.srcIpMask) && dstPort == r.dstPort
                && dstPortMask == r.dstPortMask && srcPort == r.srcPort && srcPortMask == r.srcPortMask
                && tos == r.tos && tosMask == r.tosMask;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {flowType, rxQueue, Arrays.hashCode(dstIp), Arrays.hashCode(srcIp), dstPort,
            srcPort, tos});
    }

    @Override
    public String toString() {
        return "FlowSteeringRule[type=" + flowType + ", rxQueue=" + rxQueue + ", dstPort=" + dstPort + ", srcPort="
                + srcPort + "]";
    }
}
