package io.ena4j.driver;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.driver.eth.IoCq;
import io.ena4j.driver.eth.IoSq;
import io.ena4j.driver.eth.RingStats;
import io.ena4j.driver.eth.RxContext;
import io.ena4j.driver.eth.RxPath;
import io.ena4j.spec.regs.ResetReason;

/**
 * The Rx half of a queue pair (datapath.md §11): keeps the Rx ring filled with buffers from a
 * {@link PacketPool}, assembles completed packets (several buffers for a frame larger than one buffer) and
 * hands them to the application, which then owns them and frees them to the pool when done.
 *
 * <p><b>Single-threaded by contract</b>: one thread calls {@link #receive} and {@link #refill} (the pair's polling
 * thread); a cheap owner-thread check can be switched on ({@code -Dena4j.queue.checkOwner=true}). Allocation-free,
 * lock-free, exception-free, before, during and after a reset: while the driver resets the device the calls return
 * 0, and afterwards the same object works on the new rings.
 *
 * <p> Everything the device writes is checked: the
 * ring layer checks phase, req_id range, first/last and descriptor counts; this layer checks that each req_id
 * names a posted buffer and that the length and offset fit it. A bad value is counted and requests a reset
 * (INV_RX_REQ_ID, RX_DESCRIPTOR_MALFORMED or TOO_MANY_RX_DESCS); the queue then stops receiving until the reset.
 */
public final class RxQueue {

    private final int qid;
    private final RingStats ring;
    private final PacketPool pool;
    private final TxQueue.ResetSink reset;
    private final QueueGate gate = new QueueGate();
    private final int headroom;
    /** Size of every posted buffer: all come from {@link #pool}, so this is each one's {@code buffer().byteSize()}. */
    private final int bufferSize;
    private final int postedLength;
    // Bound to the device's rings: replaced by attach() when a reset brings the queue back (gate closed).
    private IoSq sq;
    private IoCq cq;
    private RxContext ctx;
    private int maxSgl;
    private Packet[] posted;
    private int[] freeIds;
    private int mask;
    private int refillThreshold;
    private int nextToUse;
    private int nextToClean;
    private boolean broken;
    /** Rx checksum offload in force (datapath.md §6.3 rule 1); written by the management thread. */
    private volatile boolean checksumOffload = true;
    /** The packet hook (§15.1), or null; written by the management thread, read once per receive call. */
    private volatile PacketHook hook;
    private final HookContext hookCtx;
    /** This pair's Tx queue: where {@link PacketHook#TX} frames go. */
    private TxQueue pairTx;
    /** Frames of TX / REDIRECT verdicts waiting for the end of the receive call (or a full batch). */
    private final Packet[] txBatch = new Packet[HOOK_BATCH];
    private int txBatchLen;
    private final Packet[] redirectBatch = new Packet[HOOK_BATCH];
    private int redirectBatchLen;
    private TxQueue redirectTo;
    private static final int HOOK_BATCH = 64;

    // ethtool -S queue_<i>_rx_* counters (datapath.md §16.1); single writer: the polling thread.
    long cnt;
    long bytes;
    long badReqId;
    long badDescNum;
    long refillPartial;
    long pageAllocFail;
    long csumBad;
    long csumGood;
    long csumUnchecked;
    long refillRetries;
    long rxPoll;
    long xdpAborted;
    long xdpDrop;
    long xdpPass;
    long xdpTx;
    long xdpInvalid;
    long xdpRedirect;
    /** Single writer: the service timer (an empty ring seen on two ticks, {@code queue_<i>_rx_empty_rx_ring}). */
    volatile long emptyRxRing;
    /** Set by the driver (restore, or the service timer seeing an empty ring); the poller's next call refills first. */
    volatile boolean refillRequested;

    RxQueue(int qid, IoSq sq, IoCq cq, PacketPool pool, int maxSgl, TxQueue.ResetSink reset) {
        this.qid = qid;
        this.ring = sq.stats();
        this.pool = pool;
        this.reset = reset;
        this.headroom = pool.headroom();
        this.bufferSize = pool.bufferSize();
        this.postedLength = bufferSize - headroom;
        this.hookCtx = new HookContext(qid);
        attach(sq, cq, maxSgl);
    }

