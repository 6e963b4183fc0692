package io.ena4j.platform;

import java.lang.foreign.MemorySegment;

/**
 * A PCI function as a driver sees it: configuration space, the register BAR, the optional LLQ
 * memory BAR, MSI-X vectors and DMA memory the function can reach. This is the whole interface
 * between the driver and a device: the embedded device model and a VFIO-bound ENA both stand
 * behind it, and the driver never learns which.
 *
 * <p>Thread safety: register access, interrupt registration and DMA allocation may be used from
 * any thread.
 */
public interface PciFunction extends AutoCloseable {

    /** A human-readable address, e.g. {@code 0000:00:06.0} or {@code model:0}. */
    String address();

    /** Reads 32 bits of configuration space at byte {@code offset} (aligned to 4). */
    int configRead32(int offset);

    /** Writes 32 bits of configuration space at byte {@code offset} (aligned to 4). */
    void configWrite32(int offset, int value);

    /** Reads 16 bits of configuration space (a convenience over {@link #configRead32(int)}). */
    default int configRead16(int offset) {
        int word = configRead32(offset & ~3);
        return (word >>> ((offset & 2) * 8)) & 0xFFFF;
    }

    /** Reads 8 bits of configuration space (a convenience over {@link #configRead32(int)}). */
    default int configRead8(int offset) {
        int word = configRead32(offset & ~3);
        return (word >>> ((offset & 3) * 8)) & 0xFF;
    }

    /** The register BAR (BAR 0). */
    RegisterBar bar0();

    /**
     * The LLQ memory BAR (BAR 2) as write-combining memory, or {@code null} if the function has
     * none. The driver writes whole LLQ entries here and then rings the SQ doorbell in BAR 0.
     */
    MemorySegment bar2();

    /** Number of MSI-X vectors the function offers (table size). */
    int msixVectorCount();

    /**
     * Routes MSI-X vector {@code vector} to {@code handler}; {@code null} detaches it (the vector's
     * messages are then dropped, as with an unprogrammed table entry).
     *
     * @throws IllegalArgumentException if {@code vector} is outside the table
     */
    void setInterruptHandler(int vector, InterruptHandler handler);

    /** DMA memory the function can reach. */
    DmaAllocator dma();

    /** Releases the function (and, for an embedded model, stops it). */
    @Override
    void close();
}
