package io.ena4j.driver.eth;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.RegisterBar;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.eth.LlqEntry;
import io.ena4j.spec.eth.PlacementPolicy;
import io.ena4j.spec.eth.SqDirection;
import io.ena4j.spec.eth.TxDesc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Driver-side state of one I/O submission queue: the ring (host DMA memory, or the SQ's LLQ window in BAR 2),
 * the free-running tail / next-to-complete counters and phase, the LLQ bounce buffers and burst budget, the Tx meta
 * cache and the doorbell register (datapath.md §1.4, §3.3, §8.2–§8.4, §9).
 *
 * <p>One thread drives an SQ (no locks). Set-up (construction, configuration) may throw
 * {@link IllegalArgumentException} with a message naming the bad value; nothing on the data path throws or
 * allocates. The descriptor algorithms live in {@link TxPrepare} (Tx) and {@link RxPath} (Rx).
 *
 * <h2>Counters (§8.3)</h2>
 * {@code tail} counts descriptors (host) or LLQ entries written since creation, {@code nextToComp} those known to
 * be released, both as u16 values; {@code used = (tail - nextToComp) & 0xFFFF}, {@code free = depth - 1 - used}:
 * one slot always stays empty. {@code phase} starts at 1 and flips each time {@code tail} wraps to slot 0.
 *
 * <h2>LLQ (§9.4)</h2>
 * Descriptors and the pushed header are assembled in one of 4 bounce buffers; a complete entry is copied whole to
 * {@code llq_descriptors_offset + (tail & (depth-1)) * entrySize} with ascending 64-bit stores, then {@code tail}
 * advances. The bounce state ({@code bounceNextToUse}, current buffer, descriptors in it, slots left in the line)
 * mirrors the reference so it can be checked against the vectors.
 */
public final class IoSq {

    /** Smallest accepted depth (one slot is always kept free, so 2 is the least useful ring). */
    public static final int MIN_DEPTH = 2;
    /** Largest accepted depth: the largest power of two a u16 {@code sq_depth} can carry. */
    public static final int MAX_DEPTH = 32768;

    private static final int DESC_SIZE = (int) TxDesc.SIZE;
    private static final int BOUNCE_BUFFERS = LlqEntry.BOUNCE_BUFFERS_PER_SQ;

    private final SqDirection direction;
    private final PlacementPolicy placement;
    private final int depth;
    private final int mask;
    /** Host: the descriptor ring (offset 0). LLQ: the BAR 2 window holding this SQ's entries at {@link #llqBase}. */
    private final MemorySegment ring;
    private final long ioAddress;
    private final long llqBase;
    private final LlqInfo llq;
    private final int entrySize;
    private final int descsPerLine;
    private final MemorySegment bounce;
    private final MemorySegment[] bounceLines;
    private final RegisterBar bar;
    private final int doorbellOffset;
    private final RingStats stats;

    // ---- LLQ layout copied into finals (0 for host placement): read per descriptor, so kept one load away ----
    private final int llqDescsBeforeHeader;
    private final int llqDescsPerEntry;
    /** log2 of {@link #llqDescsPerEntry} when it is a power of two (every size but 192-byte entries), else -1. */
    private final int llqDescsPerEntryShift;
    private final int llqMaxEntriesInTxBurst;
    private final long llqHeaderOffset;

    // ---- configuration (set-up time) ----
    private int dmaAddrBits;
    private int addrShift;
    private long addrHiMask;
    private DmaAddressCheck addressCheck = DmaAddressCheck.REJECT;
    private int txMaxHeaderSize;
    private boolean disableMetaCaching;

    // ---- ring state ----
    private int tail;
    private int phase = 1;
    private int nextToComp;

    // ---- LLQ state ----
    private int entriesInTxBurstLeft;
    private int bounceNextToUse;
    private int bounceCurrIndex;
    private int pktDescIdx;
    private int descsLeftInLine;

    // ---- Tx meta cache (§3.3), u16 values like the reference struct ena_com_tx_meta ----
    private int cachedMss;
    private int cachedL3HdrLen;
    private int cachedL3HdrOffset;
    private int cachedL4HdrLen;

    private IoSq(SqDirection direction, PlacementPolicy placement, int depth, MemorySegment ring, long ioAddress,
            long llqBase, LlqInfo llq, int dmaAddrBits, int txMaxHeaderSize, RegisterBar bar, int doorbellOffset,
            RingStats stats) {
        checkDepth(depth);
        if (bar == null || stats == null) {
            throw new IllegalArgumentException("register BAR and ring stats must not be null");
        }
        if (doorbellOffset < 0 || (doorbellOffset & 3) != 0 || doorbellOffset > bar.size() - 4) {
            throw new IllegalArgumentException("doorbell offset 0x" + Integer.toHexString(doorbellOffset)
                    + " must be 4-byte aligned and inside the " + bar.size() + "-byte register BAR");
        }
        this.direction = direction;
        this.placement = placement;
        this.depth = depth;
        this.mask = depth - 1;
        this.ring = ring;
        this.ioAddress = ioAddress;
        this.llqBase = llqBase;
        this.llq = llq;
        this.bar = bar;
        this.doorbellOffset = doorbellOffset;
        this.stats = stats;
        dmaAddressBits(dmaAddrBits);
        if (llq != null) {
            this.entrySize = llq.entrySize();
            this.descsPerLine = llq.descStrideCtrl() == LlqFeature.Stride.SINGLE_DESC_PER_ENTRY
                    ? 1 : entrySize / DESC_SIZE;
            // Native, cache-line aligned: descriptor words are built with plain little-endian stores (a heap
            // segment would pay a base-object and alignment check on every access), and each entry goes to
            // the device as one bulk copy of whole cache lines.
            this.bounce = Arena.ofAuto().allocate((long) BOUNCE_BUFFERS * entrySize, 64);
            this.bounceLines = new MemorySegment[BOUNCE_BUFFERS];
            for (int i = 0; i < BOUNCE_BUFFERS; i++) {
                bounceLines[i] = bounce.asSlice((long) i * entrySize, entrySize);
            }
            this.disableMetaCaching = llq.disableMetaCaching();
            this.llqDescsBeforeHeader = llq.descsNumBeforeHeader();
            this.llqDescsPerEntry = llq.descsPerEntry();
            this.llqDescsPerEntryShift = Integer.bitCount(llqDescsPerEntry) == 1
                    ? Integer.numberOfTrailingZeros(llqDescsPerEntry) : -1;
            this.llqMaxEntriesInTxBurst = llq.maxEntriesInTxBurst();
            this.llqHeaderOffset = llq.headerOffset();
            this.entriesInTxBurstLeft = llq.maxEntriesInTxBurst();
            // Reference ena_com_init_io_sq: take bounce buffer 0 as the current one.
            this.bounceCurrIndex = 0;
            this.bounceNextToUse = 1;
            this.pktDescIdx = 0;
            this.descsLeftInLine = llq.descsNumBeforeHeader();
        } else {
            this.entrySize = DESC_SIZE;
            this.descsPerLine = 0;
            this.bounce = null;
            this.bounceLines = null;
            this.llqDescsBeforeHeader = 0;
            this.llqDescsPerEntry = 0;
            this.llqDescsPerEntryShift = -1;
            this.llqMaxEntriesInTxBurst = 0;
            this.llqHeaderOffset = 0;
        }
        txMaxHeaderSize(txMaxHeaderSize);
    }

    /**
     * A Tx SQ with host placement (§1.4 placement 1).
     *
     * @param ring            zeroed DMA memory of at least {@code depth * 16} bytes
     * @param depth           ring size, a power of two in [{@value #MIN_DEPTH}, {@value #MAX_DEPTH}]
     * @param txMaxHeaderSize device {@code max_header_size} for host mode (§9.5), 0..256
     * @param dmaAddrBits     device DMA address width from CAPS (§1.1), 32..64
     * @param bar             register BAR 0
     * @param doorbellOffset  {@code sq_doorbell_offset} from CREATE_SQ
     * @param stats           counters of this Tx ring (shared with its CQ)
     */
    public static IoSq txHost(DmaBuffer ring, int depth, int txMaxHeaderSize, int dmaAddrBits, RegisterBar bar,
            int doorbellOffset, RingStats stats) {
        checkDepth(depth);
        checkRing(ring, (long) depth * DESC_SIZE);
        return new IoSq(SqDirection.TX, PlacementPolicy.HOST, depth, ring.segment(), ring.ioAddress(), 0, null,
                dmaAddrBits, txMaxHeaderSize, bar, doorbellOffset, stats);
    }

    /**
     * A Tx SQ in LLQ (device) placement (§9). The per-queue header limit is the layout's
     * {@link LlqInfo#txMaxHeaderSize()}.
     *
     * @param llqMemory            the LLQ memory BAR (BAR 2) or a window of it
     * @param llqDescriptorsOffset {@code llq_descriptors_offset} from CREATE_SQ, relative to {@code llqMemory}
     * @param depth                number of LLQ entries, a power of two in [{@value #MIN_DEPTH}, {@value #MAX_DEPTH}]
     * @param llq                  the negotiated LLQ layout
     */
    public static IoSq txLlq(MemorySegment llqMemory, long llqDescriptorsOffset, int depth, LlqInfo llq,
            int dmaAddrBits, RegisterBar bar, int doorbellOffset, RingStats stats) {
        checkDepth(depth);
        if (llq == null || llqMemory == null) {
            throw new IllegalArgumentException("LLQ layout and LLQ memory must not be null");
        }
        long need = (long) depth * llq.entrySize();
        if (llqDescriptorsOffset < 0 || (llqDescriptorsOffset & 7) != 0
                || llqDescriptorsOffset > llqMemory.byteSize() - need) {
            throw new IllegalArgumentException("LLQ descriptors offset 0x" + Long.toHexString(llqDescriptorsOffset)
                    + " must be 8-byte aligned with room for " + depth + " entries of " + llq.entrySize()
                    + " bytes inside the " + llqMemory.byteSize() + "-byte LLQ memory");
        }
        return new IoSq(SqDirection.TX, PlacementPolicy.DEV, depth, llqMemory, -1, llqDescriptorsOffset, llq,
                dmaAddrBits, llq.txMaxHeaderSize(), bar, doorbellOffset, stats);
    }

    /**
     * An Rx SQ (always host placement, §1.4).
     *
     * @param ring zeroed DMA memory of at least {@code depth * 16} bytes
     */
    public static IoSq rx(DmaBuffer ring, int depth, int dmaAddrBits, RegisterBar bar, int doorbellOffset,
            RingStats stats) {
        checkDepth(depth);
        checkRing(ring, (long) depth * DESC_SIZE);
        return new IoSq(SqDirection.RX, PlacementPolicy.HOST, depth, ring.segment(), ring.ioAddress(), 0, null,
                dmaAddrBits, 0, bar, doorbellOffset, stats);
    }

    private static void checkDepth(int depth) {
        if (depth < MIN_DEPTH || depth > MAX_DEPTH || Integer.bitCount(depth) != 1) {
            throw new IllegalArgumentException("queue depth " + depth + " must be a power of two in ["
                    + MIN_DEPTH + ", " + MAX_DEPTH + "]");
        }
    }

    private static void checkRing(DmaBuffer ring, long need) {
        if (ring == null || ring.size() < need) {
            throw new IllegalArgumentException("ring memory of " + (ring == null ? 0 : ring.size())
                    + " bytes is too small: need " + need + " bytes");
        }
    }

    // ---------------------------------------------------------------- configuration

    /**
     * Sets the device DMA address width (§1.1, CAPS bits 15:8).
     *
     * @throws IllegalArgumentException if {@code bits} is outside [32, 64]
     */
    public IoSq dmaAddressBits(int bits) {
        if (bits < 32 || bits > 64) {
            throw new IllegalArgumentException("DMA address width " + bits + " bits is out of range [32, 64]");
        }
        this.dmaAddrBits = bits;
        // Descriptors carry at most 48 address bits (32 low + 16 high, §1.1).
        this.addrShift = Math.min(bits, 48);
        // Reference: paddr & GENMASK_ULL(dma_addr_bits - 1, 32), then >> 32 and & 0xFFFF.
        this.addrHiMask = bits == 64 ? -1L << 32 : ((1L << bits) - 1) & (-1L << 32);
        return this;
    }

    /** What to do with buffer addresses wider than the DMA width; default {@link DmaAddressCheck#REJECT}. */
    public IoSq dmaAddressCheck(DmaAddressCheck check) {
        if (check == null) {
            throw new IllegalArgumentException("DMA address check must not be null");
        }
        this.addressCheck = check;
        return this;
    }

    /**
     * Sets the per-queue Tx header limit (§9.5).
     *
     * <p>Decision: 256 is accepted like the reference (the vectors use it for host mode), but
     * {@link TxPrepare#prepareTx} still refuses a header length above 255, which the 8-bit
     * {@code header_length} field cannot carry; the reference would silently write 0 (§9.5 driver quirk).
     *
     * @throws IllegalArgumentException if {@code size} is outside [0, 256]
     */
    public IoSq txMaxHeaderSize(int size) {
        if (size < 0 || size > 256) {
            throw new IllegalArgumentException("Tx max header size " + size + " is out of range [0, 256]");
        }
        this.txMaxHeaderSize = size;
        return this;
    }

    // ---------------------------------------------------------------- accessors

    /** Tx or Rx. */
    public SqDirection direction() {
        return direction;
    }

    /** Host or device (LLQ) placement. */
    public PlacementPolicy placement() {
        return placement;
    }

    /** True for an LLQ SQ. */
    public boolean isLlq() {
        return llq != null;
    }

    /** Ring size (descriptors, or LLQ entries). */
    public int depth() {
        return depth;
    }

    /** IO address of the host ring ({@code sq_ba} of CREATE_SQ); -1 for LLQ. */
    public long ioAddress() {
        return ioAddress;
    }

    /** The LLQ layout, or {@code null} for host placement. */
    public LlqInfo llqInfo() {
        return llq;
    }

    /** Free-running u16 tail: next slot to write; the value the doorbell carries (§8.4). */
    public int tail() {
        return tail;
    }

    /** Current SQ phase (§8.2). */
    public int phase() {
        return phase;
    }

    /** Free-running u16 count of slots known to be released (§8.3). */
    public int nextToComp() {
        return nextToComp;
    }

    /** Slots in use: {@code (tail - nextToComp) & 0xFFFF}. */
    public int usedEntries() {
        return (tail - nextToComp) & 0xFFFF;
    }

    /** Free slots: {@code depth - 1 - used} (negative only if the caller acknowledged too little). */
    public int freeEntries() {
        return depth - 1 - usedEntries();
    }

    /**
     * The reference space check {@code ena_com_sq_have_enough_space} (§8.3): host mode {@code free >= n}; LLQ
     * (approximate) {@code free > n / descsPerEntry + 2}. The LLQ division is a shift when descs_per_entry is a
     * power of two (same result for {@code n >= 0}); it runs twice per packet.
     */
    public boolean haveEnoughSpace(int requiredBuffers) {
        int free = freeEntries();
        if (llq == null) {
            return free >= requiredBuffers;
        }
        int lines = llqDescsPerEntryShift >= 0 && requiredBuffers >= 0
                ? requiredBuffers >>> llqDescsPerEntryShift : requiredBuffers / llqDescsPerEntry;
        return free > lines + 2;
    }

    /** Remaining LLQ entries before a doorbell is required (§9.7); meaningful only with a burst limit. */
    public int entriesInTxBurstLeft() {
        return entriesInTxBurstLeft;
    }

    /** Device DMA address width in bits. */
    public int dmaAddressBits() {
        return dmaAddrBits;
    }

    /** The configured address policy. */
    public DmaAddressCheck dmaAddressCheck() {
        return addressCheck;
    }

    /** Per-queue Tx header limit (§9.5). */
    public int txMaxHeaderSize() {
        return txMaxHeaderSize;
    }

    /** True if every packet carries a meta descriptor (§3.3 rule 1). */
    public boolean disableMetaCaching() {
        return disableMetaCaching;
    }

    /** The counters this SQ reports into. */
    public RingStats stats() {
        return stats;
    }

    /** Doorbell register offset in BAR 0. */
    public int doorbellOffset() {
        return doorbellOffset;
    }

    // ---------------------------------------------------------------- doorbell

    /**
     * Rings the doorbell with the current tail (§8.4): every descriptor / LLQ entry written before is published
     * first (release fence; the register write itself is ordered after earlier stores, see {@link RegisterBar}),
     * then {@code tail} is written, {@code doorbells} counted, and the LLQ burst budget refilled (§9.7).
     *
     * @return 0
     */
    public int writeDoorbell() {
        VarHandle.releaseFence();
        bar.write32(doorbellOffset, tail);
        stats.increment(RingCounter.DOORBELLS);
        if (llqMaxEntriesInTxBurst > 0) {
            entriesInTxBurstLeft = llqMaxEntriesInTxBurst;
        }
        return EnaErrno.OK;
    }

    // ---------------------------------------------------------------- package-private ring mechanics

    /** Segment descriptors are built in: the host ring, or the LLQ bounce buffers. */
    MemorySegment descSegment() {
        return llq == null ? ring : bounce;
    }

    /**
     * Offset in {@link #descSegment()} of the next descriptor slot (reference {@code get_sq_desc}); for LLQ it
     * also claims the slot in the current line. Returns -1 if an LLQ line has no slot left, which only happens
     * after an earlier failure left the SQ mid-packet (the reference would write past the bounce buffer).
     */
    long nextDescOffset() {
        if (llq == null) {
            return (long) (tail & mask) * DESC_SIZE;
        }
        if (descsLeftInLine <= 0 || (pktDescIdx + 1) * DESC_SIZE > entrySize) {
            return -1;
        }
        long off = (long) bounceCurrIndex * entrySize + (long) pktDescIdx * DESC_SIZE;
        pktDescIdx++;
        descsLeftInLine--;
        return off;
    }

    /**
     * Advances past the descriptor just written (reference {@code ena_com_sq_update_tail}): host mode bumps
     * {@code tail}; LLQ flushes the line to the device once it is full and starts a continuation line.
     *
     * @return 0, or {@code -ENOSPC} if the LLQ burst budget is exhausted (§9.7)
     */
    int updateTail() {
        if (llq == null) {
            advanceTail();
            return EnaErrno.OK;
        }
        if (descsLeftInLine != 0) {
            return EnaErrno.OK;
        }
        return nextLine();
    }

    /** The LLQ line is full: flush it and continue in a fresh bounce buffer (out of line: bulk copy and fill). */
    private int nextLine() {
        int rc = flushLine();
        if (rc != EnaErrno.OK) {
            return rc;
        }
        nextBounceBuffer();
        pktDescIdx = 0;
        descsLeftInLine = descsPerLine;
        return EnaErrno.OK;
    }

    /**
     * Ends the packet (reference {@code ena_com_close_bounce_buffer}): a partly filled LLQ line is flushed and a
     * fresh bounce buffer taken; the next packet starts a new entry with the leading-descriptor budget.
     */
    int closeLine() {
        if (llq == null) {
            return EnaErrno.OK;
        }
        if (pktDescIdx != 0) {
            int rc = flushLine();
            if (rc != EnaErrno.OK) {
                return rc;
            }
            nextBounceBuffer();
        }
        pktDescIdx = 0;
        descsLeftInLine = llqDescsBeforeHeader;
        return EnaErrno.OK;
    }

    /** True when an LLQ SQ sits at a packet boundary (always true for host placement). */
    boolean atPacketStart() {
        return llq == null || (pktDescIdx == 0 && descsLeftInLine == llqDescsBeforeHeader);
    }

    /** Offset of the pushed header in the current bounce buffer. */
    long headerOffsetInBounce() {
        return (long) bounceCurrIndex * entrySize + llqHeaderOffset;
    }

    /**
     * Stores one 16-byte descriptor at {@code off} of {@code seg} as two little-endian 64-bit words: words 0|1
     * then 2|3 (byte-for-byte what four 32-bit stores would write, in two bounds-checked accesses instead of four).
     */
    static void putDesc(MemorySegment seg, long off, int w0, int w1, int w2, int w3) {
        seg.set(Le.U64, off, (w0 & 0xFFFF_FFFFL) | ((long) w1 << 32));
        seg.set(Le.U64, off + 8, (w2 & 0xFFFF_FFFFL) | ((long) w3 << 32));
    }

    /** LLQ descriptors before the header in a packet's first entry (0 for host placement). */
    int llqDescsBeforeHeader() {
        return llqDescsBeforeHeader;
    }

    /** LLQ descriptors per continuation entry (0 for host placement). */
    int llqDescsPerEntry() {
        return llqDescsPerEntry;
    }

    /** LLQ entries allowed between two doorbells, 0 for no limit (and for host placement). */
    int llqMaxEntriesInTxBurst() {
        return llqMaxEntriesInTxBurst;
    }

    /** LLQ offset of the pushed header inside an entry (0 for host placement). */
    long llqHeaderOffset() {
        return llqHeaderOffset;
    }

    /** LLQ entry size in bytes (16 for host placement: one descriptor). */
    int entrySize() {
        return entrySize;
    }

    /** True if {@code addr} fits the device DMA width (and the 48 bits a descriptor carries). */
    boolean addressFits(long addr) {
        return (addr >>> addrShift) == 0;
    }

    /** Descriptor {@code addr_hi} half of {@code addr}, masked like the reference. */
    int addressHi(long addr) {
        return (int) ((addr & addrHiMask) >>> 32) & 0xFFFF;
    }

    /** Reference {@code ena_com_meta_desc_changed} for a meta-valid context: bytewise compare of the u16 tuple. */
    boolean metaDiffers(TxContext ctx) {
        return cachedMss != (ctx.mss & 0xFFFF) || cachedL3HdrLen != (ctx.l3HdrLen & 0xFFFF)
                || cachedL3HdrOffset != (ctx.l3HdrOffset & 0xFFFF) || cachedL4HdrLen != (ctx.l4HdrLen & 0xFFFF);
    }

    /** Stores the context's meta tuple in the cache (u16 values). */
    void cacheMeta(TxContext ctx) {
        cachedMss = ctx.mss & 0xFFFF;
        cachedL3HdrLen = ctx.l3HdrLen & 0xFFFF;
        cachedL3HdrOffset = ctx.l3HdrOffset & 0xFFFF;
        cachedL4HdrLen = ctx.l4HdrLen & 0xFFFF;
    }

    /** Releases {@code slots} SQ slots (reference {@code ena_com_comp_ack}). */
    void release(int slots) {
        nextToComp = (nextToComp + slots) & 0xFFFF;
    }

    private void advanceTail() {
        tail = (tail + 1) & 0xFFFF;
        if ((tail & mask) == 0) {
            phase ^= 1;
        }
    }

    /**
     * Copies the current bounce buffer, whole, to the entry at {@code tail} with ascending 64-bit stores, after
     * charging the burst budget (reference {@code ena_com_write_bounce_buffer_to_dev}, §9.4, §9.7).
     */
    private int flushLine() {
        if (llqMaxEntriesInTxBurst > 0) {
            if (entriesInTxBurstLeft == 0) {
                return EnaErrno.ENOSPC;
            }
            entriesInTxBurstLeft--;
        }
        // One bulk copy of the whole entry into device memory (write-combining BAR 2 on hardware).
        MemorySegment.copy(bounceLines[bounceCurrIndex], 0, ring, llqBase + (long) (tail & mask) * entrySize,
                entrySize);
        advanceTail();
        return EnaErrno.OK;
    }

    /** Rotates to the next of the 4 bounce buffers and zeroes it (§9.4 step 1). */
    private void nextBounceBuffer() {
        bounceCurrIndex = bounceNextToUse & (BOUNCE_BUFFERS - 1);
        bounceNextToUse = (bounceNextToUse + 1) & 0xFFFF;
        bounceLines[bounceCurrIndex].fill((byte) 0);
    }

    // ---------------------------------------------------------------- state access for tests and diagnostics

    int bounceNextToUse() {
        return bounceNextToUse;
    }

    int bounceCurrIndex() {
        return bounceCurrIndex;
    }

    int pktDescIdx() {
        return pktDescIdx;
    }

    int descsLeftInLine() {
        return descsLeftInLine;
    }

    int cachedMss() {
        return cachedMss;
    }

    int cachedL3HdrLen() {
        return cachedL3HdrLen;
    }

    int cachedL3HdrOffset() {
        return cachedL3HdrOffset;
    }

    int cachedL4HdrLen() {
        return cachedL4HdrLen;
    }

    MemorySegment bounceBuffers() {
        return bounce;
    }

    /** Overwrites the ring counters (test replay of a recorded state). */
    void restoreState(int tail, int phase, int nextToComp) {
        this.tail = tail & 0xFFFF;
        this.phase = phase & 1;
        this.nextToComp = nextToComp & 0xFFFF;
    }

    /** Overwrites the LLQ bookkeeping (test replay of a recorded state). */
    void restoreLlqState(int entriesInTxBurstLeft, int bounceNextToUse, int bounceCurrIndex, int pktDescIdx,
            int descsLeftInLine) {
        this.entriesInTxBurstLeft = entriesInTxBurstLeft;
        this.bounceNextToUse = bounceNextToUse & 0xFFFF;
        this.bounceCurrIndex = bounceCurrIndex & (BOUNCE_BUFFERS - 1);
        this.pktDescIdx = pktDescIdx;
        this.descsLeftInLine = descsLeftInLine;
    }

    /** Overwrites the meta cache (test replay of a recorded state). */
    void restoreMetaCache(int mss, int l3HdrLen, int l3HdrOffset, int l4HdrLen, boolean disableMetaCaching) {
        this.cachedMss = mss & 0xFFFF;
        this.cachedL3HdrLen = l3HdrLen & 0xFFFF;
        this.cachedL3HdrOffset = l3HdrOffset & 0xFFFF;
        this.cachedL4HdrLen = l4HdrLen & 0xFFFF;
        this.disableMetaCaching = disableMetaCaching;
    }

    @Override
    public String toString() {
        return "IoSq[" + direction + ", " + placement + ", depth=" + depth + ", tail=" + tail + ", phase=" + phase
                + ", nextToComp=" + nextToComp + "]";
    }
}