    /**
     * Binds the queue to (new) device rings with the same stats and pool: at interface up, and when a reset brings
     * the queue back. The queue must hold no buffer (drained) and its gate must be closed or never opened.
     */
    void attach(IoSq sq, IoCq cq, int maxSgl) {
        this.sq = sq;
        this.cq = cq;
        if (ctx == null || this.maxSgl != maxSgl) {
            this.ctx = new RxContext(maxSgl);
        }
        this.maxSgl = maxSgl;
        int depth = sq.depth();
        if (posted == null || posted.length != depth) {
            this.posted = new Packet[depth];
            this.freeIds = new int[depth];
        }
        this.mask = depth - 1;
        for (int i = 0; i < depth; i++) {
            freeIds[i] = i;
            posted[i] = null;
        }
        // datapath.md §11.2: refill when more than min(ring / 8, 256) slots are free.
        this.refillThreshold = Math.min(depth / 8, 256);
        nextToUse = 0;
        nextToClean = 0;
        broken = false;
        refillRequested = false;
        ring.clearResetReason();
    }

    /**
     * Receives up to {@code n} packets into {@code out[off..off+n)}; each returned packet (and every segment of
     * its chain) is owned by the application. Refills the ring afterwards when enough slots are free.
     *
     * @return packets received
     */
    public int receive(Packet[] out, int off, int n) {
        if (!gate.enter()) {
            return 0;
        }
        try {
            return broken ? 0 : receiveRunning(out, off, n);
        } finally {
            gate.exit();
        }
    }

    private int receiveRunning(Packet[] out, int off, int n) {
        rxPoll++;
        if (refillRequested) {
            refillRequested = false;
            refillRetries++;
            refillRunning();
        }
        int got = 0;
        PacketHook h = hook;
        // The budget counts every frame taken off the ring, handed up or consumed by the hook (NAPI's work_done).
        for (int work = 0; work < n; work++) {
            int rc = RxPath.rxPkt(cq, sq, ctx);
            if (rc != EnaErrno.OK) {
                // datapath.md §12.2: too many descriptors -> bad_desc_num; malformed (EFAULT) is a reset with
                // its own reason and no queue counter; anything else is a bad req_id.
                ResetReason why;
                if (rc == EnaErrno.ENOSPC) {
                    badDescNum++;
                    why = ResetReason.TOO_MANY_RX_DESCS;
                } else if (rc == EnaErrno.EFAULT) {
                    why = ResetReason.RX_DESCRIPTOR_MALFORMED;
                } else {
                    badReqId++;
                    why = ResetReason.INV_RX_REQ_ID;
                }
                fault(why);
                break;
            }
            int descs = ctx.descs;
            if (descs == 0) {
                break;
            }
            Packet head = assemble(descs);
            if (head == null) {
                break;
            }
            cnt++;
            bytes += head.packetLength;
            if (h != null && !hookPasses(h, head)) {
                continue;
            }
            out[off + got++] = head;
        }
        if (txBatchLen > 0) {
            flushTx();
        }
        if (redirectBatchLen > 0) {
            flushRedirect();
        }
        if (!broken && sq.freeEntries() > refillThreshold) {
            refillRunning();
        }
        return got;
    }

    /**
     * Runs the hook on one frame and carries out its verdict.
     *
     * @return true if the frame goes up to the application (PASS)
     */
    private boolean hookPasses(PacketHook h, Packet head) {
        int verdict;
        if (head.segments > 1 && !h.multiBuffer()) {
            verdict = PacketHook.DROP; // §15.1: multi-buffer frames are dropped for a single-buffer hook
        } else {
            hookCtx.redirectTarget = null;
            try {
                verdict = h.onPacket(head, hookCtx);
            } catch (RuntimeException e) {
                verdict = PacketHook.ABORTED; // the hook's failure is the frame's, never the caller's
            }
        }
        switch (verdict) {
            case PacketHook.PASS -> {
                xdpPass++;
                return true;
            }
            case PacketHook.DROP -> xdpDrop++;
            case PacketHook.TX -> {
                xdpTx++;
                TxQueue t = pairTx;
                if (t != null) {
                    txBatch[txBatchLen++] = head;
                    if (txBatchLen == HOOK_BATCH) {
                        flushTx();
                    }
                    return false;
                }
            }
            case PacketHook.REDIRECT -> {
                TxQueue t = hookCtx.redirectTarget;
                if (t == null) {
                    xdpAborted++;
                } else {
                    xdpRedirect++;
                    if (t != redirectTo && redirectBatchLen > 0) {
                        flushRedirect();
                    }
                    redirectTo = t;
                    redirectBatch[redirectBatchLen++] = head;
                    if (redirectBatchLen == HOOK_BATCH) {
                        flushRedirect();
                    }
                    return false;
                }
            }
            case PacketHook.ABORTED -> xdpAborted++;
            default -> xdpInvalid++;
        }
        pool.release(head);
        return false;
    }

