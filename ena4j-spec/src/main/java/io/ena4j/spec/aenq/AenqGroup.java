package io.ena4j.spec.aenq;

/**
 * AENQ event groups (management.md §9.3). Groups 8 and above are undefined ({@link #of} returns {@code null}).
 * Bit n of AENQ_CONFIG supported/enabled_groups stands for group n ({@link #mask()}).
 */
public enum AenqGroup {
    /** 0: link up/down ({@link AenqLinkChange}). */
    LINK_CHANGE(0),
    /** 1: fatal error (no payload defined; no driver handler). */
    FATAL_ERROR(1),
    /** 2: warning (no payload defined; no driver handler). */
    WARNING(2),
    /** 3: notification, syndrome in {@link NotificationSyndrome}. */
    NOTIFICATION(3),
    /** 4: keep-alive, about once per second ({@link AenqKeepAlive}). */
    KEEP_ALIVE(4),
    /** 5: refresh capabilities (driver reset with reason 0; never enabled by Linux). */
    REFRESH_CAPABILITIES(5),
    /** 6: sub-optimal configuration notifications ({@link AenqConfNotifications}). */
    CONF_NOTIFICATIONS(6),
    /** 7: device requests a reset (reason 19). */
    DEVICE_REQUEST_RESET(7);

    /** Number of defined groups. */
    public static final int COUNT = 8;

    private static final AenqGroup[] BY_CODE = values();

    private final int code;

    AenqGroup(int code) {
        this.code = code;
    }

    /** Group value in AENQ entry bytes 0..1. */
    public int code() {
        return code;
    }

    /** {@code 1 << code}, this group's bit in supported/enabled_groups. */
    public int mask() {
        return 1 << code;
    }

    /** The group with this value, or {@code null} if undefined (never throws). */
    public static AenqGroup of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
