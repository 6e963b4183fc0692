package io.ena4j.driver.eth;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.RegisterBar;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.RxCdescExt;
import io.ena4j.spec.eth.SqDirection;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.eth.TxCdescExt;
import io.ena4j.spec.regs.NumaReg;

import java.lang.foreign.MemorySegment;

/**
 * Driver-side state of one I/O completion queue: the ring in host DMA memory, its entry size, the free-running
 * head and expected phase, the partial-packet state of an Rx CQ, whether the device promised zero MBZ bits, and
 * the optional interrupt-unmask / NUMA registers (datapath.md §1.4, §1.5, §4, §6, §8.2, §8.5, §8.6).
 *
 * <p>The ring memory is written by an untrusted device: readers ({@link TxCompletion}, {@link RxPath}) read the
 * word holding the phase bit first with acquire semantics and check every other field before using it. The head
 * is never reported to the device (§8.3). One thread drives a CQ; set-up may throw
 * {@link IllegalArgumentException}, the data path never throws or allocates.
 */
public final class IoCq {

    private final SqDirection direction;
    private final MemorySegment ring;
    private final long ioAddress;
    private final int depth;
    private final int mask;
    private final int entrySize;
    private final boolean extended;
    private final boolean cdescMbz;
    private final RingStats stats;

    private RegisterBar bar;
    private int unmaskOffset = -1;
    private int numaOffset = -1;

    private int head;
    private int phase = 1;
    private int curRxPktCdescCount;
    private int curRxPktCdescStartIdx;

    private IoCq(SqDirection direction, DmaBuffer ring, int depth, int entrySize, boolean cdescMbz, RingStats stats) {
        if (depth < IoSq.MIN_DEPTH || depth > IoSq.MAX_DEPTH || Integer.bitCount(depth) != 1) {
            throw new IllegalArgumentException("CQ depth " + depth + " must be a power of two in ["
                    + IoSq.MIN_DEPTH + ", " + IoSq.MAX_DEPTH + "]");
        }
        long need = (long) depth * entrySize;
        if (ring == null || ring.size() < need) {
            throw new IllegalArgumentException("CQ ring memory of " + (ring == null ? 0 : ring.size())
                    + " bytes is too small: need " + need + " bytes");
        }
        if (ring.segment().maxByteAlignment() < Integer.BYTES) {
            throw new IllegalArgumentException("CQ ring memory must be 4-byte aligned for acquire reads of the"
                    + " phase word, got address 0x" + Long.toHexString(ring.segment().address()));
        }
        if (stats == null) {
            throw new IllegalArgumentException("ring stats must not be null");
        }
        this.direction = direction;
        this.ring = ring.segment();
        this.ioAddress = ring.ioAddress();
        this.depth = depth;
        this.mask = depth - 1;
        this.entrySize = entrySize;
        this.extended = direction == SqDirection.TX ? entrySize == TxCdescExt.SIZE : entrySize == RxCdescExt.SIZE;
        this.cdescMbz = cdescMbz;
        this.stats = stats;
    }

    /**
     * A Tx CQ (§4).
     *
     * @param ring      zeroed DMA memory of at least {@code depth * entrySize} bytes, 4-byte aligned
     * @param depth     a power of two in [2, 32768] (equal to the SQ depth, §1.2)
     * @param entrySize 8 ({@code tx_cdesc}) or 16 ({@code tx_cdesc_ext}, HW timestamps, §1.5)
     * @param cdescMbz  device capability CDESC_MBZ (§7.4): flags bits 7:6 are checked
     * @param stats     counters of this Tx ring (shared with its SQ)
     */
    public static IoCq tx(DmaBuffer ring, int depth, int entrySize, boolean cdescMbz, RingStats stats) {
        if (entrySize != TxCdesc.SIZE && entrySize != TxCdescExt.SIZE) {
            throw new IllegalArgumentException("Tx CQ entry size " + entrySize + " must be 8 or 16 bytes");
        }
        return new IoCq(SqDirection.TX, ring, depth, entrySize, cdescMbz, stats);
    }

    /**
     * An Rx CQ (§6).
     *
     * @param entrySize 16 ({@code rx_cdesc_base}) or 32 ({@code rx_cdesc_ext}, HW timestamps, §1.5)
     * @param cdescMbz  device capability CDESC_MBZ (§7.4): status bits 7 and 17 are checked
     */
    public static IoCq rx(DmaBuffer ring, int depth, int entrySize, boolean cdescMbz, RingStats stats) {
        if (entrySize != RxCdescBase.SIZE && entrySize != RxCdescExt.SIZE) {
            throw new IllegalArgumentException("Rx CQ entry size " + entrySize + " must be 16 or 32 bytes");
        }
        return new IoCq(SqDirection.RX, ring, depth, entrySize, cdescMbz, stats);
    }

    /**
     * Attaches the registers from the CREATE_CQ response (§1.4): {@code cq_interrupt_unmask_register_offset} and
     * {@code numa_node_register_offset} (0 = not present).
     *
     * @throws IllegalArgumentException if an offset is not 4-byte aligned inside the BAR
     */
    public IoCq registers(RegisterBar bar, int unmaskOffset, int numaOffset) {
        if (bar == null) {
            throw new IllegalArgumentException("register BAR must not be null");
        }
        checkReg(bar, unmaskOffset, "interrupt unmask");
        if (numaOffset != 0) {
            checkReg(bar, numaOffset, "NUMA node");
        }
        this.bar = bar;
        this.unmaskOffset = unmaskOffset;
        this.numaOffset = numaOffset == 0 ? -1 : numaOffset;
        return this;
    }

