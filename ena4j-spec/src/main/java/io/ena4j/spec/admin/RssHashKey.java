package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * RSS hash key structure: the 48-byte control buffer of RSS_HASH_FUNCTION (management.md §8.10).
 *
 * <p>The key is stored as raw bytes in memory order. The DPDK driver reverses the 40 bytes relative to the usual
 * Toeplitz notation while Linux passes them unchanged; the device interpretation is [UNCERTAIN], so this class
 * neither reverses nor interprets them.
 *
 * <pre>
 *  off  type      field
 *  +0   u32       key_parts
 *  +8   u8[40]    key
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class RssHashKey {

    private RssHashKey() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 48;
    /** Offset of key_parts. */
    public static final long KEY_PARTS_OFFSET = 0;
    /** Offset of key. */
    public static final long KEY_OFFSET = 8;
    /** Length of key in bytes. */
    public static final int KEY_LENGTH = 40;

    /** key_parts: number of valid 32-bit key words (10 for a 40-byte key) (u32, raw bits). */
    public static int keyParts(MemorySegment s, long base) {
        return Le.u32(s, base + KEY_PARTS_OFFSET);
    }

    /** Sets key_parts. */
    public static void keyParts(MemorySegment s, long base, int v) {
        Le.u32(s, base + KEY_PARTS_OFFSET, v);
    }

    /** key: 10 x u32 as stored in memory (40 bytes). */
    public static byte[] key(MemorySegment s, long base) {
        return Le.bytes(s, base + KEY_OFFSET, KEY_LENGTH);
    }

    /** Sets key: copies at most 40 bytes, zero-fills the rest of the field. */
    public static void key(MemorySegment s, long base, byte[] v) {
        Le.bytes(s, base + KEY_OFFSET, KEY_LENGTH, v);
    }


    /** Key size in bytes. */
    public static final int KEY_SIZE = 40;
    /** Key size in 32-bit words. */
    public static final int KEY_PARTS = 10;
}
