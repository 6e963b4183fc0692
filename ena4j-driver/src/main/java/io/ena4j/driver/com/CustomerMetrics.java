package io.ena4j.driver.com;

import java.util.Arrays;

/**
 * GET_STATS type CUSTOMER_METRICS values (management.md §7.6): one u64 per requested metric, packed in
 * ascending metric-id order from offset 0 of the control buffer.
 *
 * @param metrics bitmap of the metric ids present
 * @param values  value per metric id (index = id, length {@link #METRIC_COUNT}); 0 for absent ids
 */
public record CustomerMetrics(int metrics, long[] values) {

    /** Metric id 0: inbound bandwidth allowance exceeded. */
    public static final int BW_IN_ALLOWANCE_EXCEEDED = 0;
    /** Metric id 1: outbound bandwidth allowance exceeded. */
    public static final int BW_OUT_ALLOWANCE_EXCEEDED = 1;
    /** Metric id 2: packets-per-second allowance exceeded. */
    public static final int PPS_ALLOWANCE_EXCEEDED = 2;
    /** Metric id 3: connection-tracking allowance exceeded. */
    public static final int CONNTRACK_ALLOWANCE_EXCEEDED = 3;
    /** Metric id 4: link-local allowance exceeded. */
    public static final int LINKLOCAL_ALLOWANCE_EXCEEDED = 4;
    /** Metric id 5: connection-tracking allowance available. */
    public static final int CONNTRACK_ALLOWANCE_AVAILABLE = 5;
    /** Number of defined metric ids. */
    public static final int METRIC_COUNT = 6;
    /** Every defined metric ({@code 0x3F}): what the support query requests. */
    public static final int FULL_SUPPORT_MASK = 0x3F;
    /** Metrics assumed without capability bit 2 ({@code 0x1F}). */
    public static final int MIN_SUPPORT_MASK = 0x1F;

    /** Checks the shape and copies the values. */
    public CustomerMetrics {
        if ((metrics & ~FULL_SUPPORT_MASK) != 0) {
            throw new IllegalArgumentException("metric bitmap 0x" + Integer.toHexString(metrics)
                    + " has undefined ids: accepted bits 0..5");
        }
        if (values.length != METRIC_COUNT) {
            throw new IllegalArgumentException("values must have " + METRIC_COUNT + " slots, got " + values.length);
        }
        values = values.clone();
    }

    /** The values by metric id (a copy). */
    @Override
    public long[] values() {
        return values.clone();
    }

    /** True if metric {@code id} is present. */
    public boolean has(int id) {
        return id >= 0 && id < METRIC_COUNT && (metrics & (1 << id)) != 0;
    }

    /** The value of metric {@code id}; 0 if absent. */
    public long value(int id) {
        return has(id) ? values[id] : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerMetrics c && metrics == c.metrics && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * metrics + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "CustomerMetrics[metrics=0x" + Integer.toHexString(metrics) + ", values=" + Arrays.toString(values)
                + "]";
    }
}