    private static void checkReg(RegisterBar bar, int off, String what) {
        if (off < 0 || (off & 3) != 0 || off > bar.size() - 4) {
            throw new IllegalArgumentException(what + " register offset 0x" + Integer.toHexString(off)
                    + " must be 4-byte aligned and inside the " + bar.size() + "-byte register BAR");
        }
    }

    // ---------------------------------------------------------------- accessors

    /** Tx or Rx. */
    public SqDirection direction() {
        return direction;
    }

    /** Ring size. */
    public int depth() {
        return depth;
    }

    /** Bytes per completion entry. */
    public int entrySize() {
        return entrySize;
    }

    /** True for extended (timestamp) entries: Tx 16 bytes, Rx 32 bytes (§1.5). */
    public boolean isExtended() {
        return extended;
    }

    /** True if the device has the CDESC_MBZ capability (MBZ bits are validated). */
    public boolean cdescMbz() {
        return cdescMbz;
    }

    /** IO address of the ring ({@code cq_ba} of CREATE_CQ). */
    public long ioAddress() {
        return ioAddress;
    }

    /** Free-running u16 head: next entry to consume. */
    public int head() {
        return head;
    }

    /** Phase the entry at {@link #head()} must carry to be new (§8.2). */
    public int phase() {
        return phase;
    }

    /** Rx: completion entries of a packet consumed so far without its {@code last} entry (§11.3 step 2). */
    public int curRxPktCdescCount() {
        return curRxPktCdescCount;
    }

    /** Rx: ring index of the first entry of the packet being assembled. */
    public int curRxPktCdescStartIdx() {
        return curRxPktCdescStartIdx;
    }

    /** The counters this CQ reports into. */
    public RingStats stats() {
        return stats;
    }

    /**
     * True if the entry at the head carries the expected phase, i.e. a completion is waiting (reference
     * {@code ena_com_cq_empty} inverted). Used by watchdogs (§12.3, §12.4); consumes nothing.
     */
    public boolean hasCompletion() {
        long base = headOffset();
        if (direction == SqDirection.TX) {
            return ((TxCdesc.word0Acquire(ring, base) & TxCdesc.WORD0_PHASE_MASK) != 0) == (phase == 1);
        }
        return ((RxCdescBase.statusAcquire(ring, base) & RxCdescBase.STATUS_PHASE_MASK) != 0) == (phase == 1);
    }

    // ---------------------------------------------------------------- registers

    /**
     * Writes the interrupt-unmask register (reference {@code ena_com_unmask_intr}, §8.6); build {@code value}
     * with {@code io.ena4j.spec.regs.IntrUnmask#value}.
     *
     * @return 0, or {@code -EINVAL} if no unmask register was attached with {@link #registers}
     */
    public int unmaskInterrupt(int value) {
        if (bar == null) {
            return EnaErrno.EINVAL;
        }
        bar.write32(unmaskOffset, value);
        return EnaErrno.OK;
    }

    /**
     * Writes the NUMA node register (reference {@code ena_com_update_numa_node}, §8.5): {@code node & 0xFF} with
     * the enable bit. Does nothing if the device did not provide the register.
     *
     * @return 0
     */
    public int updateNumaNode(int node) {
        if (bar != null && numaOffset >= 0) {
            bar.write32(numaOffset, NumaReg.value(node, 1));
        }
        return EnaErrno.OK;
    }

    // ---------------------------------------------------------------- package-private mechanics

    MemorySegment ring() {
        return ring;
    }

    int mask() {
        return mask;
    }

    /** Byte offset of the entry at the head. */
    long headOffset() {
        return (long) (head & mask) * entrySize;
    }

    /**
     * Stores head and expected phase after the caller consumed entries on local copies of them (§8.2: per entry
     * {@code head++} as a u16, the expected phase flipping whenever {@code head & (depth - 1)} wraps to 0). The
     * readers keep both in locals while they read the ring, since every acquire load of a phase word would
     * otherwise force the fields to be read again.
     */
    void moveHead(int head, int phase) {
        this.head = head;
        this.phase = phase;
    }

    void rxPartial(int count, int startIdx) {
        curRxPktCdescCount = count;
        curRxPktCdescStartIdx = startIdx;
    }

    /** Overwrites head/phase/partial-packet state (test replay of a recorded state). */
    void restoreState(int head, int phase, int curRxPktCdescCount, int curRxPktCdescStartIdx) {
        this.head = head & 0xFFFF;
        this.phase = phase & 1;
        this.curRxPktCdescCount = curRxPktCdescCount;
        this.curRxPktCdescStartIdx = curRxPktCdescStartIdx;
    }

    @Override
    public String toString() {
        return "IoCq[" + direction + ", depth=" + depth + ", entrySize=" + entrySize + ", head=" + head + ", phase="
                + phase + "]";
    }
}
