package io.ena4j.platform;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * DMA memory for a device behind an emulated {@link Iommu}: each allocation is fresh, zeroed,
 * page-aligned off-heap memory, given an IO address from a private IO virtual address space and
 * mapped into the IOMMU. IO addresses never equal host addresses (the space starts at
 * {@code ioBase}, 4 GiB by default, and leaves an unmapped guard page between allocations), so a
 * driver that mixes up host and IO addresses faults in the model instead of silently working.
 *
 * <p>{@link #free(DmaBuffer)} unmaps first and then releases the memory: a device that still
 * holds the address takes a DMA fault, never a JVM crash.
 */
public final class IommuDmaAllocator implements DmaAllocator {

    /** Default first IO address (4 GiB): above 32 bits, so 32-bit truncation bugs show. */
    public static final long DEFAULT_IO_BASE = 0x1_0000_0000L;

    private final Iommu iommu;
    private final long ioLimit;
    private final Map<MemorySegment, Arena> arenas = new IdentityHashMap<>();
    private long nextIo;

    /** An allocator mapping into {@code iommu}, IO addresses from {@link #DEFAULT_IO_BASE} up to 2^48. */
    public IommuDmaAllocator(Iommu iommu) {
        this(iommu, DEFAULT_IO_BASE, 1L << 48);
    }

    /**
     * An allocator mapping into {@code iommu}, with IO addresses in {@code [ioBase, ioLimit)}.
     *
     * @throws IllegalArgumentException if the range is empty or {@code ioBase} is not page aligned
     */
    public IommuDmaAllocator(Iommu iommu, long ioBase, long ioLimit) {
        if (ioBase < 0 || ioBase % PAGE_SIZE != 0 || ioLimit <= ioBase) {
            throw new IllegalArgumentException("IO address range [0x" + Long.toHexString(ioBase) + ", 0x"
                    + Long.toHexString(ioLimit) + ") must be non-empty and start page aligned");
        }
        this.iommu = iommu;
        this.nextIo = ioBase;
        this.ioLimit = ioLimit;
    }

    @Override
    public DmaBuffer allocate(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("DMA allocation size must be > 0 bytes, got " + size);
        }
        long rounded = (size + PAGE_SIZE - 1) & -PAGE_SIZE;
        Arena arena = Arena.ofShared();
        MemorySegment seg = arena.allocate(rounded, PAGE_SIZE); // zero-filled by the arena
        long io;
        synchronized (this) {
            io = nextIo;
            if (io + rounded > ioLimit || io + rounded < io) {
                arena.close();
                throw new DmaException("IO address space exhausted: cannot place " + rounded + " bytes at 0x"
                        + Long.toHexString(io) + " below limit 0x" + Long.toHexString(ioLimit));
            }
            nextIo = io + rounded + PAGE_SIZE; // guard page
            arenas.put(seg, arena);
        }
        iommu.map(io, seg);
        return new DmaBuffer(seg, io);
    }

    @Override
    public void free(DmaBuffer buffer) {
        Arena arena;
        synchronized (this) {
            arena = arenas.remove(buffer.segment());
        }
        if (arena == null) {
            return;
        }
        iommu.unmap(buffer.ioAddress());
        arena.close();
    }

    /** Number of buffers currently allocated. */
    public synchronized int liveBuffers() {
        return arenas.size();
    }
}
