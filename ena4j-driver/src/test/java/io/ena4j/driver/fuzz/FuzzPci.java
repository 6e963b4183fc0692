package io.ena4j.driver.fuzz;

import io.ena4j.platform.InterruptHandler;
import io.ena4j.platform.PciConfig;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.RegisterBar;

import java.lang.foreign.MemorySegment;
import java.util.function.IntUnaryOperator;

/**
 * A minimal {@link PciFunction} for fuzz targets: BAR 0 records every write (last value per register) and hands it
 * to a listener, which plays the device (answers a readless request, consumes an admin doorbell ...); register
 * reads come from a function; DMA memory is an {@link ExactDma}. No threads, no model: the fuzz target decides
 * what the device writes, from the fuzzer's bytes.
 */
public final class FuzzPci implements PciFunction, RegisterBar {

    /** Receives every BAR 0 write, after it was recorded. */
    @FunctionalInterface
    public interface WriteListener {
        void onWrite(int offset, int value);
    }

    /** BAR 0 size: the whole readable register window of an ENA (EnaRegs.READABLE_LIMIT). */
    public static final int BAR0_SIZE = 0x1_0000;

    private final ExactDma dma = new ExactDma();
    private final int[] lastWrite = new int[BAR0_SIZE / 4];
    private final long[] writeCount = new long[BAR0_SIZE / 4];
    private final InterruptHandler[] handlers = new InterruptHandler[8];
    private WriteListener listener = (o, v) -> { };
    private IntUnaryOperator reads = o -> 0;
    private int revision;
    private MemorySegment bar2;

    public FuzzPci onWrite(WriteListener l) {
        this.listener = l;
        return this;
    }

    public FuzzPci onRead(IntUnaryOperator r) {
        this.reads = r;
        return this;
    }

    /** PCI Revision ID served from config space (bit 0 set: readless disabled, management.md §2.1). */
    public FuzzPci revision(int rev) {
        this.revision = rev & 0xFF;
        return this;
    }

    public FuzzPci bar2(MemorySegment seg) {
        this.bar2 = seg;
        return this;
    }

    /** Last value written to the register at {@code offset} (0 if never written). */
    public int lastWrite(int offset) {
        return lastWrite[offset >>> 2];
    }

    /** Number of writes to the register at {@code offset}. */
    public long writes(int offset) {
        return writeCount[offset >>> 2];
    }

    public ExactDma exactDma() {
        return dma;
    }

    public InterruptHandler handler(int vector) {
        return handlers[vector];
    }

    // ---- PciFunction ----

    @Override
    public String address() {
        return "fuzz:0";
    }

    @Override
    public int configRead32(int offset) {
        return offset == (PciConfig.REVISION_ID & ~3) ? revision << ((PciConfig.REVISION_ID & 3) * 8) : 0;
    }

    @Override
    public void configWrite32(int offset, int value) {
    }

    @Override
    public RegisterBar bar0() {
        return this;
    }

    @Override
    public MemorySegment bar2() {
        return bar2;
    }

    @Override
    public int msixVectorCount() {
        return handlers.length;
    }

    @Override
    public void setInterruptHandler(int vector, InterruptHandler handler) {
        if (vector < 0 || vector >= handlers.length) {
            throw new IllegalArgumentException("MSI-X vector " + vector);
        }
        handlers[vector] = handler;
    }

    @Override
    public ExactDma dma() {
        return dma;
    }

    @Override
    public void close() {
    }

    // ---- RegisterBar ----

    @Override
    public int read32(int offset) {
        checkOffset(offset);
        return reads.applyAsInt(offset);
    }

    @Override
    public void write32(int offset, int value) {
        checkOffset(offset);
        lastWrite[offset >>> 2] = value;
        writeCount[offset >>> 2]++;
        listener.onWrite(offset, value);
    }

    @Override
    public int size() {
        return BAR0_SIZE;
    }

    private static void checkOffset(int offset) {
        if (offset < 0 || offset > BAR0_SIZE - 4 || (offset & 3) != 0) {
            throw new AssertionError("driver accessed BAR 0 at 0x" + Integer.toHexString(offset)
                    + ": not a 4-byte aligned register inside the BAR");
        }
    }
}
