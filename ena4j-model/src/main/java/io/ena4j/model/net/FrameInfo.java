package io.ena4j.model.net;

import io.ena4j.spec.admin.RssHashInputTable;

/**
 * What {@link FrameParser#parse} found in one frame: protocol indices for the Rx completion (datapath.md §6.1,
 * §7.1), header offsets for Tx checksum offload (§2, §3), checksum verdicts (§6.3) and the RSS protocol slot
 * (§14.3). Mutable and reusable: an engine keeps one instance and lets every parse overwrite it, so the data path
 * allocates nothing per packet.
 *
 * <p>Offsets are relative to the first byte of the frame (the {@code off} given to the parser), not to the segment.
 * A Tx engine that trusts the descriptor instead of re-parsing (§3.1 says a model should use the descriptor fields
 * as given) may fill {@link #l3Proto}, {@link #l4Proto}, {@link #l3Offset}, {@link #l3HeaderLength} and
 * {@link #l4Offset} itself before calling {@link Checksums#fillTx}; every consumer bounds-checks them again, so a
 * wrong value never causes an out-of-bounds access.
 *
 * <p>Not thread-safe; owned by one engine.
 */
public final class FrameInfo {

    /** §7.1 L3 index 0: not IPv4/IPv6, or the IP header was malformed/truncated. */
    public static final int L3_UNKNOWN = 0;
    /** §7.1 L3 index 8: IPv4. */
    public static final int L3_IPV4 = 8;
    /** §7.1 L3 index 11: IPv6. */
    public static final int L3_IPV6 = 11;
    /** §7.1 L4 index 0: no complete TCP/UDP header found. */
    public static final int L4_UNKNOWN = 0;
    /** §7.1 L4 index 12: TCP. */
    public static final int L4_TCP = 12;
    /** §7.1 L4 index 13: UDP. */
    public static final int L4_UDP = 13;

    /** §14.3 flow_hash_proto 0: TCP over IPv4 (not a fragment). */
    public static final int HASH_TCP4 = RssHashInputTable.PROTO_TCP4;
    /** §14.3 flow_hash_proto 1: UDP over IPv4 (not a fragment). */
    public static final int HASH_UDP4 = RssHashInputTable.PROTO_UDP4;
    /** §14.3 flow_hash_proto 2: TCP over IPv6 without extension headers. */
    public static final int HASH_TCP6 = RssHashInputTable.PROTO_TCP6;
    /** §14.3 flow_hash_proto 3: UDP over IPv6 without extension headers. */
    public static final int HASH_UDP6 = RssHashInputTable.PROTO_UDP6;
    /** §14.3 flow_hash_proto 4: other IPv4 (no TCP/UDP header), not a fragment. */
    public static final int HASH_IP4 = RssHashInputTable.PROTO_IP4;
    /** §14.3 flow_hash_proto 5: other IPv6 without extension headers. */
    public static final int HASH_IP6 = RssHashInputTable.PROTO_IP6;
    /** §14.3 flow_hash_proto 6: IPv4 fragment (MF set or fragment offset ≠ 0). */
    public static final int HASH_IP4_FRAG = RssHashInputTable.PROTO_IP4_FRAG;
    /** §14.3 flow_hash_proto 7: not IP (also: IP header malformed or truncated). */
    public static final int HASH_NOT_IP = RssHashInputTable.PROTO_NOT_IP;
    /** §14.3 flow_hash_proto 8: TCP over IPv6 with extension headers. */
    public static final int HASH_TCP6_EX = RssHashInputTable.PROTO_TCP6_EX;
    /** §14.3 flow_hash_proto 9: IPv6 with extension headers and no TCP header (UDP included, see FrameParser). */
    public static final int HASH_IP6_EX = RssHashInputTable.PROTO_IP6_EX;

