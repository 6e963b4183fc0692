package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * GET_STATS type ENA_SRD, inline response (management.md §7.6). u64 each at G+8 … G+40.
 *
 * @param flags               bit 0 SRD enabled, bit 1 SRD over UDP, bit 2 Rx UDP ordering bypass
 * @param txPkts              ENA SRD Tx packets
 * @param eligibleTxPkts      Tx packets eligible for ENA SRD
 * @param rxPkts              ENA SRD Rx packets
 * @param resourceUtilization ENA SRD resource utilization, percent
 */
public record EnaSrdInfo(long flags, long txPkts, long eligibleTxPkts, long rxPkts, long resourceUtilization) {

    /** flags bit 0: ENA SRD enabled. */
    public static final long FLAG_SRD_ENABLED = 1;
    /** flags bit 1: ENA SRD over UDP enabled. */
    public static final long FLAG_SRD_UDP_ENABLED = 1 << 1;
    /** flags bit 2: Rx UDP ordering bypass enabled. */
    public static final long FLAG_SRD_RX_UDP_ORDERING_BYPASS = 1 << 2;

    static EnaSrdInfo parse(MemorySegment r) {
        int p = AdminWire.RESP_PAYLOAD;
        return new EnaSrdInfo(AdminWire.u64(r, p), AdminWire.u64(r, p + 8), AdminWire.u64(r, p + 16),
                AdminWire.u64(r, p + 24), AdminWire.u64(r, p + 32));
    }
}
