package io.ena4j.driver.com;

import io.ena4j.spec.admin.HwHints;

import java.lang.foreign.MemorySegment;

/**
 * HW_HINTS (feature 3) payload (management.md §8.6), parsed from the wire structure {@link HwHints}; also carried
 * by the AENQ UPDATE_HINTS notification. All fields are u16; 0 means "keep the driver's default",
 * {@link HwHints#NO_TIMEOUT} in the two timeouts so marked means "disabled". The record takes the suffix
 * {@code Info} so it does not reuse the spec structure's name.
 *
 * @param mmioReadTimeoutMs                readless read timeout
 * @param driverWatchdogTimeoutMs          keep-alive timeout; {@link HwHints#NO_TIMEOUT} disables the check
 * @param missingTxCompletionTimeoutMs     per-packet Tx completion timeout; {@link HwHints#NO_TIMEOUT} disables
 * @param missedTxCompletionThreshold      missed completions before reset
 * @param adminCompletionTimeoutMs         admin completion timeout
 * @param netdevWatchdogTimeoutMs          OS transmit watchdog
 * @param maxTxSglSize                     not used by the reference driver
 * @param maxRxSglSize                     not used by the reference driver
 */
public record HwHintsInfo(int mmioReadTimeoutMs, int driverWatchdogTimeoutMs, int missingTxCompletionTimeoutMs,
        int missedTxCompletionThreshold, int adminCompletionTimeoutMs, int netdevWatchdogTimeoutMs,
        int maxTxSglSize, int maxRxSglSize) {

    /** All zero: what the driver uses when the device does not offer hints (§13.1 step 10). */
    public static final HwHintsInfo NONE = new HwHintsInfo(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Parses the structure at {@code off} of {@code s} ({@code FeatureCmd.GET_PAYLOAD} in a GET response,
     * {@code AenqEntry.PAYLOAD_OFFSET} in an AENQ entry).
     */
    public static HwHintsInfo parse(MemorySegment s, long off) {
        return new HwHintsInfo(HwHints.mmioReadTimeout(s, off), HwHints.driverWatchdogTimeout(s, off),
                HwHints.missingTxCompletionTimeout(s, off), HwHints.missedTxCompletionCountThresholdToReset(s, off),
                HwHints.adminCompletionTxTimeout(s, off), HwHints.netdevWdTimeout(s, off),
                HwHints.maxTxSglSize(s, off), HwHints.maxRxSglSize(s, off));
    }
}
