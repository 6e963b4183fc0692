package io.ena4j.spec.aenq;

/**
 * Syndromes of the NOTIFICATION AENQ group (management.md §9.3). Only {@link #UPDATE_HINTS} is current; SUSPEND and
 * RESUME are historic (first Linux ENA commit) and are listed so a consumer can name them, but the reference
 * driver logs them as errors.
 */
public enum NotificationSyndrome {
    /** 0: historic "suspend traffic" (removed). */
    SUSPEND(0),
    /** 1: historic "resume traffic" (removed). */
    RESUME(1),
    /** 2: new HW hints at entry offset 16 ({@link io.ena4j.spec.admin.HwHints}). */
    UPDATE_HINTS(2);

    private static final NotificationSyndrome[] BY_CODE = values();

    private final int code;

    NotificationSyndrome(int code) {
        this.code = code;
    }

    /** Syndrome value in AENQ entry bytes 2..3. */
    public int code() {
        return code;
    }

    /** The syndrome with this value, or {@code null} if undefined (never throws). */
    public static NotificationSyndrome of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
