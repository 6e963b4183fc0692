package io.ena4j.driver;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.driver.eth.IoCq;
import io.ena4j.driver.eth.IoSq;
import io.ena4j.driver.eth.RingCounter;
import io.ena4j.driver.eth.RingStats;
import io.ena4j.driver.eth.TxCompletion;
import io.ena4j.driver.eth.TxCompletionInfo;
import io.ena4j.driver.eth.TxContext;
import io.ena4j.driver.eth.TxPrepare;
import io.ena4j.platform.Clock;
import io.ena4j.spec.regs.ResetReason;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The Tx half of a queue pair (datapath.md §10): takes packets from the application, writes their descriptors
 * (host ring or LLQ entries), rings the doorbell once per burst (or earlier when the LLQ burst budget says so),
 * and returns buffers to their pool when the device reports completion.
 *
 * <p><b>Single-threaded by contract</b>: one thread calls {@link #send} and {@link #clean} (the pair's polling thread);
 * a cheap owner-thread check can be switched on ({@code -Dena4j.queue.checkOwner=true}). Allocation-free, lock-free,
 * exception-free, before, during and after a reset: while the driver resets the device the calls return 0, and
 * afterwards the same object works on the new rings (its {@link QueueGate} keeps the reset worker and the poller
 * apart). Every segment of a chain must be owned by the application to be sent, and every segment goes back to its
 * own pool on completion.
 *
 * <p> Everything the device writes is checked: a
 * completion's req_id must be in range and belong to a packet in flight; otherwise the completion is counted
 * ({@code bad_req_id}) and a reset is requested with reason INV_TX_REQ_ID, and the queue stops consuming
 * completions until the reset.
 */
public final class TxQueue {

    private final int qid;
    private final RingStats ring;
    private final ResetSink reset;
    private final Clock clock;
    private final QueueGate gate = new QueueGate();
    private final TxCompletionInfo comp = new TxCompletionInfo();
    /**
     * The LLQ header linearisation buffer (Linux {@code push_buf_intermediate_buf}): the push header of a chain whose
     * head segment is shorter than it is assembled here. Native and preallocated (256 bytes, the largest LLQ header
     * an 8-bit {@code header_length} can carry), so the data path never allocates for it.
     */
    private final MemorySegment headerCopy = Arena.ofAuto().allocate(256, 64);
    // Bound to the device's rings: replaced by attach() when a reset brings the queue back (gate closed).
    private IoSq sq;
    private IoCq cq;
    private TxContext ctx;
    private Packet[] inFlight;
    private short[] slotsOf;
    private int[] freeIds;
    /** Clock time of each in-flight packet's send (the burst's), by req_id: the missing-completion watchdog's input. */
    private long[] sentNanos;
    /** Watchdog-owned: the send time of the packet it last marked timed out, by req_id (single writer: the timer). */
    private long[] markedNanos;
    private int mask;
    private int depth;
    private int maxSgl;
    private boolean llq;
    /** Free slots below which {@link #send} first reaps completions: room for two largest packets. */
    private int cleanThreshold;
    /** Tx offloads the device advertised (STATELESS_OFFLOAD_CONFIG tx bits, management.md §8.9). */
    private int txOffloadCaps;
    private int nextToUse;
    private int nextToClean;
    private int pendingDoorbell;
    private volatile TxTimestampListener timestampListener;
    private long timestampListenerErrors;
    private boolean broken;

    // ethtool -S queue_<i>_tx_* counters (datapath.md §16.1); single writer: the polling thread.
    long cnt;
    long bytes;
    long txPoll;
    long queueStop;
    /** {@code queue_wakeup}: completions freed room again after a {@link #queueStop}. */
    long queueWakeup;
    /** A send found the ring full ({@code queue_stop}); cleared, and counted as a wakeup, when room is back. */
    private boolean stopped;
    long prepareCtxErr;
    long badReqId;
    long misuse;
    long completed;
    long cleanCalls;
    // Single writer: the management side (reset worker, watchdog), read by anyone.
    volatile long droppedOnReset;
    volatile long missedTx;
    volatile int pendingTimedOut;

    /** Where a detected device fault records its reset reason (the device's pending reset, first wins). */
    @FunctionalInterface
    interface ResetSink {
        void requestReset(ResetReason reason);
    }

    TxQueue(int qid, IoSq sq, IoCq cq, int maxSgl, int txOffloadCaps, ResetSink reset, Clock clock) {
        this.qid = qid;
        this.ring = sq.stats();
        this.reset = reset;
        this.clock = clock;
        attach(sq, cq, maxSgl, txOffloadCaps);
    }

    /**
     * Binds the queue to (new) device rings with the same stats: at interface up, and when a reset brings the
     * queue back. The queue must hold no packet (drained) and its gate must be closed or never opened. Allocates
     * only if the ring depth or SG limit changed.
     */
    void attach(IoSq sq, IoCq cq, int maxSgl, int txOffloadCaps) {
        this.sq = sq;
        this.cq = cq;
        this.txOffloadCaps = txOffloadCaps;
        this.llq = sq.isLlq();
        if (ctx == null || this.maxSgl != maxSgl) {
            this.ctx = new TxContext(maxSgl);
        }
        this.maxSgl = maxSgl;
        TxContext c = ctx;
        // Never changed per packet (no TSO, no DF, MSS 0; LLQ sets the push header): set once, not on every fill.
        c.tsoEnable = false;
        c.df = false;
        c.mss = 0;
        c.pushHeader = null;
        c.pushHeaderOffset = 0;
        clearOffload(c);
        int d = sq.depth();
        if (inFlight == null || d != depth) {
            this.inFlight = new Packet[d];
            this.slotsOf = new short[d];
            this.freeIds = new int[d];
            this.sentNanos = new long[d];
            this.markedNanos = new long[d];
        }
        this.depth = d;
        this.mask = d - 1;
        this.cleanThreshold = ringNeed(maxSgl) * 2;
        for (int i = 0; i < d; i++) {
            freeIds[i] = i;
            inFlight[i] = null;
            markedNanos[i] = 0;
        }
        nextToUse = 0;
        nextToClean = 0;
        pendingDoorbell = 0;
        broken = false;
        pendingTimedOut = 0;
        ring.clearResetReason(); // the reason of the fault that led here was escalated; the new rings start clean
    }

    /**
     * Queues up to {@code n} packets from {@code pkts[off..off+n)} for transmission, then rings the doorbell.
     * Packets are taken in order; the first one that does not fit the ring (or is not owned by the application)
     * ends the burst. Accepted packets belong to the device until their completion returns them to their pool.
     *
     * <p>Completions are reaped ({@link #clean}) before the burst when fewer slots are free than two largest
     * packets need, and again when a packet of the burst finds the ring full: only if that frees nothing is the
     * burst cut ({@code queue_stop}). Without the second reap a burst needing more than the first threshold was
     * cut (and its rest typically dropped by the caller) although the device had completed enough packets: with
     * LLQ (threshold 8 entries) and 32-packet bursts, once per ring lap. Slot accounting and checks are unchanged.
     * A reap that finds a device fault ends the burst at once (nothing is sent on a broken queue).
     *
     * @return how many packets were accepted
     */
    public int send(Packet[] pkts, int off, int n) {
        if (!gate.enter()) {
            return 0;
        }
        try {
            return broken || n <= 0 ? 0 : sendRunning(pkts, off, n);
        } finally {
            gate.exit();
        }
    }

    private int sendRunning(Packet[] pkts, int off, int n) {
        if (sq.freeEntries() < cleanThreshold) {
            cleanRunning(depth);
            if (broken) {
                // The reap found a device fault: nothing more is sent until the reset (see isBroken).
                return 0;
            }
        }
        TxContext c = ctx;
        long now = clock.nanoTime();
        int sent = 0;
        for (; sent < n; sent++) {
            Packet p = pkts[off + sent];
            if (p == null || p.segments > maxSgl || p.packetLength <= 0 || (p.txNeeds & ~txOffloadCaps) != 0
                    || !chainOwnedByApp(p)) {
                misuse++;
                if (p != null) {
                    p.pool.countMisuse();
                }
                break;
            }
            if (!sq.haveEnoughSpace(p.segments + 1)) {
                int reaped = cleanRunning(depth);
                if (broken) {
                    break;
                }
                if (reaped == 0 || !sq.haveEnoughSpace(p.segments + 1)) {
                    if (!stopped) {
                        stopped = true;
                        queueStop++;
                    }
                    break;
                }
            }
            int reqId = freeIds[nextToUse & mask];
            if (!fill(p, reqId)) {
                misuse++;
                break;
            }
            if (llq && TxPrepare.isDoorbellNeeded(sq, c)) {
                ringDoorbell();
            }
            int rc = TxPrepare.prepareTx(sq, c);
            if (rc != EnaErrno.OK) {
                prepareCtxErr++;
                if (rc != EnaErrno.ENOMEM) {
                    fault(ResetReason.DRIVER_INVALID_STATE);
                }
                break;
            }
            nextToUse++;
            inFlight[reqId] = p;
            sentNanos[reqId] = now;
            // nb_hw_desc: the tail advance of this packet, (tail_after - tail_before) & 0xFFFF (§8.3).
            slotsOf[reqId] = (short) c.nbHwDesc;
            p.owner = Packet.TX_IN_FLIGHT;
            for (Packet s = p.next; s != null; s = s.next) {
                s.owner = Packet.TX_IN_FLIGHT;
            }
            pendingDoorbell++;
            cnt++;
            bytes += p.packetLength;
        }
        if (pendingDoorbell > 0) {
            ringDoorbell();
        }
        return sent;
    }

    /**
     * True if the application owns every segment of {@code p}'s chain, the chain is as long as the head says and
     * every segment is a live buffer of an open pool: a chain with a segment that is free, posted, in flight, of a
     * closed pool or linked into a cycle is refused before anything is written.
     */
    private static boolean chainOwnedByApp(Packet p) {
        int segs = p.segments;
        int seen = 0;
        for (Packet s = p; s != null; s = s.next) {
            if (s.owner != Packet.APP || s.pool.isClosed() || ++seen > segs) {
                return false;
            }
        }
        return seen == segs;
    }

    private int ringNeed(int bufs) {
        if (!llq) {
            return bufs + 1;
        }
        int per = sq.llqInfo().descsPerEntry();
        return bufs / per + 2;
    }

    /**
     * Builds the Tx context of {@code p}: LLQ pushes the header inline, host mode passes whole segments.
     * Fields that never change per packet (tso, DF, MSS; in host placement no push header) keep the values set
     * in the constructor; without offload the offload fields are reset only if the previous packet set them
     * (they are all false/0 whenever {@code metaValid} is false). Offload and chains are out of line, so the
     * common single-buffer case stays small enough to inline.
     */
    private boolean fill(Packet p, int reqId) {
        TxContext c = ctx;
        c.reqId = reqId;
        if (p.txOffload != 0) {
            offload(c, p);
        } else if (c.metaValid) {
            clearOffload(c);
        }
        int len = p.length;
        int n = 0;
        if (llq) {
            // LLQ pushes the first min(packet length, max header) bytes of the whole chain (§9.3).
            int hdr = Math.min(p.packetLength, sq.txMaxHeaderSize());
            c.headerLen = hdr;
            if (len < hdr) {
                return fillLinearised(c, p, hdr);
            }
            // The pool's whole memory, one segment shared by every buffer of the pool: the header source is then
            // the same (hot) segment object for every packet instead of each buffer's own slice object.
            PacketPool pool = p.pool;
            MemorySegment memory = pool.memory();
            if (c.pushHeader != memory) {
                c.pushHeader = memory;
            }
            c.pushHeaderOffset = (long) p.index * pool.bufferSize() + p.offset;
            if (len > hdr) {
                c.bufAddr[0] = p.ioAddress + p.offset + hdr;
                c.bufLen[0] = len - hdr;
                n = 1;
            }
        } else {
            // Host placement: header_length = min(linear part, max header), a hint; buffer 0 is the whole head.
            c.headerLen = Math.min(len, sq.txMaxHeaderSize());
            c.bufAddr[0] = p.ioAddress + p.offset;
            c.bufLen[0] = len;
            n = 1;
        }
        if (p.next != null) {
            return fillSegments(c, p.next, n);
        }
        c.numBufs = n;
        return true;
    }

    /** datapath.md §3.1: the offload context; a meta descriptor follows when it differs from the cached one. */
    private static void offload(TxContext c, Packet p) {
        int off = p.txOffload;
        c.metaValid = true;
        c.l3CsumEnable = (off & Packet.TX_L3_CSUM) != 0;
        c.l4CsumEnable = (off & (Packet.TX_L4_CSUM | Packet.TX_L4_PARTIAL)) != 0;
        c.l4CsumPartial = (off & Packet.TX_L4_PARTIAL) != 0;
        c.l3Proto = p.txL3Proto;
        c.l4Proto = p.txL4Proto;
        c.l3HdrOffset = p.txL3Offset;
        c.l3HdrLen = p.txL3Length;
        c.l4HdrLen = p.txL4Words;
    }

    /**
     * Back to "no offload" after an offload packet. The meta tuple is zeroed too: when the device disabled meta
     * caching every packet carries a meta descriptor built from it, and a packet without offload must not carry
     * the previous packet's header lengths (the Linux driver zeroes its meta context in that case).
     */
    private static void clearOffload(TxContext c) {
        c.metaValid = false;
        c.l3CsumEnable = false;
        c.l4CsumEnable = false;
        c.l4CsumPartial = false;
        c.l3Proto = 0;
        c.l4Proto = 0;
        c.l3HdrLen = 0;
        c.l3HdrOffset = 0;
        c.l4HdrLen = 0;
        c.mss = 0;
    }

    /**
     * LLQ with a head segment shorter than the header to push (datapath.md §9.3, Linux {@code ena_tx_map_skb} with
     * {@code skb_headlen < push_len}): the first {@code hdr} bytes of the chain are copied into this queue's
     * preallocated {@link #headerCopy} buffer, which becomes the push header ({@code llq_buffer_copy} counts it).
     * The data descriptors then start where the header ended: at that offset within the segment the header ended
     * in (no descriptor if it ended exactly at a segment's end), followed by the remaining segments whole, so no
     * byte pushed inline is sent again by DMA. A chain that is entirely header gets no data buffer (the first
     * descriptor then has length 0, §9.3). Refused (false) if a segment has no data.
     */
    private boolean fillLinearised(TxContext c, Packet p, int hdr) {
        MemorySegment buf = headerCopy;
        int copied = 0;
        Packet s = p;
        int used = 0;
        while (true) {
            int segLen = s.length;
            if (segLen <= 0) {
                return false;
            }
            int k = Math.min(segLen, hdr - copied);
            PacketPool pool = s.pool;
            MemorySegment.copy(pool.memory(), (long) s.index * pool.bufferSize() + s.offset, buf, copied, k);
            copied += k;
            if (copied == hdr) {
                used = k;
                break;
            }
            s = s.next;
            if (s == null) {
                // packetLength said there were more bytes than the chain holds (chainOwnedByApp checked the count).
                return false;
            }
        }
        c.pushHeader = buf;
        c.pushHeaderOffset = 0;
        ring.increment(RingCounter.LLQ_BUFFER_COPY);
        int n = 0;
        if (used < s.length) {
            c.bufAddr[0] = s.ioAddress + s.offset + used;
            c.bufLen[0] = s.length - used;
            n = 1;
        }
        if (s.next != null) {
            return fillSegments(c, s.next, n);
        }
        c.numBufs = n;
        return true;
    }

    /** Adds the further segments of a chain after the {@code n} buffers of its head. */
    private static boolean fillSegments(TxContext c, Packet first, int n) {
        for (Packet s = first; s != null; s = s.next) {
            if (n == c.bufAddr.length || s.length <= 0) {
                return false;
            }
            c.bufAddr[n] = s.ioAddress + s.offset;
            c.bufLen[n++] = s.length;
        }
        c.numBufs = n;
        return true;
    }

    private void ringDoorbell() {
        sq.writeDoorbell();
        pendingDoorbell = 0;
    }

    /**
     * Processes up to {@code budget} Tx completions: validates each req_id, returns the packet's buffers to their
     * pool and the req_id to the free list, and releases the ring slots in one step.
     *
     * @return completions processed
     */
    public int clean(int budget) {
        if (!gate.enter()) {
            return 0;
        }
        try {
            cleanCalls++;
            return broken ? 0 : cleanRunning(budget);
        } finally {
            gate.exit();
        }
    }

    private int cleanRunning(int budget) {
        txPoll++;
        // Locals for everything the loop touches: each completion is read with an acquire load, after which
        // fields would be loaded again on every iteration.
        IoCq cq = this.cq;
        TxCompletionInfo comp = this.comp;
        Packet[] inFlight = this.inFlight;
        short[] slotsOf = this.slotsOf;
        int[] freeIds = this.freeIds;
        int mask = this.mask;
        int ntc = nextToClean;
        int done = 0;
        int slots = 0;
        while (done < budget) {
            int rc = TxCompletion.reqIdGet(cq, comp);
            if (rc == EnaErrno.EAGAIN) {
                break;
            }
            if (rc != EnaErrno.OK) {
                // EINVAL: req_id out of range (bad_req_id); EFAULT: MBZ bits set (a malformed descriptor, §12.2).
                if (rc == EnaErrno.EINVAL) {
                    badReqId++;
                }
                fault(rc == EnaErrno.EFAULT ? ResetReason.TX_DESCRIPTOR_MALFORMED : ResetReason.INV_TX_REQ_ID);
                break;
            }
            int reqId = comp.reqId;
            Packet p = inFlight[reqId];
            if (p == null) {
                // In range but not in flight: a completion for a packet the device never had or already returned.
                badReqId++;
                fault(ResetReason.INV_TX_REQ_ID);
                break;
            }
            inFlight[reqId] = null;
            if (comp.hasTimestamp && p.txTimestampRequested) {
                reportTimestamp(p, comp.timestamp);
            }
            slots += slotsOf[reqId] & 0xFFFF;
            freeIds[ntc & mask] = reqId;
            ntc++;
            PacketPool.releaseChain(p);
            done++;
        }
        nextToClean = ntc;
        if (slots > 0) {
            TxCompletion.ack(sq, slots);
        }
        // Linux wakes a stopped queue when a packet of the largest size fits again (ENA_TX_WAKEUP_THRESH).
        if (stopped && sq.haveEnoughSpace(maxSgl + 2)) {
            stopped = false;
            queueWakeup++;
        }
        completed += done;
        return done;
    }

    private void reportTimestamp(Packet p, long nanos) {
        TxTimestampListener l = timestampListener;
        if (l != null) {
            try {
                l.onTxTimestamp(p, nanos);
            } catch (RuntimeException e) {
                timestampListenerErrors++; // the listener's failure never escapes the data path
            }
        }
    }

    /**
     * Sets (or with null removes) what receives the hardware transmit timestamps of packets that asked for one
     * ({@link Packet#requestTxTimestamp()}), called on the cleaning thread from {@link #clean} while the packet is
     * still readable, just before its buffers return to their pool. It must not keep the packet. Takes effect
     * at once; survives resets (the queue object stays).
     */
    public void setTimestampListener(TxTimestampListener listener) {
        timestampListener = listener;
    }

    /** Calls to the timestamp listener that threw (the exception is dropped). */
    public long timestampListenerErrors() {
        return timestampListenerErrors;
    }

    private void fault(ResetReason reason) {
        broken = true;
        reset.requestReset(reason);
    }

    /**
     * Returns every in-flight packet to its pool (queue teardown or reset, after the device stopped and with the gate
     * closed), counting them in {@code tx_dropped_on_reset} when {@code dropped}.
     *
     * @return packets returned
     */
    int drain(boolean dropped) {
        int n = 0;
        for (int i = 0; i < inFlight.length; i++) {
            Packet p = inFlight[i];
            if (p != null) {
                inFlight[i] = null;
                PacketPool.releaseChainRemote(p);
                n++;
            }
        }
        if (dropped) {
            droppedOnReset += n;
        }
        nextToClean = nextToUse;
        pendingTimedOut = 0;
        return n;
    }

    /** The queue's gate (reset worker, interface down). */
    QueueGate gate() {
        return gate;
    }

    /**
     * The missing-completion check of one Tx queue (datapath.md §12.3, {@code check_missing_comp_in_tx_queue}), run
     * by the service timer on its own thread: reads the poller's in-flight table and send times without writing
     * them. A packet in flight for longer than {@code timeoutNanos} is timed out; the first time the watchdog sees it
     * so it counts it in {@code missed_tx}. {@link #pendingTimedOut()} is then the number of packets in flight and
     * timed out now, so a packet that finally completes leaves the count by itself.
     *
     * @return packets in flight for longer than {@code 2 * timeoutNanos} (the graceful period of the
     *         never-interrupted case)
     */
    int checkMissingCompletions(long now, long timeoutNanos) {
        Packet[] f = inFlight;
        long[] sent = sentNanos;
        long[] marked = markedNanos;
        int pending = 0;
        int beyondGrace = 0;
        long newlyMissed = 0;
        for (int i = 0; i < f.length; i++) {
            if (f[i] == null) {
                continue;
            }
            long t = sent[i];
            long age = now - t;
            if (age <= timeoutNanos) {
                continue;
            }
            pending++;
            if (age > 2 * timeoutNanos) {
                beyondGrace++;
            }
            if (marked[i] != t) {
                marked[i] = t;
                newlyMissed++;
            }
        }
        if (newlyMissed > 0) {
            missedTx += newlyMissed;
        }
        pendingTimedOut = pending;
        return beyondGrace;
    }

    /** Writes the pair's interrupt register through this queue's CQ, if the queue runs (see {@link QueuePair}). */
    boolean writeInterruptRegister(int value) {
        if (!gate.enter()) {
            return false;
        }
        try {
            cq.unmaskInterrupt(value);
            return true;
        } finally {
            gate.exit();
        }
    }

    /** Packets handed to the device and not yet completed. */
    public int inFlight() {
        return nextToUse - nextToClean;
    }

    /** True after a device fault on this queue; nothing more is sent or cleaned until a reset. */
    public boolean isBroken() {
        return broken;
    }

    /** True while the queue accepts calls: false during a reset and after the interface went down. */
    public boolean isRunning() {
        return gate.state() == QueueGate.RUNNING;
    }

    /** Packets that were in flight when a reset or teardown returned them to their pool ({@code tx_dropped_on_reset}). */
    public long droppedOnReset() {
        return droppedOnReset;
    }

    /** Packets the watchdog found without completion past the timeout ({@code queue_<i>_tx_missed_tx}). */
    public long missedTx() {
        return missedTx;
    }

    /** Packets in flight and timed out at the last watchdog check. */
    public int pendingTimedOut() {
        return pendingTimedOut;
    }

    /** Calls refused by the owner-thread check ({@code -Dena4j.queue.checkOwner=true}). */
    public long wrongThreadCalls() {
        return gate.wrongThread();
    }

    /** Queue-pair index. */
    public int qid() {
        return qid;
    }

    /** The submission ring (for diagnostics). */
    public IoSq sq() {
        return sq;
    }

    /** The completion ring (for diagnostics). */
    public IoCq cq() {
        return cq;
    }

    /** Packets accepted ({@code queue_<i>_tx_cnt}). */
    public long packets() {
        return cnt;
    }

    /** Bytes accepted ({@code queue_<i>_tx_bytes}). */
    public long bytes() {
        return bytes;
    }

    /** Packets whose completion returned them to the pool. */
    public long completed() {
        return completed;
    }

    /** Bursts ended early for lack of ring space ({@code queue_<i>_tx_queue_stop}). */
    public long queueStops() {
        return queueStop;
    }

    /**
     * Buffers (segments) one packet may have on this queue: the device's limit, capped in LLQ mode by the Tx burst
     * limit (datapath.md §8.1, §9.7). A longer chain is refused by {@link #send} and counted as misuse.
     */
    public int maxSegments() {
        return maxSgl;
    }

    /** Times the queue became usable again after a stop ({@code queue_wakeup}). */
    public long queueWakeups() {
        return queueWakeup;
    }

    /** Descriptor preparation failures ({@code queue_<i>_tx_prepare_ctx_err}). */
    public long prepareCtxErrors() {
        return prepareCtxErr;
    }

    /** Invalid completion req_ids ({@code queue_<i>_tx_bad_req_id}). */
    public long badReqIds() {
        return badReqId;
    }

    /**
     * Packets refused: not owned by the application, more segments than the SG limit, or an offload request the
     * device did not advertise.
     */
    public long misuse() {
        return misuse;
    }

    /** Calls of {@link #clean} by the application (not the reaps {@link #send} makes itself). */
    public long cleanCalls() {
        return cleanCalls;
    }

    /** Completion polls ({@code queue_<i>_tx_tx_poll}). */
    public long polls() {
        return txPoll;
    }

    /** Ring-level counters (doorbells, llq_buffer_copy, ...). */
    public RingStats ringStats() {
        return ring;
    }
}
