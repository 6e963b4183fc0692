package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * GET_STATS type BASIC, inline response (management.md §7.6). Each counter is 64-bit, sent as low then high
 * 32-bit words at G+8, 16, … 56.
 *
 * @param txBytes    transmitted bytes
 * @param txPkts     transmitted packets
 * @param rxBytes    received bytes
 * @param rxPkts     received packets
 * @param rxDrops    received packets dropped
 * @param txDrops    transmit packets dropped
 * @param rxOverruns Rx overruns
 */
public record BasicStats(long txBytes, long txPkts, long rxBytes, long rxPkts, long rxDrops, long txDrops,
        long rxOverruns) {

    static BasicStats parse(MemorySegment r) {
        int p = AdminWire.RESP_PAYLOAD;
        return new BasicStats(AdminWire.u64Split(r, p), AdminWire.u64Split(r, p + 8), AdminWire.u64Split(r, p + 16),
                AdminWire.u64Split(r, p + 24), AdminWire.u64Split(r, p + 32), AdminWire.u64Split(r, p + 40),
                AdminWire.u64Split(r, p + 48));
    }
}
