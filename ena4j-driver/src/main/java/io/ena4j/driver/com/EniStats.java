package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * GET_STATS type ENI, inline response (management.md §7.6): packets shaped or dropped because an instance
 * allowance was exceeded. u64 each at G+8 … G+40.
 *
 * @param bwInAllowanceExceeded        inbound bandwidth allowance
 * @param bwOutAllowanceExceeded       outbound bandwidth allowance
 * @param ppsAllowanceExceeded         packets-per-second allowance
 * @param conntrackAllowanceExceeded   connection-tracking allowance
 * @param linklocalAllowanceExceeded   link-local traffic rate allowance
 */
public record EniStats(long bwInAllowanceExceeded, long bwOutAllowanceExceeded, long ppsAllowanceExceeded,
        long conntrackAllowanceExceeded, long linklocalAllowanceExceeded) {

    static EniStats parse(MemorySegment r) {
        int p = AdminWire.RESP_PAYLOAD;
        return new EniStats(AdminWire.u64(r, p), AdminWire.u64(r, p + 8), AdminWire.u64(r, p + 16),
                AdminWire.u64(r, p + 24), AdminWire.u64(r, p + 32));
    }
}
