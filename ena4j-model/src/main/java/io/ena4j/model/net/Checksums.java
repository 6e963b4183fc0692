package io.ena4j.model.net;

import java.lang.foreign.MemorySegment;

/**
 * Internet checksum arithmetic (RFC 1071) and the device's Tx checksum offload (datapath.md §2 word 1
 * {@code l3_csum_en}/{@code l4_csum_en}/{@code l4_csum_partial}, §3.1, §3.2) and Rx verification (§6.1, §6.3).
 *
 * <p>Sums are carried unfolded in a {@code long}: the value is congruent, modulo 0xFFFF, to the ones'-complement
 * sum of the big-endian 16-bit words, which is all {@link #fold} needs. Adding whole 32- and 64-bit big-endian
 * chunks is legal because 2^16 ≡ 1 (mod 0xFFFF) (RFC 1071 §2(C), "parallel summation"), and it lets a 1500-byte
 * frame be summed in under 200 adds.
 *
 * <p>Verification rule: a header or segment whose checksum field is correct sums (checksum field included) to
 * 0xFFFF, i.e. {@code fold(sum) == 0}.
 */
public final class Checksums {

    /** Offset of the checksum in the IPv4 header (RFC 791). */
    static final int IPV4_CSUM_OFFSET = 10;
    /** Offset of the checksum in the TCP header (RFC 793). */
    static final int TCP_CSUM_OFFSET = 16;
    /** Offset of the checksum in the UDP header (RFC 768). */
    static final int UDP_CSUM_OFFSET = 6;
    static final int IPV4_MIN_HEADER = 20;
    static final int IPV4_MAX_HEADER = 60;
    static final int IPV6_HEADER = 40;
    static final int TCP_MIN_HEADER = 20;
    static final int UDP_HEADER = 8;

    private Checksums() {
    }

    /**
     * Ones'-complement 16-bit sum of {@code [off, off + len)} added to {@code seed}, neither folded nor inverted.
     * Words are big-endian; an odd final byte is the high byte of a zero-padded word (RFC 1071 §4.1). The result
     * can be fed back as the seed of the next call to checksum discontiguous pieces, provided every piece but the
     * last has an even length.
     *
     * @throws IndexOutOfBoundsException if {@code len < 0} or the range is not inside {@code s} (a caller bug, not
     *                                   frame content: the data path only calls the internal, pre-checked variant)
     */
    public static long sum(MemorySegment s, long off, int len, long seed) {
        if (len < 0 || off < 0 || off > s.byteSize() - len) {
            throw new IndexOutOfBoundsException("checksum range [" + off + ", " + off + " + " + len
                    + ") is not inside the segment of " + s.byteSize() + " bytes");
        }
        return sumUnchecked(s, off, len, seed);
    }

    /** {@link #sum} without the argument check, for ranges the caller has already bounded. */
    static long sumUnchecked(MemorySegment s, long off, int len, long seed) {
        long acc = seed;
        long p = off;
        long end = off + len;
        // Each 64-bit chunk adds at most 2^33; 2^28 chunks (2 GiB) cannot overflow the 64-bit accumulator.
        while (end - p >= 8) {
            long v = Net.i64(s, p);
            acc += (v >>> 32) + (v & 0xFFFF_FFFFL);
            p += 8;
        }
        if (end - p >= 4) {
            acc += Net.i32(s, p) & 0xFFFF_FFFFL;
            p += 4;
        }
        if (end - p >= 2) {
            acc += Net.u16(s, p);
            p += 2;
        }
        if (p < end) {
            acc += Net.u8(s, p) << 8;
        }
        return acc;
    }

    /**
     * Folds a running sum to 16 bits with end-around carries and inverts it: the value to store in a checksum
     * field, or, over data that includes a correct checksum field, 0. The sum is read as an unsigned 64-bit value.
     */
    public static int fold(long sum) {
        long s = (sum & 0xFFFF_FFFFL) + (sum >>> 32);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        return (int) ~s & 0xFFFF;
    }

    /**
     * Tx checksum offload as the device performs it (datapath.md §2 word 1, §3.1).
     *
     * <ul>
     *   <li>{@code l3}: when {@code info.l3Proto} is IPv4, the header checksum over {@code info.l3HeaderLength}
     *       bytes (20..60) at {@code info.l3Offset} is recomputed ({@code l3_csum_en}).</li>
     *   <li>{@code l4}: when {@code info.l4Proto} is TCP or UDP, the checksum at {@code info.l4Offset} (+16 TCP,
     *       +6 UDP) covers the segment from {@code l4Offset} to the end of the IP datagram. Full mode
     *       ({@code l4Partial == false}): the field is zeroed and the pseudo-header built from the addresses in the
     *       actual L3 header (§2: "addresses taken from the actual L3 header"; no IPv6 routing-header lookup) is
     *       added. Partial mode ({@code l4_csum_partial}, §2 word 1 bit 17): the driver pre-seeded the field with the
     *       pseudo-header sum (see {@link #pseudoHeaderSeed}), so only the segment, seed included, is summed.</li>
     *   <li>A UDP result of 0 is sent as 0xFFFF (RFC 768: 0 means "no checksum").</li>
     * </ul>
     *
     * <p>[decision] End of the datagram: the IP header's own length (IPv4 total length, IPv6 40 + payload length),
     * read from the frame (so a TSO engine that rewrote the lengths per segment gets them honoured); if that length
     * is inconsistent (before the end of the L4 header, or past the frame), the frame end is used, as hardware that
     * checksums the bytes it sends would. The device does what the descriptor asks: no offload is refused for
     * fragments or odd protocols, but nothing is written unless every byte touched lies inside
     * {@code [off, off + len)} of {@code seg} and the required headers fit. Never throws.
     */
    public static void fillTx(MemorySegment seg, long off, int len, FrameInfo info, boolean l3, boolean l4,
                              boolean l4Partial) {
        int n = Net.available(seg, off, len);
        if (l3 && info.l3Proto == FrameInfo.L3_IPV4) {
            int l3o = info.l3Offset;
            int hl = info.l3HeaderLength;
            if (l3o >= 0 && hl >= IPV4_MIN_HEADER && hl <= IPV4_MAX_HEADER && l3o <= n - hl) {
                long at = off + l3o;
                Net.put16(seg, at + IPV4_CSUM_OFFSET, 0);
                Net.put16(seg, at + IPV4_CSUM_OFFSET, fold(sumUnchecked(seg, at, hl, 0)));
            }
        }
        if (l4) {
            fillL4(seg, off, n, info, l4Partial);
        }
    }

