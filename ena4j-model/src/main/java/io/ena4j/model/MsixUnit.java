package io.ena4j.model;

import io.ena4j.platform.InterruptHandler;
import io.ena4j.platform.PciConfig;
import io.ena4j.spec.Le;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * MSI-X delivery (management.md §2.3; PCI 3.0 §6.8.2): the vector table (address, data, vector control per vector),
 * the pending-bit array, per-vector auto-masking for I/O vectors, and the host-side callbacks that stand in for the
 * message write.
 *
 * <p>A message on vector v is sent only if MSI-X is enabled in config space, the function is not masked and table
 * entry v's vector-control bit 0 is clear; otherwise its PBA bit is set and the message is sent when the blocking
 * condition clears ({@link #recheck}). Table entries come out of reset masked, as PCI requires;
 * {@link ModelPciFunction} unmasks an entry when a handler is attached, as the host OS does behind VFIO.
 *
 * <p>Auto-mask (§2.3, datapath.md §1.3) is the device's own state, not PCI's: I/O vectors are auto-masked by
 * {@link IoVector} before they get here. The management vector 0 is never auto-masked (§2.3 [inferred]: the driver
 * never re-arms it).
 *
 * <p>State is guarded by the device lock, except the handler table (set from any thread), {@link #deliver}, which
 * runs without the lock, and {@link #entryMasked}, which the data path reads without the lock (a racy read of the
 * table memory: a stale answer only sends the message through the locked path).
 */
final class MsixUnit {

    private static final long VECTOR_CONTROL = 12;

    private final int vectors;
    private final MemorySegment table;
    private final MemorySegment pba;
    private final boolean[] pending;
    private final AtomicReferenceArray<InterruptHandler> handlers;
    private final ModelCounters counters;

    /**
     * @param table the table storage: private memory for a BAR 0 table, a slice of BAR 2 otherwise
     * @param pba   the PBA storage, likewise
     */
    MsixUnit(int vectors, MemorySegment table, MemorySegment pba, ModelCounters counters) {
        this.vectors = vectors;
        this.table = table;
        this.pba = pba;
        this.pending = new boolean[vectors];
        this.handlers = new AtomicReferenceArray<>(vectors);
        this.counters = counters;
        for (int v = 0; v < vectors; v++) {
            Le.u32(table, v * 16L + VECTOR_CONTROL, PciConfig.MSIX_VECTOR_CTRL_MASKED);
        }
    }

    int vectors() {
        return vectors;
    }

    MemorySegment table() {
        return table;
    }

    MemorySegment pba() {
        return pba;
    }

    /** Attaches (or detaches, {@code null}) the host handler of {@code vector}; callable from any thread. */
    void setHandler(int vector, InterruptHandler h) {
        handlers.set(vector, h);
    }

    /** Clears or sets the table entry's vector-control mask bit (what the host OS does when it attaches an IRQ). */
    void setEntryMasked(int vector, boolean masked) {
        long off = vector * 16L + VECTOR_CONTROL;
        int ctl = Le.u32(table, off);
        Le.u32(table, off, masked ? ctl | PciConfig.MSIX_VECTOR_CTRL_MASKED : ctl & ~PciConfig.MSIX_VECTOR_CTRL_MASKED);
    }

    boolean entryMasked(int vector) {
        return (Le.u32(table, vector * 16L + VECTOR_CONTROL) & PciConfig.MSIX_VECTOR_CTRL_MASKED) != 0;
    }

    boolean pending(int vector) {
        return pending[vector];
    }

    /** True if any vector has its PBA bit set. Device lock held. */
    boolean anyPending() {
        for (boolean p : pending) {
            if (p) {
                return true;
            }
        }
        return false;
    }

    /**
     * Raises {@code vector}: adds it to {@code out} if it can be sent now, else marks it pending. Device lock held.
     */
    void raise(int vector, ConfigSpace cfg, VectorList out) {
        if (vector < 0 || vector >= vectors) {
            return; // CREATE_CQ validated the vector; nothing else raises arbitrary vectors
        }
        if (blocked(vector, cfg)) {
            if (!pending[vector]) {
                setPending(vector, true);
            }
            counters.msixHeld();
            return;
        }
        out.add(vector);
    }

    /** Sends every pending vector that is no longer blocked. Device lock held. */
    void recheck(ConfigSpace cfg, VectorList out) {
        for (int v = 0; v < vectors; v++) {
            if (pending[v] && !blocked(v, cfg)) {
                setPending(v, false);
                out.add(v);
            }
        }
    }

    /** Calls the handler of {@code vector}. Must be called WITHOUT the device lock. */
    void deliver(int vector) {
        InterruptHandler h = handlers.get(vector);
        if (h == null) {
            counters.msixDrop();
            return;
        }
        counters.interrupt(vector);
        h.onInterrupt(vector);
    }

    private boolean blocked(int v, ConfigSpace cfg) {
        return !cfg.msixEnabled() || cfg.msixFunctionMasked() || entryMasked(v);
    }

    private void setPending(int v, boolean on) {
        pending[v] = on;
        long byteOff = v / 8;
        int bit = 1 << (v % 8);
        int b = Le.u8(pba, byteOff);
        Le.u8(pba, byteOff, on ? b | bit : b & ~bit);
    }
}
