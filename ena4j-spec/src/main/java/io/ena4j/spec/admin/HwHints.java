package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * HW_HINTS (feature 3) payload, 32 bytes (management.md §8.6). Found at {@code entryBase + FeatureCmd.GET_PAYLOAD}
 * of a GET response and at {@code entryBase + AenqEntry.PAYLOAD_OFFSET} (16) of an AENQ UPDATE_HINTS entry.
 * A value of 0 means "keep the driver default"; {@link #NO_TIMEOUT} disables the corresponding check.
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8; AENQ entry offset = rel + 16)
 *  +0   u16       mmio_read_timeout
 *  +2   u16       driver_watchdog_timeout
 *  +4   u16       missing_tx_completion_timeout
 *  +6   u16       missed_tx_completion_count_threshold_to_reset
 *  +8   u16       admin_completion_tx_timeout
 *  +10  u16       netdev_wd_timeout
 *  +12  u16       max_tx_sgl_size
 *  +14  u16       max_rx_sgl_size
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 */
public final class HwHints {

    private HwHints() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 32;
    /** Offset of mmio_read_timeout. */
    public static final long MMIO_READ_TIMEOUT_OFFSET = 0;
    /** Offset of driver_watchdog_timeout. */
    public static final long DRIVER_WATCHDOG_TIMEOUT_OFFSET = 2;
    /** Offset of missing_tx_completion_timeout. */
    public static final long MISSING_TX_COMPLETION_TIMEOUT_OFFSET = 4;
    /** Offset of missed_tx_completion_count_threshold_to_reset. */
    public static final long MISSED_TX_COMPLETION_COUNT_THRESHOLD_TO_RESET_OFFSET = 6;
    /** Offset of admin_completion_tx_timeout. */
    public static final long ADMIN_COMPLETION_TX_TIMEOUT_OFFSET = 8;
    /** Offset of netdev_wd_timeout. */
    public static final long NETDEV_WD_TIMEOUT_OFFSET = 10;
    /** Offset of max_tx_sgl_size. */
    public static final long MAX_TX_SGL_SIZE_OFFSET = 12;
    /** Offset of max_rx_sgl_size. */
    public static final long MAX_RX_SGL_SIZE_OFFSET = 14;

    /** mmio_read_timeout, ms (u16). */
    public static int mmioReadTimeout(MemorySegment s, long base) {
        return Le.u16(s, base + MMIO_READ_TIMEOUT_OFFSET);
    }

    /** Sets mmio_read_timeout. */
    public static void mmioReadTimeout(MemorySegment s, long base, int v) {
        Le.u16(s, base + MMIO_READ_TIMEOUT_OFFSET, v);
    }

    /** driver_watchdog_timeout (keep-alive), ms (u16). */
    public static int driverWatchdogTimeout(MemorySegment s, long base) {
        return Le.u16(s, base + DRIVER_WATCHDOG_TIMEOUT_OFFSET);
    }

    /** Sets driver_watchdog_timeout. */
    public static void driverWatchdogTimeout(MemorySegment s, long base, int v) {
        Le.u16(s, base + DRIVER_WATCHDOG_TIMEOUT_OFFSET, v);
    }

    /** missing_tx_completion_timeout per packet, ms (u16). */
    public static int missingTxCompletionTimeout(MemorySegment s, long base) {
        return Le.u16(s, base + MISSING_TX_COMPLETION_TIMEOUT_OFFSET);
    }

    /** Sets missing_tx_completion_timeout. */
    public static void missingTxCompletionTimeout(MemorySegment s, long base, int v) {
        Le.u16(s, base + MISSING_TX_COMPLETION_TIMEOUT_OFFSET, v);
    }

    /** missed_tx_completion_count_threshold_to_reset, packets (u16). */
    public static int missedTxCompletionCountThresholdToReset(MemorySegment s, long base) {
        return Le.u16(s, base + MISSED_TX_COMPLETION_COUNT_THRESHOLD_TO_RESET_OFFSET);
    }

    /** Sets missed_tx_completion_count_threshold_to_reset. */
    public static void missedTxCompletionCountThresholdToReset(MemorySegment s, long base, int v) {
        Le.u16(s, base + MISSED_TX_COMPLETION_COUNT_THRESHOLD_TO_RESET_OFFSET, v);
    }

    /** admin_completion_tx_timeout, ms (u16). */
    public static int adminCompletionTxTimeout(MemorySegment s, long base) {
        return Le.u16(s, base + ADMIN_COMPLETION_TX_TIMEOUT_OFFSET);
    }

    /** Sets admin_completion_tx_timeout. */
    public static void adminCompletionTxTimeout(MemorySegment s, long base, int v) {
        Le.u16(s, base + ADMIN_COMPLETION_TX_TIMEOUT_OFFSET, v);
    }

    /** netdev_wd_timeout, ms (u16). */
    public static int netdevWdTimeout(MemorySegment s, long base) {
        return Le.u16(s, base + NETDEV_WD_TIMEOUT_OFFSET);
    }

    /** Sets netdev_wd_timeout. */
    public static void netdevWdTimeout(MemorySegment s, long base, int v) {
        Le.u16(s, base + NETDEV_WD_TIMEOUT_OFFSET, v);
    }

    /** max_tx_sgl_size (unused by Linux) (u16). */
    public static int maxTxSglSize(MemorySegment s, long base) {
        return Le.u16(s, base + MAX_TX_SGL_SIZE_OFFSET);
    }

    /** Sets max_tx_sgl_size. */
    public static void maxTxSglSize(MemorySegment s, long base, int v) {
        Le.u16(s, base + MAX_TX_SGL_SIZE_OFFSET, v);
    }

    /** max_rx_sgl_size (unused by Linux) (u16). */
    public static int maxRxSglSize(MemorySegment s, long base) {
        return Le.u16(s, base + MAX_RX_SGL_SIZE_OFFSET);
    }

    /** Sets max_rx_sgl_size. */
    public static void maxRxSglSize(MemorySegment s, long base, int v) {
        Le.u16(s, base + MAX_RX_SGL_SIZE_OFFSET, v);
    }


    /** Hint value meaning "no timeout" (disables the check, §8.6, §14). */
    public static final int NO_TIMEOUT = 0xFFFF;
}
