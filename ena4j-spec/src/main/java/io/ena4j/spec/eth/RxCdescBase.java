package io.ena4j.spec.eth;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Rx completion descriptor {@code rx_cdesc_base}, 16 bytes, one per consumed Rx buffer (datapath.md §6.1, §11.3).
 * The extended 32-byte form is {@link RxCdescExt}.
 *
 * <pre>
 *  off  size  field
 *  +0   u32   status      (bits below)
 *  +4   u16   length      bytes written into this buffer
 *  +6   u16   req_id      req_id of the Rx descriptor whose buffer was used
 *  +8   u32   hash        32-bit RSS hash
 *  +12  u16   sub_qid     unused by the driver
 *  +14  u8    offset      rx_offset: where packet data starts in the first buffer (§11.4)
 *  +15  u8    reserved
 *
 * status (+0):
 *   31   30     29:28  27   26    25       24     23:18  17     16        15        14        13        12:8
 *  +----+------+-----+----+-----+--------+------+------+------+---------+---------+---------+---------+--------+
 *  |rsv |buffer| rsv |last|first|l3_csum2|phase | rsv  |mbz17 |l4_csum_ |ipv4_frag|l4_csum_ |l3_csum_ |l4_proto|
 *  |    |      |     |    |     |        |      |      |      |checked  |         |err      |err      |_idx    |
 *  +----+------+-----+----+-----+--------+------+------+------+---------+---------+---------+---------+--------+
 *    7      6:5           4:0
 *  +------+------------+------------+
 *  |mbz7  |src_vlan_cnt|l3_proto_idx|
 *  +------+------------+------------+
 * </pre>
 *
 * <p>Validity (§6.1): parsing fields (protocol indices, checksum bits, ipv4_frag, hash) are meaningful only on the
 * entry with {@code last = 1}; {@code offset} is read from the first entry; length and req_id from every entry.
 * MBZ bits 7 and 17 are validated only under capability CDESC_MBZ (§11.3).
 *
 * <p>Ordering (§8.2): the phase bit is status bit 24. The driver calls
 * {@link #statusAcquire(MemorySegment, long)} first, compares the phase, and only then reads the other fields; a
 * device model writes bytes 4..15 (and the extension of {@link RxCdescExt}) first and publishes the status word
 * last with {@link #statusRelease(MemorySegment, long, int)}.
 */
public final class RxCdescBase {

    private RxCdescBase() {
    }

    /** Entry size in bytes (§6.1, §1.5). */
    public static final long SIZE = 16;

    /** Offset of status (u32). */
    public static final long STATUS_OFFSET = 0;
    /** Offset of length (u16). */
    public static final long LENGTH_OFFSET = 4;
    /** Offset of req_id (u16). */
    public static final long REQ_ID_OFFSET = 6;
    /** Offset of hash (u32). */
    public static final long HASH_OFFSET = 8;
    /** Offset of sub_qid (u16). */
    public static final long SUB_QID_OFFSET = 12;
    /** Offset of the {@code offset} byte (rx_offset, u8). */
    public static final long OFFSET_OFFSET = 14;
    /** Offset of the trailing reserved byte. */
    public static final long RESERVED_OFFSET = 15;

    /** status bits 4:0 l3_proto_idx, shift. */
    public static final int STATUS_L3_PROTO_IDX_SHIFT = 0;
    /** status bits 4:0 l3_proto_idx ({@link L3Proto}). */
    public static final int STATUS_L3_PROTO_IDX_MASK = 0x0000_001F;
    /** status bits 6:5 src_vlan_cnt, shift. */
    public static final int STATUS_SRC_VLAN_CNT_SHIFT = 5;
    /** status bits 6:5 src_vlan_cnt: VLAN tags in the source frame (unused by the driver) [UNCERTAIN]. */
    public static final int STATUS_SRC_VLAN_CNT_MASK = 0x0000_0060;
    /** status bit 7 mbz7, shift. */
    public static final int STATUS_MBZ7_SHIFT = 7;
    /** status bit 7 mbz7 (validated under CDESC_MBZ). */
    public static final int STATUS_MBZ7_MASK = 1 << 7;
    /** status bits 12:8 l4_proto_idx, shift. */
    public static final int STATUS_L4_PROTO_IDX_SHIFT = 8;
    /** status bits 12:8 l4_proto_idx ({@link L4Proto}), in place. */
    public static final int STATUS_L4_PROTO_IDX_MASK = 0x0000_1F00;
    /** status bit 13 l3_csum_err, shift. */
    public static final int STATUS_L3_CSUM_ERR_SHIFT = 13;
    /** status bit 13 l3_csum_err: IPv4 header checksum bad or not validated (IPv4 only). */
    public static final int STATUS_L3_CSUM_ERR_MASK = 1 << 13;
    /** status bit 14 l4_csum_err, shift. */
    public static final int STATUS_L4_CSUM_ERR_SHIFT = 14;
    /** status bit 14 l4_csum_err: L4 checksum bad or not validated (TCP/UDP, not fragment, checked). */
    public static final int STATUS_L4_CSUM_ERR_MASK = 1 << 14;
    /** status bit 15 ipv4_frag, shift. */
    public static final int STATUS_IPV4_FRAG_SHIFT = 15;
    /** status bit 15 ipv4_frag: the packet is an IPv4 fragment. */
    public static final int STATUS_IPV4_FRAG_MASK = 1 << 15;
    /** status bit 16 l4_csum_checked, shift. */
    public static final int STATUS_L4_CSUM_CHECKED_SHIFT = 16;
    /** status bit 16 l4_csum_checked: L4 checksum was verified (good or bad). */
    public static final int STATUS_L4_CSUM_CHECKED_MASK = 1 << 16;
    /** status bit 17 mbz17, shift. */
    public static final int STATUS_MBZ17_SHIFT = 17;
    /** status bit 17 mbz17 (validated under CDESC_MBZ). */
    public static final int STATUS_MBZ17_MASK = 1 << 17;
    /** status reserved bits 23:18. */
    public static final int STATUS_RESERVED18_MASK = 0x00FC_0000;
    /** status bit 24 phase, shift. */
    public static final int STATUS_PHASE_SHIFT = 24;
    /** status bit 24 phase: CQ phase (§8.2). */
    public static final int STATUS_PHASE_MASK = 1 << 24;
    /** status bit 25 l3_csum2, shift. */
    public static final int STATUS_L3_CSUM2_SHIFT = 25;
    /** status bit 25 l3_csum2: second checksum engine result (unused by the driver) [UNCERTAIN]. */
    public static final int STATUS_L3_CSUM2_MASK = 1 << 25;
    /** status bit 26 first, shift. */
    public static final int STATUS_FIRST_SHIFT = 26;
    /** status bit 26 first: first buffer of the packet. */
    public static final int STATUS_FIRST_MASK = 1 << 26;
    /** status bit 27 last, shift. */
    public static final int STATUS_LAST_SHIFT = 27;
    /** status bit 27 last: last buffer of the packet (parsing fields valid here). */
    public static final int STATUS_LAST_MASK = 1 << 27;
    /** status reserved bits 29:28. */
    public static final int STATUS_RESERVED28_MASK = 0x3000_0000;
    /** status bit 30 buffer, shift. */
    public static final int STATUS_BUFFER_SHIFT = 30;
    /** status bit 30 buffer: 1 = a buffer was used (device model sets 1; unchecked by the driver) [UNCERTAIN]. */
    public static final int STATUS_BUFFER_MASK = 1 << 30;
    /** status reserved bit 31. */
    public static final int STATUS_RESERVED31_MASK = 1 << 31;
    /** Both MBZ bits (7 and 17), checked together when CDESC_MBZ is negotiated (§11.3). */
    public static final int STATUS_MBZ_MASK = STATUS_MBZ7_MASK | STATUS_MBZ17_MASK;

    // ---- status word with ordering ----

    /**
     * Acquire-read of the status word: read it first, check {@link #STATUS_PHASE_MASK}, then read the rest (§8.2).
     * {@code base} must be 4-byte aligned in a native segment (true for every entry of a CQ ring).
     */
    public static int statusAcquire(MemorySegment s, long base) {
        return OrderedWord.getAcquire(s, base + STATUS_OFFSET);
    }

    /**
     * Release-write of the status word, for the device model: all earlier stores of the entry become visible no
     * later than the phase bit. Same alignment rule as {@link #statusAcquire(MemorySegment, long)}.
     */
    public static void statusRelease(MemorySegment s, long base, int v) {
        OrderedWord.setRelease(s, base + STATUS_OFFSET, v);
    }

    /** Plain read of the status word (no ordering). */
    public static int status(MemorySegment s, long base) {
        return Le.u32(s, base + STATUS_OFFSET);
    }

    /** Plain store of the status word (no ordering). */
    public static void status(MemorySegment s, long base, int v) {
        Le.u32(s, base + STATUS_OFFSET, v);
    }

    // ---- status fields ----

    /** status bits 4:0 l3_proto_idx. */
    public static int l3ProtoIdx(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_L3_PROTO_IDX_SHIFT, 5);
    }

    /** Sets status bits 4:0 l3_proto_idx (5 bits). */
    public static void l3ProtoIdx(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_L3_PROTO_IDX_SHIFT, 5, v);
    }

    /** status bits 6:5 src_vlan_cnt. */
    public static int srcVlanCnt(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_SRC_VLAN_CNT_SHIFT, 2);
    }

    /** Sets status bits 6:5 src_vlan_cnt (2 bits). */
    public static void srcVlanCnt(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_SRC_VLAN_CNT_SHIFT, 2, v);
    }

    /** status bit 7 mbz7. */
    public static int mbz7(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_MBZ7_SHIFT, 1);
    }

    /** Sets status bit 7 mbz7 (only tests and fault injection write 1). */
    public static void mbz7(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_MBZ7_SHIFT, 1, v);
    }

    /** status bits 12:8 l4_proto_idx. */
    public static int l4ProtoIdx(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_L4_PROTO_IDX_SHIFT, 5);
    }

    /** Sets status bits 12:8 l4_proto_idx (5 bits). */
    public static void l4ProtoIdx(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_L4_PROTO_IDX_SHIFT, 5, v);
    }

    /** status bit 13 l3_csum_err. */
    public static int l3CsumErr(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_L3_CSUM_ERR_SHIFT, 1);
    }

    /** Sets status bit 13 l3_csum_err. */
    public static void l3CsumErr(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_L3_CSUM_ERR_SHIFT, 1, v);
    }

    /** status bit 14 l4_csum_err. */
    public static int l4CsumErr(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_L4_CSUM_ERR_SHIFT, 1);
    }

    /** Sets status bit 14 l4_csum_err. */
    public static void l4CsumErr(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_L4_CSUM_ERR_SHIFT, 1, v);
    }

    /** status bit 15 ipv4_frag. */
    public static int ipv4Frag(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_IPV4_FRAG_SHIFT, 1);
    }

    /** Sets status bit 15 ipv4_frag. */
    public static void ipv4Frag(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_IPV4_FRAG_SHIFT, 1, v);
    }

    /** status bit 16 l4_csum_checked. */
    public static int l4CsumChecked(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_L4_CSUM_CHECKED_SHIFT, 1);
    }

    /** Sets status bit 16 l4_csum_checked. */
    public static void l4CsumChecked(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_L4_CSUM_CHECKED_SHIFT, 1, v);
    }

    /** status bit 17 mbz17. */
    public static int mbz17(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_MBZ17_SHIFT, 1);
    }

    /** Sets status bit 17 mbz17 (only tests and fault injection write 1). */
    public static void mbz17(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_MBZ17_SHIFT, 1, v);
    }

    /** status bits 23:18 reserved. */
    public static int reserved18(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, 18, 6);
    }

    /** Sets status bits 23:18 reserved (6 bits). */
    public static void reserved18(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, 18, 6, v);
    }

    /** status bit 24 phase. */
    public static int phase(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_PHASE_SHIFT, 1);
    }

    /** Sets status bit 24 phase (plain read-modify-write; use {@link #statusRelease} to publish an entry). */
    public static void phase(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_PHASE_SHIFT, 1, v);
    }

    /** status bit 25 l3_csum2. */
    public static int l3Csum2(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_L3_CSUM2_SHIFT, 1);
    }

    /** Sets status bit 25 l3_csum2. */
    public static void l3Csum2(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_L3_CSUM2_SHIFT, 1, v);
    }

    /** status bit 26 first. */
    public static int first(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_FIRST_SHIFT, 1);
    }

    /** Sets status bit 26 first. */
    public static void first(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_FIRST_SHIFT, 1, v);
    }

    /** status bit 27 last. */
    public static int last(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_LAST_SHIFT, 1);
    }

    /** Sets status bit 27 last. */
    public static void last(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_LAST_SHIFT, 1, v);
    }

    /** status bits 29:28 reserved. */
    public static int reserved28(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, 28, 2);
    }

    /** Sets status bits 29:28 reserved (2 bits). */
    public static void reserved28(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, 28, 2, v);
    }

    /** status bit 30 buffer. */
    public static int buffer(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, STATUS_BUFFER_SHIFT, 1);
    }

    /** Sets status bit 30 buffer. */
    public static void buffer(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, STATUS_BUFFER_SHIFT, 1, v);
    }

    /** status bit 31 reserved. */
    public static int reserved31(MemorySegment s, long base) {
        return Le.bits32(s, base + STATUS_OFFSET, 31, 1);
    }

    /** Sets status bit 31 reserved. */
    public static void reserved31(MemorySegment s, long base, int v) {
        Le.bits32(s, base + STATUS_OFFSET, 31, 1, v);
    }

    // ---- other fields ----

    /** length (u16): bytes written into this buffer. */
    public static int length(MemorySegment s, long base) {
        return Le.u16(s, base + LENGTH_OFFSET);
    }

    /** Sets length (16 bits). */
    public static void length(MemorySegment s, long base, int v) {
        Le.u16(s, base + LENGTH_OFFSET, v);
    }

    /** req_id (u16): untrusted, the driver must check it against the ring depth before use (§11.3). */
    public static int reqId(MemorySegment s, long base) {
        return Le.u16(s, base + REQ_ID_OFFSET);
    }

    /** Sets req_id (16 bits). */
    public static void reqId(MemorySegment s, long base, int v) {
        Le.u16(s, base + REQ_ID_OFFSET, v);
    }

    /** hash: 32-bit RSS hash (raw u32). */
    public static int hash(MemorySegment s, long base) {
        return Le.u32(s, base + HASH_OFFSET);
    }

    /** Sets hash. */
    public static void hash(MemorySegment s, long base, int v) {
        Le.u32(s, base + HASH_OFFSET, v);
    }

    /** sub_qid (u16). */
    public static int subQid(MemorySegment s, long base) {
        return Le.u16(s, base + SUB_QID_OFFSET);
    }

    /** Sets sub_qid (16 bits). */
    public static void subQid(MemorySegment s, long base, int v) {
        Le.u16(s, base + SUB_QID_OFFSET, v);
    }

    /** offset (u8): rx_offset of packet data inside the first buffer. */
    public static int offset(MemorySegment s, long base) {
        return Le.u8(s, base + OFFSET_OFFSET);
    }

    /** Sets offset (8 bits). */
    public static void offset(MemorySegment s, long base, int v) {
        Le.u8(s, base + OFFSET_OFFSET, v);
    }

    /** The trailing reserved byte. */
    public static int reserved(MemorySegment s, long base) {
        return Le.u8(s, base + RESERVED_OFFSET);
    }

    /** Sets the trailing reserved byte. */
    public static void reserved(MemorySegment s, long base, int v) {
        Le.u8(s, base + RESERVED_OFFSET, v);
    }
}
