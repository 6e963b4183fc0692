package io.ena4j.driver;

import io.ena4j.platform.DmaAllocator;
import io.ena4j.platform.DmaBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of equal packet buffers carved from one DMA allocation, with a stack of free indexes (as ixy's
 * mempool). Single-threaded: one pool belongs to one polling thread (a queue pair, or a forwarding loop that
 * serves several ports on one thread). Allocation and release are O(1) and allocate nothing.
 *
 * <p>The memory must be reachable by every device that sees the pool's buffers: for a forwarding loop between
 * two functions, allocate from a {@link DmaAllocator} both functions share (with VFIO, one container; with the
 * device model, one IOMMU).
 */
public final class PacketPool implements AutoCloseable {

    /** Headroom left in front of data by default (the Linux driver's NET_SKB_PAD). */
    public static final int DEFAULT_HEADROOM = 64;
    /** Default buffer size: a 4 KiB page, as the Linux driver posts Rx buffers (datapath.md §11.1). */
    public static final int DEFAULT_BUFFER_SIZE = 4096;
    /** Smallest buffer size accepted. */
    public static final int MIN_BUFFER_SIZE = 256;
    /** Largest buffer size accepted: the 16-bit descriptor length field caps a buffer below 64 KiB. */
    public static final int MAX_BUFFER_SIZE = 16384;

    private final DmaAllocator dma;
    private final DmaBuffer memory;
    /** {@code memory.segment()}: buffer {@code i} is its slice at {@code i * bufferSize}. */
    private final MemorySegment segment;
    private final Packet[] packets;
    private final int[] freeStack;
    private final int bufferSize;
    private final int headroom;
    private int freeCount;
    /**
     * Buffers returned by another thread (the reset worker, {@code down()}): a lock-free stack linked through
     * {@link Packet#remoteNext}, taken over by the owner thread when its own free stack runs empty. The pool stays
     * single-threaded for its owner; only this hand-over is shared.
     */
    private volatile Packet remoteHead;
    private final AtomicInteger remoteCount = new AtomicInteger();
    private static final VarHandle REMOTE_HEAD;

