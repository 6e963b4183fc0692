package io.ena4j.driver.com;

import io.ena4j.spec.admin.BasicStats;

import java.lang.foreign.MemorySegment;

/**
 * GET_STATS type BASIC, inline response (management.md §7.6), parsed from the wire structure {@link BasicStats}
 * (whose name this record does not reuse: driver values of a spec structure carry the suffix {@code Info}).
 * Each counter is 64-bit, sent as low then high 32-bit words.
 *
 * @param txBytes    transmitted bytes
 * @param txPkts     transmitted packets
 * @param rxBytes    received bytes
 * @param rxPkts     received packets
 * @param rxDrops    received packets dropped
 * @param txDrops    transmit packets dropped
 * @param rxOverruns Rx overruns
 */
public record BasicStatsInfo(long txBytes, long txPkts, long rxBytes, long rxPkts, long rxDrops, long txDrops,
        long rxOverruns) {

    /** Parses the ACQ entry {@code r} ({@link BasicStats} offsets are relative to the entry). */
    static BasicStatsInfo parse(MemorySegment r) {
        return new BasicStatsInfo(BasicStats.txBytes(r, 0), BasicStats.txPkts(r, 0), BasicStats.rxBytes(r, 0),
                BasicStats.rxPkts(r, 0), BasicStats.rxDrops(r, 0), BasicStats.txDrops(r, 0),
                BasicStats.rxOverruns(r, 0));
    }
}
