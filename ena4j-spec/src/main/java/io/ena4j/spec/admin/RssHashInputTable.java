package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * RSS hash input control buffer, 256 bytes (management.md §8.13), used by GET/SET of RSS_HASH_INPUT (feature 18)
 * together with the inline {@link RssHashInput}.
 *
 * <pre>
 *  off   type          field
 *  +0    u32[16]       supported_fields[proto]: +0 u16 field bitmap, +2 u16 RSVD
 *  +64   u32[16]       selected_fields[proto]  (same format)
 *  +128  u32[16]       RSVD
 *  +192  u32[16]       RSVD
 * </pre>
 *
 * <p>Protocol indexes are reduced modulo 16 ({@code & 15}) so an accessor can never leave the table: the
 * accessors never throw. Setters write only the u16 bitmap and keep the reserved half-word.
 */
public final class RssHashInputTable {

    private RssHashInputTable() {
    }

    /** Size of the control buffer in bytes. */
    public static final long SIZE = 256;
    /** Offset of supported_fields[0]. */
    public static final long SUPPORTED_FIELDS_OFFSET = 0;
    /** Offset of selected_fields[0]. */
    public static final long SELECTED_FIELDS_OFFSET = 64;
    /** Bytes per protocol entry. */
    public static final long ENTRY_SIZE = 4;
    /** Number of protocol slots (array size). */
    public static final int PROTO_SLOTS = 16;

    /** Protocol 0: TCP over IPv4. */
    public static final int PROTO_TCP4 = 0;
    /** Protocol 1: UDP over IPv4. */
    public static final int PROTO_UDP4 = 1;
    /** Protocol 2: TCP over IPv6. */
    public static final int PROTO_TCP6 = 2;
    /** Protocol 3: UDP over IPv6. */
    public static final int PROTO_UDP6 = 3;
    /** Protocol 4: other IPv4. */
    public static final int PROTO_IP4 = 4;
    /** Protocol 5: other IPv6. */
    public static final int PROTO_IP6 = 5;
    /** Protocol 6: IPv4 fragment. */
    public static final int PROTO_IP4_FRAG = 6;
    /** Protocol 7: non-IP. */
    public static final int PROTO_NOT_IP = 7;
    /** Protocol 8: TCP over IPv6 with extension headers. */
    public static final int PROTO_TCP6_EX = 8;
    /** Protocol 9: IPv6 with extension headers. */
    public static final int PROTO_IP6_EX = 9;

    /** Field bit 0: L2 destination MAC. */
    public static final int L2_DA = 1 << 0;
    /** Field bit 1: L2 source MAC. */
    public static final int L2_SA = 1 << 1;
    /** Field bit 2: L3 destination address. */
    public static final int L3_DA = 1 << 2;
    /** Field bit 3: L3 source address. */
    public static final int L3_SA = 1 << 3;
    /** Field bit 4: L4 destination port. */
    public static final int L4_DP = 1 << 4;
    /** Field bit 5: L4 source port. */
    public static final int L4_SP = 1 << 5;

    /** Linux default for TCP4/UDP4/TCP6/UDP6: addresses and ports. */
    public static final int DEFAULT_L4 = L3_DA | L3_SA | L4_DP | L4_SP;
    /** Linux default for IP4/IP6/IP4_FRAG: addresses. */
    public static final int DEFAULT_L3 = L3_DA | L3_SA;
    /** Linux default for NOT_IP: MAC addresses. */
    public static final int DEFAULT_L2 = L2_DA | L2_SA;

    /** Offset of supported_fields[proto] (proto reduced modulo 16). */
    public static long supportedFieldsOffset(int proto) {
        return SUPPORTED_FIELDS_OFFSET + (proto & (PROTO_SLOTS - 1)) * ENTRY_SIZE;
    }

    /** Offset of selected_fields[proto] (proto reduced modulo 16). */
    public static long selectedFieldsOffset(int proto) {
        return SELECTED_FIELDS_OFFSET + (proto & (PROTO_SLOTS - 1)) * ENTRY_SIZE;
    }

    /** supported_fields[proto].fields (u16). */
    public static int supportedFields(MemorySegment s, long base, int proto) {
        return Le.u16(s, base + supportedFieldsOffset(proto));
    }

    /** Sets supported_fields[proto].fields (u16). */
    public static void supportedFields(MemorySegment s, long base, int proto, int v) {
        Le.u16(s, base + supportedFieldsOffset(proto), v);
    }

    /** selected_fields[proto].fields (u16). */
    public static int selectedFields(MemorySegment s, long base, int proto) {
        return Le.u16(s, base + selectedFieldsOffset(proto));
    }

    /** Sets selected_fields[proto].fields (u16). */
    public static void selectedFields(MemorySegment s, long base, int proto, int v) {
        Le.u16(s, base + selectedFieldsOffset(proto), v);
    }
}
