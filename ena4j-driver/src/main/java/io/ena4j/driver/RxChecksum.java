package io.ena4j.driver;

import io.ena4j.spec.eth.L3Proto;
import io.ena4j.spec.eth.L4Proto;

/**
 * What the driver claims about a received packet's checksums, from the completion's bits (datapath.md §6.3), and the
 * per-queue counter each outcome feeds ({@code csum_bad}, {@code csum_good}, {@code csum_unchecked}). Allocation-free
 * and branch-light: one call per received packet.
 *
 * <p>The rules, in the order the Linux driver applies them: no claim when Rx checksum offload is off or the packet is
 * an IPv4 fragment; a bad IPv4 header checksum is {@link #BAD}; for TCP and UDP a set {@code l4_csum_err} is
 * {@link #BAD} (tested before {@code l4_csum_checked}), else {@code l4_csum_checked} is {@link #UNNECESSARY}, else the
 * checksum is unchecked; any other L4 protocol gets no claim and no count.
 */
public final class RxChecksum {

    /** No claim: the application must verify the checksum itself if it cares ({@code CHECKSUM_NONE}). */
    public static final int NONE = 0;
    /** The device verified the L4 (and IPv4 header) checksum: good ({@code CHECKSUM_UNNECESSARY}). */
    public static final int UNNECESSARY = 1;
    /** The device found a bad IPv4 header or TCP/UDP checksum (counted as {@code csum_bad}; no claim). */
    public static final int BAD = 2;
    /** TCP or UDP whose checksum the device did not check (counted as {@code csum_unchecked}; no claim). */
    public static final int UNCHECKED = 3;

    /** Hash type: no L4 hash (the 32-bit value is still given). */
    public static final int HASH_NONE = 0;
    /** Hash type: an L4 hash (TCP or UDP, not a fragment). */
    public static final int HASH_L4 = 1;

    private static final int IPV4 = L3Proto.IPV4.code();
    private static final int TCP = L4Proto.TCP.code();
    private static final int UDP = L4Proto.UDP.code();

    private RxChecksum() {
    }

    /**
     * The §6.3 outcome for one packet.
     *
     * @param offload   Rx checksum offload is enabled on the interface
     * @param l3Proto   {@code l3_proto_idx} of the last descriptor
     * @param l4Proto   {@code l4_proto_idx}
     * @param frag      {@code ipv4_frag}
     * @param l3Err     {@code l3_csum_err}
     * @param l4Err     {@code l4_csum_err}
     * @param l4Checked {@code l4_csum_checked}
     * @return {@link #NONE}, {@link #UNNECESSARY}, {@link #BAD} or {@link #UNCHECKED}
     */
    public static int classify(boolean offload, int l3Proto, int l4Proto, boolean frag, boolean l3Err,
                               boolean l4Err, boolean l4Checked) {
        if (!offload || frag) {
            return NONE;
        }
        if (l3Proto == IPV4 && l3Err) {
            return BAD;
        }
        if (l4Proto == TCP || l4Proto == UDP) {
            if (l4Err) {
                return BAD;
            }
            return l4Checked ? UNNECESSARY : UNCHECKED;
        }
        return NONE;
    }

    /** The hash type the driver reports with the hash (§6.3): L4 for TCP/UDP that is not a fragment. */
    public static int hashType(int l4Proto, boolean frag) {
        return !frag && (l4Proto == TCP || l4Proto == UDP) ? HASH_L4 : HASH_NONE;
    }
}