    private void flushTx() {
        txBatchLen = sendOrFree(pairTx, txBatch, txBatchLen);
    }

    private void flushRedirect() {
        redirectBatchLen = sendOrFree(redirectTo, redirectBatch, redirectBatchLen);
    }

    /** Hands {@code batch[0..len)} to {@code tx}; what it does not take is freed. Returns the new batch length, 0. */
    private int sendOrFree(TxQueue tx, Packet[] batch, int len) {
        int sent = tx.send(batch, 0, len);
        for (int i = 0; i < len; i++) {
            if (i >= sent) {
                pool.release(batch[i]);
            }
            batch[i] = null;
        }
        return 0;
    }

    private Packet assemble(int descs) {
        RxContext c = ctx;
        int[] reqIds = c.bufReqId;
        int[] lens = c.bufLen;
        Packet head = null;
        Packet last = null;
        int total = 0;
        for (int i = 0; i < descs; i++) {
            int reqId = reqIds[i];
            Packet p = posted[reqId];
            int len = lens[i];
            int start = headroom + (i == 0 ? c.pktOffset : 0);
            if (p == null || len <= 0 || start + len > bufferSize) {
                // Not a posted buffer (bad req_id), or a length / offset the buffer cannot hold (malformed).
                if (p == null) {
                    badReqId++;
                    fault(ResetReason.INV_RX_REQ_ID);
                } else {
                    fault(ResetReason.RX_DESCRIPTOR_MALFORMED);
                }
                if (head != null) {
                    pool.release(head);
                }
                return null;
            }
            posted[reqId] = null;
            freeIds[nextToClean & mask] = reqId;
            nextToClean++;
            p.owner = Packet.APP;
            p.txOffload = 0;
            p.txNeeds = 0;
            p.txTimestampRequested = false;
            p.offset = start;
            p.length = len;
            if (p.next != null) {
                p.next = null;
            }
            p.segments = 1;
            p.packetLength = len;
            total += len;
            if (head == null) {
                head = p;
            } else {
                last.next = p;
            }
            last = p;
        }
        head.packetLength = total;
        head.segments = (short) descs;
        head.rxHash = c.hash;
        head.rxTimestamp = c.hasTimestamp ? c.timestamp : 0L;
        int flags = (c.l3CsumErr ? 1 : 0) | (c.l4CsumErr ? 2 : 0) | (c.l4CsumChecked ? 4 : 0)
                | (c.frag ? 8 : 0);
        head.rxFlags = (byte) flags;
        int csum = RxChecksum.classify(checksumOffload, c.l3Proto, c.l4Proto, c.frag, c.l3CsumErr, c.l4CsumErr,
                c.l4CsumChecked);
        head.rxChecksum = (byte) csum;
        head.rxHashType = (byte) RxChecksum.hashType(c.l4Proto, c.frag);
        switch (csum) {
            case RxChecksum.UNNECESSARY -> csumGood++;
            case RxChecksum.BAD -> csumBad++;
            case RxChecksum.UNCHECKED -> csumUnchecked++;
            default -> {
            }
        }
        return head;
    }

    /**
     * Posts free pool buffers into every free ring slot and rings the doorbell once.
     *
     * @return buffers posted
     */
    public int refill() {
        if (!gate.enter()) {
            return 0;
        }
        try {
            return broken ? 0 : refillRunning();
        } finally {
            gate.exit();
        }
    }