    private static void fillL4(MemorySegment seg, long off, int n, FrameInfo info, boolean partial) {
        boolean tcp = info.l4Proto == FrameInfo.L4_TCP;
        if (!tcp && info.l4Proto != FrameInfo.L4_UDP) {
            return;
        }
        int l4o = info.l4Offset;
        int minHeader = tcp ? TCP_MIN_HEADER : UDP_HEADER;
        if (l4o < 0 || l4o > n - minHeader) {
            return;
        }
        int end = datagramEnd(seg, off, n, info, l4o + minHeader);
        int segLen = end - l4o;
        long at = off + l4o + (tcp ? TCP_CSUM_OFFSET : UDP_CSUM_OFFSET);
        long s;
        if (partial) {
            s = sumUnchecked(seg, off + l4o, segLen, 0);
        } else {
            if (!l3AddressesReadable(info, n)) {
                return;
            }
            Net.put16(seg, at, 0);
            s = sumUnchecked(seg, off + l4o, segLen, pseudoUnchecked(seg, off, info.l3Proto, info.l3Offset,
                    Net.ipProtocolOf(info.l4Proto), segLen));
        }
        int c = fold(s);
        Net.put16(seg, at, c == 0 && !tcp ? 0xFFFF : c);
    }

    /**
     * Pseudo-header sum (RFC 793 §3.1 / RFC 768 for IPv4, RFC 8200 §8.1 for IPv6), unfolded: source and destination
     * address from the L3 header, the protocol number of {@code info.l4Proto} and the L4 length, which runs from
     * {@code info.l4Offset} to the end of the datagram (as in {@link #fillTx}). Returns 0 if the L3 addresses or the
     * L4 header are not inside the frame. Never throws.
     */
    public static long pseudoHeaderSum(MemorySegment seg, long off, int len, FrameInfo info) {
        int n = Net.available(seg, off, len);
        int l4o = info.l4Offset;
        if (!l3AddressesReadable(info, n) || l4o < 0 || l4o > n) {
            return 0;
        }
        int end = datagramEnd(seg, off, n, info, l4o);
        return pseudoUnchecked(seg, off, info.l3Proto, info.l3Offset, Net.ipProtocolOf(info.l4Proto), end - l4o);
    }

    /**
     * The 16-bit value a driver writes into the L4 checksum field before requesting partial offload
     * ({@code l4_csum_partial = 1}, datapath.md §2 word 1, §3.1): the pseudo-header sum folded but not inverted,
     * as Linux leaves it for CHECKSUM_PARTIAL. Never throws; 0 if the headers are not inside the frame.
     */
    public static int pseudoHeaderSeed(MemorySegment seg, long off, int len, FrameInfo info) {
        return ~fold(pseudoHeaderSum(seg, off, len, info)) & 0xFFFF;
    }

    /** Whether the source/destination addresses of {@code info}'s L3 header lie inside the first {@code n} bytes. */
    static boolean l3AddressesReadable(FrameInfo info, int n) {
        int l3o = info.l3Offset;
        if (l3o < 0) {
            return false;
        }
        if (info.l3Proto == FrameInfo.L3_IPV4) {
            return l3o <= n - IPV4_MIN_HEADER;
        }
        return info.l3Proto == FrameInfo.L3_IPV6 && l3o <= n - IPV6_HEADER;
    }

    /**
     * End (exclusive, frame-relative) of the IP datagram per its header, or {@code n} when the header's length is
     * unreadable or inconsistent (less than {@code minEnd} or past the frame).
     */
    static int datagramEnd(MemorySegment seg, long off, int n, FrameInfo info, int minEnd) {
        if (!l3AddressesReadable(info, n)) {
            return n;
        }
        long at = off + info.l3Offset;
        int end = info.l3Proto == FrameInfo.L3_IPV4
                ? info.l3Offset + Net.u16(seg, at + 2)
                : info.l3Offset + IPV6_HEADER + Net.u16(seg, at + 4);
        return end < minEnd || end > n ? n : end;
    }

    /** Pseudo-header sum; the caller has checked that the addresses are inside the frame. */
    static long pseudoUnchecked(MemorySegment seg, long off, int l3Proto, int l3Offset, int ipProtocol, int l4Len) {
        long at = off + l3Offset;
        long addresses = l3Proto == FrameInfo.L3_IPV4
                ? sumUnchecked(seg, at + 12, 8, 0)
                : sumUnchecked(seg, at + 8, 32, 0);
        return addresses + ipProtocol + (l4Len & 0xFFFF_FFFFL);
    }
}
