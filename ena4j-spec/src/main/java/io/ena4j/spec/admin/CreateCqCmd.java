package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * CREATE_CQ command (opcode 3), 20 bytes used (management.md §7.1). Bytes 0..3 are the {@link AqEntry} header.
 *
 * <p>Entry size in words: Tx CQ 2 (8-byte completions) or 4 with HW timestamps; Rx CQ 4 or 8. The definition lists
 * only 4 and 8 but the reference driver sends 2 for Tx, so a device must accept 2. The driver always sets
 * interrupt mode and {@code msix_vector = 1 + pair}.
 *
 * <pre>
 *  off  type      field
 *  +4   u8[5]     cq_caps_1.interrupt_mode_enabled
 *  +5   u8[4:0]   cq_caps_2.cq_entry_size_words
 *  +6   u16       cq_depth
 *  +8   u32       msix_vector
 *  +12  MemAddr   cq_ba
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class CreateCqCmd {

    private CreateCqCmd() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 20;
    /** Offset of cq_caps_1.interrupt_mode_enabled. */
    public static final long INTERRUPT_MODE_ENABLED_OFFSET = 4;
    /** Bit position of cq_caps_1.interrupt_mode_enabled within its 1-byte word. */
    public static final int INTERRUPT_MODE_ENABLED_SHIFT = 5;
    /** Mask of cq_caps_1.interrupt_mode_enabled in place within its word. */
    public static final int INTERRUPT_MODE_ENABLED_MASK = 0x20;
    /** Offset of cq_caps_2.cq_entry_size_words. */
    public static final long CQ_ENTRY_SIZE_WORDS_OFFSET = 5;
    /** Bit position of cq_caps_2.cq_entry_size_words within its 1-byte word. */
    public static final int CQ_ENTRY_SIZE_WORDS_SHIFT = 0;
    /** Mask of cq_caps_2.cq_entry_size_words in place within its word. */
    public static final int CQ_ENTRY_SIZE_WORDS_MASK = 0x1F;
    /** Offset of cq_depth. */
    public static final long CQ_DEPTH_OFFSET = 6;
    /** Offset of msix_vector. */
    public static final long MSIX_VECTOR_OFFSET = 8;
    /** Offset of cq_ba. */
    public static final long CQ_BA_OFFSET = 12;

    /** cq_caps_1 bit 5 INTERRUPT_MODE_ENABLED (1 = interrupt mode). */
    public static int interruptModeEnabled(MemorySegment s, long base) {
        return Le.bits8(s, base + INTERRUPT_MODE_ENABLED_OFFSET, INTERRUPT_MODE_ENABLED_SHIFT, 1);
    }

    /** Sets cq_caps_1.interrupt_mode_enabled. */
    public static void interruptModeEnabled(MemorySegment s, long base, int v) {
        Le.bits8(s, base + INTERRUPT_MODE_ENABLED_OFFSET, INTERRUPT_MODE_ENABLED_SHIFT, 1, v);
    }

    /** cq_caps_2 bits 4:0 CQ_ENTRY_SIZE_WORDS (completion entry size in 32-bit words). */
    public static int cqEntrySizeWords(MemorySegment s, long base) {
        return Le.bits8(s, base + CQ_ENTRY_SIZE_WORDS_OFFSET, CQ_ENTRY_SIZE_WORDS_SHIFT, 5);
    }

    /** Sets cq_caps_2.cq_entry_size_words. */
    public static void cqEntrySizeWords(MemorySegment s, long base, int v) {
        Le.bits8(s, base + CQ_ENTRY_SIZE_WORDS_OFFSET, CQ_ENTRY_SIZE_WORDS_SHIFT, 5, v);
    }

    /** cq_depth in entries (power of two) (u16). */
    public static int cqDepth(MemorySegment s, long base) {
        return Le.u16(s, base + CQ_DEPTH_OFFSET);
    }

    /** Sets cq_depth. */
    public static void cqDepth(MemorySegment s, long base, int v) {
        Le.u16(s, base + CQ_DEPTH_OFFSET, v);
    }

    /** msix_vector (u32, raw bits). */
    public static int msixVector(MemorySegment s, long base) {
        return Le.u32(s, base + MSIX_VECTOR_OFFSET);
    }

    /** Sets msix_vector. */
    public static void msixVector(MemorySegment s, long base, int v) {
        Le.u32(s, base + MSIX_VECTOR_OFFSET, v);
    }

    /** cq_ba: DMA address of the CQ ring (contiguous host memory) (48-bit MemAddr). */
    public static long cqBa(MemorySegment s, long base) {
        return MemAddr.address(s, base + CQ_BA_OFFSET);
    }

    /** Sets cq_ba (masked to 48 bits). */
    public static void cqBa(MemorySegment s, long base, long v) {
        MemAddr.address(s, base + CQ_BA_OFFSET, v);
    }
}
