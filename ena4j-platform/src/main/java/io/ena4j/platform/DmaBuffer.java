package io.ena4j.platform;

import java.lang.foreign.MemorySegment;

/**
 * A block of DMA-capable host memory: the host's view ({@link #segment()}) and the address the
 * device uses for it ({@link #ioAddress()}). The two are never equal: the device reaches host
 * memory only through an IOMMU, emulated ({@link Iommu}) or real (VFIO).
 *
 * @param segment   host view, page aligned, zero-filled when handed out
 * @param ioAddress device-visible (IOVA) address of the first byte
 */
public record DmaBuffer(MemorySegment segment, long ioAddress) {

    /** Size in bytes. */
    public long size() {
        return segment.byteSize();
    }

    /** IO address of byte {@code offset} of this buffer. */
    public long ioAddress(long offset) {
        return ioAddress + offset;
    }
}
