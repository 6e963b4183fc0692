package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * Header of the driver-defined debug area (management.md §12.2). The device treats the area as opaque memory; the
 * layout is only for a driver that writes it and tools that read it. Each following section starts with a 40-byte
 * section header (name[32], u32 length = 4 + data size, u32 version = 1).
 *
 * <pre>
 *  off  type      field
 *  +0   u8[32]    name
 *  +32  u32       length
 *  +36  u32       version
 *  +40  u8        os
 * </pre>
 *
 * <p>Accessors take the segment and the structure's base offset; field offsets are relative to that base.
 * Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class DebugAreaHeader {

    private DebugAreaHeader() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 44;
    /** Offset of name. */
    public static final long NAME_OFFSET = 0;
    /** Length of name in bytes. */
    public static final int NAME_LENGTH = 32;
    /** Offset of length. */
    public static final long LENGTH_OFFSET = 32;
    /** Offset of version. */
    public static final long VERSION_OFFSET = 36;
    /** Offset of os. */
    public static final long OS_OFFSET = 40;

    /** name ("debug-area-header") (32-byte NUL-terminated string). */
    public static String name(MemorySegment s, long base) {
        return Le.string(s, base + NAME_OFFSET, NAME_LENGTH);
    }

    /** Sets name: US-ASCII, truncated to 31 bytes plus NUL, rest zero-filled. */
    public static void name(MemorySegment s, long base, String v) {
        Le.string(s, base + NAME_OFFSET, NAME_LENGTH, v);
    }

    /** length: bytes after the length field (8) (u32, raw bits). */
    public static int length(MemorySegment s, long base) {
        return Le.u32(s, base + LENGTH_OFFSET);
    }

    /** Sets length. */
    public static void length(MemorySegment s, long base, int v) {
        Le.u32(s, base + LENGTH_OFFSET, v);
    }

    /** version (1) (u32, raw bits). */
    public static int version(MemorySegment s, long base) {
        return Le.u32(s, base + VERSION_OFFSET);
    }

    /** Sets version. */
    public static void version(MemorySegment s, long base, int v) {
        Le.u32(s, base + VERSION_OFFSET, v);
    }

    /** os (1 = Linux) (u8). */
    public static int os(MemorySegment s, long base) {
        return Le.u8(s, base + OS_OFFSET);
    }

    /** Sets os. */
    public static void os(MemorySegment s, long base, int v) {
        Le.u8(s, base + OS_OFFSET, v);
    }


    /** Name written into the area header. */
    public static final String NAME = "debug-area-header";
    /** Size of a section header. */
    public static final int SECTION_HEADER_SIZE = 40;
    /** Offset of a section header's name. */
    public static final int SECTION_NAME_OFFSET = 0;
    /** Offset of a section header's length (4 + data size). */
    public static final int SECTION_LENGTH_OFFSET = 32;
    /** Offset of a section header's version. */
    public static final int SECTION_VERSION_OFFSET = 36;
}
