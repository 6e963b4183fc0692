package io.ena4j.spec.eth;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Tx meta descriptor {@code tx_meta_desc}, 16 bytes: same size and ring slot as a {@link TxDesc}, told apart by
 * word 0 bit 23 ({@code meta_desc}) = 1 (datapath.md §3). It carries the offload metadata (MSS, header
 * offsets/lengths) that the device stores in its per-SQ metadata cache ({@code meta_store}, §3.3).
 *
 * <pre>
 * word 0  +0  len_ctrl
 *   31:29 28       27   26    25  24    23        22  21         20            19:16   15  14        13:0
 *  +-----+--------+----+-----+---+-----+---------+---+----------+-------------+-------+---+---------+--------+
 *  | rsv |comp_req|last|first|rsv|phase|meta_desc|rsv|meta_store|eth_meta_type|mss_hi |rsv|ext_valid|  rsv   |
 *  |     |        |    |     |   |     |  (MBO)  |   |          |             |(13:10)|   |         |        |
 *  +-----+--------+----+-----+---+-----+---------+---+----------+-------------+-------+---+---------+--------+
 *
 * word 1  +4  reserved (MBZ; older headers: bits 5:0 req_id_hi, the driver writes 0)
 *
 * word 2  +8
 *   31:22           21:16                 15:8         7:0
 *  +---------------+---------------------+------------+------------+
 *  | mss_lo (9:0)  | l4_hdr_len_in_words | l3_hdr_off | l3_hdr_len |
 *  +---------------+---------------------+------------+------------+
 *
 * word 3  +12 reserved (driver writes 0) [UNCERTAIN per §3: ext_valid mentions undefined bits 31:24]
 * </pre>
 *
 * <p>MSS is 14 bits split across words: {@code mss = mss_hi << 10 | mss_lo}; {@link #mss(MemorySegment, long)}
 * combines the halves. Word 0 bits 9:0 are MBZ in the current interface (older revisions named them req_id_lo);
 * they are covered by {@link #LEN_CTRL_RESERVED_MASK} and have no accessor of their own.
 *
 * <p>Accessor conventions as in {@link TxDesc}: getters return unsigned values as {@code int}, setters mask to
 * the field width and keep the other bits; build whole words from the constants on the hot path.
 */
public final class TxMetaDesc {

    private TxMetaDesc() {
    }

    /** Descriptor size in bytes (§3). */
    public static final long SIZE = 16;

    /** Offset of word 0 {@code len_ctrl}. */
    public static final long LEN_CTRL_OFFSET = 0;
    /** Offset of word 1 (reserved). */
    public static final long WORD1_OFFSET = 4;
    /** Offset of word 2 (header lengths/offsets, mss_lo). */
    public static final long WORD2_OFFSET = 8;
    /** Offset of word 3 (reserved). */
    public static final long WORD3_OFFSET = 12;

    // ---- word 0 len_ctrl ----
    /** len_ctrl bit 14 ext_valid, shift. */
    public static final int LEN_CTRL_EXT_VALID_SHIFT = 14;
    /** len_ctrl bit 14 ext_valid: word 2 and mss_hi are valid (driver: always 1). */
    public static final int LEN_CTRL_EXT_VALID_MASK = 1 << 14;
    /** len_ctrl bits 19:16 mss_hi, shift. */
    public static final int LEN_CTRL_MSS_HI_SHIFT = 16;
    /** len_ctrl bits 19:16 mss_hi (MSS bits 13:10), in place. */
    public static final int LEN_CTRL_MSS_HI_MASK = 0x000F_0000;
    /** len_ctrl bit 20 eth_meta_type, shift. */
    public static final int LEN_CTRL_ETH_META_TYPE_SHIFT = 20;
    /** len_ctrl bit 20 eth_meta_type: 0 Tx metadata, 1 extended metadata (driver: always 1). */
    public static final int LEN_CTRL_ETH_META_TYPE_MASK = 1 << 20;
    /** len_ctrl bit 21 meta_store, shift. */
    public static final int LEN_CTRL_META_STORE_SHIFT = 21;
    /** len_ctrl bit 21 meta_store: store this metadata in the per-SQ cache (driver: always 1, §3.3). */
    public static final int LEN_CTRL_META_STORE_MASK = 1 << 21;
    /** len_ctrl bit 23 meta_desc, shift. */
    public static final int LEN_CTRL_META_DESC_SHIFT = 23;
    /** len_ctrl bit 23 meta_desc: MBO, 1 marks this slot as a meta descriptor. */
    public static final int LEN_CTRL_META_DESC_MASK = 1 << 23;
    /** len_ctrl bit 24 phase, shift. */
    public static final int LEN_CTRL_PHASE_SHIFT = 24;
    /** len_ctrl bit 24 phase: SQ phase (§8.2). */
    public static final int LEN_CTRL_PHASE_MASK = 1 << 24;
    /** len_ctrl bit 26 first, shift. */
    public static final int LEN_CTRL_FIRST_SHIFT = 26;
    /** len_ctrl bit 26 first (driver: always 1, the meta descriptor starts its packet). */
    public static final int LEN_CTRL_FIRST_MASK = 1 << 26;
    /** len_ctrl bit 27 last, shift. */
    public static final int LEN_CTRL_LAST_SHIFT = 27;
    /** len_ctrl bit 27 last (driver: 0). */
    public static final int LEN_CTRL_LAST_MASK = 1 << 27;
    /** len_ctrl bit 28 comp_req, shift. */
    public static final int LEN_CTRL_COMP_REQ_SHIFT = 28;
    /** len_ctrl bit 28 comp_req (driver: 0). */
    public static final int LEN_CTRL_COMP_REQ_MASK = 1 << 28;
    /** len_ctrl reserved/MBZ bits 13:0, 15, 22, 25, 31:29 (bits 9:0 were req_id_lo in older headers). */
    public static final int LEN_CTRL_RESERVED_MASK = 0x0000_3FFF | (1 << 15) | (1 << 22) | (1 << 25) | 0xE000_0000;
    /**
     * Constant part of a driver-built meta descriptor word 0 (§3 example): ext_valid | eth_meta_type | meta_store |
     * meta_desc | first = {@code 0x04B04000}; add {@code mss_hi << 16} and {@code phase << 24}.
     */
    public static final int LEN_CTRL_DRIVER_BASE = LEN_CTRL_EXT_VALID_MASK | LEN_CTRL_ETH_META_TYPE_MASK
            | LEN_CTRL_META_STORE_MASK | LEN_CTRL_META_DESC_MASK | LEN_CTRL_FIRST_MASK;

    // ---- word 2 ----
    /** word 2 bits 7:0 l3_hdr_len, shift. */
    public static final int WORD2_L3_HDR_LEN_SHIFT = 0;
    /** word 2 bits 7:0 l3_hdr_len: L3 header length in bytes. */
    public static final int WORD2_L3_HDR_LEN_MASK = 0x0000_00FF;
    /** word 2 bits 15:8 l3_hdr_off, shift. */
    public static final int WORD2_L3_HDR_OFF_SHIFT = 8;
    /** word 2 bits 15:8 l3_hdr_off: L3 header offset from the start of the frame, in place. */
    public static final int WORD2_L3_HDR_OFF_MASK = 0x0000_FF00;
    /** word 2 bits 21:16 l4_hdr_len_in_words, shift. */
    public static final int WORD2_L4_HDR_LEN_IN_WORDS_SHIFT = 16;
    /** word 2 bits 21:16 l4_hdr_len_in_words: L4 header length in 32-bit words, in place. */
    public static final int WORD2_L4_HDR_LEN_IN_WORDS_MASK = 0x003F_0000;
    /** word 2 bits 31:22 mss_lo, shift. */
    public static final int WORD2_MSS_LO_SHIFT = 22;
    /** word 2 bits 31:22 mss_lo (MSS bits 9:0), in place. */
    public static final int WORD2_MSS_LO_MASK = 0xFFC0_0000;

    /** Number of MSS bits carried in word 2 (mss_lo). */
    public static final int MSS_LO_BITS = 10;
    /** Largest encodable MSS (14 bits). */
    public static final int MSS_MAX = 0x3FFF;

    // ---- whole words ----

    /** Raw word 0 {@code len_ctrl}. */
    public static int lenCtrl(MemorySegment s, long base) {
        return Le.u32(s, base + LEN_CTRL_OFFSET);
    }

    /** Stores the whole word 0 {@code len_ctrl}. */
    public static void lenCtrl(MemorySegment s, long base, int v) {
        Le.u32(s, base + LEN_CTRL_OFFSET, v);
    }

    /** Raw word 1 (reserved, MBZ). */
    public static int word1(MemorySegment s, long base) {
        return Le.u32(s, base + WORD1_OFFSET);
    }

    /** Stores word 1 (the driver writes 0). */
    public static void word1(MemorySegment s, long base, int v) {
        Le.u32(s, base + WORD1_OFFSET, v);
    }

    /** Raw word 2. */
    public static int word2(MemorySegment s, long base) {
        return Le.u32(s, base + WORD2_OFFSET);
    }

    /** Stores the whole word 2. */
    public static void word2(MemorySegment s, long base, int v) {
        Le.u32(s, base + WORD2_OFFSET, v);
    }

    /** Raw word 3 (reserved). */
    public static int word3(MemorySegment s, long base) {
        return Le.u32(s, base + WORD3_OFFSET);
    }

    /** Stores word 3 (the driver writes 0). */
    public static void word3(MemorySegment s, long base, int v) {
        Le.u32(s, base + WORD3_OFFSET, v);
    }

    // ---- len_ctrl fields ----

    /** len_ctrl bit 14 ext_valid. */
    public static int extValid(MemorySegment s, long base) {
        return Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_EXT_VALID_SHIFT, 1);
    }

    /** Sets len_ctrl bit 14 ext_valid. */
    public static void extValid(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_EXT_VALID_SHIFT, 1, v);
    }

    /** len_ctrl bits 19:16 mss_hi (MSS bits 13:10). */
    public static int mssHi(MemorySegment s, long base) {
        return Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_MSS_HI_SHIFT, 4);
    }

    /** Sets len_ctrl bits 19:16 mss_hi (4-bit value). */
    public static void mssHi(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_MSS_HI_SHIFT, 4, v);
    }

    /** len_ctrl bit 20 eth_meta_type. */
    public static int ethMetaType(MemorySegment s, long base) {
        return Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_ETH_META_TYPE_SHIFT, 1);
    }

    /** Sets len_ctrl bit 20 eth_meta_type. */
    public static void ethMetaType(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_ETH_META_TYPE_SHIFT, 1, v);
    }

    /** len_ctrl bit 21 meta_store. */
    public static int metaStore(MemorySegment s, long base) {
        return Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_META_STORE_SHIFT, 1);
    }

    /** Sets len_ctrl bit 21 meta_store. */
    public static void metaStore(MemorySegment s, long base, int v) {
        Le.bits32(s, base + LEN_CTRL_OFFSET, LEN_CTRL_META_STORE_SHIFT, 1, v);
    }

    /** len_ctrl bit 23 meta_desc (1 on a meta descriptor). */
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

    // ---- word 2 fields ----

    /** word 2 bits 7:0 l3_hdr_len. */
    public static int l3HdrLen(MemorySegment s, long base) {
        return Le.bits32(s, base + WORD2_OFFSET, WORD2_L3_HDR_LEN_SHIFT, 8);
    }

    /** Sets word 2 bits 7:0 l3_hdr_len (8 bits). */
    public static void l3HdrLen(MemorySegment s, long base, int v) {
        Le.bits32(s, base + WORD2_OFFSET, WORD2_L3_HDR_LEN_SHIFT, 8, v);
    }

    /** word 2 bits 15:8 l3_hdr_off. */
    public static int l3HdrOff(MemorySegment s, long base) {
        return Le.bits32(s, base + WORD2_OFFSET, WORD2_L3_HDR_OFF_SHIFT, 8);
    }

    /** Sets word 2 bits 15:8 l3_hdr_off (8 bits). */
    public static void l3HdrOff(MemorySegment s, long base, int v) {
        Le.bits32(s, base + WORD2_OFFSET, WORD2_L3_HDR_OFF_SHIFT, 8, v);
    }

    /** word 2 bits 21:16 l4_hdr_len_in_words. */
    public static int l4HdrLenInWords(MemorySegment s, long base) {
        return Le.bits32(s, base + WORD2_OFFSET, WORD2_L4_HDR_LEN_IN_WORDS_SHIFT, 6);
    }

    /** Sets word 2 bits 21:16 l4_hdr_len_in_words (6 bits). */
    public static void l4HdrLenInWords(MemorySegment s, long base, int v) {
        Le.bits32(s, base + WORD2_OFFSET, WORD2_L4_HDR_LEN_IN_WORDS_SHIFT, 6, v);
    }

    /** word 2 bits 31:22 mss_lo (MSS bits 9:0). */
    public static int mssLo(MemorySegment s, long base) {
        return Le.bits32(s, base + WORD2_OFFSET, WORD2_MSS_LO_SHIFT, 10);
    }

    /** Sets word 2 bits 31:22 mss_lo (10 bits). */
    public static void mssLo(MemorySegment s, long base, int v) {
        Le.bits32(s, base + WORD2_OFFSET, WORD2_MSS_LO_SHIFT, 10, v);
    }

    /** The 14-bit MSS, {@code mss_hi << 10 | mss_lo}. */
    public static int mss(MemorySegment s, long base) {
        return (mssHi(s, base) << MSS_LO_BITS) | mssLo(s, base);
    }

    /** Sets the MSS masked to 14 bits: bits 13:10 to len_ctrl 19:16, bits 9:0 to word 2 31:22. */
    public static void mss(MemorySegment s, long base, int v) {
        mssHi(s, base, v >>> MSS_LO_BITS);
        mssLo(s, base, v);
    }

    // ---- pure word helpers ----

    /** MSS bits 13:10 placed at len_ctrl 19:16, to OR into a len_ctrl word being built. */
    public static int lenCtrlMssBits(int mss) {
        return ((mss >>> MSS_LO_BITS) << LEN_CTRL_MSS_HI_SHIFT) & LEN_CTRL_MSS_HI_MASK;
    }

    /** MSS bits 9:0 placed at word 2 31:22, to OR into a word 2 being built. */
    public static int word2MssBits(int mss) {
        return (mss << WORD2_MSS_LO_SHIFT) & WORD2_MSS_LO_MASK;
    }

    /** The 14-bit MSS carried by a len_ctrl / word 2 pair. */
    public static int mssOf(int lenCtrl, int word2) {
        return (((lenCtrl & LEN_CTRL_MSS_HI_MASK) >>> LEN_CTRL_MSS_HI_SHIFT) << MSS_LO_BITS)
                | ((word2 & WORD2_MSS_LO_MASK) >>> WORD2_MSS_LO_SHIFT);
    }

    /**
     * Word 2 built from its four fields, each masked to its width (l3_hdr_len 8, l3_hdr_off 8, l4 words 6,
     * mss_lo 10 bits; the reference layer masks the same way, see vector {@code meta_field_overflow_masking}).
     */
    public static int word2Of(int l3HdrLen, int l3HdrOff, int l4HdrLenInWords, int mss) {
        return (l3HdrLen & WORD2_L3_HDR_LEN_MASK)
                | ((l3HdrOff << WORD2_L3_HDR_OFF_SHIFT) & WORD2_L3_HDR_OFF_MASK)
                | ((l4HdrLenInWords << WORD2_L4_HDR_LEN_IN_WORDS_SHIFT) & WORD2_L4_HDR_LEN_IN_WORDS_MASK)
                | word2MssBits(mss);
    }
}
