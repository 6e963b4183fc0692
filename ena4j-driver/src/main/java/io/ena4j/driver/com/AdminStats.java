package io.ena4j.driver.com;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of the admin queue (management.md §6). The first five carry the names of the Linux driver's ethtool
 * admin statistics ({@code ena_admin_stats}); the last three are ours, for device misbehaviour the reference
 * either does not detect or does not count separately.
 *
 * <p>Written by the admin queue (under its lock), readable from any thread at any time.
 */
public final class AdminStats {

    /** One counter and its exported name. */
    public enum Counter {
        /** A waiting command was aborted by the driver ({@link AdminQueue#abort()}). */
        ABORTED_CMD("aborted_cmd"),
        /** Commands written to the AQ (doorbell rung). */
        SUBMITTED_CMD("submitted_cmd"),
        /** ACQ entries consumed (as in the reference: every phase-valid entry, matched or not). */
        COMPLETED_CMD("completed_cmd"),
        /** A command was rejected locally because every command id was in use (§6.3 step 1). */
        OUT_OF_SPACE("out_of_space"),
        /** A command's completion timeout expired (polling, or interrupt mode before the late ACQ check, §6.6). */
        NO_COMPLETION("no_completion"),
        /** A completion carried a command id at or above the queue depth (§6.5); the queue stopped. */
        BAD_COMPLETION_ID("bad_completion_id"),
        /** A completion carried an in-range id with no command outstanding; it was dropped (ours, §6.5). */
        UNEXPECTED_COMPLETION("unexpected_completion"),
        /** A completion was found only after the interrupt-mode timeout: its interrupt never came (§6.6). */
        MISSING_ADMIN_INTERRUPT("missing_admin_interrupt");

        private final String label;

        Counter(String label) {
            this.label = label;
        }

        /** The exported name, e.g. {@code "submitted_cmd"}. */
        public String label() {
            return label;
        }
    }

    private static final Counter[] ALL = Counter.values();

    private final AtomicLongArray values = new AtomicLongArray(ALL.length);

    /** Zeroed counters. */
    public AdminStats() {
    }

    /** The current value of {@code c}. */
    public long get(Counter c) {
        return values.get(c.ordinal());
    }

    /** {@code aborted_cmd}. */
    public long abortedCmd() {
        return get(Counter.ABORTED_CMD);
    }

    /** {@code submitted_cmd}. */
    public long submittedCmd() {
        return get(Counter.SUBMITTED_CMD);
    }

    /** {@code completed_cmd}. */
    public long completedCmd() {
        return get(Counter.COMPLETED_CMD);
    }

    /** {@code out_of_space}. */
    public long outOfSpace() {
        return get(Counter.OUT_OF_SPACE);
    }

    /** {@code no_completion}. */
    public long noCompletion() {
        return get(Counter.NO_COMPLETION);
    }

    /** {@code bad_completion_id}. */
    public long badCompletionId() {
        return get(Counter.BAD_COMPLETION_ID);
    }

    /** {@code unexpected_completion}. */
    public long unexpectedCompletion() {
        return get(Counter.UNEXPECTED_COMPLETION);
    }

    /** {@code missing_admin_interrupt}. */
    public long missingAdminInterrupt() {
        return get(Counter.MISSING_ADMIN_INTERRUPT);
    }

    /** Every counter by exported name, in declaration order (a snapshot; counters may move on meanwhile). */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Counter c : ALL) {
            m.put(c.label(), get(c));
        }
        return Collections.unmodifiableMap(m);
    }

    void increment(Counter c) {
        values.incrementAndGet(c.ordinal());
    }

    void add(Counter c, long n) {
        values.addAndGet(c.ordinal(), n);
    }

    @Override
    public String toString() {
        return "AdminStats" + snapshot();
    }
}
