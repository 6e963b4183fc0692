package io.ena4j.driver.fuzz;

import io.ena4j.platform.DmaAllocator;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.DmaException;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.TreeMap;

/**
 * DMA memory for fuzz targets: every buffer is exactly as large as requested (not rounded up to a page, unlike
 * {@link io.ena4j.platform.IommuDmaAllocator}), so a parser that reads one byte past its ring or response buffer
 * hits the FFM bounds check ({@link IndexOutOfBoundsException}) instead of reading the rest of a page.
 *
 * <p>Buffers are heap segments over {@code long[]} (8-byte aligned, which every acquire load of a phase or req_id
 * word needs, cheap to create once per fuzz input, no native memory to leak). IO addresses start at 4 GiB, never
 * equal a host address and leave an unmapped page between buffers. The "device" side of a fuzz target reaches a
 * buffer by IO address with {@link #slice}. {@link #failAllocationsAfter} makes later allocations throw
 * {@link DmaException}, to fuzz the out-of-memory paths too. Not thread-safe (fuzz targets are single-threaded).
 */
public final class ExactDma implements DmaAllocator {

    private final TreeMap<Long, MemorySegment> live = new TreeMap<>();
    private long nextIo = 0x1_0000_0000L;
    private int allocationsLeft = Integer.MAX_VALUE;
    private int doubleFrees;

    @Override
    public DmaBuffer allocate(long size) {
        if (size <= 0 || size > (1 << 24)) {
            throw new IllegalArgumentException("fuzz DMA allocation of " + size + " bytes: accepted 1..16 MiB");
        }
        if (allocationsLeft <= 0) {
            throw new DmaException("fuzz: DMA allocation refused");
        }
        allocationsLeft--;
        MemorySegment seg = MemorySegment.ofArray(new long[(int) ((size + 7) / 8)]).asSlice(0, size);
        long io = nextIo;
        nextIo += ((size + PAGE_SIZE - 1) & -PAGE_SIZE) + PAGE_SIZE;
        live.put(io, seg);
        return new DmaBuffer(seg, io);
    }

    @Override
    public void free(DmaBuffer buffer) {
        MemorySegment seg = live.get(buffer.ioAddress());
        if (seg == null || seg != buffer.segment()) {
            doubleFrees++;
            return;
        }
        live.remove(buffer.ioAddress());
    }

    /** Allows {@code n} more allocations, then refuses every further one ({@link Integer#MAX_VALUE}: never). */
    public void failAllocationsAfter(int n) {
        allocationsLeft = n;
    }

    /** The {@code len} bytes at IO address {@code io} as the device sees them, or null if not inside one buffer. */
    public MemorySegment slice(long io, long len) {
        Map.Entry<Long, MemorySegment> e = live.floorEntry(io);
        if (e == null || len < 0) {
            return null;
        }
        long off = io - e.getKey();
        MemorySegment seg = e.getValue();
        return off + len <= seg.byteSize() ? seg.asSlice(off, len) : null;
    }

    /** Buffers allocated and not freed. */
    public int liveBuffers() {
        return live.size();
    }

    /** Frees of buffers that were not live (freed twice, or never allocated here). */
    public int doubleFrees() {
        return doubleFrees;
    }
}
