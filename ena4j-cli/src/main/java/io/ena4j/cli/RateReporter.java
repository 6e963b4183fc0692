package io.ena4j.cli;

import java.util.Map;

/** Prints one line of rates per second (unless JSON output was asked for), ixy-style. */
final class RateReporter {

    private final boolean quiet;
    private final int frameSize;
    private long lastNanos;
    private long lastTx;
    private long lastRx;
    private boolean header;

    RateReporter(boolean quiet, int frameSize) {
        this.quiet = quiet;
        this.frameSize = frameSize;
    }

    /** Mbit/s on the wire for {@code pps} frames of {@code size} bytes: + 4 FCS + 8 preamble + 12 gap. */
    static double gbps(double pps, int size) {
        return pps * (size + 24) * 8 / 1e9;
    }

    void tick(long elapsedNanos, long tx, long rx, long stops) {
        if (quiet) {
            return;
        }
        if (!header) {
            System.out.printf("%8s %10s %10s %10s %10s%n", "time", "tx Mpps", "tx Gbit/s", "rx Mpps", "tx stops");
            header = true;
        }
        double dt = (elapsedNanos - lastNanos) / 1e9;
        double txRate = (tx - lastTx) / dt;
        double rxRate = (rx - lastRx) / dt;
        System.out.printf("%7.1fs %10.3f %10.3f %10.3f %10d%n", elapsedNanos / 1e9, txRate / 1e6, gbps(txRate, frameSize),
                rxRate / 1e6, stops);
        lastNanos = elapsedNanos;
        lastTx = tx;
        lastRx = rx;
    }

    void done(Map<String, Object> summary) {
        if (quiet) {
            return;
        }
        System.out.printf("total: tx %d packets (%.3f Mpps), rx %d packets (%.3f Mpps)%n", summary.get("tx_packets"),
                (double) summary.get("tx_mpps"), summary.get("rx_packets"), (double) summary.get("rx_mpps"));
    }
}