    static {
        try {
            REMOTE_HEAD = MethodHandles.lookup().findVarHandle(PacketPool.class, "remoteHead",
                    Packet.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private boolean closed;
    private long misuse;
    private long exhausted;

    private PacketPool(DmaAllocator dma, int count, int bufferSize, int headroom) {
        this.dma = dma;
        this.bufferSize = bufferSize;
        this.headroom = headroom;
        this.memory = dma.allocate((long) count * bufferSize);
        this.segment = memory.segment();
        this.packets = new Packet[count];
        this.freeStack = new int[count];
        for (int i = 0; i < count; i++) {
            long off = (long) i * bufferSize;
            packets[i] = new Packet(this, i, segment.asSlice(off, bufferSize), memory.ioAddress(off));
            freeStack[i] = count - 1 - i;
        }
        freeCount = count;
    }

    /**
     * A pool of {@code count} buffers of {@code bufferSize} bytes, {@code headroom} bytes reserved at the start of
     * each.
     *
     * @throws IllegalArgumentException naming the value and the accepted range when a parameter is out of range
     */
    public static PacketPool create(DmaAllocator dma, int count, int bufferSize, int headroom) {
        if (count < 1 || count > (1 << 22)) {
            throw new IllegalArgumentException("packet pool size " + count + " out of range: accepted 1.." + (1 << 22));
        }
        if (bufferSize < MIN_BUFFER_SIZE || bufferSize > MAX_BUFFER_SIZE || bufferSize % 64 != 0) {
            throw new IllegalArgumentException("packet buffer size " + bufferSize + " out of range: accepted "
                    + MIN_BUFFER_SIZE + ".." + MAX_BUFFER_SIZE + " in multiples of 64");
        }
        if (headroom < 0 || headroom > bufferSize - MIN_BUFFER_SIZE / 2) {
            throw new IllegalArgumentException("packet headroom " + headroom + " out of range: accepted 0.."
                    + (bufferSize - MIN_BUFFER_SIZE / 2));
        }
        return new PacketPool(dma, count, bufferSize, headroom);
    }

    /** A pool of {@code count} page-sized buffers with the default headroom. */
    public static PacketPool create(DmaAllocator dma, int count) {
        return create(dma, count, DEFAULT_BUFFER_SIZE, DEFAULT_HEADROOM);
    }

    /**
     * Takes a free buffer for the application, reset to an empty single segment at the headroom.
     *
     * @return the packet, or null if the pool is empty (counted in {@link #exhausted()})
     */
    public Packet alloc() {
        if (freeCount == 0 && remoteHead != null) {
            absorbRemote();
        }
        if (freeCount == 0 || closed) {
            exhausted++;
            return null;
        }
        Packet p = packets[freeStack[--freeCount]];
        p.owner = Packet.APP;
        p.offset = headroom;
        p.length = 0;
        p.packetLength = 0;
        p.segments = 1;
        p.next = null;
        p.rxHash = 0;
        p.rxFlags = 0;
        p.rxChecksum = 0;
        p.rxHashType = 0;
        p.rxTimestamp = 0;
        p.txTimestampRequested = false;
        p.txOffload = 0;
        p.txNeeds = 0;
        return p;
    }

    /**
     * Fills {@code out[0..n)} with freshly allocated packets.
     *
     * @return how many were allocated (fewer than {@code n} when the pool runs dry)
     */
    public int allocBulk(Packet[] out, int n) {
        int i = 0;
        while (i < n) {
            Packet p = alloc();
            if (p == null) {
                break;
            }
            out[i++] = p;
        }
        return i;
    }

    /**
     * Returns a packet the application owns, with every segment of its chain, to the pool. A packet the
     * application does not own (already free, posted or in flight), or one of another pool, is left alone and
     * counted in {@link #misuse()}.
     */
    public void free(Packet p) {
        if (p == null || p.pool != this || !chainOwnedByApp(p)) {
            misuse++;
            return;
        }
        releaseChain(p);
    }

    /** True if the application owns every segment of the chain starting at {@code p} (and the chain ends). */
    static boolean chainOwnedByApp(Packet p) {
        int n = 0;
        for (Packet s = p; s != null; s = s.next) {
            if (s.owner != Packet.APP || ++n > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * Frees a whole chain regardless of the application/driver boundary; the caller has checked ownership. Every
     * segment goes back to its own pool (a chain may mix pools). A segment already free is skipped, so a buffer is
     * never pushed twice.
     */
    void release(Packet head) {
        releaseChain(head);
    }

    /**
     * Returns a whole chain from a thread that does not own the pools (the reset worker or {@code down()}, while the
     * application keeps using them): every segment is pushed on its pool's remote stack, which the owner takes over
     * at its next allocation that finds its own stack empty. Allocation-free and lock-free.
     */
    static void releaseChainRemote(Packet head) {
        Packet p = head;
        while (p != null) {
            Packet n = p.next;
            p.next = null;
            if (p.owner != Packet.FREE) {
                p.owner = Packet.FREE;
                p.pool.pushRemote(p);
            }
            p = n;
        }
    }

    private void pushRemote(Packet p) {
        Packet h;
        do {
            h = remoteHead;
            p.remoteNext = h;
        } while (!REMOTE_HEAD.compareAndSet(this, h, p));
        remoteCount.incrementAndGet();
    }

    /** Owner thread: moves every remotely returned buffer onto the free stack. */
    private void absorbRemote() {
        Packet p = (Packet) REMOTE_HEAD.getAndSet(this, null);
        int n = 0;
        while (p != null) {
            Packet next = p.remoteNext;
            p.remoteNext = null;
            freeStack[freeCount++] = p.index;
            n++;
            p = next;
        }
        remoteCount.addAndGet(-n);
    }

    /** As {@link #release}, for a chain whose pools the caller does not know. */
    static void releaseChain(Packet head) {
        Packet p = head;
        while (p != null) {
            Packet n = p.next;
            if (n != null) {
                p.next = null;
            }
            if (p.owner != Packet.FREE) {
                p.owner = Packet.FREE;
                PacketPool pool = p.pool;
                pool.freeStack[pool.freeCount++] = p.index;
            }
            p = n;
        }
    }

    /** Takes a free buffer on behalf of the driver (Rx refill); {@code owner} becomes {@link Packet#RX_POSTED}. */
    Packet allocForRx() {
        if (freeCount == 0 && remoteHead != null) {
            absorbRemote();
        }
        if (freeCount == 0 || closed) {
            exhausted++;
            return null;
        }
        Packet p = packets[freeStack[--freeCount]];
        p.owner = Packet.RX_POSTED;
        // Free buffers never keep a link (release clears it); the store is skipped to leave the line clean.
        if (p.next != null) {
            p.next = null;
        }
        return p;
    }

    /** The whole pool memory; buffer {@code i} is its slice at {@code i * bufferSize}. */
    MemorySegment memory() {
        return segment;
    }

    /** Counts an ownership violation found by the driver on this pool's buffers. */
    void countMisuse() {
        misuse++;
    }

    /** Buffer size in bytes. */
    public int bufferSize() {
        return bufferSize;
    }

    /** Headroom reserved in front of data, bytes. */
    public int headroom() {
        return headroom;
    }

    /** Total buffers. */
    public int capacity() {
        return packets.length;
    }

    /** Buffers currently free. */
    public int available() {
        return freeCount + remoteCount.get();
    }

    /** Ownership violations seen (freeing or sending a packet the application does not own). */
    public long misuse() {
        return misuse;
    }

    /** Allocations that found the pool empty. */
    public long exhausted() {
        return exhausted;
    }

    /** The buffer with index {@code i} (for diagnostics and tests). */
    public Packet packet(int i) {
        return packets[i];
    }

    /** True once {@link #close()} ran: its buffers can no longer be sent or posted. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Releases the pool's DMA memory. No buffer may belong to a device (posted for Rx or in flight for Tx): bring
     * the interfaces that use the pool down first. Buffers the application still holds become unusable.
     *
     * @throws IllegalStateException naming how many buffers a device still owns, if any (nothing is released)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        int deviceOwned = 0;
        for (Packet p : packets) {
            if (p.owner == Packet.RX_POSTED || p.owner == Packet.TX_IN_FLIGHT) {
                deviceOwned++;
            }
        }
        if (deviceOwned > 0) {
            throw new IllegalStateException("packet pool still has " + deviceOwned + " of " + packets.length
                    + " buffers posted or in flight on a device; bring the interfaces down before closing it");
        }
        closed = true;
        dma.free(memory);
    }
}
