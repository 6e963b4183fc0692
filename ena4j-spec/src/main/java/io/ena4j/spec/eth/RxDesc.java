package io.ena4j.spec.eth;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Rx submission descriptor {@code rx_desc}, 16 bytes: one independent receive buffer posted by the driver
 * (datapath.md §5). Rx SQs are always host-placed.
 *
 * <pre>
 *  off  size  field
 *  +0   u16   length          buffer length in bytes; 0 means 65536
 *  +2   u8    reserved2       MBZ
 *  +3   u8    ctrl
 *  +4   u16   req_id          buffer identifier (&lt; ring size)
 *  +6   u16   reserved6       MBZ
 *  +8   u32   buff_addr_lo    address bits 31:0
 *  +12  u16   buff_addr_hi    address bits 47:32
 *  +14  u16   reserved16_w3   MBZ
 *
 * ctrl (+3):
 *    7:6    5         4         3     2      1     0
 *  +------+---------+---------+-----+------+-----+-----+
 *  | MBZ  |rsv (MBO)|comp_req |last |first | MBZ |phase|
 *  +------+---------+---------+-----+------+-----+-----+
 * </pre>
 *
 * <p>The driver writes {@code ctrl = first | last | comp_req | phase} = {@code 0x1D} (phase 1) or {@code 0x1C}
 * (phase 0): bit 5 stays 0 despite the MBO label and a device must accept that (§5). For the hot path, word 0
 * (length | ctrl &lt;&lt; 24) and word 1 (req_id) can be built from the {@code WORD0_*} constants and stored once
 * each.
 */
public final class RxDesc {

    private RxDesc() {
    }

    /** Descriptor size in bytes (§5). */
    public static final long SIZE = 16;

    /** Offset of length (u16). */
    public static final long LENGTH_OFFSET = 0;
    /** Offset of reserved2 (u8, MBZ). */
    public static final long RESERVED2_OFFSET = 2;
    /** Offset of ctrl (u8). */
    public static final long CTRL_OFFSET = 3;
    /** Offset of req_id (u16). */
    public static final long REQ_ID_OFFSET = 4;
    /** Offset of reserved6 (u16, MBZ). */
    public static final long RESERVED6_OFFSET = 6;
    /** Offset of buff_addr_lo (u32). */
    public static final long BUFF_ADDR_LO_OFFSET = 8;
    /** Offset of buff_addr_hi (u16). */
    public static final long BUFF_ADDR_HI_OFFSET = 12;
    /** Offset of reserved16_w3 (u16, MBZ). */
    public static final long RESERVED16_W3_OFFSET = 14;
    /** Offset of word 0 (length, reserved2, ctrl). */
    public static final long WORD0_OFFSET = 0;

    /** ctrl bit 0 phase, shift. */
    public static final int CTRL_PHASE_SHIFT = 0;
    /** ctrl bit 0 phase. */
    public static final int CTRL_PHASE_MASK = 0x01;
    /** ctrl bit 2 first, shift. */
    public static final int CTRL_FIRST_SHIFT = 2;
    /** ctrl bit 2 first (always 1 on submission). */
    public static final int CTRL_FIRST_MASK = 0x04;
    /** ctrl bit 3 last, shift. */
    public static final int CTRL_LAST_SHIFT = 3;
    /** ctrl bit 3 last (always 1 on submission). */
    public static final int CTRL_LAST_MASK = 0x08;
    /** ctrl bit 4 comp_req, shift. */
    public static final int CTRL_COMP_REQ_SHIFT = 4;
    /** ctrl bit 4 comp_req. */
    public static final int CTRL_COMP_REQ_MASK = 0x10;
    /** ctrl bit 5 reserved5, shift. */
    public static final int CTRL_RESERVED5_SHIFT = 5;
    /** ctrl bit 5 reserved5: MBO per header, left 0 by the driver, must be accepted either way. */
    public static final int CTRL_RESERVED5_MASK = 0x20;
    /** ctrl MBZ bits 1 and 7:6. */
    public static final int CTRL_MBZ_MASK = 0xC2;
    /** ctrl value the driver writes, without phase: first | last | comp_req = {@code 0x1C}. */
    public static final int CTRL_DRIVER_BASE = CTRL_FIRST_MASK | CTRL_LAST_MASK | CTRL_COMP_REQ_MASK;

