package io.ena4j.cli;

import io.ena4j.driver.Packet;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The answering logic of {@code ena4j responder}: ARP requests for our address, ICMP echo requests to it, and UDP
 * datagrams to the echo port are turned into their replies in place, in the received buffer (no copy, no
 * allocation), ready to be sent back; everything else is left alone. Every length and header field is checked
 * before use: a malformed frame is counted and never answered.
 *
 * <p>Checksums: the IPv4 header's is recomputed (the reply gets a fresh TTL of 64); swapping the addresses leaves
 * the UDP pseudo-header sum unchanged and swapping the ports the UDP checksum; the ICMP type change from 8 to 0 is
 * applied to the ICMP checksum incrementally (RFC 1624).
 */
final class Responder {

    static final int NONE = 0;
    static final int ARP_REPLY = 1;
    static final int ICMP_REPLY = 2;
    static final int UDP_ECHO = 3;

    private static final ValueLayout.OfByte B = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort S = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private final byte[] mac;
    private final int ip;
    private final int udpPort;
    long arpReplies;
    long icmpReplies;
    long udpEchoes;
    long ignored;
    long malformed;

    /**
     * @param mac     our MAC (6 bytes)
     * @param ip      our IPv4 address (a.b.c.d as a big-endian int)
     * @param udpPort the UDP echo port, 0 for none
     */
    Responder(byte[] mac, int ip, int udpPort) {
        this.mac = mac.clone();
        this.ip = ip;
        this.udpPort = udpPort;
    }

    /**
     * Looks at one received frame (single-buffer; chains are ignored) and, if it is for us, rewrites it into the
     * reply.
     *
     * @return {@link #NONE} (free it) or the kind of reply it now holds (send it)
     */
    int handle(Packet p) {
        if (p.segments() != 1) {
            ignored++;
            return NONE;
        }
        MemorySegment b = p.buffer();
        long o = p.offset();
        int len = p.length();
        if (len < 14) {
            malformed++;
            return NONE;
        }
        int type = Short.toUnsignedInt(b.get(S, o + 12));
        if (type == 0x0806) {
            return arp(b, o, len);
        }
        if (type == 0x0800) {
            return ipv4(b, o, len);
        }
        ignored++;
        return NONE;
    }

    private int arp(MemorySegment b, long o, int len) {
        if (len < 42) {
            malformed++;
            return NONE;
        }
        long a = o + 14;
        // Ethernet/IPv4 ARP request for our address.
        if (b.get(S, a) != 1 || b.get(S, a + 2) != 0x0800 || b.get(B, a + 4) != 6 || b.get(B, a + 5) != 4) {
            ignored++;
            return NONE;
        }
        if (b.get(S, a + 6) != 1 || b.get(I, a + 24) != ip) {
            ignored++;
            return NONE;
        }
        int senderIp = b.get(I, a + 14);
        MemorySegment.copy(b, a + 8, b, o, 6);        // Ethernet destination: the sender
        MemorySegment.copy(b, a + 8, b, a + 18, 6);   // target hardware address: the sender
        b.set(I, a + 24, senderIp);                   // target protocol address: the sender
        MemorySegment.copy(mac, 0, b, B, o + 6, 6);   // Ethernet source: us
        MemorySegment.copy(mac, 0, b, B, a + 8, 6);   // sender hardware address: us
        b.set(I, a + 14, ip);                         // sender protocol address: us
        b.set(S, a + 6, (short) 2);                   // reply
        arpReplies++;
        return ARP_REPLY;
    }

    private int ipv4(MemorySegment b, long o, int len) {
        if (len < 34) {
            malformed++;
            return NONE;
        }
        long h = o + 14;
        int vihl = b.get(B, h) & 0xFF;
        int ihl = (vihl & 0xF) * 4;
        int total = Short.toUnsignedInt(b.get(S, h + 2));
        if (vihl >> 4 != 4 || ihl < 20 || total < ihl || 14 + total > len) {
            malformed++;
            return NONE;
        }
        if (b.get(I, h + 16) != ip || (b.get(S, h + 6) & 0x3FFF) != 0) {
            ignored++; // not for us, or a fragment (not reassembled)
            return NONE;
        }
        int proto = b.get(B, h + 9) & 0xFF;
        long l4 = h + ihl;
        int l4len = total - ihl;
        if (proto == 1 && l4len >= 8 && (b.get(B, l4) & 0xFF) == 8 && b.get(B, l4 + 1) == 0) {
            b.set(B, l4, (byte) 0);
            int sum = Short.toUnsignedInt(b.get(S, l4 + 2));
            // RFC 1624: HC' = ~(~HC + ~m + m'), m = 0x0800 -> m' = 0x0000
            int c = (~sum & 0xFFFF) + (~0x0800 & 0xFFFF);
            c = (c & 0xFFFF) + (c >>> 16);
            c = (c & 0xFFFF) + (c >>> 16);
            b.set(S, l4 + 2, (short) ~c);
            swapAddresses(b, o, h);
            icmpReplies++;
            return ICMP_REPLY;
        }
        if (proto == 17 && udpPort != 0 && l4len >= 8 && Short.toUnsignedInt(b.get(S, l4 + 2)) == udpPort) {
            short sp = b.get(S, l4);
            b.set(S, l4, b.get(S, l4 + 2));
            b.set(S, l4 + 2, sp);
            swapAddresses(b, o, h);
            udpEchoes++;
            return UDP_ECHO;
        }
        ignored++;
        return NONE;
    }

    private void swapAddresses(MemorySegment b, long o, long h) {
        MemorySegment.copy(b, o + 6, b, o, 6);
        MemorySegment.copy(mac, 0, b, B, o + 6, 6);
        int src = b.get(I, h + 12);
        b.set(I, h + 12, b.get(I, h + 16));
        b.set(I, h + 16, src);
        b.set(B, h + 8, (byte) 64); // a fresh TTL: a reply, not a forwarded packet (header checksum below)
        b.set(S, h + 10, (short) 0);
        int sum = 0;
        int ihl = (b.get(B, h) & 0xF) * 4;
        for (int i = 0; i < ihl; i += 2) {
            sum += Short.toUnsignedInt(b.get(S, h + i));
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        b.set(S, h + 10, (short) ~sum);
    }
}
