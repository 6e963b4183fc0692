package io.ena4j.model;

import io.ena4j.platform.Iommu;

/**
 * The data path's lock-free view of DMA (datapath.md §1.1; the IOMMU contract of {@link DmaPort}): resolves an IO
 * range to the {@link Iommu.Mapping} that holds it, after the same checks {@link DmaPort} makes (bus mastering on,
 * range within CAPS.DMA_ADDR_WIDTH, wholly inside one mapping), through a per-engine {@link Iommu.Cursor} that
 * caches the last hit (a table change invalidates it, so unmapping still faults at once). Engines then address
 * {@code mapping.segment()} at {@code io - mapping.ioBase()} directly, so nothing is allocated per access.
 *
 * <p>A {@code null} result is a DMA fault: the engine reports it to the model (FATAL_ERROR, the device stops) and
 * touches nothing. Memory the host releases between the lookup and the access makes the access throw
 * {@link IllegalStateException}; engines catch it and report a fault too, never a JVM crash.
 *
 * <p>The bus-master bit is mirrored here (volatile) by the model whenever config space changes, so the check costs
 * one load.
 */
final class DataDma {

    private final Iommu iommu;
    private final int width;
    private volatile boolean busMaster;

    DataDma(Iommu iommu, int dmaAddrWidth) {
        this.iommu = iommu;
        this.width = dmaAddrWidth;
    }

    /** Mirrors PCI COMMAND.BUS_MASTER (set under the device lock on config writes). */
    void busMaster(boolean on) {
        busMaster = on;
    }

    /**
     * The mapping holding all of {@code [io, io + len)}, len ≥ 1, or null on a DMA fault. Allocates nothing. The
     * lookup goes through the calling engine's own IOMMU cursor, which remembers the last mapping it found, so
     * consecutive accesses to the same ring or packet pool skip the binary search; the answer is the same as
     * {@link Iommu#find} (a cursor never returns a mapping that was unmapped since). The cursor belongs to the
     * calling engine's single thread.
     */
    Iommu.Mapping resolve(long io, long len, Iommu.Cursor cursor) {
        if (!busMaster || io < 0 || len <= 0 || io + len < io || ((io + len - 1) >>> width) != 0) {
            return null;
        }
        return cursor.find(io, len);
    }

    /** A new IOMMU cursor for one engine's data path (set-up time, allocates). */
    Iommu.Cursor cursor() {
        return iommu.cursor();
    }

    /** Why {@link #resolve} failed, for the fault report (error path only; may allocate). */
    String why(long io, long len) {
        if (!busMaster) {
            return " with PCI bus mastering disabled";
        }
        if (io < 0 || len <= 0 || io + len < io || ((io + len - 1) >>> width) != 0) {
            return " beyond the " + width + "-bit DMA width";
        }
        return " outside the IOMMU mappings";
    }
}
