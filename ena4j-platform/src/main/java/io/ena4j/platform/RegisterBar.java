package io.ena4j.platform;

/**
 * A memory-mapped register BAR: aligned 32-bit reads and writes only, as on the ENA register BAR
 * (BAR 0). A write is posted: it takes effect in order with other writes to the same BAR, and is
 * ordered after every memory store the writing thread made before it (the driver relies on this
 * when it rings a doorbell after filling a ring).
 */
public interface RegisterBar {

    /** Reads the 32-bit register at byte {@code offset}. */
    int read32(int offset);

    /** Writes the 32-bit register at byte {@code offset}. */
    void write32(int offset, int value);

    /** Size of the BAR in bytes. */
    int size();
}
