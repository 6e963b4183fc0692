package io.ena4j.platform;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * An emulated IOMMU: the table of IO address ranges a device may reach and the host memory behind
 * each. The device model performs every DMA through {@link #find(long, long)}; an address range that
 * is not entirely inside one mapping is a DMA fault (the caller counts it and, like hardware, stops
 * and flags a fatal error) and never touches memory outside what the host mapped.
 *
 * <p>Mappings change at set-up time (map, unmap) under a lock and are published as an immutable,
 * sorted array, so lookups on the data path are lock-free and allocate nothing: they return the
 * {@link Mapping} object itself, and the caller addresses {@code mapping.segment()} at
 * {@code ioAddress - mapping.ioBase()}. A data path that looks up the same few ranges over and over (rings, a
 * packet pool) uses a {@link Cursor}, which gives the same answers but skips the search while its last hit still
 * holds the range and the table has not changed.
 */
public final class Iommu {

    /**
     * One mapped range.
     *
     * @param ioBase  first IO address of the range
     * @param segment the host memory behind it; its size is the size of the range
     */
    public record Mapping(long ioBase, MemorySegment segment) {

        /** One past the last IO address of the range. */
        public long ioEnd() {
            return ioBase + segment.byteSize();
        }

        /** True if {@code [ioAddress, ioAddress + length)} lies inside this range. */
        public boolean contains(long ioAddress, long length) {
            return ioAddress >= ioBase && length >= 0 && ioAddress - ioBase <= segment.byteSize() - length;
        }
    }

    private static final Mapping[] EMPTY = new Mapping[0];

    private volatile Mapping[] mappings = EMPTY;
    private final Object lock = new Object();

    /**
     * Maps {@code host} at {@code ioAddress}.
     *
     * @throws IllegalArgumentException if the range is empty, wraps, or overlaps an existing mapping
     */
    public void map(long ioAddress, MemorySegment host) {
        long size = host.byteSize();
        if (size <= 0 || ioAddress < 0 || ioAddress + size < ioAddress) {
            throw new IllegalArgumentException("cannot map " + size + " bytes at IO address 0x"
                    + Long.toHexString(ioAddress) + ": range must be non-empty and below 2^63");
        }
        synchronized (lock) {
            Mapping[] cur = mappings;
            int at = insertionPoint(cur, ioAddress);
            if ((at > 0 && cur[at - 1].ioEnd() > ioAddress) || (at < cur.length && cur[at].ioBase() < ioAddress + size)) {
                throw new IllegalArgumentException("IO range 0x" + Long.toHexString(ioAddress) + "+" + size
                        + " overlaps an existing mapping");
            }
            Mapping[] next = new Mapping[cur.length + 1];
            System.arraycopy(cur, 0, next, 0, at);
            next[at] = new Mapping(ioAddress, host);
            System.arraycopy(cur, at, next, at + 1, cur.length - at);
            mappings = next;
        }
    }

    /**
     * Removes the mapping that starts at {@code ioAddress}.
     *
     * @return true if there was one
     */
    public boolean unmap(long ioAddress) {
        synchronized (lock) {
            Mapping[] cur = mappings;
            int at = insertionPoint(cur, ioAddress);
            if (at >= cur.length || cur[at].ioBase() != ioAddress) {
                return false;
            }
            Mapping[] next = new Mapping[cur.length - 1];
            System.arraycopy(cur, 0, next, 0, at);
            System.arraycopy(cur, at + 1, next, at, cur.length - at - 1);
            mappings = next;
            return true;
        }
    }

    /** Removes every mapping (device reset of the IOMMU domain, or host teardown). */
    public void unmapAll() {
        synchronized (lock) {
            mappings = EMPTY;
        }
    }

    /**
     * The mapping that holds all of {@code [ioAddress, ioAddress + length)}, or {@code null} (a DMA
     * fault) if no single mapping does. Lock-free; allocates nothing.
     */
    public Mapping find(long ioAddress, long length) {
        Mapping[] cur = mappings;
        int at = search(cur, ioAddress);
        if (at < 0) {
            return null;
        }
        Mapping m = cur[at];
        return m.contains(ioAddress, length) ? m : null;
    }

    /**
     * A lookup cursor that remembers its last hit (for a device engine's data path, where consecutive accesses
     * mostly fall into the same mapping: the same ring, the same packet pool).
     *
     * @return a new cursor over this IOMMU; it allocates nothing per lookup
     */
    public Cursor cursor() {
        return new Cursor(this);
    }

    /**
     * {@link #find} with a one-entry cache of the last hit. A hit is reused only while the table is the very array
     * it was found in (every {@link #map}, {@link #unmap} and {@link #unmapAll} publishes a new array), so a cursor
     * never returns a mapping that has been removed: its answers are exactly those of {@link #find}.
     *
     * <p>Meant for one thread. [decision] It is still safe if shared: the cached array and index are read
     * separately, but whatever pair is read, the candidate is an element of the current table and is only returned
     * if it contains the range, which (mappings never overlap) is the answer {@link #find} would give.
     */
    public static final class Cursor {

        private final Iommu iommu;
        private Mapping[] table = EMPTY;
        private int index;

        private Cursor(Iommu iommu) {
            this.iommu = iommu;
        }

        /**
         * The mapping that holds all of {@code [ioAddress, ioAddress + length)}, or {@code null}: the same answer
         * as {@link Iommu#find}. Lock-free; allocates nothing.
         */
        public Mapping find(long ioAddress, long length) {
            Mapping[] cur = iommu.mappings;
            int i = index;
            if (cur == table && i < cur.length) {
                Mapping m = cur[i];
                if (m.contains(ioAddress, length)) {
                    return m;
                }
            }
            int at = search(cur, ioAddress);
            if (at < 0) {
                return null;
            }
            Mapping m = cur[at];
            if (!m.contains(ioAddress, length)) {
                return null;
            }
            table = cur;
            index = at;
            return m;
        }
    }

    /** Index of the mapping whose range holds {@code ioAddress}, or -1. */
    private static int search(Mapping[] cur, long ioAddress) {
        int lo = 0;
        int hi = cur.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Mapping m = cur[mid];
            if (ioAddress < m.ioBase()) {
                hi = mid - 1;
            } else if (ioAddress >= m.ioEnd()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * A slice of host memory for {@code [ioAddress, ioAddress + length)}, or {@code null} on a DMA
     * fault. Allocates a segment view: for the management plane, not the data path.
     */
    public MemorySegment slice(long ioAddress, long length) {
        Mapping m = find(ioAddress, length);
        return m == null ? null : m.segment().asSlice(ioAddress - m.ioBase(), length);
    }

    /** Number of mappings in place. */
    public int size() {
        return mappings.length;
    }

    /** A snapshot of the mappings, sorted by IO address. */
    public Mapping[] snapshot() {
        return Arrays.copyOf(mappings, mappings.length);
    }

    private static int insertionPoint(Mapping[] a, long ioAddress) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid].ioBase() < ioAddress) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
