package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * GET_STATS type ENA_SRD response (management.md §7.6). Offsets are absolute in the ACQ entry (base = entry base);
 * {@code SIZE} is the extent of the defined fields.
 *
 * <pre>
 *  off  type      field
 *  +8   u64       flags
 *  +16  u64       ena_srd_tx_pkts
 *  +24  u64       ena_srd_eligible_tx_pkts
 *  +32  u64       ena_srd_rx_pkts
 *  +40  u64       ena_srd_resource_utilization
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class EnaSrdStats {

    private EnaSrdStats() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 48;
    /** Offset of flags. */
    public static final long FLAGS_OFFSET = 8;
    /** Offset of ena_srd_tx_pkts. */
    public static final long ENA_SRD_TX_PKTS_OFFSET = 16;
    /** Offset of ena_srd_eligible_tx_pkts. */
    public static final long ENA_SRD_ELIGIBLE_TX_PKTS_OFFSET = 24;
    /** Offset of ena_srd_rx_pkts. */
    public static final long ENA_SRD_RX_PKTS_OFFSET = 32;
    /** Offset of ena_srd_resource_utilization. */
    public static final long ENA_SRD_RESOURCE_UTILIZATION_OFFSET = 40;

    /** flags: bit 0 SRD enabled, bit 1 SRD over UDP, bit 2 Rx UDP ordering bypass (u64). */
    public static long flags(MemorySegment s, long base) {
        return Le.u64(s, base + FLAGS_OFFSET);
    }

    /** Sets flags. */
    public static void flags(MemorySegment s, long base, long v) {
        Le.u64(s, base + FLAGS_OFFSET, v);
    }

    /** ena_srd_tx_pkts (u64). */
    public static long enaSrdTxPkts(MemorySegment s, long base) {
        return Le.u64(s, base + ENA_SRD_TX_PKTS_OFFSET);
    }

    /** Sets ena_srd_tx_pkts. */
    public static void enaSrdTxPkts(MemorySegment s, long base, long v) {
        Le.u64(s, base + ENA_SRD_TX_PKTS_OFFSET, v);
    }

    /** ena_srd_eligible_tx_pkts (u64). */
    public static long enaSrdEligibleTxPkts(MemorySegment s, long base) {
        return Le.u64(s, base + ENA_SRD_ELIGIBLE_TX_PKTS_OFFSET);
    }

    /** Sets ena_srd_eligible_tx_pkts. */
    public static void enaSrdEligibleTxPkts(MemorySegment s, long base, long v) {
        Le.u64(s, base + ENA_SRD_ELIGIBLE_TX_PKTS_OFFSET, v);
    }

    /** ena_srd_rx_pkts (u64). */
    public static long enaSrdRxPkts(MemorySegment s, long base) {
        return Le.u64(s, base + ENA_SRD_RX_PKTS_OFFSET);
    }

    /** Sets ena_srd_rx_pkts. */
    public static void enaSrdRxPkts(MemorySegment s, long base, long v) {
        Le.u64(s, base + ENA_SRD_RX_PKTS_OFFSET, v);
    }

    /** ena_srd_resource_utilization (percent) (u64). */
    public static long enaSrdResourceUtilization(MemorySegment s, long base) {
        return Le.u64(s, base + ENA_SRD_RESOURCE_UTILIZATION_OFFSET);
    }

    /** Sets ena_srd_resource_utilization. */
    public static void enaSrdResourceUtilization(MemorySegment s, long base, long v) {
        Le.u64(s, base + ENA_SRD_RESOURCE_UTILIZATION_OFFSET, v);
    }


    /** flags bit 0: ENA SRD enabled. */
    public static final long FLAG_SRD_ENABLED = 0x1;
    /** flags bit 1: ENA SRD over UDP enabled. */
    public static final long FLAG_SRD_UDP_ENABLED = 0x2;
    /** flags bit 2: Rx UDP ordering bypass enabled. */
    public static final long FLAG_RX_UDP_ORDERING_BYPASS_ENABLED = 0x4;
}
