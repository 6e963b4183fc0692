package io.ena4j.model.net;

import java.lang.foreign.MemorySegment;

/**
 * The device model's frame parser: what a NIC's parser extracts from a received or transmitted frame for the Rx
 * completion (datapath.md §6.1: protocol indices, {@code ipv4_frag}, checksum bits), Tx offload (§2, §3) and RSS
 * (§14.3: the flow_hash_proto slot).
 *
 * <p>Layers walked: Ethernet II; up to two VLAN tags (TPID 0x8100 802.1Q, 0x88A8 802.1ad, 0x9100 legacy QinQ);
 * IPv4 (IHL, total length, fragments) or IPv6 (hop-by-hop, routing, destination options and fragment extension
 * headers, at most {@value #MAX_IPV6_EXTENSIONS}); TCP (data offset) or UDP.
 *
 * <p>Frame content is untrusted (it is driver-written memory on Tx, and the model must not be crashed by it): the
 * parser never throws and never reads outside {@code [off, off + len)}; the range is also clipped to the segment.
 * A layer that is malformed or truncated is not reported, and the deepest valid layer is. The rules, all
 * [decision]s where the spec is silent:
 * <ul>
 *   <li>Frame shorter than 14 bytes, an EtherType that is neither IPv4 nor IPv6, a third VLAN tag, or a
 *       truncated tag: not IP ({@link FrameInfo#HASH_NOT_IP}); {@code l3Offset} = bytes of L2 header read.</li>
 *   <li>IPv4 is valid if version = 4, 20 ≤ IHL×4 ≤ bytes present, and total length ≥ IHL×4; IPv6 if version = 6
 *       and 40 bytes are present. Otherwise the frame is reported as not IP.</li>
 *   <li>A length field claiming more than the frame holds marks the frame {@link FrameInfo#truncated}: L3 and any
 *       L4 header that is fully present are still reported, but the L4 checksum is not verified. Bytes after the
 *       datagram (Ethernet padding) are ignored.</li>
 *   <li>TCP needs 20 ≤ data offset × 4 ≤ bytes present; UDP needs 8 bytes and 8 ≤ UDP length ≤ IP payload
 *       length. Otherwise L4 is unknown and the hash slot falls back to the IP one.</li>
 *   <li>IPv4 fragments set {@code ipv4Frag} and hash slot IP4_FRAG; the first fragment (offset 0) still reports its
 *       TCP/UDP header (the Rx completion's {@code ipv4_frag} tells the driver, §6.3), later ones report no L4.
 *       L4 checksums of fragments are never verified.</li>
 *   <li>IPv6 fragments (a fragment header anywhere in the chain) report no L4 at all, because the Rx completion has
 *       no IPv6 fragment bit to warn the driver; hash slot IP6_EX so all fragments of a datagram hash alike.</li>
 *   <li>IPv6 with any extension header: TCP → TCP6_EX (8), everything else, UDP included → IP6_EX (9): §14.3 has
 *       no UDP6_EX slot. An extension chain that is truncated or longer than {@value #MAX_IPV6_EXTENSIONS} headers
 *       stops the walk: no L4; {@code l3HeaderLength} covers the headers fully walked.</li>
 *   <li>With {@code verifyChecksums}: the IPv4 header checksum is always checked; TCP/UDP checksums when L4 is known,
 *       the frame is not a fragment and not truncated. A UDP/IPv4 checksum of 0 means "none sent" (RFC 768): not
 *       checked. A UDP/IPv6 checksum of 0 is illegal (RFC 8200 §8.1): checked and bad. The IPv6 pseudo-header uses
 *       the header's destination address (correct at the final destination, where the routing header's segments
 *       left is 0).</li>
 * </ul>
 */
public final class FrameParser {

    /** Ethernet II header length (no FCS: the device strips it on Rx and appends it on Tx, §2 word 0). */
    static final int ETH_HEADER = 14;
    static final int ETHERTYPE_OFFSET = 12;
    static final int VLAN_TAG = 4;
    static final int MAX_VLAN_TAGS = 2;
    static final int TPID_8021Q = 0x8100;
    static final int TPID_8021AD = 0x88A8;
    static final int TPID_QINQ_LEGACY = 0x9100;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    /** Bound on the IPv6 extension walk so a hostile chain costs a fixed amount of work. */
    static final int MAX_IPV6_EXTENSIONS = 8;