    /** word 0 bits 15:0 length. */
    public static final int WORD0_LENGTH_MASK = 0x0000_FFFF;
    /** word 0 bits 31:24 ctrl, shift. */
    public static final int WORD0_CTRL_SHIFT = 24;
    /** word 0 bits 23:16 reserved2 (MBZ). */
    public static final int WORD0_RESERVED2_MASK = 0x00FF_0000;

    /** Length value meaning "65536 bytes" (§5). */
    public static final int LENGTH_64K_ENCODING = 0;

    // ---- words ----

    /** Raw word 0 (length | reserved2 &lt;&lt; 16 | ctrl &lt;&lt; 24). */
    public static int word0(MemorySegment s, long base) {
        return Le.u32(s, base + WORD0_OFFSET);
    }

    /** Stores the whole word 0. */
    public static void word0(MemorySegment s, long base, int v) {
        Le.u32(s, base + WORD0_OFFSET, v);
    }

    /** Word 0 built from length (16 bits) and ctrl (8 bits); reserved2 is 0. */
    public static int word0Of(int length, int ctrl) {
        return (length & WORD0_LENGTH_MASK) | (ctrl << WORD0_CTRL_SHIFT);
    }

    // ---- fields ----

    /** length (u16, raw: 0 encodes 65536, see {@link #decodeLength(int)}). */
    public static int length(MemorySegment s, long base) {
        return Le.u16(s, base + LENGTH_OFFSET);
    }

    /** Sets length (16 bits; 65536 wraps to its encoding 0). */
    public static void length(MemorySegment s, long base, int v) {
        Le.u16(s, base + LENGTH_OFFSET, v);
    }

    /** reserved2 (u8, MBZ). */
    public static int reserved2(MemorySegment s, long base) {
        return Le.u8(s, base + RESERVED2_OFFSET);
    }

    /** Sets reserved2. */
    public static void reserved2(MemorySegment s, long base, int v) {
        Le.u8(s, base + RESERVED2_OFFSET, v);
    }

    /** The whole ctrl byte. */
    public static int ctrl(MemorySegment s, long base) {
        return Le.u8(s, base + CTRL_OFFSET);
    }

    /** Sets the whole ctrl byte. */
    public static void ctrl(MemorySegment s, long base, int v) {
        Le.u8(s, base + CTRL_OFFSET, v);
    }

    /** ctrl bit 0 phase. */
    public static int phase(MemorySegment s, long base) {
        return Le.bits8(s, base + CTRL_OFFSET, CTRL_PHASE_SHIFT, 1);
    }

    /** Sets ctrl bit 0 phase. */
    public static void phase(MemorySegment s, long base, int v) {
        Le.bits8(s, base + CTRL_OFFSET, CTRL_PHASE_SHIFT, 1, v);
    }

    /** ctrl bit 2 first. */
    public static int first(MemorySegment s, long base) {
        return Le.bits8(s, base + CTRL_OFFSET, CTRL_FIRST_SHIFT, 1);
    }

    /** Sets ctrl bit 2 first. */
    public static void first(MemorySegment s, long base, int v) {
        Le.bits8(s, base + CTRL_OFFSET, CTRL_FIRST_SHIFT, 1, v);
    }

    /** ctrl bit 3 last. */
    public static int last(MemorySegment s, long base) {
        return Le.bits8(s, base + CTRL_OFFSET, CTRL_LAST_SHIFT, 1);
    }

