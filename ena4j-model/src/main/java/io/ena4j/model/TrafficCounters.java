package io.ena4j.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One set of traffic counters with a single writer: a Tx engine, an Rx engine, or a model's receive port (frames
 * dropped before a queue was chosen). The writer bumps them with plain-cost opaque stores (no lock, no atomic
 * read-modify-write, nothing allocated); any thread may read them, and {@link DeviceStatistics} sums every live set
 * when GET_STATS or a keep-alive (management.md §7.6, §9.3) asks.
 */
final class TrafficCounters {

    static final int TX_PKTS = 0;
    static final int TX_BYTES = 1;
    static final int TX_DROPS = 2;
    static final int RX_PKTS = 3;
    static final int RX_BYTES = 4;
    static final int RX_DROPS = 5;
    static final int RX_OVERRUNS = 6;
    static final int COUNT = 7;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] c = new long[COUNT];

    /** Adds {@code delta} to counter {@code i}. Single writer only. */
    void add(int i, long delta) {
        SLOT.setOpaque(c, i, c[i] + delta);
    }

    /** Adds one to counter {@code i}. Single writer only. */
    void inc(int i) {
        SLOT.setOpaque(c, i, c[i] + 1);
    }

    /** Current value of counter {@code i}, from any thread. */
    long get(int i) {
        return (long) SLOT.getOpaque(c, i);
    }

    /** The counter index a traffic statistic maps to, or -1 for a statistic the data path does not count. */
    static int of(DeviceStatistics.Stat s) {
        return switch (s) {
            case TX_PKTS -> TX_PKTS;
            case TX_BYTES -> TX_BYTES;
            case TX_DROPS -> TX_DROPS;
            case RX_PKTS -> RX_PKTS;
            case RX_BYTES -> RX_BYTES;
            case RX_DROPS -> RX_DROPS;
            case RX_OVERRUNS -> RX_OVERRUNS;
            default -> -1;
        };
    }
}