    private FrameParser() {
    }

    /**
     * Parses the frame at {@code [off, off + len)} of {@code seg} into {@code out} (which is cleared first). Never
     * throws, never reads outside the range (also clipped to the segment), even for truncated or malformed frames:
     * then the deepest valid layer is reported (rules in the class comment). No allocation.
     *
     * @param verifyChecksums also compute {@code l3CsumOk}/{@code l4CsumOk} (one pass over the datagram)
     */
    public static void parse(MemorySegment seg, long off, int len, boolean verifyChecksums, FrameInfo out) {
        out.clear();
        int n = Net.available(seg, off, len);
        if (n < ETH_HEADER) {
            return;
        }
        int p = ETHERTYPE_OFFSET;
        int type = Net.u16(seg, off + p);
        int vlans = 0;
        while (isTpid(type)) {
            if (vlans == MAX_VLAN_TAGS || p + VLAN_TAG + 2 > n) {
                // A third tag is beyond what the device parses; a cut tag has no EtherType: both are "not IP".
                out.l3Offset = p + 2;
                out.vlanCount = vlans;
                return;
            }
            p += VLAN_TAG;
            vlans++;
            type = Net.u16(seg, off + p);
        }
        int l3 = p + 2;
        out.l3Offset = l3;
        out.vlanCount = vlans;
        if (type == ETHERTYPE_IPV4) {
            parseIpv4(seg, off, n, l3, verifyChecksums, out);
        } else if (type == ETHERTYPE_IPV6) {
            parseIpv6(seg, off, n, l3, verifyChecksums, out);
        }
    }

    private static boolean isTpid(int type) {
        return type == TPID_8021Q || type == TPID_8021AD || type == TPID_QINQ_LEGACY;
    }

    private static void parseIpv4(MemorySegment seg, long off, int n, int l3, boolean verify, FrameInfo out) {
        int avail = n - l3;
        if (avail < Checksums.IPV4_MIN_HEADER) {
            return;
        }
        long at = off + l3;
        // Three word reads cover version/IHL/total length, flags/fragment offset and protocol.
        int w0 = Net.i32(seg, at);
        int ihl = (w0 >>> 24 & 0x0F) << 2;
        int total = w0 & 0xFFFF;
        if (w0 >>> 28 != 4 || ihl < Checksums.IPV4_MIN_HEADER || ihl > avail || total < ihl) {
            return;
        }
        out.l3Proto = FrameInfo.L3_IPV4;
        out.l3HeaderLength = ihl;
        out.l3Length = total;
        boolean truncated = total > avail;
        out.truncated = truncated;
        int fragWord = Net.i32(seg, at + 4) & 0xFFFF;
        int fragOffset = fragWord & 0x1FFF;
        boolean frag = (fragWord & 0x2000) != 0 || fragOffset != 0;
        out.ipv4Frag = frag;
        if (verify) {
            out.l3CsumChecked = true;
            out.l3CsumOk = Checksums.fold(Checksums.sumUnchecked(seg, at, ihl, 0)) == 0;
        }
        if (fragOffset == 0) {
            int end = truncated ? n : l3 + total;
            parseL4(seg, off, l3 + ihl, end, l3 + total, Net.i32(seg, at + 8) >>> 16 & 0xFF, out);
        }
        if (frag) {
            out.hashProto = FrameInfo.HASH_IP4_FRAG;
        } else {
            out.hashProto = out.l4Proto == FrameInfo.L4_TCP ? FrameInfo.HASH_TCP4
                    : out.l4Proto == FrameInfo.L4_UDP ? FrameInfo.HASH_UDP4 : FrameInfo.HASH_IP4;
            if (verify && !truncated) {
                verifyL4(seg, off, l3 + total, out);
            }
        }
    }

