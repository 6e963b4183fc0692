package io.ena4j.spec.admin;

/**
 * GET_FEATURE / SET_FEATURE feature ids (management.md §8.1). IDs 0, 9, 13, 15–17, 19 and 21–25 are undefined
 * ({@link #of} returns {@code null}). Bit N of DEVICE_ATTRIBUTES.supported_features advertises feature N.
 */
public enum FeatureId {
    /** 1: device attributes (GET; mandatory). */
    DEVICE_ATTRIBUTES(1),
    /** 2: legacy queue maxima (GET). */
    MAX_QUEUES_NUM(2),
    /** 3: hardware hints (GET). */
    HW_HINTS(3),
    /** 4: low-latency queue (GET version 1, SET). */
    LLQ(4),
    /** 5: legacy extra-properties strings (GET with buffer). */
    EXTRA_PROPERTIES_STRINGS(5),
    /** 6: legacy extra-properties flags (GET). */
    EXTRA_PROPERTIES_FLAGS(6),
    /** 7: extended queue maxima (GET version 1). */
    MAX_QUEUES_EXT(7),
    /** 8: fragment bypass (SET). */
    FRAG_BYPASS(8),
    /** 10: RSS hash function and key (GET/SET with buffer). */
    RSS_HASH_FUNCTION(10),
    /** 11: stateless offloads (GET; mandatory). */
    STATELESS_OFFLOAD_CONFIG(11),
    /** 12: RSS indirection table (GET/SET). */
    RSS_INDIRECTION_TABLE_CONFIG(12),
    /** 14: MTU (SET). */
    MTU(14),
    /** 18: RSS hash input (GET/SET with buffer). */
    RSS_HASH_INPUT(18),
    /** 20: interrupt moderation (GET). */
    INTERRUPT_MODERATION(20),
    /** 26: AENQ configuration (GET/SET; mandatory). */
    AENQ_CONFIG(26),
    /** 27: link configuration (GET). */
    LINK_CONFIG(27),
    /** 28: host attributes (SET). */
    HOST_ATTR_CONFIG(28),
    /** 29: PTP hardware clock (GET version 0, SET). */
    PHC_CONFIG(29),
    /** 30: flow steering (SET). */
    FLOW_STEERING_CONFIG(30),
    /** 31: hardware timestamping (GET version 1, SET). */
    HW_TIMESTAMP(31);

    /** Number of feature-id slots (bits of supported_features). */
    public static final int SLOTS = 32;

    private static final FeatureId[] BY_CODE = new FeatureId[SLOTS];

    static {
        for (FeatureId f : values()) {
            BY_CODE[f.code] = f;
        }
    }

    private final int code;

    FeatureId(int code) {
        this.code = code;
    }

    /** Feature id value (GET/SET_FEATURE byte 17). */
    public int code() {
        return code;
    }

    /** {@code 1 << code}, this feature's bit in supported_features. */
    public int mask() {
        return 1 << code;
    }

    /** Whether bit {@code code} is set in {@code supportedFeatures} (§8.1 support check). */
    public boolean isSupported(int supportedFeatures) {
        return (supportedFeatures & mask()) != 0;
    }

    /** The feature with this id, or {@code null} if undefined (never throws). */
    public static FeatureId of(int code) {
        return code >= 0 && code < SLOTS ? BY_CODE[code] : null;
    }
}
