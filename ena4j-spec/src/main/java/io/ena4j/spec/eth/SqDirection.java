package io.ena4j.spec.eth;

import io.ena4j.spec.admin.CreateSqCmd;

/**
 * SQ direction, CREATE_SQ {@code sq_identity} bits 7:5 (datapath.md §7.2, §1.4).
 */
public enum SqDirection {
    /** 1: transmit. */
    TX(CreateSqCmd.DIRECTION_TX),
    /** 2: receive. */
    RX(CreateSqCmd.DIRECTION_RX);

    private final int code;

    SqDirection(int code) {
        this.code = code;
    }

    /** The numeric direction value. */
    public int code() {
        return code;
    }

    /** The direction with this value, or {@code null} if undefined (never throws). */
    public static SqDirection of(int code) {
        return switch (code) {
            case 1 -> TX;
            case 2 -> RX;
            default -> null;
        };
    }
}
