package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * HW_HINTS (feature 3) payload (management.md §8.6); also carried by the AENQ UPDATE_HINTS notification. All
 * fields are u16; 0 means "keep the driver's default", {@code 0xFFFF} in the two timeouts so marked means
 * "disabled".
 *
 * <pre>
 * +0 mmio_read_timeout (ms)            +8  admin_completion_tx_timeout (ms)
 * +2 driver_watchdog_timeout (ms)      +10 netdev_wd_timeout (ms)
 * +4 missing_tx_completion_timeout     +12 max_tx_sgl_size (unused)
 * +6 missed_tx_completion_count_...    +14 max_rx_sgl_size (unused)
 * </pre>
 *
 * @param mmioReadTimeoutMs                readless read timeout
 * @param driverWatchdogTimeoutMs          keep-alive timeout; {@code 0xFFFF} disables the check
 * @param missingTxCompletionTimeoutMs     per-packet Tx completion timeout; {@code 0xFFFF} disables
 * @param missedTxCompletionThreshold      missed completions before reset
 * @param adminCompletionTimeoutMs         admin completion timeout
 * @param netdevWatchdogTimeoutMs          OS transmit watchdog
 * @param maxTxSglSize                     not used by the reference driver
 * @param maxRxSglSize                     not used by the reference driver
 */
public record HwHints(int mmioReadTimeoutMs, int driverWatchdogTimeoutMs, int missingTxCompletionTimeoutMs,
        int missedTxCompletionThreshold, int adminCompletionTimeoutMs, int netdevWatchdogTimeoutMs,
        int maxTxSglSize, int maxRxSglSize) {

    /** All zero: what the driver uses when the device does not offer hints (§13.1 step 10). */
    public static final HwHints NONE = new HwHints(0, 0, 0, 0, 0, 0, 0, 0);
    /** Value of the two timeouts that disables the corresponding check. */
    public static final int DISABLED = 0xFFFF;
    /** Size of the structure in bytes (16 defined + 16 RSVD). */
    public static final int SIZE = 32;

    /** Parses the structure at {@code off} of {@code s} (G+8 in a GET response, 16 in an AENQ entry). */
    public static HwHints parse(MemorySegment s, long off) {
        return new HwHints(AdminWire.u16(s, off), AdminWire.u16(s, off + 2), AdminWire.u16(s, off + 4),
                AdminWire.u16(s, off + 6), AdminWire.u16(s, off + 8), AdminWire.u16(s, off + 10),
                AdminWire.u16(s, off + 12), AdminWire.u16(s, off + 14));
    }
}
