package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * STATELESS_OFFLOAD_CONFIG (feature 11) GET payload (management.md §8.9). Offsets relative to the payload start
 * ({@code entryBase + FeatureCmd.GET_PAYLOAD}). No SET exists.
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8)
 *  +0   u32       tx
 *  +4   u32       rx_supported
 *  +8   u32       rx_enabled
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class StatelessOffload {

    private StatelessOffload() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 12;
    /** Offset of tx. */
    public static final long TX_OFFSET = 0;
    /** Offset of rx_supported. */
    public static final long RX_SUPPORTED_OFFSET = 4;
    /** Offset of rx_enabled. */
    public static final long RX_ENABLED_OFFSET = 8;

    /** tx: supported Tx offloads (TX_* bits) (u32, raw bits). */
    public static int tx(MemorySegment s, long base) {
        return Le.u32(s, base + TX_OFFSET);
    }

    /** Sets tx. */
    public static void tx(MemorySegment s, long base, int v) {
        Le.u32(s, base + TX_OFFSET, v);
    }

    /** rx_supported: supported Rx offloads (RX_* bits) (u32, raw bits). */
    public static int rxSupported(MemorySegment s, long base) {
        return Le.u32(s, base + RX_SUPPORTED_OFFSET);
    }

    /** Sets rx_supported. */
    public static void rxSupported(MemorySegment s, long base, int v) {
        Le.u32(s, base + RX_SUPPORTED_OFFSET, v);
    }

    /** rx_enabled: enabled Rx offloads (RX_* bits) (u32, raw bits). */
    public static int rxEnabled(MemorySegment s, long base) {
        return Le.u32(s, base + RX_ENABLED_OFFSET);
    }

    /** Sets rx_enabled. */
    public static void rxEnabled(MemorySegment s, long base, int v) {
        Le.u32(s, base + RX_ENABLED_OFFSET, v);
    }


    /** Tx bit 0: IPv4 header checksum. */
    public static final int TX_L3_CSUM_IPV4 = 1 << 0;
    /** Tx bit 1: TCP/UDP over IPv4 checksum, partial (pseudo-header seeded). */
    public static final int TX_L4_IPV4_CSUM_PART = 1 << 1;
    /** Tx bit 2: TCP/UDP over IPv4 checksum, full. */
    public static final int TX_L4_IPV4_CSUM_FULL = 1 << 2;
    /** Tx bit 3: TCP/UDP over IPv6 checksum, partial (pseudo-header seeded). */
    public static final int TX_L4_IPV6_CSUM_PART = 1 << 3;
    /** Tx bit 4: TCP/UDP over IPv6 checksum, full. */
    public static final int TX_L4_IPV6_CSUM_FULL = 1 << 4;
    /** Tx bit 5: TSO IPv4. */
    public static final int TX_TSO_IPV4 = 1 << 5;
    /** Tx bit 6: TSO IPv6. */
    public static final int TX_TSO_IPV6 = 1 << 6;
    /** Tx bit 7: TSO with ECN. */
    public static final int TX_TSO_ECN = 1 << 7;
    /** Rx bit 0: IPv4 header checksum. */
    public static final int RX_L3_CSUM_IPV4 = 1 << 0;
    /** Rx bit 1: TCP/UDP over IPv4 checksum. */
    public static final int RX_L4_IPV4_CSUM = 1 << 1;
    /** Rx bit 2: TCP/UDP over IPv6 checksum. */
    public static final int RX_L4_IPV6_CSUM = 1 << 2;
    /** Rx bit 3: Rx hash computation. */
    public static final int RX_HASH = 1 << 3;
}
