package io.ena4j.spec.admin;

/**
 * ACQ completion status codes and their Linux errno mapping (management.md §6.8).
 * Any status not listed maps to {@code -EINVAL} ({@link #errnoOf}).
 */
public enum AdminStatus {
    /** 0: success → 0. */
    SUCCESS(0, 0),
    /** 1: resource allocation failure → -ENOMEM. */
    RESOURCE_ALLOCATION_FAILURE(1, -12),
    /** 2: bad opcode → -EINVAL. */
    BAD_OPCODE(2, -22),
    /** 3: unsupported opcode → -EOPNOTSUPP; the driver treats an optional feature as absent. */
    UNSUPPORTED_OPCODE(3, -95),
    /** 4: malformed request → -EINVAL. */
    MALFORMED_REQUEST(4, -22),
    /** 5: illegal parameter (detail in extended_status) → -EINVAL. */
    ILLEGAL_PARAMETER(5, -22),
    /** 6: unknown error → -EINVAL. */
    UNKNOWN_ERROR(6, -22),
    /** 7: resource busy → -EAGAIN. */
    RESOURCE_BUSY(7, -11);

    /** -EINVAL, the mapping of every undefined status. */
    public static final int EINVAL = -22;

    private static final AdminStatus[] BY_CODE = values();

    private final int code;
    private final int errno;

    AdminStatus(int code, int errno) {
        this.code = code;
        this.errno = errno;
    }

    /** Status value in ACQ entry byte 2. */
    public int code() {
        return code;
    }

    /** Negative Linux errno (0 for success) the reference driver returns for this status. */
    public int errno() {
        return errno;
    }

    /** The status with this code, or {@code null} if undefined (never throws). */
    public static AdminStatus of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** errno for any raw status value: the defined mapping, or -EINVAL (-22) for an undefined one. */
    public static int errnoOf(int status) {
        AdminStatus s = of(status);
        return s != null ? s.errno : EINVAL;
    }
}
