package io.ena4j.model;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The device's traffic and allowance counters, reported by GET_STATS (management.md §7.6: basic, ENI, ENA SRD,
 * customer metrics) and by AENQ KEEP_ALIVE (§9.3: rx_drops, tx_drops, rx_overruns).
 *
 * <p>The basic traffic counters (tx/rx packets and bytes, tx_drops, rx_drops, rx_overruns) are counted by the data
 * path: every Tx and Rx engine, and the model's receive port, owns a single-writer {@link TrafficCounters}; a value
 * read here is a base value plus the sum of every live set, computed when read (GET_STATS time), so the engines never
 * touch shared counters. When a queue is destroyed its engine's counts are folded into the base, so totals survive
 * queue re-creation. The other statistics (allowances, SRD) are not produced by the model: they stay 0 until a test
 * sets them.
 *
 * <p>Semantics of the data-path counters [decisions, the spec names them only]:
 * <ul>
 * <li>{@code tx_pkts}/{@code tx_bytes}: frames handed to the port's wire and their length (no FCS).</li>
 * <li>{@code tx_drops}: well-delimited Tx packets not sent: longer than MTU + 18 bytes, or empty. (Malformed
 * descriptor streams are counted in {@link ModelCounters#txDescriptorErrors()} instead.)</li>
 * <li>{@code rx_pkts}/{@code rx_bytes}: frames written into Rx buffers.</li>
 * <li>{@code rx_drops}: every received frame not delivered: no Rx queue, device not running, longer than MTU + 18,
 * more buffers needed than the device's per-packet limit, a bad Rx descriptor, or not enough posted buffers.</li>
 * <li>{@code rx_overruns}: the subset of {@code rx_drops} that found too few posted Rx buffers.</li>
 * </ul>
 * A device reset clears all counters [decision: §9.3 calls the keep-alive counters "cumulative since device reset";
 * the other groups follow the same rule].
 *
 * <p>Thread-safe: any thread may read or set at any time.
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
    private static final TrafficCounters[] NONE = new TrafficCounters[0];

    private final AtomicLongArray values = new AtomicLongArray(STATS.length);
    private final TrafficCounters port;
    private volatile TrafficCounters[] sources = NONE;

    /** Statistics whose data-path part includes {@code port} (the model's receive-port drops). */
    DeviceStatistics(TrafficCounters port) {
        this.port = port;
    }

    /** Current value of {@code s}: base plus every live data-path counter set. */
    public long get(Stat s) {
        return values.get(s.ordinal()) + contributions(s);
    }

    /** Makes {@code s} read {@code v} now (later traffic adds to it). */
    public void set(Stat s, long v) {
        synchronized (this) {
            values.set(s.ordinal(), v - contributions(s));
        }
    }

    /** Adds {@code delta} to {@code s}. */
    public void add(Stat s, long delta) {
        values.addAndGet(s.ordinal(), delta);
    }

    /** Starts summing an engine's counters (queue creation). */
    synchronized void register(TrafficCounters c) {
        TrafficCounters[] cur = sources;
        TrafficCounters[] next = Arrays.copyOf(cur, cur.length + 1);
        next[cur.length] = c;
        sources = next;
    }

    /** Stops summing an engine's counters and keeps its totals in the base (queue destruction). */
    synchronized void unregister(TrafficCounters c) {
        TrafficCounters[] cur = sources;
        int at = -1;
        for (int i = 0; i < cur.length; i++) {
            if (cur[i] == c) {
                at = i;
            }
        }
        if (at < 0) {
            return;
        }
        for (Stat s : STATS) {
            int i = TrafficCounters.of(s);
            if (i >= 0) {
                values.addAndGet(s.ordinal(), c.get(i));
            }
        }
        TrafficCounters[] next = new TrafficCounters[cur.length - 1];
        System.arraycopy(cur, 0, next, 0, at);
        System.arraycopy(cur, at + 1, next, at, cur.length - at - 1);
        sources = next;
    }

    /**
     * Clears every counter (device reset) and forgets every engine. The port's counters keep running (their writer
     * may be another model's thread): the base absorbs their current values instead.
     */
    synchronized void clear() {
        sources = NONE;
        for (Stat s : STATS) {
            int i = TrafficCounters.of(s);
            values.set(s.ordinal(), i >= 0 ? -port.get(i) : 0);
        }
    }

    private long contributions(Stat s) {
        int i = TrafficCounters.of(s);
        if (i < 0) {
            return 0;
        }
        long sum = port.get(i);
        for (TrafficCounters c : sources) {
            sum += c.get(i);
        }
        return sum;
    }
}
