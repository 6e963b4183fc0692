package io.ena4j.driver.com;

import io.ena4j.spec.Le;
import io.ena4j.spec.admin.CustomerMetrics;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * GET_STATS type CUSTOMER_METRICS values (management.md §7.6): one u64 per requested metric, packed in
 * ascending metric-id order from offset 0 of the control buffer ({@link CustomerMetrics#valueOffset}). Metric ids
 * are those of {@link CustomerMetrics} ({@link CustomerMetrics#BW_IN_ALLOWANCE_EXCEEDED} ...); the record takes
 * the suffix {@code Info} so it does not reuse the spec structure's name.
 *
 * @param metrics bitmap of the metric ids present, a subset of {@link CustomerMetrics#ALL_METRICS}
 * @param values  value per metric id (index = id, length {@link #METRIC_COUNT}); 0 for absent ids
 */
public record CustomerMetricsInfo(int metrics, long[] values) {

    /** Number of defined metric ids: ids 0.. are contiguous, so the bits of {@link CustomerMetrics#ALL_METRICS}. */
    public static final int METRIC_COUNT = Long.bitCount(CustomerMetrics.ALL_METRICS);

    /** Checks the shape and copies the values. */
    public CustomerMetricsInfo {
        if ((metrics & ~CustomerMetrics.ALL_METRICS) != 0) {
            throw new IllegalArgumentException("metric bitmap 0x" + Integer.toHexString(metrics)
                    + " has undefined ids: accepted bits 0.." + (METRIC_COUNT - 1));
        }
        if (values.length != METRIC_COUNT) {
            throw new IllegalArgumentException("values must have " + METRIC_COUNT + " slots, got " + values.length);
        }
        values = values.clone();
    }

    /**
     * Reads the values of the {@code requested} metrics from the control buffer {@code buf} as the device packed
     * them (§7.6). {@code requested} must be a subset of {@link CustomerMetrics#ALL_METRICS} (the caller only
     * ever requests known ids, so the packing is known).
     */
    static CustomerMetricsInfo parse(MemorySegment buf, int requested) {
        long[] values = new long[METRIC_COUNT];
        for (int id = 0; id < METRIC_COUNT; id++) {
            long off = CustomerMetrics.valueOffset(Integer.toUnsignedLong(requested), id);
            if (off >= 0) {
                values[id] = Le.u64(buf, off);
            }
        }
        return new CustomerMetricsInfo(requested, values);
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
        return o instanceof CustomerMetricsInfo c && metrics == c.metrics && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * metrics + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "CustomerMetricsInfo[metrics=0x" + Integer.toHexString(metrics) + ", values="
                + Arrays.toString(values) + "]";
    }
}
