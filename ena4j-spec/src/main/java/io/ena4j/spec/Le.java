package io.ena4j.spec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian field access over a {@link MemorySegment}, shared by every structure class of this module.
 *
 * <p>All ENA structures are little-endian and may sit at any byte offset (management.md §1), so every
 * multi-byte access uses an unaligned little-endian layout. Getters return unsigned values widened to
 * {@code int} (u8/u16, bit fields) or the raw bits ({@code int} for u32, {@code long} for u64). Setters mask
 * the value to the field width and, for bit fields, read-modify-write the containing byte/word so that
 * neighbouring bits are preserved. Nothing here allocates except the {@code byte[]} and {@link String} helpers,
 * and nothing throws except the segment's own bounds check.
 */
public final class Le {

    /** Unsigned byte layout. */
    public static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    /** 16-bit little-endian layout without alignment constraint. */
    public static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** 32-bit little-endian layout without alignment constraint. */
    public static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** 64-bit little-endian layout without alignment constraint. */
    public static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Mask of a 48-bit DMA address (management.md §1, MemAddr). */
    public static final long ADDR48_MASK = (1L << 48) - 1;

    private Le() {
    }

    /** Reads the unsigned byte at {@code off}. */
    public static int u8(MemorySegment s, long off) {
        return s.get(U8, off) & 0xFF;
    }

    /** Writes the low 8 bits of {@code v} at {@code off}. */
    public static void u8(MemorySegment s, long off, int v) {
        s.set(U8, off, (byte) v);
    }

    /** Reads the unsigned little-endian 16-bit value at {@code off}. */
    public static int u16(MemorySegment s, long off) {
        return s.get(U16, off) & 0xFFFF;
    }

    /** Writes the low 16 bits of {@code v} little-endian at {@code off}. */
    public static void u16(MemorySegment s, long off, int v) {
        s.set(U16, off, (short) v);
    }

    /** Reads the raw little-endian 32-bit value at {@code off} (use {@link Integer#toUnsignedLong} if needed). */
    public static int u32(MemorySegment s, long off) {
        return s.get(U32, off);
    }

    /** Writes {@code v} little-endian at {@code off}. */
    public static void u32(MemorySegment s, long off, int v) {
        s.set(U32, off, v);
    }

    /** Reads the raw little-endian 64-bit value at {@code off}. */
    public static long u64(MemorySegment s, long off) {
        return s.get(U64, off);
    }

    /** Writes {@code v} little-endian at {@code off}. */
    public static void u64(MemorySegment s, long off, long v) {
        s.set(U64, off, v);
    }

    /** Reads bits {@code shift .. shift+width-1} of the byte at {@code off}. */
    public static int bits8(MemorySegment s, long off, int shift, int width) {
        return (u8(s, off) >>> shift) & lowMask(width);
    }

    /**
     * Writes {@code v} (masked to {@code width}) into bits {@code shift..} of the byte at {@code off}, keeping the
     * other bits.
     */
    public static void bits8(MemorySegment s, long off, int shift, int width, int v) {
        int m = lowMask(width) << shift;
        u8(s, off, (u8(s, off) & ~m) | ((v << shift) & m));
    }

    /** Reads bits {@code shift .. shift+width-1} of the 16-bit word at {@code off}. */
    public static int bits16(MemorySegment s, long off, int shift, int width) {
        return (u16(s, off) >>> shift) & lowMask(width);
    }

    /** Writes {@code v} (masked to {@code width}) into bits {@code shift..} of the 16-bit word at {@code off}. */
    public static void bits16(MemorySegment s, long off, int shift, int width, int v) {
        int m = lowMask(width) << shift;
        u16(s, off, (u16(s, off) & ~m) | ((v << shift) & m));
    }

    /** Reads bits {@code shift .. shift+width-1} of the 32-bit word at {@code off}. */
    public static int bits32(MemorySegment s, long off, int shift, int width) {
        return (u32(s, off) >>> shift) & lowMask(width);
    }

    /** Writes {@code v} (masked to {@code width}) into bits {@code shift..} of the 32-bit word at {@code off}. */
    public static void bits32(MemorySegment s, long off, int shift, int width, int v) {
        int m = lowMask(width) << shift;
        u32(s, off, (u32(s, off) & ~m) | ((v << shift) & m));
    }

    /** Mask of the low {@code width} bits (1..32). */
    public static int lowMask(int width) {
        return width >= 32 ? -1 : (1 << width) - 1;
    }

    /** Copies {@code len} bytes starting at {@code off} into a new array. */
    public static byte[] bytes(MemorySegment s, long off, int len) {
        byte[] out = new byte[len];
        MemorySegment.copy(s, U8, off, out, 0, len);
        return out;
    }

    /**
     * Copies {@code v} into the {@code len}-byte field at {@code off}: at most {@code len} bytes are copied and a
     * shorter array leaves the rest of the field zero, so the field is always fully defined and never overrun.
     */
    public static void bytes(MemorySegment s, long off, int len, byte[] v) {
        int n = Math.min(len, v.length);
        MemorySegment.copy(v, 0, s, U8, off, n);
        if (n < len) {
            s.asSlice(off + n, len - n).fill((byte) 0);
        }
    }

    /** Reads a NUL-terminated (or field-long) US-ASCII string from the {@code len}-byte field at {@code off}. */
    public static String string(MemorySegment s, long off, int len) {
        int n = 0;
        while (n < len && s.get(U8, off + n) != 0) {
            n++;
        }
        return new String(bytes(s, off, n), StandardCharsets.US_ASCII);
    }

    /**
     * Writes {@code v} as US-ASCII into the {@code len}-byte field at {@code off}, truncated to {@code len - 1}
     * bytes so that a terminating NUL always fits; the rest of the field is zero-filled.
     */
    public static void string(MemorySegment s, long off, int len, String v) {
        byte[] b = v.getBytes(StandardCharsets.US_ASCII);
        byte[] field = new byte[len];
        System.arraycopy(b, 0, field, 0, Math.min(b.length, len - 1));
        MemorySegment.copy(field, 0, s, U8, off, len);
    }
}
