package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * STATELESS_OFFLOAD_CONFIG (feature 11) GET payload (management.md §8.9):
 * {@code G+8 u32 tx}, {@code G+12 u32 rx_supported}, {@code G+16 u32 rx_enabled}.
 *
 * @param tx          supported Tx offloads ({@link #TX_L4_IPV4_CSUM_PART} ...)
 * @param rxSupported supported Rx offloads ({@link #RX_L4_IPV4_CSUM} ...)
 * @param rxEnabled   currently enabled Rx offloads
 */
public record OffloadSettings(int tx, int rxSupported, int rxEnabled) {

    /** Tx bit 0: IPv4 header checksum. */
    public static final int TX_L3_CSUM_IPV4 = 1;
    /** Tx bit 1: TCP/UDP over IPv4 checksum, partial (pseudo-header seeded). */
    public static final int TX_L4_IPV4_CSUM_PART = 1 << 1;
    /** Tx bit 2: TCP/UDP over IPv4 checksum, full. */
    public static final int TX_L4_IPV4_CSUM = 1 << 2;
    /** Tx bit 3: TCP/UDP over IPv6 checksum, partial. */
    public static final int TX_L4_IPV6_CSUM_PART = 1 << 3;
    /** Tx bit 4: TCP/UDP over IPv6 checksum, full. */
    public static final int TX_L4_IPV6_CSUM = 1 << 4;
    /** Tx bit 5: TSO IPv4. */
    public static final int TX_TSO_IPV4 = 1 << 5;
    /** Tx bit 6: TSO IPv6. */
    public static final int TX_TSO_IPV6 = 1 << 6;
    /** Tx bit 7: TSO with ECN. */
    public static final int TX_TSO_ECN = 1 << 7;
    /** Rx bit 0: IPv4 header checksum. */
    public static final int RX_L3_CSUM_IPV4 = 1;
    /** Rx bit 1: TCP/UDP over IPv4 checksum. */
    public static final int RX_L4_IPV4_CSUM = 1 << 1;
    /** Rx bit 2: TCP/UDP over IPv6 checksum. */
    public static final int RX_L4_IPV6_CSUM = 1 << 2;
    /** Rx bit 3: Rx hash computation. */
    public static final int RX_HASH = 1 << 3;

    static OffloadSettings parse(MemorySegment r) {
        int p = AdminWire.RESP_PAYLOAD;
        return new OffloadSettings(AdminWire.u32(r, p), AdminWire.u32(r, p + 4), AdminWire.u32(r, p + 8));
    }
}
