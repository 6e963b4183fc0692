package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * LINK_CONFIG (feature 27) GET payload (management.md §8.16). Offsets relative to the payload start
 * ({@code entryBase + FeatureCmd.GET_PAYLOAD}). Only for reporting; link state comes from AENQ.
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8)
 *  +0   u32       speed
 *  +4   u32       supported
 *  +8   u32       flags
 *  +8   u32[0]    flags.autoneg
 *  +8   u32[1]    flags.duplex
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class LinkConfig {

    private LinkConfig() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 12;
    /** Offset of speed. */
    public static final long SPEED_OFFSET = 0;
    /** Offset of supported. */
    public static final long SUPPORTED_OFFSET = 4;
    /** Offset of flags. */
    public static final long FLAGS_OFFSET = 8;
    /** Offset of flags.autoneg. */
    public static final long AUTONEG_OFFSET = 8;
    /** Bit position of flags.autoneg within its 4-byte word. */
    public static final int AUTONEG_SHIFT = 0;
    /** Mask of flags.autoneg in place within its word. */
    public static final int AUTONEG_MASK = 0x1;
    /** Offset of flags.duplex. */
    public static final long DUPLEX_OFFSET = 8;
    /** Bit position of flags.duplex within its 4-byte word. */
    public static final int DUPLEX_SHIFT = 1;
    /** Mask of flags.duplex in place within its word. */
    public static final int DUPLEX_MASK = 0x2;

    /** speed in Mbit/s (u32, raw bits). */
    public static int speed(MemorySegment s, long base) {
        return Le.u32(s, base + SPEED_OFFSET);
    }

    /** Sets speed. */
    public static void speed(MemorySegment s, long base, int v) {
        Le.u32(s, base + SPEED_OFFSET, v);
    }

    /** supported link speeds (SPEED_* bits) (u32, raw bits). */
    public static int supported(MemorySegment s, long base) {
        return Le.u32(s, base + SUPPORTED_OFFSET);
    }

    /** Sets supported. */
    public static void supported(MemorySegment s, long base, int v) {
        Le.u32(s, base + SUPPORTED_OFFSET, v);
    }

    /** flags: bit 0 autonegotiation, bit 1 full duplex (u32, raw bits). */
    public static int flags(MemorySegment s, long base) {
        return Le.u32(s, base + FLAGS_OFFSET);
    }

    /** Sets flags. */
    public static void flags(MemorySegment s, long base, int v) {
        Le.u32(s, base + FLAGS_OFFSET, v);
    }

    /** flags bit 0 autonegotiation. */
    public static int autoneg(MemorySegment s, long base) {
        return Le.bits32(s, base + AUTONEG_OFFSET, AUTONEG_SHIFT, 1);
    }

    /** Sets flags.autoneg. */
    public static void autoneg(MemorySegment s, long base, int v) {
        Le.bits32(s, base + AUTONEG_OFFSET, AUTONEG_SHIFT, 1, v);
    }

    /** flags bit 1 full duplex. */
    public static int duplex(MemorySegment s, long base) {
        return Le.bits32(s, base + DUPLEX_OFFSET, DUPLEX_SHIFT, 1);
    }

    /** Sets flags.duplex. */
    public static void duplex(MemorySegment s, long base, int v) {
        Le.bits32(s, base + DUPLEX_OFFSET, DUPLEX_SHIFT, 1, v);
    }


    /** Speed bit: 1G. */
    public static final int SPEED_1G = 0x1;
    /** Speed bit: 2.5G. */
    public static final int SPEED_2_5G = 0x2;
    /** Speed bit: 5G. */
    public static final int SPEED_5G = 0x4;
    /** Speed bit: 10G. */
    public static final int SPEED_10G = 0x8;
    /** Speed bit: 25G. */
    public static final int SPEED_25G = 0x10;
    /** Speed bit: 40G. */
    public static final int SPEED_40G = 0x20;
    /** Speed bit: 50G. */
    public static final int SPEED_50G = 0x40;
    /** Speed bit: 100G. */
    public static final int SPEED_100G = 0x80;
    /** Speed bit: 200G. */
    public static final int SPEED_200G = 0x100;
    /** Speed bit: 400G. */
    public static final int SPEED_400G = 0x200;
}
