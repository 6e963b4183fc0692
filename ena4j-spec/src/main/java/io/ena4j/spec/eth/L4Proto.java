package io.ena4j.spec.eth;

/**
 * L4 protocol index {@code eth_io_l4_proto_index} (datapath.md §7.1), 5 bits in both the Tx descriptor
 * ({@link TxDesc#META_CTRL_L4_PROTO_IDX_MASK}) and the Rx completion ({@link RxCdescBase#STATUS_L4_PROTO_IDX_MASK}).
 *
 * <p>The driver encodes every non-TCP L4 protocol as UDP when it requests offload (§3.1). Undefined values map
 * to {@code null} in {@link #of(int)}; on Rx they mean "no checksum claim" (§6.3).
 */
public enum L4Proto {
    /** 0: unknown / not parsed. */
    UNKNOWN(0),
    /** 12: TCP. */
    TCP(12),
    /** 13: UDP. */
    UDP(13),
    /** 23: routable RoCE. */
    ROUTEABLE_ROCE(23);

    /** Width of the field in bits (Tx and Rx). */
    public static final int FIELD_BITS = 5;

    private static final L4Proto[] BY_CODE = new L4Proto[1 << FIELD_BITS];

    static {
        for (L4Proto p : values()) {
            BY_CODE[p.code] = p;
        }
    }

    private final int code;

    L4Proto(int code) {
        this.code = code;
    }

    /** The numeric index (§7.1). */
    public int code() {
        return code;
    }

    /** Whether this is TCP or UDP, the protocols the Rx checksum and hash-type rules care about (§6.3). */
    public boolean isTcpOrUdp() {
        return this == TCP || this == UDP;
    }

    /** The protocol with this index, or {@code null} if undefined or out of range (never throws). */
    public static L4Proto of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
