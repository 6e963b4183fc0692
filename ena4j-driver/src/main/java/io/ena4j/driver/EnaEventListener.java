package io.ena4j.driver;

/**
 * Receives the device's asynchronous events (AENQ, management.md §9.3) after the driver has acted on them.
 * Called on the management-interrupt thread: keep it short, never block, never call back into admin commands.
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
}
