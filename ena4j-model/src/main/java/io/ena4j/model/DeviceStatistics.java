package io.ena4j.model;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The device's traffic and allowance counters, reported by GET_STATS (management.md §7.6: basic, ENI, ENA SRD,
 * customer metrics) and by AENQ KEEP_ALIVE (§9.3: rx_drops, tx_drops, rx_overruns). The management plane counts no
 * traffic, so every value is 0 until the data path (a later issue) or a test adds to it; tests use
 * {@link #set(Stat, long)} to make the device report chosen values. A device reset clears them all [decision: §9.3
 * calls the keep-alive counters "cumulative since device reset"; the other groups follow the same rule].
 *
 * <p>Thread-safe: any thread may read or update at any time.
 */
public final class DeviceStatistics {

    /** One counter. */
    public enum Stat {
        /** Basic: bytes transmitted. */
        TX_BYTES,
        /** Basic: packets transmitted. */
        TX_PKTS,
        /** Basic: bytes received. */
        RX_BYTES,
        /** Basic: packets received. */
        RX_PKTS,
        /** Basic and keep-alive: received packets dropped. */
        RX_DROPS,
        /** Basic and keep-alive: packets to transmit dropped. */
        TX_DROPS,
        /** Basic and keep-alive: Rx overruns. */
        RX_OVERRUNS,
        /** ENI / customer metric 0. */
        BW_IN_ALLOWANCE_EXCEEDED,
        /** ENI / customer metric 1. */
        BW_OUT_ALLOWANCE_EXCEEDED,
        /** ENI / customer metric 2. */
        PPS_ALLOWANCE_EXCEEDED,
        /** ENI / customer metric 3. */
        CONNTRACK_ALLOWANCE_EXCEEDED,
        /** ENI / customer metric 4. */
        LINKLOCAL_ALLOWANCE_EXCEEDED,
        /** Customer metric 5. */
        CONNTRACK_ALLOWANCE_AVAILABLE,
        /** ENA SRD: flags (bit 0 enabled, bit 1 over UDP, bit 2 Rx UDP ordering bypass). */
        SRD_FLAGS,
        /** ENA SRD: packets sent over SRD. */
        SRD_TX_PKTS,
        /** ENA SRD: packets eligible for SRD. */
        SRD_ELIGIBLE_TX_PKTS,
        /** ENA SRD: packets received over SRD. */
        SRD_RX_PKTS,
        /** ENA SRD: resource utilisation, percent. */
        SRD_RESOURCE_UTILIZATION;

        /** The stat reported as customer metric {@code id} (0..5, §7.6), or null. */
        public static Stat customerMetric(int id) {
            return switch (id) {
                case 0 -> BW_IN_ALLOWANCE_EXCEEDED;
                case 1 -> BW_OUT_ALLOWANCE_EXCEEDED;
                case 2 -> PPS_ALLOWANCE_EXCEEDED;
                case 3 -> CONNTRACK_ALLOWANCE_EXCEEDED;
                case 4 -> LINKLOCAL_ALLOWANCE_EXCEEDED;
                case 5 -> CONNTRACK_ALLOWANCE_AVAILABLE;
                default -> null;
            };
        }
    }

    private static final Stat[] STATS = Stat.values();

    private final AtomicLongArray values = new AtomicLongArray(STATS.length);

    DeviceStatistics() {
    }

    /** Current value of {@code s}. */
    public long get(Stat s) {
        return values.get(s.ordinal());
    }

    /** Sets {@code s} to {@code v}. */
    public void set(Stat s, long v) {
        values.set(s.ordinal(), v);
    }

    /** Adds {@code delta} to {@code s}. */
    public void add(Stat s, long delta) {
        values.addAndGet(s.ordinal(), delta);
    }

    /** Clears every counter (device reset). */
    void clear() {
        for (int i = 0; i < STATS.length; i++) {
            values.set(i, 0);
        }
    }
}
