package io.ena4j.spec.admin;

/** GET_STATS types (management.md §7.6). */
public enum StatsType {
    /** 0: inline basic stats ({@link BasicStats}). */
    BASIC(0),
    /** 1: legacy NUL-terminated text in the control buffer. */
    EXTENDED(1),
    /** 2: inline ENI stats ({@link EniStats}). */
    ENI(2),
    /** 3: inline ENA SRD info ({@link EnaSrdStats}). */
    ENA_SRD(3),
    /** 4: customer metrics ({@link CustomerMetrics}). */
    CUSTOMER_METRICS(4);

    private static final StatsType[] BY_CODE = values();

    private final int code;

    StatsType(int code) {
        this.code = code;
    }

    /** Type value in GET_STATS byte 16. */
    public int code() {
        return code;
    }

    /** The type with this value, or {@code null} if undefined (never throws). */
    public static StatsType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
