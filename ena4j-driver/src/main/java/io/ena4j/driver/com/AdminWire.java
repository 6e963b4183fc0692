package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Wire layout of the admin commands and responses this layer builds and parses (management.md §6.2, §6.4,
 * §7, §8), plus little-endian accessors for them.
 *
 * <pre>
 * AQ entry (64 B)                          ACQ entry (64 B)
 * +0  u16 command_id (11:0)                +0  u16 command_id
 * +2  u8  opcode                           +2  u8  status
 * +3  u8  flags: 0 phase, 1 ctrl, 2 indir. +3  u8  flags: 0 phase
 * +4  u32 control buffer length            +4  u16 extended_status
 * +8  MemAddr control buffer address       +6  u16 sq_head_indx
 * +16 command data (feature: flags, id,    +8  response payload (56 B)
 *     version, rsvd; payload from +20)
 * </pre>
 *
 * <p>Kept package-private and independent of the spec module's admin classes on purpose: the command layer
 * needs only these offsets, and owning them here keeps the bit-exact command images in one reviewed place.
 * Every accessor uses unaligned little-endian layouts because commands live in heap byte arrays and
 * control buffers may be addressed at any offset (§1).
 */
final class AdminWire {

    private AdminWire() {
    }

    static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    // ---- Entry geometry (§6.2, §6.7) ----
    static final int ENTRY_SIZE = 64;
    static final int OPCODE_OFF = 2;
    static final int FLAGS_OFF = 3;
    static final int CTRL_LEN_OFF = 4;
    static final int CTRL_ADDR_OFF = 8;
    /** AQ flags bit 2: control buffer passed (the only control flag the reference drivers set, §6.2). */
    static final int FLAG_CTRL_DATA_INDIRECT = 0x04;

    // ---- Opcodes and command sizes (§6.7) ----
    static final int OP_CREATE_SQ = 1;
    static final int OP_DESTROY_SQ = 2;
    static final int OP_CREATE_CQ = 3;
    static final int OP_DESTROY_CQ = 4;
    static final int OP_GET_FEATURE = 8;
    static final int OP_SET_FEATURE = 9;
    static final int OP_GET_STATS = 11;
    static final int CREATE_SQ_LEN = 36;
    static final int DESTROY_LEN = 8;
    static final int CREATE_CQ_LEN = 20;
    static final int FEATURE_LEN = 64;
    static final int STATS_LEN = 32;
    static final int CREATE_RESP_LEN = 24;
    static final int DESTROY_RESP_LEN = 8;
    static final int FULL_RESP_LEN = 64;

    // ---- GET/SET_FEATURE (§7.5) ----
    static final int FEAT_ID_OFF = 17;
    static final int FEAT_VERSION_OFF = 18;
    /** Start of the SET payload ("S+20"). */
    static final int SET_PAYLOAD = 20;
    /** Start of every response payload ("G+8"). */
    static final int RESP_PAYLOAD = 8;

    // ---- Feature ids (§8.1) ----
    static final int FEAT_DEVICE_ATTRIBUTES = 1;
    static final int FEAT_MAX_QUEUES_NUM = 2;
    static final int FEAT_HW_HINTS = 3;
    static final int FEAT_LLQ = 4;
    static final int FEAT_MAX_QUEUES_EXT = 7;
    static final int FEAT_FRAG_BYPASS = 8;
    static final int FEAT_RSS_HASH_FUNCTION = 10;
    static final int FEAT_STATELESS_OFFLOAD = 11;
    static final int FEAT_RSS_INDIRECTION_TABLE = 12;
    static final int FEAT_MTU = 14;
    static final int FEAT_RSS_HASH_INPUT = 18;
    static final int FEAT_INTERRUPT_MODERATION = 20;
    static final int FEAT_AENQ_CONFIG = 26;
    static final int FEAT_LINK_CONFIG = 27;
    static final int FEAT_HOST_ATTR = 28;
    static final int FEAT_PHC_CONFIG = 29;
    static final int FEAT_FLOW_STEERING = 30;
    static final int FEAT_HW_TIMESTAMP = 31;

