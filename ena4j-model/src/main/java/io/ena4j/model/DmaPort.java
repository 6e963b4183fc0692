package io.ena4j.model;

import io.ena4j.platform.Iommu;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The device's only path to host memory: every access goes through the {@link Iommu}. A range that is not entirely
 * inside one mapping, that reaches beyond CAPS.DMA_ADDR_WIDTH (§3.4), or that is attempted while PCI bus mastering is
 * off is a DMA fault: no memory is touched, the fault is counted and reported to the device (which, like hardware,
 * flags FATAL_ERROR and stops, management.md §3.11 and the IOMMU contract). Memory the host frees while the device is
 * using it (a closed arena) is a fault too, never a JVM crash.
 *
 * <p>Writes that publish a structure make one field visible last (§4.4, §6.5, §9.4, §10.3): every other byte is
 * copied first, then a release fence, then the publishing field — so a consumer that reads that field with acquire
 * semantics sees the rest.
 *
 * <p>Guarded by the device lock.
 */
final class DmaPort {

    /** Receives DMA faults. */
    interface FaultSink {
        /** A DMA access to {@code what} at {@code ioAddress} + {@code length} failed. */
        void dmaFault(String what, long ioAddress, long length);
    }

    private final Iommu iommu;
    private final ConfigSpace cfg;
    private final int dmaWidth;
    private final FaultSink sink;

    DmaPort(Iommu iommu, ConfigSpace cfg, int dmaWidth, FaultSink sink) {
        this.iommu = iommu;
        this.cfg = cfg;
        this.dmaWidth = dmaWidth;
        this.sink = sink;
    }

    /** True if the device could reach {@code [io, io + len)} now (no side effects, no counting). */
    boolean reachable(long io, long len) {
        return addressable(io, len) && iommu.find(io, len) != null;
    }

    /**
     * Checks that the device can reach all of {@code [io, io + len)} (a ring it will use later); reports a DMA fault
     * if not, as the device's first access would.
     *
     * @return false on a DMA fault (reported)
     */
    boolean require(String what, long io, long len) {
        return resolve(what, io, len) != null;
    }

    /**
     * Copies {@code len} bytes at IO address {@code io} into {@code dst} at {@code dstOff}.
     *
     * @return false on a DMA fault (reported)
     */
    boolean read(String what, long io, MemorySegment dst, long dstOff, long len) {
        MemorySegment src = resolve(what, io, len);
        if (src == null) {
            return false;
        }
        try {
            MemorySegment.copy(src, 0, dst, dstOff, len);
            return true;
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            sink.dmaFault(what + " (memory released during access)", io, len);
            return false;
        }
    }

    /**
     * Copies {@code len} bytes of {@code src} from {@code srcOff} to IO address {@code io}.
     *
     * @return false on a DMA fault (reported)
     */
    boolean write(String what, long io, MemorySegment src, long srcOff, long len) {
        MemorySegment dst = resolve(what, io, len);
        if (dst == null) {
            return false;
        }
        try {
            MemorySegment.copy(src, srcOff, dst, 0, len);
            return true;
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            sink.dmaFault(what + " (memory released during access)", io, len);
            return false;
        }
    }

    /**
     * Copies {@code len} bytes of {@code src} (from offset 0) to IO address {@code io}, making bytes
     * {@code [lastOff, lastOff + lastLen)} visible after all others (copied after a release fence).
     *
     * @return false on a DMA fault (reported)
     */
    boolean writePublish(String what, long io, MemorySegment src, long len, long lastOff, long lastLen) {
        MemorySegment dst = resolve(what, io, len);
        if (dst == null) {
            return false;
        }
        try {
            if (lastOff > 0) {
                MemorySegment.copy(src, 0, dst, 0, lastOff);
            }
            long tail = lastOff + lastLen;
            if (tail < len) {
                MemorySegment.copy(src, tail, dst, tail, len - tail);
            }
            VarHandle.releaseFence();
            MemorySegment.copy(src, lastOff, dst, lastOff, lastLen);
            return true;
        } catch (IllegalStateException | IndexOutOfBoundsException e) {
            sink.dmaFault(what + " (memory released during access)", io, len);
            return false;
        }
    }

    private MemorySegment resolve(String what, long io, long len) {
        if (!cfg.busMasterEnabled()) {
            sink.dmaFault(what + " with PCI bus mastering disabled", io, len);
            return null;
        }
        if (!addressable(io, len)) {
            sink.dmaFault(what + " beyond the " + dmaWidth + "-bit DMA width", io, len);
            return null;
        }
        MemorySegment s = iommu.slice(io, len);
        if (s == null) {
            sink.dmaFault(what + " outside the IOMMU mappings", io, len);
        }
        return s;
    }

    private boolean addressable(long io, long len) {
        if (io < 0 || len <= 0 || io + len < io) {
            return false;
        }
        return ((io + len - 1) >>> dmaWidth) == 0;
    }
}
