package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * RSS_HASH_FUNCTION (feature 10) inline payload (management.md §8.10); the key travels in a 48-byte control
 * buffer ({@link RssHashKey}). Offsets relative to the payload start ({@code + GET_PAYLOAD} / {@code + SET_PAYLOAD}).
 *
 * <p>Function code n is bit n of the bitmaps: Toeplitz = {@code 0x2}, CRC32 = {@code 0x4}. How {@code init_val}
 * is used by each function is not documented [UNCERTAIN].
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8, S+ = rel + 20)
 *  +0   u32[7:0]  supported_func
 *  +4   u32[7:0]  selected_func
 *  +8   u32       init_val
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class RssHashFunction {

    private RssHashFunction() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 12;
    /** Offset of supported_func. */
    public static final long SUPPORTED_FUNC_OFFSET = 0;
    /** Bit position of supported_func within its 4-byte word. */
    public static final int SUPPORTED_FUNC_SHIFT = 0;
    /** Mask of supported_func in place within its word. */
    public static final int SUPPORTED_FUNC_MASK = 0xFF;
    /** Offset of selected_func. */
    public static final long SELECTED_FUNC_OFFSET = 4;
    /** Bit position of selected_func within its 4-byte word. */
    public static final int SELECTED_FUNC_SHIFT = 0;
    /** Mask of selected_func in place within its word. */
    public static final int SELECTED_FUNC_MASK = 0xFF;
    /** Offset of init_val. */
    public static final long INIT_VAL_OFFSET = 8;

    /** supported_func bits 7:0: bitmap of function codes (bits 31:8 RSVD). */
    public static int supportedFunc(MemorySegment s, long base) {
        return Le.bits32(s, base + SUPPORTED_FUNC_OFFSET, SUPPORTED_FUNC_SHIFT, 8);
    }

    /** Sets supported_func. */
    public static void supportedFunc(MemorySegment s, long base, int v) {
        Le.bits32(s, base + SUPPORTED_FUNC_OFFSET, SUPPORTED_FUNC_SHIFT, 8, v);
    }

    /** selected_func bits 7:0: bitmap with exactly one bit set (bits 31:8 RSVD). */
    public static int selectedFunc(MemorySegment s, long base) {
        return Le.bits32(s, base + SELECTED_FUNC_OFFSET, SELECTED_FUNC_SHIFT, 8);
    }

    /** Sets selected_func. */
    public static void selectedFunc(MemorySegment s, long base, int v) {
        Le.bits32(s, base + SELECTED_FUNC_OFFSET, SELECTED_FUNC_SHIFT, 8, v);
    }

    /** init_val: initial value of the hash computation (u32, raw bits). */
    public static int initVal(MemorySegment s, long base) {
        return Le.u32(s, base + INIT_VAL_OFFSET);
    }

    /** Sets init_val. */
    public static void initVal(MemorySegment s, long base, int v) {
        Le.u32(s, base + INIT_VAL_OFFSET, v);
    }


    /** Function code 1: Toeplitz. */
    public static final int TOEPLITZ = 1;
    /** Function code 2: CRC32. */
    public static final int CRC32 = 2;
    /** init_val the Linux driver uses with Toeplitz. */
    public static final int LINUX_INIT_VAL = 0xFFFFFFFF;

    /** Bitmap bit of function {@code code}: {@code 1 << code} (0 for a code outside 0..7). */
    public static int funcMask(int code) {
        return code >= 0 && code < 8 ? 1 << code : 0;
    }

    /** Function the driver derives from a selected_func bitmap: index of the lowest set bit of bits 7:0, or -1. */
    public static int lowestFunc(int bitmap) {
        int b = bitmap & 0xFF;
        return b == 0 ? -1 : Integer.numberOfTrailingZeros(b);
    }
}
