package io.ena4j.driver.com;

import io.ena4j.spec.admin.EnaSrdStats;

import java.lang.foreign.MemorySegment;

/**
 * GET_STATS type ENA_SRD, inline response (management.md §7.6), parsed from the wire structure
 * {@link EnaSrdStats}.
 *
 * @param flags               {@link EnaSrdStats#FLAG_SRD_ENABLED}, {@link EnaSrdStats#FLAG_SRD_UDP_ENABLED},
 *                            {@link EnaSrdStats#FLAG_RX_UDP_ORDERING_BYPASS_ENABLED}
 * @param txPkts              ENA SRD Tx packets
 * @param eligibleTxPkts      Tx packets eligible for ENA SRD
 * @param rxPkts              ENA SRD Rx packets
 * @param resourceUtilization ENA SRD resource utilization, percent
 */
public record EnaSrdInfo(long flags, long txPkts, long eligibleTxPkts, long rxPkts, long resourceUtilization) {

    /** Parses the ACQ entry {@code r} ({@link EnaSrdStats} offsets are relative to the entry). */
    static EnaSrdInfo parse(MemorySegment r) {
        return new EnaSrdInfo(EnaSrdStats.flags(r, 0), EnaSrdStats.enaSrdTxPkts(r, 0),
                EnaSrdStats.enaSrdEligibleTxPkts(r, 0), EnaSrdStats.enaSrdRxPkts(r, 0),
                EnaSrdStats.enaSrdResourceUtilization(r, 0));
    }
}