    private int refillRunning() {
        int want = sq.freeEntries();
        int done = 0;
        while (done < want) {
            Packet p = pool.allocForRx();
            if (p == null) {
                pageAllocFail++;
                break;
            }
            int reqId = freeIds[nextToUse & mask];
            int rc = RxPath.addRxDesc(sq, p.ioAddress + headroom, postedLength, reqId);
            if (rc != EnaErrno.OK) {
                pool.release(p);
                fault(ResetReason.DRIVER_INVALID_STATE);
                break;
            }
            p.offset = headroom;
            posted[reqId] = p;
            nextToUse++;
            done++;
        }
        if (done < want) {
            refillPartial++;
        }
        if (done > 0) {
            sq.writeDoorbell();
        }
        return done;
    }

    private void fault(ResetReason reason) {
        broken = true;
        reset.requestReset(reason);
    }

    /**
     * Returns every posted buffer to the pool (queue teardown or reset, after the device stopped and with the gate
     * closed).
     *
     * @return buffers returned
     */
    int drain() {
        int n = 0;
        for (int i = 0; i < posted.length; i++) {
            Packet p = posted[i];
            if (p != null) {
                posted[i] = null;
                PacketPool.releaseChainRemote(p);
                n++;
            }
        }
        nextToClean = nextToUse;
        return n;
    }

    /** The queue's gate (reset worker, interface down). */
    QueueGate gate() {
        return gate;
    }

    /** True while the queue accepts calls: false during a reset and after the interface went down. */
    public boolean isRunning() {
        return gate.state() == QueueGate.RUNNING;
    }

    /** Receive calls that reached the ring (the watchdog's sign that the application polls). */
    public long polls() {
        return rxPoll;
    }

    /** Times the service timer found the ring without buffers ({@code queue_<i>_rx_empty_rx_ring}). */
    public long emptyRxRing() {
        return emptyRxRing;
    }

    /** Refills run at the driver's request: after a reset, or when the service timer found the ring empty. */
    public long refillRetries() {
        return refillRetries;
    }

    /** Calls refused by the owner-thread check ({@code -Dena4j.queue.checkOwner=true}). */
    public long wrongThreadCalls() {
        return gate.wrongThread();
    }

    /** Buffers posted to the device. */
    public int postedBuffers() {
        return nextToUse - nextToClean;
    }

    /** True after a device fault on this queue; nothing more is received until a reset. */
    public boolean isBroken() {
        return broken;
    }

    /** Queue-pair index. */
    public int qid() {
        return qid;
    }

    /** The pool Rx buffers come from. */
    public PacketPool pool() {
        return pool;
    }

    /** The submission ring (for diagnostics). */
    public IoSq sq() {
        return sq;
    }

    /** The completion ring (for diagnostics). */
    public IoCq cq() {
        return cq;
    }

    /** Packets received ({@code queue_<i>_rx_cnt}). */
    public long packets() {
        return cnt;
    }

    /** Bytes received ({@code queue_<i>_rx_bytes}). */
    public long bytes() {
        return bytes;
    }

    /** Invalid req_ids ({@code queue_<i>_rx_bad_req_id}). */
    public long badReqIds() {
        return badReqId;
    }

    /** Packets with more descriptors than the ring allows ({@code queue_<i>_rx_bad_desc_num}). */
    public long badDescNum() {
        return badDescNum;
    }

    /** Refills that posted fewer buffers than slots were free ({@code queue_<i>_rx_refil_partial}). */
    public long refillPartial() {
        return refillPartial;
    }

    /** Refills that found the pool empty ({@code queue_<i>_rx_page_alloc_fail}). */
    public long allocFailures() {
        return pageAllocFail;
    }

    /** Ring-level counters. */
    public RingStats ringStats() {
        return ring;
    }

    /** Binds the pair's Tx queue, where frames of the {@link PacketHook#TX} verdict go. */
    void pairTx(TxQueue tx) {
        this.pairTx = tx;
    }

    /** Attaches (or with null detaches) the packet hook; takes effect from the next receive call. */
    void setHook(PacketHook h) {
        hook = h;
    }

    /** The packet hook attached to this queue, or null. */
    public PacketHook hook() {
        return hook;
    }

    /** Turns the Rx checksum claim (§6.3) on or off; takes effect from the next received packet. */
    void setChecksumOffload(boolean on) {
        checksumOffload = on;
    }

    /** Whether received packets carry the device's checksum verdict ({@link Packet#rxChecksum()}). */
    public boolean checksumOffload() {
        return checksumOffload;
    }
}
