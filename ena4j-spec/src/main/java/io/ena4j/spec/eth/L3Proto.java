package io.ena4j.spec.eth;

/**
 * L3 protocol index {@code eth_io_l3_proto_index} (datapath.md §7.1), used in the Tx descriptor
 * ({@link TxDesc#META_CTRL_L3_PROTO_IDX_MASK}, 4 bits) and the Rx completion
 * ({@link RxCdescBase#STATUS_L3_PROTO_IDX_MASK}, 5 bits).
 *
 * <p>Only IPv4 (8) and IPv6 (11) fit the 4-bit Tx field ({@link #txEncodable()}); FCoE and RoCE can only be
 * reported on Rx. Values the interface does not define map to {@code null} in {@link #of(int)}: a device may
 * still report them and the driver must treat them as "no checksum claim" (§6.3), never fail on them.
 */
public enum L3Proto {
    /** 0: unknown / not parsed. */
    UNKNOWN(0),
    /** 8: IPv4. */
    IPV4(8),
    /** 11: IPv6. */
    IPV6(11),
    /** 21: FCoE. */
    FCOE(21),
    /** 22: RoCE. */
    ROCE(22);

    /** Width of the Tx descriptor field in bits. */
    public static final int TX_FIELD_BITS = 4;
    /** Width of the Rx completion field in bits. */
    public static final int RX_FIELD_BITS = 5;

    // Indexed by code; the Rx field is 5 bits, so 32 slots cover every value a device can report.
    private static final L3Proto[] BY_CODE = new L3Proto[1 << RX_FIELD_BITS];

    static {
        for (L3Proto p : values()) {
            BY_CODE[p.code] = p;
        }
    }

    private final int code;

    L3Proto(int code) {
        this.code = code;
    }

    /** The numeric index (§7.1). */
    public int code() {
        return code;
    }

    /** Whether the code fits the 4-bit Tx descriptor field (true only for UNKNOWN, IPv4, IPv6). */
    public boolean txEncodable() {
        return code < (1 << TX_FIELD_BITS);
    }

    /** The protocol with this index, or {@code null} if undefined or out of range (never throws). */
    public static L3Proto of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
