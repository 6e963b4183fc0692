package io.ena4j.spec.eth;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Acquire/release access to the 32-bit little-endian word that carries a completion entry's phase bit
 * (datapath.md §8.2): the device makes the rest of the entry visible before (or with) that word, and the driver
 * reads that word first and only then the other fields.
 *
 * <p>Uses the aligned {@link ValueLayout#JAVA_INT} layout because {@code getAcquire}/{@code setRelease} need an
 * aligned address; completion entries (8/16/32 bytes) sit at multiples of their size inside a page-aligned ring,
 * so the phase word is always 4-byte aligned. A misaligned or heap segment whose address is not 4-aligned makes
 * the access throw {@link IllegalArgumentException}: that is a programming error in ring setup, not a device fault.
 */
final class OrderedWord {

    private static final VarHandle INT_LE = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private OrderedWord() {
    }

    /** Acquire-read of the little-endian int at {@code off}. */
    static int getAcquire(MemorySegment s, long off) {
        return (int) INT_LE.getAcquire(s, off);
    }

    /** Release-write of the little-endian int at {@code off}. */
    static void setRelease(MemorySegment s, long off, int v) {
        INT_LE.setRelease(s, off, v);
    }
}
