package io.ena4j.model.net;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds well-formed test frames for tests, pktgen and benchmarks: Ethernet II, optional VLAN tags, IPv4 (options,
 * fragment fields) or IPv6 (extension headers), TCP (options) or UDP or a bare IP protocol, with correct lengths and
 * checksums and a deterministic payload. Allocation is allowed (not a data-path class).
 *
 * <p>Fluent and mutable; {@link #build()} and {@link #writeInto} can be called repeatedly. Defaults: MACs
 * 02:00:00:00:00:02 ← 02:00:00:00:00:01, UDP/IPv4 10.0.0.1:1024 → 10.0.0.2:1025, 64-byte frame (no FCS: the device
 * adds it on Tx and strips it on Rx, datapath.md §2 word 0), TTL 64, payload seed 0. The static shortcuts
 * ({@link #udp4}, {@link #tcp4}, {@link #udp6}, {@link #tcp6}) cover the common case.
 *
 * <p>Layout of what is built (protocol fields big-endian, as on the wire):
 * <pre>
 *   dst MAC | src MAC | [TPID TCI]×tags | EtherType | IP header [+ options | + extension headers]
 *   | TCP/UDP header (absent in a non-first fragment or with {@link #ipProtocol}) | payload | trailer (padding)
 * </pre>
 * The IP length fields cover everything up to the payload's end; {@link #trailer} bytes (Ethernet padding) come
 * after the datagram. IPv4 header and L4 checksums are computed (L4 over the bytes present, so a first fragment gets
 * a checksum of its own bytes only; no checksum is computed for non-first fragments and ICMP-like protocols).
 * Payload byte i is {@code (seed + i) & 0xFF}. Arguments out of range fail with a message naming value and range.
 */
public final class FrameBuilder {

    /** EtherType written for IPv4. */
    public static final int ETHERTYPE_IPV4 = FrameParser.ETHERTYPE_IPV4;
    /** EtherType written for IPv6. */
    public static final int ETHERTYPE_IPV6 = FrameParser.ETHERTYPE_IPV6;
    /** 802.1Q TPID. */
    public static final int TPID_8021Q = FrameParser.TPID_8021Q;
    /** 802.1ad (QinQ outer) TPID. */
    public static final int TPID_8021AD = FrameParser.TPID_8021AD;
    /** Most tags this builder writes: more than the device parses (2), to test that limit. */
    public static final int MAX_TAGS = 4;
    /** IPv6 extension header types accepted by {@link #ipv6Extension}: hop-by-hop, routing, destination options. */
    public static final int EXT_HOP_BY_HOP = Net.IPPROTO_HOPOPTS;
    /** Routing header type. */
    public static final int EXT_ROUTING = Net.IPPROTO_ROUTING;
    /** Destination options type. */
    public static final int EXT_DESTINATION = Net.IPPROTO_DSTOPTS;

    private static final int L3_NONE = 0;
    private static final int L3_V4 = 4;
    private static final int L3_V6 = 6;

    private byte[] dstMac = {2, 0, 0, 0, 0, 2};
    private byte[] srcMac = {2, 0, 0, 0, 0, 1};
    private final List<int[]> tags = new ArrayList<>();
    private int l3 = L3_V4;
    private int rawEtherType;
    private int srcIp4 = ipv4(10, 0, 0, 1);
    private int dstIp4 = ipv4(10, 0, 0, 2);
    private byte[] srcIp6 = new byte[16];
    private byte[] dstIp6 = new byte[16];
    private int protocol = Net.IPPROTO_UDP;
    private boolean l4Header = true;
    private int srcPort = 1024;
    private int dstPort = 1025;
    private int ipv4OptionBytes;
    private boolean moreFragments;
    private int fragmentOffset;
    private boolean dontFragment;
    private int ipv4Id = 1;
    private int ttl = 64;
    /** IPv6 extension headers in order: {type, length, fragmentOffset, more}. */
    private final List<int[]> extensions = new ArrayList<>();
    private int tcpOptionBytes;
    private int frameLength = 64;
    private int trailer;
    private int payloadSeed;

    /** A builder with the defaults of the class comment. */
    public FrameBuilder() {
    }

    /** A UDP/IPv4 frame of {@code frameLength} bytes (no FCS). */
    public static byte[] udp4(byte[] dstMac, byte[] srcMac, int srcIp, int dstIp, int srcPort, int dstPort,
                              int frameLength) {
        return new FrameBuilder().macs(dstMac, srcMac).ipv4(srcIp, dstIp).udp(srcPort, dstPort)
                .frameLength(frameLength).build();
    }

    /** A TCP/IPv4 frame of {@code frameLength} bytes (no FCS). */
    public static byte[] tcp4(byte[] dstMac, byte[] srcMac, int srcIp, int dstIp, int srcPort, int dstPort,
                              int frameLength) {
        return new FrameBuilder().macs(dstMac, srcMac).ipv4(srcIp, dstIp).tcp(srcPort, dstPort)
                .frameLength(frameLength).build();
    }

    /** A UDP/IPv6 frame of {@code frameLength} bytes (no FCS); addresses are 16 bytes each. */
    public static byte[] udp6(byte[] dstMac, byte[] srcMac, byte[] srcIp, byte[] dstIp, int srcPort, int dstPort,
                              int frameLength) {
        return new FrameBuilder().macs(dstMac, srcMac).ipv6(srcIp, dstIp).udp(srcPort, dstPort)
                .frameLength(frameLength).build();
    }

    /** A TCP/IPv6 frame of {@code frameLength} bytes (no FCS); addresses are 16 bytes each. */
    public static byte[] tcp6(byte[] dstMac, byte[] srcMac, byte[] srcIp, byte[] dstIp, int srcPort, int dstPort,
                              int frameLength) {
        return new FrameBuilder().macs(dstMac, srcMac).ipv6(srcIp, dstIp).tcp(srcPort, dstPort)
                .frameLength(frameLength).build();
    }

    /** The IPv4 address a.b.c.d as an int (a in the top byte, i.e. network order when written big-endian). */
    public static int ipv4(int a, int b, int c, int d) {
        for (int v : new int[] {a, b, c, d}) {
            range("IPv4 address octet", v, 0, 255);
        }
        return a << 24 | b << 16 | c << 8 | d;
    }

    /** Destination and source MAC, 6 bytes each. */
    public FrameBuilder macs(byte[] dst, byte[] src) {
        this.dstMac = bytes("destination MAC", dst, 6);
        this.srcMac = bytes("source MAC", src, 6);
        return this;
    }

    /** Appends a VLAN tag (outermost first): TPID (e.g. {@link #TPID_8021Q}) and 16-bit TCI; at most 4 tags. */
    public FrameBuilder vlan(int tpid, int tci) {
        range("VLAN tag count", tags.size() + 1, 1, MAX_TAGS);
        tags.add(new int[] {range("TPID", tpid, 0, 0xFFFF), range("TCI", tci, 0, 0xFFFF)});
        return this;
    }

    /** A non-IP frame with this EtherType; the payload follows the L2 header. */
    public FrameBuilder etherType(int type) {
        range("EtherType", type, 0, 0xFFFF);
        if (type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6) {
            throw new IllegalArgumentException("EtherType = 0x" + Integer.toHexString(type)
                    + " is an IP type; use ipv4(...) or ipv6(...) instead");
        }
        this.l3 = L3_NONE;
        this.rawEtherType = type;
        return this;
    }

    /** IPv4 with these addresses (see {@link #ipv4(int, int, int, int)}). */
    public FrameBuilder ipv4(int src, int dst) {
        this.l3 = L3_V4;
        this.srcIp4 = src;
        this.dstIp4 = dst;
        return this;
    }

    /** IPv6 with these 16-byte addresses. */
    public FrameBuilder ipv6(byte[] src, byte[] dst) {
        this.l3 = L3_V6;
        this.srcIp6 = bytes("IPv6 source address", src, 16);
        this.dstIp6 = bytes("IPv6 destination address", dst, 16);
        return this;
    }

    /** UDP header with these ports. */
    public FrameBuilder udp(int src, int dst) {
        return l4(Net.IPPROTO_UDP, src, dst);
    }

    /** TCP header (20 bytes + {@link #tcpOptions}) with these ports, flags PSH|ACK. */
    public FrameBuilder tcp(int src, int dst) {
        return l4(Net.IPPROTO_TCP, src, dst);
    }

    /** No TCP/UDP header: the IP payload starts right after the IP header; {@code protocol} is the IP protocol. */
    public FrameBuilder ipProtocol(int protocol) {
        this.protocol = range("IP protocol", protocol, 0, 255);
        this.l4Header = false;
        return this;
    }

    /** IPv4 options bytes (NOP-filled, a multiple of 4, 0..40). */
    public FrameBuilder ipv4Options(int bytes) {
        range("IPv4 option bytes", bytes, 0, 40);
        if (bytes % 4 != 0) {
            throw new IllegalArgumentException("IPv4 option bytes = " + bytes + " must be a multiple of 4");
        }
        this.ipv4OptionBytes = bytes;
        return this;
    }

    /** IPv4 fragment fields: MF flag and fragment offset in 8-byte units (0..8191). */
    public FrameBuilder ipv4Fragment(boolean more, int offsetUnits) {
        this.moreFragments = more;
        this.fragmentOffset = range("IPv4 fragment offset", offsetUnits, 0, 0x1FFF);
        return this;
    }

    /** IPv4 DF flag. */
    public FrameBuilder dontFragment(boolean df) {
        this.dontFragment = df;
        return this;
    }

    /** IPv4 identification. */
    public FrameBuilder ipv4Id(int id) {
        this.ipv4Id = range("IPv4 identification", id, 0, 0xFFFF);
        return this;
    }

    /**
     * Appends an IPv6 extension header: {@link #EXT_HOP_BY_HOP}, {@link #EXT_ROUTING} or {@link #EXT_DESTINATION},
     * {@code length} bytes (a multiple of 8, 8..2048), zero-filled after the two-byte prefix (Pad1 options; a
     * routing header of type 0 with 0 segments left).
     */
    public FrameBuilder ipv6Extension(int type, int length) {
        if (type != EXT_HOP_BY_HOP && type != EXT_ROUTING && type != EXT_DESTINATION) {
            throw new IllegalArgumentException("IPv6 extension type = " + type + " is not one of 0 (hop-by-hop), "
                    + "43 (routing), 60 (destination options); use ipv6Fragment for 44");
        }
        range("IPv6 extension length", length, 8, 2048);
        if (length % 8 != 0) {
            throw new IllegalArgumentException("IPv6 extension length = " + length + " must be a multiple of 8");
        }
        extensions.add(new int[] {type, length, 0, 0});
        return this;
    }

    /** Appends an IPv6 fragment header (8 bytes): M flag and offset in 8-byte units (0..8191). */
    public FrameBuilder ipv6Fragment(boolean more, int offsetUnits) {
        range("IPv6 fragment offset", offsetUnits, 0, 0x1FFF);
        extensions.add(new int[] {Net.IPPROTO_FRAGMENT, 8, offsetUnits, more ? 1 : 0});
        return this;
    }

    /** TCP option bytes (NOP-filled, a multiple of 4, 0..40). */
    public FrameBuilder tcpOptions(int bytes) {
        range("TCP option bytes", bytes, 0, 40);
        if (bytes % 4 != 0) {
            throw new IllegalArgumentException("TCP option bytes = " + bytes + " must be a multiple of 4");
        }
        this.tcpOptionBytes = bytes;
        return this;
    }

    /** Total frame length without FCS, trailer included; at least {@link #headerLength()} + trailer. */
    public FrameBuilder frameLength(int bytes) {
        this.frameLength = range("frame length", bytes, 0, 1 << 17);
        return this;
    }

    /** Bytes of padding after the IP datagram (not counted in the IP lengths), 0..1024. */
    public FrameBuilder trailer(int bytes) {
        this.trailer = range("trailer bytes", bytes, 0, 1024);
        return this;
    }

    /** First payload byte; byte i is {@code (seed + i) & 0xFF}. */
    public FrameBuilder payloadSeed(int seed) {
        this.payloadSeed = seed;
        return this;
    }

    /** Bytes before the payload: L2 header, IP header with options/extensions, TCP/UDP header if written. */
    public int headerLength() {
        return l3Offset() + l3HeaderLength() + l4HeaderLength();
    }

    /** Offset of the IP header (after MACs, tags and EtherType). */
    public int l3Offset() {
        return 14 + 4 * tags.size();
    }

    /** IP header length: IPv4 20 + options; IPv6 40 + extension headers; 0 for a non-IP frame. */
    public int l3HeaderLength() {
        if (l3 == L3_V4) {
            return Checksums.IPV4_MIN_HEADER + ipv4OptionBytes;
        }
        if (l3 == L3_V6) {
            int len = Checksums.IPV6_HEADER;
            for (int[] e : extensions) {
                len += e[1];
            }
            return len;
        }
        return 0;
    }

    /** The built frame as a new array of {@code frameLength} bytes. */
    public byte[] build() {
        byte[] frame = new byte[checkedLength()];
        writeInto(MemorySegment.ofArray(frame), 0);
        return frame;
    }

    /**
     * Writes the frame at {@code seg[off, off + frameLength)} and returns its length.
     *
     * @throws IllegalArgumentException if it does not fit the segment or the configuration is inconsistent
     */
    public int writeInto(MemorySegment seg, long off) {
        int len = checkedLength();
        if (off < 0 || off > seg.byteSize() - len) {
            throw new IllegalArgumentException("frame of " + len + " bytes at offset " + off
                    + " does not fit the segment of " + seg.byteSize() + " bytes");
        }
        MemorySegment f = seg.asSlice(off, len);
        f.fill((byte) 0);
        MemorySegment.copy(MemorySegment.ofArray(dstMac), 0, f, 0, 6);
        MemorySegment.copy(MemorySegment.ofArray(srcMac), 0, f, 6, 6);
        int p = 12;
        for (int[] tag : tags) {
            Net.put16(f, p, tag[0]);
            Net.put16(f, p + 2, tag[1]);
            p += 4;
        }
        int type = l3 == L3_V4 ? ETHERTYPE_IPV4 : l3 == L3_V6 ? ETHERTYPE_IPV6 : rawEtherType;
        Net.put16(f, p, type);
        int l3o = p + 2;
        int datagramEnd = len - trailer;
        int payloadStart = headerLength();
        for (int i = payloadStart; i < datagramEnd; i++) {
            f.set(ValueLayout.JAVA_BYTE, i, (byte) (payloadSeed + i - payloadStart));
        }
        if (l3 == L3_NONE) {
            return len;
        }
        int l4o = l3o + l3HeaderLength();
        if (l3 == L3_V4) {
            writeIpv4(f, l3o, datagramEnd - l3o);
        } else {
            writeIpv6(f, l3o, datagramEnd - l3o);
        }
        if (writesL4()) {
            writeL4(f, l4o, datagramEnd - l4o);
        }
        return len;
    }

    private FrameBuilder l4(int proto, int src, int dst) {
        this.protocol = proto;
        this.l4Header = true;
        this.srcPort = range("source port", src, 0, 0xFFFF);
        this.dstPort = range("destination port", dst, 0, 0xFFFF);
        return this;
    }

    /** Whether a TCP/UDP header is written: configured, and not a non-first fragment. */
    private boolean writesL4() {
        if (!l4Header || l3 == L3_NONE) {
            return false;
        }
        if (l3 == L3_V4) {
            return fragmentOffset == 0;
        }
        for (int[] e : extensions) {
            if (e[0] == Net.IPPROTO_FRAGMENT && e[2] != 0) {
                return false;
            }
        }
        return true;
    }

    private int l4HeaderLength() {
        if (!writesL4()) {
            return 0;
        }
        return protocol == Net.IPPROTO_TCP ? Checksums.TCP_MIN_HEADER + tcpOptionBytes : Checksums.UDP_HEADER;
    }

    private int checkedLength() {
        int min = headerLength() + trailer;
        int max = l3 == L3_NONE ? 1 << 17 : l3Offset() + (l3 == L3_V4 ? 0xFFFF : Checksums.IPV6_HEADER + 0xFFFF)
                + trailer;
        return range("frame length", frameLength, min, max);
    }

    private void writeIpv4(MemorySegment f, int at, int total) {
        int ihl = l3HeaderLength();
        Net.put16(f, at, (4 << 12) | (ihl / 4) << 8);   // version, IHL, DSCP/ECN 0
        Net.put16(f, at + 2, total);
        Net.put16(f, at + 4, ipv4Id);
        Net.put16(f, at + 6, (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | fragmentOffset);
        Net.put16(f, at + 8, ttl << 8 | protocol);
        f.set(Net.BE32, at + 12, srcIp4);
        f.set(Net.BE32, at + 16, dstIp4);
        for (int i = Checksums.IPV4_MIN_HEADER; i < ihl; i++) {
            f.set(ValueLayout.JAVA_BYTE, at + i, (byte) 1);   // NOP options
        }
        Net.put16(f, at + Checksums.IPV4_CSUM_OFFSET, Checksums.fold(Checksums.sum(f, at, ihl, 0)));
    }

    private void writeIpv6(MemorySegment f, int at, int total) {
        f.set(Net.BE32, at, 6 << 28);   // version 6, traffic class 0, flow label 0
        Net.put16(f, at + 4, total - Checksums.IPV6_HEADER);
        int firstNext = extensions.isEmpty() ? protocol : extensions.getFirst()[0];
        Net.put16(f, at + 6, firstNext << 8 | ttl);
        MemorySegment.copy(MemorySegment.ofArray(srcIp6), 0, f, at + 8, 16);
        MemorySegment.copy(MemorySegment.ofArray(dstIp6), 0, f, at + 24, 16);
        int p = at + Checksums.IPV6_HEADER;
        for (int i = 0; i < extensions.size(); i++) {
            int[] e = extensions.get(i);
            int next = i + 1 < extensions.size() ? extensions.get(i + 1)[0] : protocol;
            f.set(ValueLayout.JAVA_BYTE, p, (byte) next);
            if (e[0] == Net.IPPROTO_FRAGMENT) {
                Net.put16(f, p + 2, e[2] << 3 | e[3]);
                f.set(Net.BE32, p + 4, ipv4Id);   // identification
            } else {
                f.set(ValueLayout.JAVA_BYTE, p + 1, (byte) (e[1] / 8 - 1));
            }
            p += e[1];
        }
    }

    private void writeL4(MemorySegment f, int at, int segLen) {
        Net.put16(f, at, srcPort);
        Net.put16(f, at + 2, dstPort);
        int csumAt;
        if (protocol == Net.IPPROTO_TCP) {
            int doff = Checksums.TCP_MIN_HEADER + tcpOptionBytes;
            f.set(Net.BE32, at + 4, 0x12345678);        // sequence number
            f.set(Net.BE32, at + 8, 0);                 // acknowledgement number
            Net.put16(f, at + 12, (doff / 4) << 12 | 0x18);   // data offset, flags PSH|ACK
            Net.put16(f, at + 14, 0xFFFF);              // window
            for (int i = Checksums.TCP_MIN_HEADER; i < doff; i++) {
                f.set(ValueLayout.JAVA_BYTE, at + i, (byte) 1);   // NOP options
            }
            csumAt = at + Checksums.TCP_CSUM_OFFSET;
        } else {
            Net.put16(f, at + 4, segLen);
            csumAt = at + Checksums.UDP_CSUM_OFFSET;
        }
        // Pseudo-header written out by hand here (not via Checksums.pseudoHeaderSum), so tests that compare the
        // builder's result with fillTx compare two independent compositions of the RFC rules.
        long pseudo;
        if (l3 == L3_V4) {
            pseudo = (srcIp4 >>> 16) + (srcIp4 & 0xFFFF) + (dstIp4 >>> 16) + (dstIp4 & 0xFFFF) + protocol + segLen;
        } else {
            pseudo = Checksums.sum(MemorySegment.ofArray(srcIp6), 0, 16, 0)
                    + Checksums.sum(MemorySegment.ofArray(dstIp6), 0, 16, 0) + protocol + segLen;
        }
        int c = Checksums.fold(Checksums.sum(f, at, segLen, pseudo));
        Net.put16(f, csumAt, c == 0 && protocol == Net.IPPROTO_UDP ? 0xFFFF : c);
    }

    private static byte[] bytes(String what, byte[] v, int length) {
        if (v == null || v.length != length) {
            throw new IllegalArgumentException(what + " length = " + (v == null ? "null" : v.length)
                    + "; accepted: exactly " + length + " bytes");
        }
        return v.clone();
    }

    private static int range(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " = " + v + " is out of range [" + lo + ", " + hi + "]");
        }
        return v;
    }
}