    /** Sets ctrl bit 3 last. */
    public static void last(MemorySegment s, long base, int v) {
        Le.bits8(s, base + CTRL_OFFSET, CTRL_LAST_SHIFT, 1, v);
    }

    /** ctrl bit 4 comp_req. */
    public static int compReq(MemorySegment s, long base) {
        return Le.bits8(s, base + CTRL_OFFSET, CTRL_COMP_REQ_SHIFT, 1);
    }

    /** Sets ctrl bit 4 comp_req. */
    public static void compReq(MemorySegment s, long base, int v) {
        Le.bits8(s, base + CTRL_OFFSET, CTRL_COMP_REQ_SHIFT, 1, v);
    }

    /** ctrl bit 5 reserved5 (MBO per header, 0 from the driver). */
    public static int reserved5(MemorySegment s, long base) {
        return Le.bits8(s, base + CTRL_OFFSET, CTRL_RESERVED5_SHIFT, 1);
    }

    /** Sets ctrl bit 5 reserved5. */
    public static void reserved5(MemorySegment s, long base, int v) {
        Le.bits8(s, base + CTRL_OFFSET, CTRL_RESERVED5_SHIFT, 1, v);
    }

    /** req_id (u16). */
    public static int reqId(MemorySegment s, long base) {
        return Le.u16(s, base + REQ_ID_OFFSET);
    }

    /** Sets req_id (16 bits). */
    public static void reqId(MemorySegment s, long base, int v) {
        Le.u16(s, base + REQ_ID_OFFSET, v);
    }

    /** reserved6 (u16, MBZ). */
    public static int reserved6(MemorySegment s, long base) {
        return Le.u16(s, base + RESERVED6_OFFSET);
    }

    /** Sets reserved6. */
    public static void reserved6(MemorySegment s, long base, int v) {
        Le.u16(s, base + RESERVED6_OFFSET, v);
    }

    /** buff_addr_lo: address bits 31:0 (raw u32). */
    public static int buffAddrLo(MemorySegment s, long base) {
        return Le.u32(s, base + BUFF_ADDR_LO_OFFSET);
    }

    /** Sets buff_addr_lo. */
    public static void buffAddrLo(MemorySegment s, long base, int v) {
        Le.u32(s, base + BUFF_ADDR_LO_OFFSET, v);
    }

    /** buff_addr_hi: address bits 47:32 (u16). */
    public static int buffAddrHi(MemorySegment s, long base) {
        return Le.u16(s, base + BUFF_ADDR_HI_OFFSET);
    }

    /** Sets buff_addr_hi (16 bits). */
    public static void buffAddrHi(MemorySegment s, long base, int v) {
        Le.u16(s, base + BUFF_ADDR_HI_OFFSET, v);
    }

    /** reserved16_w3 (u16, MBZ). */
    public static int reserved16W3(MemorySegment s, long base) {
        return Le.u16(s, base + RESERVED16_W3_OFFSET);
    }

    /** Sets reserved16_w3. */
    public static void reserved16W3(MemorySegment s, long base, int v) {
        Le.u16(s, base + RESERVED16_W3_OFFSET, v);
    }

    /** The 48-bit buffer address; bits 63:48 of the result are 0. */
    public static long bufferAddress(MemorySegment s, long base) {
        return Integer.toUnsignedLong(buffAddrLo(s, base)) | ((long) buffAddrHi(s, base) << 32);
    }

    /** Sets the buffer address masked to 48 bits; reserved16_w3 is kept. */
    public static void bufferAddress(MemorySegment s, long base, long v) {
        buffAddrLo(s, base, (int) v);
        buffAddrHi(s, base, (int) (v >>> 32));
    }

    /** Buffer size in bytes for a raw length field: 1..65535 as is, 0 means 65536 (§5). */
    public static int decodeLength(int rawLength) {
        int l = rawLength & WORD0_LENGTH_MASK;
        return l == LENGTH_64K_ENCODING ? 65536 : l;
    }
}