    // ---- GET_STATS (§7.6) ----
    static final int STATS_TYPE_OFF = 16;
    static final int STATS_SCOPE_OFF = 17;
    static final int STATS_QUEUE_IDX_OFF = 20;
    static final int STATS_DEVICE_ID_OFF = 22;
    static final int STATS_REQUESTED_METRICS_OFF = 24;
    static final int STATS_TYPE_BASIC = 0;
    static final int STATS_TYPE_ENI = 2;
    static final int STATS_TYPE_ENA_SRD = 3;
    static final int STATS_TYPE_CUSTOMER_METRICS = 4;

    // ---- CREATE_CQ / CREATE_SQ / DESTROY (§7.1–§7.4) ----
    static final int CQ_CAPS1_OFF = 4;
    static final int CQ_CAPS2_OFF = 5;
    static final int CQ_DEPTH_OFF = 6;
    static final int CQ_MSIX_OFF = 8;
    static final int CQ_BA_OFF = 12;
    static final int CQ_CAPS1_INTERRUPT_MODE = 1 << 5;
    static final int CQ_CAPS2_ENTRY_WORDS_MASK = 0x1F;
    static final int SQ_IDENTITY_OFF = 4;
    static final int SQ_CAPS2_OFF = 6;
    static final int SQ_CAPS3_OFF = 7;
    static final int SQ_CQ_IDX_OFF = 8;
    static final int SQ_DEPTH_OFF = 10;
    static final int SQ_BA_OFF = 12;
    static final int SQ_HEAD_WB_OFF = 20;
    static final int SQ_DIRECTION_SHIFT = 5;
    static final int SQ_COMPLETION_POLICY_SHIFT = 4;
    static final int SQ_CAPS3_PHYS_CONTIGUOUS = 0x01;
    static final int DESTROY_SQ_IDX_OFF = 4;
    static final int DESTROY_SQ_IDENTITY_OFF = 6;
    static final int DESTROY_CQ_IDX_OFF = 4;

    // ---- Accessors ----

    static int u8(MemorySegment s, long off) {
        return s.get(U8, off) & 0xFF;
    }

    static void u8(MemorySegment s, long off, int v) {
        s.set(U8, off, (byte) v);
    }

    static int u16(MemorySegment s, long off) {
        return s.get(U16, off) & 0xFFFF;
    }

    static void u16(MemorySegment s, long off, int v) {
        s.set(U16, off, (short) v);
    }

    static int u32(MemorySegment s, long off) {
        return s.get(U32, off);
    }

    static long u32Unsigned(MemorySegment s, long off) {
        return Integer.toUnsignedLong(s.get(U32, off));
    }

    static void u32(MemorySegment s, long off, int v) {
        s.set(U32, off, v);
    }

    static long u64(MemorySegment s, long off) {
        return s.get(U64, off);
    }

    static void u64(MemorySegment s, long off, long v) {
        s.set(U64, off, v);
    }

    /** A 64-bit counter sent as low then high 32-bit words (basic stats, §7.6). */
    static long u64Split(MemorySegment s, long off) {
        return Integer.toUnsignedLong(u32(s, off)) | ((long) u32(s, off + 4) << 32);
    }

    /** Writes a MemAddr (§1): low u32, high u16, RSVD u16 = 0. The caller has checked the DMA width. */
    static void memAddr(MemorySegment s, long off, long addr) {
        u32(s, off, (int) addr);
        u16(s, off + 4, (int) (addr >>> 32));
        u16(s, off + 6, 0);
    }

    /** Copies {@code len} bytes at {@code off} into a new array. */
    static byte[] bytes(MemorySegment s, long off, int len) {
        byte[] out = new byte[len];
        MemorySegment.copy(s, U8, off, out, 0, len);
        return out;
    }

    /** Copies {@code v} into {@code s} at {@code off}. */
    static void bytes(MemorySegment s, long off, byte[] v) {
        MemorySegment.copy(v, 0, s, U8, off, v.length);
    }
}
