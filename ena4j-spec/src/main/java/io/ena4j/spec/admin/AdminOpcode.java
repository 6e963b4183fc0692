package io.ena4j.spec.admin;

/**
 * Admin command opcodes with the command and response sizes the reference driver uses (management.md §6.7).
 * Values 0, 5–7, 10 and 12+ are undefined ({@link #of} returns {@code null}).
 */
public enum AdminOpcode {
    /** 1: CREATE_SQ, 36-byte command, 24-byte response. */
    CREATE_SQ(1, 36, 24),
    /** 2: DESTROY_SQ, 8-byte command, 8-byte response. */
    DESTROY_SQ(2, 8, 8),
    /** 3: CREATE_CQ, 20-byte command, 24-byte response. */
    CREATE_CQ(3, 20, 24),
    /** 4: DESTROY_CQ, 8-byte command, 8-byte response. */
    DESTROY_CQ(4, 8, 8),
    /** 8: GET_FEATURE, 64-byte command and response. */
    GET_FEATURE(8, 64, 64),
    /** 9: SET_FEATURE, 64-byte command and response. */
    SET_FEATURE(9, 64, 64),
    /** 11: GET_STATS, 32-byte command, 64-byte response. */
    GET_STATS(11, 32, 64);

    private final int code;
    private final int commandSize;
    private final int responseSize;

    AdminOpcode(int code, int commandSize, int responseSize) {
        this.code = code;
        this.commandSize = commandSize;
        this.responseSize = responseSize;
    }

    /** Opcode value in AQ entry byte 2. */
    public int code() {
        return code;
    }

    /** Bytes the driver copies into the AQ slot (§6.2); bytes beyond are stale and must be ignored. */
    public int commandSize() {
        return commandSize;
    }

    /** Bytes of the ACQ entry the driver copies into the caller's response (§6.5). */
    public int responseSize() {
        return responseSize;
    }

    /** The opcode with this value, or {@code null} if undefined (never throws). */
    public static AdminOpcode of(int code) {
        for (AdminOpcode o : values()) {
            if (o.code == code) {
                return o;
            }
        }
        return null;
    }
}
