package io.ena4j.driver;

/**
 * Receives the device's asynchronous events (AENQ, management.md §9.3) after the driver has acted on them, and the
 * phases of the driver's resets. Called with no driver lock held (neither the AENQ lock nor the device's), on the
 * management-interrupt thread or the thread that ran the service timer: keep it short and never block.
 * Every method has an empty default, so a listener overrides only what it needs.
 */
public interface EnaEventListener {

    /** LINK_CHANGE (group 0): carrier up or down. */
    default void linkChanged(boolean up) {
    }

    /** KEEP_ALIVE (group 4): the device is alive; its drop counters, cumulative since the device reset. */
    default void keepAlive(long rxDrops, long txDrops, long rxOverruns) {
    }

    /** NOTIFICATION / CONF_NOTIFICATIONS (groups 3, 6): a human-readable summary. */
    default void notification(String what) {
    }

    /** The device asked for, or the driver detected the need for, a reset; {@code reason} is the reset reason label. */
    default void resetRequested(String reason) {
    }

    /** The phases of a driver-run reset and restore (management.md §13.5). */
    enum ResetPhase {
        /** The data path is quiesced and the device is being reset. */
        RESET_STARTED,
        /** The device runs again; the application's queue objects work on the new rings. */
        RESET_DONE,
        /** The restore failed; the detail says whether it is retried or the device is down for good. */
        RESET_FAILED
    }

    /**
     * A reset moved to {@code phase}; {@code reason} is the reset reason label ({@code keep_alive_to},
     * {@code miss_tx_cmpl} ...), {@code detail} a human-readable note (empty at the start).
     */
    default void reset(ResetPhase phase, String reason, String detail) {
    }

    /** The device is down for good (restores failed too often); {@code why} names the last error. */
    default void deviceDown(String why) {
    }
}