    private static void parseIpv6(MemorySegment seg, long off, int n, int l3, boolean verify, FrameInfo out) {
        int avail = n - l3;
        if (avail < Checksums.IPV6_HEADER) {
            return;
        }
        long at = off + l3;
        if (Net.u8(seg, at) >>> 4 != 6) {
            return;
        }
        int total = Checksums.IPV6_HEADER + Net.u16(seg, at + 4);
        boolean truncated = total > avail;
        int end = truncated ? n : l3 + total;
        out.l3Proto = FrameInfo.L3_IPV6;
        out.l3Length = total;
        out.truncated = truncated;
        int next = Net.u8(seg, at + 6);
        int p = l3 + Checksums.IPV6_HEADER;
        boolean extensions = false;
        boolean fragment = false;
        boolean walked = true;
        for (int i = 0; ; i++) {
            int hl;
            if (next == Net.IPPROTO_HOPOPTS || next == Net.IPPROTO_ROUTING || next == Net.IPPROTO_DSTOPTS) {
                extensions = true;
                if (i == MAX_IPV6_EXTENSIONS || p + 8 > end) {
                    walked = false;
                    break;
                }
                hl = (Net.u8(seg, off + p + 1) + 1) << 3;   // Hdr Ext Len: 8-octet units, not counting the first 8
            } else if (next == Net.IPPROTO_FRAGMENT) {
                extensions = true;
                fragment = true;
                if (i == MAX_IPV6_EXTENSIONS || p + 8 > end) {
                    walked = false;
                    break;
                }
                hl = 8;
            } else {
                break;
            }
            if (p + hl > end) {
                walked = false;
                break;
            }
            next = Net.u8(seg, off + p);
            p += hl;
        }
        out.l3HeaderLength = p - l3;
        if (walked && !fragment) {
            parseL4(seg, off, p, end, l3 + total, next, out);
        }
        if (extensions) {
            out.hashProto = out.l4Proto == FrameInfo.L4_TCP ? FrameInfo.HASH_TCP6_EX : FrameInfo.HASH_IP6_EX;
        } else {
            out.hashProto = out.l4Proto == FrameInfo.L4_TCP ? FrameInfo.HASH_TCP6
                    : out.l4Proto == FrameInfo.L4_UDP ? FrameInfo.HASH_UDP6 : FrameInfo.HASH_IP6;
        }
        if (verify && !truncated) {
            verifyL4(seg, off, l3 + total, out);
        }
    }

    /**
     * Recognises a TCP/UDP header at {@code l4}. {@code end}: end of the datagram bytes present; {@code claimedEnd}:
     * end per the IP header (≥ end when truncated).
     */
    private static void parseL4(MemorySegment seg, long off, int l4, int end, int claimedEnd, int protocol,
                                FrameInfo out) {
        int avail = end - l4;
        if (protocol == Net.IPPROTO_TCP) {
            if (avail < Checksums.TCP_MIN_HEADER) {
                return;
            }
            int dataOffset = (Net.u8(seg, off + l4 + 12) >>> 4) << 2;
            if (dataOffset < Checksums.TCP_MIN_HEADER || dataOffset > avail) {
                return;
            }
            out.l4Proto = FrameInfo.L4_TCP;
            out.l4HeaderLength = dataOffset;
        } else if (protocol == Net.IPPROTO_UDP) {
            if (avail < Checksums.UDP_HEADER) {
                return;
            }
            int udpLength = Net.u16(seg, off + l4 + 4);
            if (udpLength < Checksums.UDP_HEADER || udpLength > claimedEnd - l4) {
                return;
            }
            out.l4Proto = FrameInfo.L4_UDP;
            out.l4HeaderLength = Checksums.UDP_HEADER;
        } else {
            return;
        }
        out.l4Offset = l4;
    }

    /** Verifies the TCP/UDP checksum of a complete, unfragmented datagram ending at {@code end}. */
    private static void verifyL4(MemorySegment seg, long off, int end, FrameInfo out) {
        int l4 = out.l4Offset;
        if (l4 < 0) {
            return;
        }
        int segLen;
        if (out.l4Proto == FrameInfo.L4_UDP) {
            segLen = Net.u16(seg, off + l4 + 4);   // validated: 8 ≤ length ≤ end - l4
            if (Net.u16(seg, off + l4 + Checksums.UDP_CSUM_OFFSET) == 0) {
                if (out.l3Proto == FrameInfo.L3_IPV4) {
                    return;   // no checksum transmitted: nothing to verify
                }
                out.l4CsumChecked = true;
                out.l4CsumOk = false;
                return;
            }
        } else {
            segLen = end - l4;
        }
        long pseudo = Checksums.pseudoUnchecked(seg, off, out.l3Proto, out.l3Offset, Net.ipProtocolOf(out.l4Proto),
                segLen);
        out.l4CsumChecked = true;
        out.l4CsumOk = Checksums.fold(Checksums.sumUnchecked(seg, off + l4, segLen, pseudo)) == 0;
    }
}
