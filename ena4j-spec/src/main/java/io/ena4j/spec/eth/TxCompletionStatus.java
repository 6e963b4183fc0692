package io.ena4j.spec.eth;

/**
 * Values of the Tx completion {@code status} byte ({@link TxCdesc#STATUS_OFFSET}) (datapath.md §7.5, §4.1).
 *
 * <p>[UNCERTAIN] No data-path completion codes are defined by any source and the reference driver never inspects
 * the field. Decision: the device model writes {@link #OK} (0) and the driver ignores the byte (it may count
 * non-zero values for diagnostics but must not fail the completion on them), matching the reference driver.
 */
public final class TxCompletionStatus {

    private TxCompletionStatus() {
    }

    /** The only value written by the model: 0. */
    public static final int OK = 0;

    /** Whether {@code status} is the value the model writes (0); anything else is merely unexpected. */
    public static boolean isOk(int status) {
        return (status & 0xFF) == OK;
    }
}
