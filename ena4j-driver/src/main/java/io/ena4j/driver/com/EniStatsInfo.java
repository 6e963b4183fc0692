package io.ena4j.driver.com;

import io.ena4j.spec.admin.EniStats;

import java.lang.foreign.MemorySegment;

/**
 * GET_STATS type ENI, inline response (management.md §7.6): packets shaped or dropped because an instance
 * allowance was exceeded. Parsed from the wire structure {@link EniStats} (whose name this record does not reuse:
 * driver values of a spec structure carry the suffix {@code Info}).
 *
 * @param bwInAllowanceExceeded        inbound bandwidth allowance
 * @param bwOutAllowanceExceeded       outbound bandwidth allowance
 * @param ppsAllowanceExceeded         packets-per-second allowance
 * @param conntrackAllowanceExceeded   connection-tracking allowance
 * @param linklocalAllowanceExceeded   link-local traffic rate allowance
 */
public record EniStatsInfo(long bwInAllowanceExceeded, long bwOutAllowanceExceeded, long ppsAllowanceExceeded,
        long conntrackAllowanceExceeded, long linklocalAllowanceExceeded) {

    /** Parses the ACQ entry {@code r} ({@link EniStats} offsets are relative to the entry). */
    static EniStatsInfo parse(MemorySegment r) {
        return new EniStatsInfo(EniStats.bwInAllowanceExceeded(r, 0), EniStats.bwOutAllowanceExceeded(r, 0),
                EniStats.ppsAllowanceExceeded(r, 0), EniStats.conntrackAllowanceExceeded(r, 0),
                EniStats.linklocalAllowanceExceeded(r, 0));
    }
}
