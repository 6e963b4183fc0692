package io.ena4j.spec.regs;

/**
 * Device reset reasons carried in DEV_CTL bits 31:28 / 27:24 (management.md §5.1, §5.2).
 *
 * <p>{@link #label()} is the lower_snake form of the reference name (e.g. {@code "keep_alive_to"}), used for
 * counter and log names.
 */
public enum ResetReason {
    /** 0: initial reset at init/restore, capability refresh, suspend. */
    NORMAL(0),
    /** 1: no keep-alive AENQ event within the keep-alive timeout. */
    KEEP_ALIVE_TO(1),
    /** 2: admin queue stopped running (command timeout). */
    ADMIN_TO(2),
    /** 3: too many Tx packets without completion. */
    MISS_TX_CMPL(3),
    /** 4: invalid Rx request id in a completion. */
    INV_RX_REQ_ID(4),
    /** 5: invalid Tx request id in a completion. */
    INV_TX_REQ_ID(5),
    /** 6: Rx packet spans too many descriptors. */
    TOO_MANY_RX_DESCS(6),
    /** 7: probe failed after interrupts were set up. */
    INIT_ERR(7),
    /** 8: restore failed, or Tx preparation failed for a reason other than ring space. */
    DRIVER_INVALID_STATE(8),
    /** 9: defined, not raised by the Linux driver. */
    OS_TRIGGER(9),
    /** 10: OS transmit watchdog fired. */
    OS_NETDEV_WD(10),
    /** 11: driver remove / system shutdown. */
    SHUTDOWN(11),
    /** 12: defined, not raised by the Linux driver. */
    USER_TRIGGER(12),
    /** 13: substitute for reasons at or above 16 when the device lacks extended reasons. */
    GENERIC(13),
    /** 14: CQ has completions but no interrupt was seen. */
    MISS_INTERRUPT(14),
    /** 15: completions pending while the poll routine does not run. */
    SUSPECTED_POLL_STARVATION(15),
    /** 16: malformed Rx completion descriptor. */
    RX_DESCRIPTOR_MALFORMED(16),
    /** 17: malformed Tx completion descriptor. */
    TX_DESCRIPTOR_MALFORMED(17),
    /** 18: admin completion without interrupt, or keep-alive pending unprocessed in the AENQ. */
    MISSING_ADMIN_INTERRUPT(18),
    /** 19: device asked for a reset via AENQ group 7. */
    DEVICE_REQUEST(19),
    /** 20: a queue never received its first interrupt. */
    MISS_FIRST_INTERRUPT(20);

    private static final ResetReason[] BY_CODE = values();

    private final int code;
    private final String label;

    ResetReason(int code) {
        this.code = code;
        this.label = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The numeric reason (§5.1). */
    public int code() {
        return code;
    }

    /** lower_snake name, e.g. {@code "miss_tx_cmpl"}. */
    public String label() {
        return label;
    }

    /** The reason with this code, or {@code null} if undefined (never throws). */
    public static ResetReason of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
