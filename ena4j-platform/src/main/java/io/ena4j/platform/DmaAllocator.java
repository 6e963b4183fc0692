package io.ena4j.platform;

/**
 * Hands out DMA memory that one device may access. Allocations are page aligned (4 KiB), zero
 * filled and physically contiguous from the device's point of view (one IO address range).
 *
 * <p>Implementations are thread-safe. Allocation happens at set-up time only, never on the data
 * path.
 */
public interface DmaAllocator {

    /** Page size every allocation is aligned to. */
    long PAGE_SIZE = 4096;

    /**
     * Allocates {@code size} bytes (rounded up to whole pages) and maps them for the device.
     *
     * @throws IllegalArgumentException if {@code size} is not positive
     * @throws DmaException if the memory or IO address space is exhausted
     */
    DmaBuffer allocate(long size);

    /** Unmaps {@code buffer} from the device, then releases it. Freeing twice is a no-op. */
    void free(DmaBuffer buffer);
}
