package io.ena4j.driver.com;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of the AENQ (management.md §9): events consumed, events per handled group, and every undefined or
 * unexpected value seen in device-written entries. The reference driver only logs these; we count them so that a
 * misbehaving device shows in the statistics.
 *
 * <p>Written by the AENQ (under its lock), readable from any thread at any time.
 */
public final class AenqStats {

    /** One counter and its exported name. */
    public enum Counter {
        /** Entries consumed (phase-valid entries dispatched to a handler). */
        EVENTS("events"),
        /** AENQ_HEAD_DB writes after processing (§9.4 step 3); the initial write of {@link Aenq#start()} too. */
        DOORBELLS("doorbells"),
        /** Group 0 LINK_CHANGE events. */
        LINK_CHANGE("link_change"),
        /** Group 1 FATAL_ERROR events (ours: the reference has no handler for this group). */
        FATAL_ERROR("fatal_error"),
        /** Group 3 NOTIFICATION events. */
        NOTIFICATION("notification"),
        /** NOTIFICATION / UPDATE_HINTS events whose hints were handed on. */
        HINTS("hints"),
        /** NOTIFICATION / SUSPEND (historic syndrome 0). */
        SUSPEND("suspend"),
        /** NOTIFICATION / RESUME (historic syndrome 1). */
        RESUME("resume"),
        /** NOTIFICATION events with an undefined syndrome. */
        UNKNOWN_SYNDROME("unknown_syndrome"),
        /** Group 4 KEEP_ALIVE events. */
        KEEP_ALIVE("keep_alive"),
        /** Group 5 REFRESH_CAPABILITIES events (ours: the reference has no handler for this group). */
        REFRESH_CAPABILITIES("refresh_capabilities"),
        /** Group 6 CONF_NOTIFICATIONS events. */
        CONF_NOTIFICATION("conf_notification"),
        /** Group 7 DEVICE_REQUEST_RESET events. */
        DEVICE_REQUEST_RESET("device_request_reset"),
        /** Events of a defined group without a handler (the reference's "unimplemented handler"), e.g. WARNING. */
        UNIMPLEMENTED("unimplemented"),
        /** Events of an undefined group (8 and above). */
        UNKNOWN_GROUP("unknown_group"),
        /** Exceptions thrown by a handler (caught; processing went on). */
        HANDLER_ERRORS("handler_errors");

        private final String label;

        Counter(String label) {
            this.label = label;
        }

        /** The exported name, e.g. {@code "keep_alive"}. */
        public String label() {
            return label;
        }
    }

    private static final Counter[] ALL = Counter.values();

    private final AtomicLongArray values = new AtomicLongArray(ALL.length);

    /** Zeroed counters. */
    public AenqStats() {
    }

    /** The current value of {@code c}. */
    public long get(Counter c) {
        return values.get(c.ordinal());
    }

    /** Every counter by exported name, in declaration order (a snapshot). */
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

    @Override
    public String toString() {
        return "AenqStats" + snapshot();
    }
}
