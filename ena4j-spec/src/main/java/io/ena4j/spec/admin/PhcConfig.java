package io.ena4j.spec.admin;

import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;

/**
 * PHC_CONFIG (feature 29) payload, GET version 0 and SET (management.md §8.18, §10.1). Offsets relative to the
 * payload start. GET fills version/doorbell/timeouts; SET carries the 64-byte response buffer address/length
 * ({@link io.ena4j.spec.regs.PhcResponse}).
 *
 * <pre>
 *  rel  type      field   (G+ = rel + 8, S+ = rel + 20)
 *  +0   u8        version
 *  +4   u32       doorbell_offset
 *  +8   u32       expire_timeout_usec
 *  +12  u32       block_timeout_usec
 *  +16  MemAddr   output_address
 *  +24  u32       output_length
 * </pre>
 *
 * <p>Getters never throw for any content; setters mask to the field width and keep neighbouring bits.
 * u32 fields are raw {@code int} bits: use {@link Integer#toUnsignedLong} where the magnitude matters.
 */
public final class PhcConfig {

    private PhcConfig() {
    }

    /** Size of the structure in bytes. */
    public static final long SIZE = 28;
    /** Offset of version. */
    public static final long VERSION_OFFSET = 0;
    /** Offset of doorbell_offset. */
    public static final long DOORBELL_OFFSET_OFFSET = 4;
    /** Offset of expire_timeout_usec. */
    public static final long EXPIRE_TIMEOUT_USEC_OFFSET = 8;
    /** Offset of block_timeout_usec. */
    public static final long BLOCK_TIMEOUT_USEC_OFFSET = 12;
    /** Offset of output_address. */
    public static final long OUTPUT_ADDRESS_OFFSET = 16;
    /** Offset of output_length. */
    public static final long OUTPUT_LENGTH_OFFSET = 24;

    /** version: max PHC version supported by the device (GET) (u8). */
    public static int version(MemorySegment s, long base) {
        return Le.u8(s, base + VERSION_OFFSET);
    }

    /** Sets version. */
    public static void version(MemorySegment s, long base, int v) {
        Le.u8(s, base + VERSION_OFFSET, v);
    }

    /** doorbell_offset: BAR 0 offset of the PHC doorbell (GET) (u32, raw bits). */
    public static int doorbellOffset(MemorySegment s, long base) {
        return Le.u32(s, base + DOORBELL_OFFSET_OFFSET);
    }

    /** Sets doorbell_offset. */
    public static void doorbellOffset(MemorySegment s, long base, int v) {
        Le.u32(s, base + DOORBELL_OFFSET_OFFSET, v);
    }

    /** expire_timeout_usec (GET; 0 = driver default 10 us) (u32, raw bits). */
    public static int expireTimeoutUsec(MemorySegment s, long base) {
        return Le.u32(s, base + EXPIRE_TIMEOUT_USEC_OFFSET);
    }

    /** Sets expire_timeout_usec. */
    public static void expireTimeoutUsec(MemorySegment s, long base, int v) {
        Le.u32(s, base + EXPIRE_TIMEOUT_USEC_OFFSET, v);
    }

    /** block_timeout_usec (GET; 0 = driver default 1000 us) (u32, raw bits). */
    public static int blockTimeoutUsec(MemorySegment s, long base) {
        return Le.u32(s, base + BLOCK_TIMEOUT_USEC_OFFSET);
    }

    /** Sets block_timeout_usec. */
    public static void blockTimeoutUsec(MemorySegment s, long base, int v) {
        Le.u32(s, base + BLOCK_TIMEOUT_USEC_OFFSET, v);
    }

    /** output_address: shared response buffer (SET) (48-bit MemAddr). */
    public static long outputAddress(MemorySegment s, long base) {
        return MemAddr.address(s, base + OUTPUT_ADDRESS_OFFSET);
    }

    /** Sets output_address (masked to 48 bits). */
    public static void outputAddress(MemorySegment s, long base, long v) {
        MemAddr.address(s, base + OUTPUT_ADDRESS_OFFSET, v);
    }

    /** output_length: size of that buffer (SET; driver sends 64) (u32, raw bits). */
    public static int outputLength(MemorySegment s, long base) {
        return Le.u32(s, base + OUTPUT_LENGTH_OFFSET);
    }

    /** Sets output_length. */
    public static void outputLength(MemorySegment s, long base, int v) {
        Le.u32(s, base + OUTPUT_LENGTH_OFFSET, v);
    }


    /** PHC version 0: readless mode with error bound, the only one the driver accepts. */
    public static final int VERSION_READLESS_ERROR_BOUND = 0;
    /** Driver default expire timeout in us when the device reports 0. */
    public static final int DEFAULT_EXPIRE_TIMEOUT_USEC = 10;
    /** Driver default block timeout in us when the device reports 0. */
    public static final int DEFAULT_BLOCK_TIMEOUT_USEC = 1000;
    /** output_length the driver sends. */
    public static final int OUTPUT_LENGTH = 64;
}
