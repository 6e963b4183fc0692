package io.ena4j.spec.eth;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Tx submission (data) descriptor {@code tx_desc}, 16 bytes, used for every data buffer of a packet in host and LLQ
 * placement (datapath.md §2).
 *
 * <pre>
 * word 0  +0  len_ctrl
 *   31:29  28       27   26    25   24    23        22   21:16                 15:0
 *  +-----+--------+----+-----+----+-----+---------+----+---------------------+--------------+
 *  | rsv |comp_req|last|first|rsv |phase|meta_desc|rsv | req_id_hi (id 15:10)|    length    |
 *  +-----+--------+----+-----+----+-----+---------+----+---------------------+--------------+
 *
 * word 1  +4  meta_ctrl
 *   31:22              21:18  17        16   15       14       13       12:8      7      6:5  4   3:0
 *  +------------------+-----+---------+----+--------+--------+--------+---------+------+----+--+---------+
 *  |req_id_lo (id 9:0)| rsv |l4_csum_ | rsv|eth_fcs_|l4_csum_|l3_csum_|l4_proto_|tso_en| rsv|DF|l3_proto_|
 *  |                  |     |partial  |    |dis     |en      |en      |idx      |      |    |  |idx      |
 *  +------------------+-----+---------+----+--------+--------+--------+---------+------+----+--+---------+
 *
 * word 2  +8  buff_addr_lo: buffer address bits 31:0
 *
 * word 3  +12 buff_addr_hi_hdr_sz
 *   31:24           23:16      15:0
 *  +---------------+----------+--------------------------------+
 *  | header_length | reserved |  addr_hi (address bits 47:32)  |
 *  +---------------+----------+--------------------------------+
 * </pre>
 *
 * <p>Accessors take the segment and the descriptor's base offset; getters return the unsigned field value widened
 * to {@code int} (48-bit address: {@code long}), setters mask the value to the field width and keep every other
 * bit of the word (read-modify-write). For the hot path the ring code should instead build whole words from the
 * {@code *_MASK}/{@code *_SHIFT} constants (e.g. {@code LEN_CTRL_FIRST_MASK}) and store each word once with
 * {@link #lenCtrl(MemorySegment, long, int)} and friends. Nothing here allocates; the only exception possible is
 * the segment's own bounds check.
 *
 * <p>req_id is 16 bits split across two words: bits 15:10 in {@code len_ctrl} 21:16 and bits 9:0 in
 * {@code meta_ctrl} 31:22. {@link #reqId(MemorySegment, long)} combines them; {@link #lenCtrlReqIdBits(int)} and
 * {@link #metaCtrlReqIdBits(int)} give the two parts in place for word building.
 */
public final class TxDesc {

    private TxDesc() {
    }

    /** Descriptor size in bytes (§2). */
    public static final long SIZE = 16;

    /** Offset of word 0 {@code len_ctrl}. */
    public static final long LEN_CTRL_OFFSET = 0;
    /** Offset of word 1 {@code meta_ctrl}. */
    public static final long META_CTRL_OFFSET = 4;
    /** Offset of word 2 {@code buff_addr_lo}. */
    public static final long BUFF_ADDR_LO_OFFSET = 8;
    /** Offset of word 3 {@code buff_addr_hi_hdr_sz}. */
    public static final long BUFF_ADDR_HI_HDR_SZ_OFFSET = 12;

    // ---- word 0 len_ctrl ----
    /** len_ctrl bits 15:0 length, shift. */
    public static final int LEN_CTRL_LENGTH_SHIFT = 0;
    /** len_ctrl bits 15:0 length: buffer bytes, excluding pushed header bytes (LLQ) and the FCS. */
    public static final int LEN_CTRL_LENGTH_MASK = 0x0000_FFFF;
    /** len_ctrl bits 21:16 req_id_hi, shift. */
    public static final int LEN_CTRL_REQ_ID_HI_SHIFT = 16;
    /** len_ctrl bits 21:16 req_id_hi (req_id bits 15:10), in place. */
    public static final int LEN_CTRL_REQ_ID_HI_MASK = 0x003F_0000;
    /** len_ctrl bit 23 meta_desc, shift. */
    public static final int LEN_CTRL_META_DESC_SHIFT = 23;
    /** len_ctrl bit 23 meta_desc: 0 on a data descriptor, 1 marks a {@link TxMetaDesc}. */
    public static final int LEN_CTRL_META_DESC_MASK = 1 << 23;
    /** len_ctrl bit 24 phase, shift. */
    public static final int LEN_CTRL_PHASE_SHIFT = 24;
    /** len_ctrl bit 24 phase: SQ phase of the lap the descriptor is written in (§8.2). */
    public static final int LEN_CTRL_PHASE_MASK = 1 << 24;
    /** len_ctrl bit 26 first, shift. */
    public static final int LEN_CTRL_FIRST_SHIFT = 26;
    /** len_ctrl bit 26 first: first descriptor of the packet (0 on data0 when a meta descriptor precedes it). */
    public static final int LEN_CTRL_FIRST_MASK = 1 << 26;
    /** len_ctrl bit 27 last, shift. */
    public static final int LEN_CTRL_LAST_SHIFT = 27;
    /** len_ctrl bit 27 last: last data descriptor of the packet. */
    public static final int LEN_CTRL_LAST_MASK = 1 << 27;
    /** len_ctrl bit 28 comp_req, shift. */
    public static final int LEN_CTRL_COMP_REQ_SHIFT = 28;
    /** len_ctrl bit 28 comp_req: completion requested; the driver sets it on the first data descriptor only. */
    public static final int LEN_CTRL_COMP_REQ_MASK = 1 << 28;
    /** len_ctrl reserved/MBZ bits 22, 25, 31:29 (a device model may check them). */
    public static final int LEN_CTRL_RESERVED_MASK = (1 << 22) | (1 << 25) | 0xE000_0000;

    // ---- word 1 meta_ctrl ----
    /** meta_ctrl bits 3:0 l3_proto_idx, shift. */
    public static final int META_CTRL_L3_PROTO_IDX_SHIFT = 0;
    /** meta_ctrl bits 3:0 l3_proto_idx ({@link L3Proto}; only IPv4 8 and IPv6 11 fit in 4 bits). */
    public static final int META_CTRL_L3_PROTO_IDX_MASK = 0x0000_000F;
    /** meta_ctrl bit 4 DF, shift. */
    public static final int META_CTRL_DF_SHIFT = 4;
    /** meta_ctrl bit 4 DF: IPv4 Don't-Fragment (written regardless of meta_valid, §2). */
    public static final int META_CTRL_DF_MASK = 1 << 4;
    /** meta_ctrl bit 7 tso_en, shift. */
    public static final int META_CTRL_TSO_EN_SHIFT = 7;
    /** meta_ctrl bit 7 tso_en: TCP segmentation offload. */
    public static final int META_CTRL_TSO_EN_MASK = 1 << 7;
    /** meta_ctrl bits 12:8 l4_proto_idx, shift. */
    public static final int META_CTRL_L4_PROTO_IDX_SHIFT = 8;
    /** meta_ctrl bits 12:8 l4_proto_idx ({@link L4Proto}), in place. */
    public static final int META_CTRL_L4_PROTO_IDX_MASK = 0x0000_1F00;
    /** meta_ctrl bit 13 l3_csum_en, shift. */
    public static final int META_CTRL_L3_CSUM_EN_SHIFT = 13;
    /** meta_ctrl bit 13 l3_csum_en: compute the IPv4 header checksum. */
    public static final int META_CTRL_L3_CSUM_EN_MASK = 1 << 13;
    /** meta_ctrl bit 14 l4_csum_en, shift. */
    public static final int META_CTRL_L4_CSUM_EN_SHIFT = 14;
    /** meta_ctrl bit 14 l4_csum_en: compute the TCP/UDP checksum. */
    public static final int META_CTRL_L4_CSUM_EN_MASK = 1 << 14;
    /** meta_ctrl bit 15 ethernet_fcs_dis, shift. */
    public static final int META_CTRL_ETHERNET_FCS_DIS_SHIFT = 15;
    /** meta_ctrl bit 15 ethernet_fcs_dis: 1 = do not append the FCS (driver: always 0). */
    public static final int META_CTRL_ETHERNET_FCS_DIS_MASK = 1 << 15;
    /** meta_ctrl bit 17 l4_csum_partial, shift. */
    public static final int META_CTRL_L4_CSUM_PARTIAL_SHIFT = 17;
    /** meta_ctrl bit 17 l4_csum_partial: 1 = the L4 checksum field is pre-seeded with the pseudo-header sum. */
    public static final int META_CTRL_L4_CSUM_PARTIAL_MASK = 1 << 17;
    /** meta_ctrl bits 31:22 req_id_lo, shift. */
    public static final int META_CTRL_REQ_ID_LO_SHIFT = 22;
    /** meta_ctrl bits 31:22 req_id_lo (req_id bits 9:0), in place. */
    public static final int META_CTRL_REQ_ID_LO_MASK = 0xFFC0_0000;
    /** meta_ctrl reserved bits 6:5, 16, 21:18 (MBZ / written 0). */
    public static final int META_CTRL_RESERVED_MASK = 0x0000_0060 | (1 << 16) | 0x003C_0000;
    /**
     * All offload bits of meta_ctrl (l3/l4 proto, tso, l3/l4 csum, partial): written only when the packet context
     * is "meta valid" (§2, §3.1), else zero. DF and req_id_lo are not included.
     */
    public static final int META_CTRL_OFFLOAD_MASK = META_CTRL_L3_PROTO_IDX_MASK | META_CTRL_TSO_EN_MASK
            | META_CTRL_L4_PROTO_IDX_MASK | META_CTRL_L3_CSUM_EN_MASK | META_CTRL_L4_CSUM_EN_MASK
            | META_CTRL_L4_CSUM_PARTIAL_MASK;

    // ---- word 3 buff_addr_hi_hdr_sz ----
    /** buff_addr_hi_hdr_sz bits 15:0 addr_hi, shift. */
    public static final int ADDR_HI_SHIFT = 0;
    /** buff_addr_hi_hdr_sz bits 15:0 addr_hi (address bits 47:32). */
    public static final int ADDR_HI_MASK = 0x0000_FFFF;
    /** buff_addr_hi_hdr_sz reserved bits 23:16 (written 0). */
    public static final int ADDR_HI_HDR_SZ_RESERVED_MASK = 0x00FF_0000;
    /** buff_addr_hi_hdr_sz bits 31:24 header_length, shift. */
    public static final int HEADER_LENGTH_SHIFT = 24;
    /** buff_addr_hi_hdr_sz bits 31:24 header_length (first data descriptor only; §2, §9.5), in place. */
    public static final int HEADER_LENGTH_MASK = 0xFF00_0000;

    /** Number of req_id bits carried in meta_ctrl (req_id_lo). */
    public static final int REQ_ID_LO_BITS = 10;
    /** Largest encodable req_id (16 bits). */
    public static final int REQ_ID_MAX = 0xFFFF;
    /** Largest encodable buffer address (48 bits). */
    public static final long ADDRESS_MAX = Le.ADDR48_MASK;

    // ---- whole words ----

    /** Raw word 0 {@code len_ctrl}. */
    public static int lenCtrl(MemorySegment s, long base) {
        return Le.u32(s, base + LEN_CTRL_OFFSET);
    }

    /** Stores the whole word 0 {@code len_ctrl} (one 32-bit store). */
    public static void lenCtrl(MemorySegment s, long base, int v) {
        Le.u32(s, base + LEN_CTRL_OFFSET, v);
    }

    /** Raw word 1 {@code meta_ctrl}. */
    public static int metaCtrl(MemorySegment s, long base) {
        return Le.u32(s, base + META_CTRL_OFFSET);
    }

    /** Stores the whole word 1 {@code meta_ctrl}. */
    public static void metaCtrl(MemorySegment s, long base, int v) {
        Le.u32(s, base + META_CTRL_OFFSET, v);
    }

    /** Word 2 {@code buff_addr_lo}: buffer address bits 31:0 (raw u32). */
    public static int buffAddrLo(MemorySegment s, long base) {
        return Le.u32(s, base + BUFF_ADDR_LO_OFFSET);
    }

    /** Stores word 2 {@code buff_addr_lo}. */
    public static void buffAddrLo(MemorySegment s, long base, int v) {
        Le.u32(s, base + BUFF_ADDR_LO_OFFSET, v);
    }

    /** Raw word 3 {@code buff_addr_hi_hdr_sz}. */
    public static int buffAddrHiHdrSz(MemorySegment s, long base) {
        return Le.u32(s, base + BUFF_ADDR_HI_HDR_SZ_OFFSET);
    }

    /** Stores the whole word 3 {@code buff_addr_hi_hdr_sz}. */
    public static void buffAddrHiHdrSz(MemorySegment s, long base, int v) {
        Le.u32(s, base + BUFF_ADDR_HI_HDR_SZ_OFFSET, v);
    }

    // ---- len_ctrl fields ----

    /** len_ctrl bits 15:0 length in bytes. */
    public static int length(MemorySegment s, long base) {
        return Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_LENGTH_SHIFT, 16);
    }

    /** Sets len_ctrl bits 15:0 length. */
    public static void length(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_LENGTH_SHIFT, 16, v);
    }

    /** len_ctrl bits 21:16 req_id_hi (req_id bits 15:10). */
    public static int reqIdHi(MemorySegment s, long base) {
        return Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_REQ_ID_HI_SHIFT, 6);
    }

    /** Sets len_ctrl bits 21:16 req_id_hi (6-bit value). */
    public static void reqIdHi(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_REQ_ID_HI_SHIFT, 6, v);
    }

    /** len_ctrl bit 23 meta_desc (0 for a data descriptor). */
    public static int metaDesc(MemorySegment s, long base) {
        return Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_META_DESC_SHIFT, 1);
    }

    /** Sets len_ctrl bit 23 meta_desc. */
    public static void metaDesc(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_META_DESC_SHIFT, 1, v);
    }

    /** len_ctrl bit 24 phase. */
    public static int phase(MemorySegment s, long base) {
        return Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_PHASE_SHIFT, 1);
    }

    /** Sets len_ctrl bit 24 phase. */
    public static void phase(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_PHASE_SHIFT, 1, v);
    }

    /** len_ctrl bit 26 first. */
    public static int first(MemorySegment s, long base) {
        return Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_FIRST_SHIFT, 1);
    }

    /** Sets len_ctrl bit 26 first. */
    public static void first(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_FIRST_SHIFT, 1, v);
    }

    /** len_ctrl bit 27 last. */
    public static int last(MemorySegment s, long base) {
        return Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_LAST_SHIFT, 1);
    }

    /** Sets len_ctrl bit 27 last. */
    public static void last(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_LAST_SHIFT, 1, v);
    }

    /** len_ctrl bit 28 comp_req. */
    public static int compReq(MemorySegment s, long base) {
        return Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_COMP_REQ_SHIFT, 1);
    }

    /** Sets len_ctrl bit 28 comp_req. */
    public static void compReq(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_COMP_REQ_SHIFT, 1, v);
    }

    // ---- meta_ctrl fields ----

    /** meta_ctrl bits 3:0 l3_proto_idx. */
    public static int l3ProtoIdx(MemorySegment s, long base) {
        return Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_L3_PROTO_IDX_SHIFT, 4);
    }

    /** Sets meta_ctrl bits 3:0 l3_proto_idx (masked to 4 bits, so FCoE/RoCE codes do not survive, §7.1). */
    public static void l3ProtoIdx(MemorySegment s, long base, int v) {
        Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_L3_PROTO_IDX_SHIFT, 4, v);
    }

    /** meta_ctrl bit 4 DF. */
    public static int df(MemorySegment s, long base) {
        return Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_DF_SHIFT, 1);
    }

    /** Sets meta_ctrl bit 4 DF. */
    public static void df(MemorySegment s, long base, int v) {
        Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_DF_SHIFT, 1, v);
    }

    /** meta_ctrl bit 7 tso_en. */
    public static int tsoEn(MemorySegment s, long base) {
        return Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_TSO_EN_SHIFT, 1);
    }

    /** Sets meta_ctrl bit 7 tso_en. */
    public static void tsoEn(MemorySegment s, long base, int v) {
        Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_TSO_EN_SHIFT, 1, v);
    }

    /** meta_ctrl bits 12:8 l4_proto_idx. */
    public static int l4ProtoIdx(MemorySegment s, long base) {
        return Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_L4_PROTO_IDX_SHIFT, 5);
    }

    /** Sets meta_ctrl bits 12:8 l4_proto_idx (5 bits). */
    public static void l4ProtoIdx(MemorySegment s, long base, int v) {
        Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_L4_PROTO_IDX_SHIFT, 5, v);
    }

    /** meta_ctrl bit 13 l3_csum_en. */
    public static int l3CsumEn(MemorySegment s, long base) {
        return Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_L3_CSUM_EN_SHIFT, 1);
    }

    /** Sets meta_ctrl bit 13 l3_csum_en. */
    public static void l3CsumEn(MemorySegment s, long base, int v) {
        Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_L3_CSUM_EN_SHIFT, 1, v);
    }

    /** meta_ctrl bit 14 l4_csum_en. */
    public static int l4CsumEn(MemorySegment s, long base) {
        return Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_L4_CSUM_EN_SHIFT, 1);
    }

    /** Sets meta_ctrl bit 14 l4_csum_en. */
    public static void l4CsumEn(MemorySegment s, long base, int v) {
        Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_L4_CSUM_EN_SHIFT, 1, v);
    }

    /** meta_ctrl bit 15 ethernet_fcs_dis. */
    public static int ethernetFcsDis(MemorySegment s, long base) {
        return Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_ETHERNET_FCS_DIS_SHIFT, 1);
    }

    /** Sets meta_ctrl bit 15 ethernet_fcs_dis. */
    public static void ethernetFcsDis(MemorySegment s, long base, int v) {
        Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_ETHERNET_FCS_DIS_SHIFT, 1, v);
    }

    /** meta_ctrl bit 17 l4_csum_partial. */
    public static int l4CsumPartial(MemorySegment s, long base) {
        return Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_L4_CSUM_PARTIAL_SHIFT, 1);
    }

    /** Sets meta_ctrl bit 17 l4_csum_partial. */
    public static void l4CsumPartial(MemorySegment s, long base, int v) {
        Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_L4_CSUM_PARTIAL_SHIFT, 1, v);
    }

    /** meta_ctrl bits 31:22 req_id_lo (req_id bits 9:0). */
    public static int reqIdLo(MemorySegment s, long base) {
        return Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_REQ_ID_LO_SHIFT, 10);
    }

    /** Sets meta_ctrl bits 31:22 req_id_lo (10-bit value). */
    public static void reqIdLo(MemorySegment s, long base, int v) {
        Le.bits32(s, base + META_CTRL_OFFSET, META_CTRL_REQ_ID_LO_SHIFT, 10, v);
    }

    /** The 16-bit req_id, combined from req_id_hi (bits 15:10) and req_id_lo (bits 9:0). */
    public static int reqId(MemorySegment s, long base) {
        return reqIdOf(lenCtrl(s, base), metaCtrl(s, base));
    }

    /** Sets the 16-bit req_id (masked to 16 bits): bits 15:10 to len_ctrl 21:16, bits 9:0 to meta_ctrl 31:22. */
    public static void reqId(MemorySegment s, long base, int v) {
        reqIdHi(s, base, v >>> REQ_ID_LO_BITS);
        reqIdLo(s, base, v);
    }

    // ---- word 2/3 fields ----

    /** buff_addr_hi_hdr_sz bits 15:0 addr_hi (address bits 47:32). */
    public static int addrHi(MemorySegment s, long base) {
        return Le.u16(s, base + BUFF_ADDR_HI_HDR_SZ_OFFSET);
    }

    /** Sets addr_hi (16 bits); header_length and the reserved byte are kept. */
    public static void addrHi(MemorySegment s, long base, int v) {
        Le.u16(s, base + BUFF_ADDR_HI_HDR_SZ_OFFSET, v);
    }

    /** buff_addr_hi_hdr_sz bits 31:24 header_length. */
    public static int headerLength(MemorySegment s, long base) {
        return Le.bits32(s, base + BUFF_ADDR_HI_HDR_SZ_OFFSET, HEADER_LENGTH_SHIFT, 8);
    }

    /** Sets header_length (8 bits; values above 255 are truncated, see §9.5 on the 8-bit limit). */
    public static void headerLength(MemorySegment s, long base, int v) {
        Le.bits32(s, base + BUFF_ADDR_HI_HDR_SZ_OFFSET, HEADER_LENGTH_SHIFT, 8, v);
    }

    /** The 48-bit buffer address (buff_addr_lo | addr_hi &lt;&lt; 32); bits 63:48 of the result are 0. */
    public static long bufferAddress(MemorySegment s, long base) {
        return Integer.toUnsignedLong(buffAddrLo(s, base)) | ((long) addrHi(s, base) << 32);
    }

    /**
     * Sets the buffer address masked to 48 bits (word 2 and the low half of word 3; header_length is kept).
     * Narrower device DMA widths (§1.1) are the caller's business: mask first.
     */
    public static void bufferAddress(MemorySegment s, long base, long v) {
        buffAddrLo(s, base, (int) v);
        addrHi(s, base, (int) (v >>> 32));
    }

    // ---- pure word helpers (no memory access) ----

    /** req_id bits 15:10 placed at len_ctrl 21:16, to OR into a len_ctrl word being built. */
    public static int lenCtrlReqIdBits(int reqId) {
        return ((reqId >>> REQ_ID_LO_BITS) << LEN_CTRL_REQ_ID_HI_SHIFT) & LEN_CTRL_REQ_ID_HI_MASK;
    }

    /** req_id bits 9:0 placed at meta_ctrl 31:22, to OR into a meta_ctrl word being built. */
    public static int metaCtrlReqIdBits(int reqId) {
        return (reqId << META_CTRL_REQ_ID_LO_SHIFT) & META_CTRL_REQ_ID_LO_MASK;
    }

    /** The 16-bit req_id carried by a len_ctrl / meta_ctrl word pair. */
    public static int reqIdOf(int lenCtrl, int metaCtrl) {
        return (((lenCtrl & LEN_CTRL_REQ_ID_HI_MASK) >>> LEN_CTRL_REQ_ID_HI_SHIFT) << REQ_ID_LO_BITS)
                | ((metaCtrl & META_CTRL_REQ_ID_LO_MASK) >>> META_CTRL_REQ_ID_LO_SHIFT);
    }
}
