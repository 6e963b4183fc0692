package io.ena4j.driver.com;

import io.ena4j.spec.admin.FlowSteering;
import io.ena4j.spec.admin.FlowSteeringRule;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One flow-steering rule for FLOW_STEERING_CONFIG (feature 30) add (management.md §8.19): the inline flow
 * type and target queue ({@link FlowSteering}), and the 128-byte rule-parameter control buffer
 * ({@link FlowSteeringRule}, whose name this record does not reuse: driver values of a spec structure carry the
 * suffix {@code Info}). IP addresses and masks are in network byte order (IPv4 in the first 4 bytes); ports are
 * numeric.
 *
 * @param flowType    {@link FlowSteering#FLOW_TYPE_IPV4} … {@link FlowSteering#FLOW_TYPE_UDP_IPV6}
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
public record FlowSteeringRuleInfo(int flowType, int rxQueue, byte[] dstIp, byte[] dstIpMask, byte[] srcIp,
        byte[] srcIpMask, int dstPort, int dstPortMask, int srcPort, int srcPortMask, int tos, int tosMask) {

    /** Validates every field; messages name the value and the accepted range. */
    public FlowSteeringRuleInfo {
        if (flowType < FlowSteering.FLOW_TYPE_IPV4 || flowType > FlowSteering.FLOW_TYPE_UDP_IPV6) {
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
        if (v.length != FlowSteeringRule.DST_IP_LENGTH) {
            throw new IllegalArgumentException(name + " length " + v.length + " out of range: accepted 16 bytes");
        }
        return v.clone();
    }

    private static void u16(String name, int v) {
        if ((v & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(name + " " + v + " out of range: accepted 0..65535");
        }
    }

    /** Writes the {@link FlowSteeringRule#SIZE}-byte parameter block at {@code s} offset 0 (the rest zero). */
    void writeParams(MemorySegment s) {
        s.asSlice(0, FlowSteeringRule.SIZE).fill((byte) 0);
        FlowSteeringRule.dstIp(s, 0, dstIp);
        FlowSteeringRule.dstIpMask(s, 0, dstIpMask);
        FlowSteeringRule.srcIp(s, 0, srcIp);
        FlowSteeringRule.srcIpMask(s, 0, srcIpMask);
        FlowSteeringRule.dstPort(s, 0, dstPort);
        FlowSteeringRule.dstPortMask(s, 0, dstPortMask);
        FlowSteeringRule.srcPort(s, 0, srcPort);
        FlowSteeringRule.srcPortMask(s, 0, srcPortMask);
        FlowSteeringRule.tos(s, 0, tos);
        FlowSteeringRule.tosMask(s, 0, tosMask);
    }

    /** The destination address (a copy). */
    @Override
    public byte[] dstIp() {
        return dstIp.clone();
    }

    /** The destination address mask (a copy). */
    @Override
    public byte[] dstIpMask() {
        return dstIpMask.clone();
    }

    /** The source address (a copy). */
    @Override
    public byte[] srcIp() {
        return srcIp.clone();
    }

    /** The source address mask (a copy). */
    @Override
    public byte[] srcIpMask() {
        return srcIpMask.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowSteeringRuleInfo r && flowType == r.flowType && rxQueue == r.rxQueue
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
        return "FlowSteeringRuleInfo[type=" + flowType + ", rxQueue=" + rxQueue + ", dstPort=" + dstPort + ", srcPort="
                + srcPort + "]";
    }
}