    /** L3 protocol index (§7.1): {@link #L3_UNKNOWN}, {@link #L3_IPV4} or {@link #L3_IPV6}. */
    public int l3Proto;
    /** L4 protocol index (§7.1): {@link #L4_UNKNOWN}, {@link #L4_TCP} or {@link #L4_UDP}. */
    public int l4Proto;
    /**
     * Offset of the IP header: after the 14-byte Ethernet header and up to two VLAN tags. For a non-IP frame the
     * offset just past the L2 header that was parsed (0 if even the Ethernet header is incomplete), i.e. where an
     * L3 header would start; the Tx meta descriptor's {@code l3_hdr_off} (§3, word 2).
     */
    public int l3Offset;
    /** Offset of the TCP/UDP header, -1 if {@link #l4Proto} is {@link #L4_UNKNOWN}. */
    public int l4Offset;
    /**
     * IPv4: IHL × 4. IPv6: 40 plus every extension header walked (hop-by-hop, routing, destination options,
     * fragment). The meta descriptor's {@code l3_hdr_len} (§3, word 2). 0 when {@link #l3Proto} is unknown.
     */
    public int l3HeaderLength;
    /** IPv4 MF flag set or fragment offset ≠ 0: the Rx completion's {@code ipv4_frag} (§6.1). */
    public boolean ipv4Frag;
    /** IPv4 header checksum was verified (only with {@code verifyChecksums}); {@code l3_csum_err} source (§6.1). */
    public boolean l3CsumChecked;
    /** IPv4 header checksum is correct (meaningful only if {@link #l3CsumChecked}). */
    public boolean l3CsumOk;
    /** TCP/UDP checksum was verified ({@code l4_csum_checked}, §6.1); never for fragments or truncated datagrams. */
    public boolean l4CsumChecked;
    /** TCP/UDP checksum is correct (meaningful only if {@link #l4CsumChecked}). */
    public boolean l4CsumOk;
    /** RSS protocol slot (§14.3): one of the {@code HASH_*} constants, selecting the hash input fields. */
    public int hashProto;

    /** Extension: VLAN tags (802.1Q/802.1ad) skipped, 0..2; the Rx completion's {@code src_vlan_cnt} (§6.1). */
    public int vlanCount;
    /** Extension: TCP data offset × 4 or 8 for UDP; the meta descriptor's {@code l4_hdr_len} × 4 for TSO (§3). */
    public int l4HeaderLength;
    /**
     * Extension: IP datagram length as its header states it (IPv4 total length; IPv6 40 + payload length). It may
     * exceed the bytes present when {@link #truncated}; never use it as a bound without checking the frame length.
     */
    public int l3Length;
    /** Extension: the IP header claims more bytes than the frame holds; L4 checksums are then not verified. */
    public boolean truncated;

    /** Creates a cleared instance (see {@link #clear()}). */
    public FrameInfo() {
        clear();
    }

    /** Resets to "nothing parsed": unknown L3/L4, no offsets ({@code l4Offset = -1}), hash slot NOT_IP. */
    public void clear() {
        l3Proto = L3_UNKNOWN;
        l4Proto = L4_UNKNOWN;
        l3Offset = 0;
        l4Offset = -1;
        l3HeaderLength = 0;
        ipv4Frag = false;
        l3CsumChecked = false;
        l3CsumOk = false;
        l4CsumChecked = false;
        l4CsumOk = false;
        hashProto = HASH_NOT_IP;
        vlanCount = 0;
        l4HeaderLength = 0;
        l3Length = 0;
        truncated = false;
    }

    /** Debug form, e.g. {@code FrameInfo[l3=8@14/20 l4=13@34/8 hash=1 frag=false ...]}; not for the data path. */
    @Override
    public String toString() {
        return "FrameInfo[l3=" + l3Proto + "@" + l3Offset + "/" + l3HeaderLength + " len=" + l3Length
                + " l4=" + l4Proto + "@" + l4Offset + "/" + l4HeaderLength + " hash=" + hashProto
                + " vlans=" + vlanCount + " frag=" + ipv4Frag + " truncated=" + truncated
                + " l3csum=" + (l3CsumChecked ? (l3CsumOk ? "ok" : "bad") : "-")
                + " l4csum=" + (l4CsumChecked ? (l4CsumOk ? "ok" : "bad") : "-") + "]";
    }
}
