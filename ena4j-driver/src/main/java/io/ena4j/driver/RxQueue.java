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
 * <p>Single-threaded, allocation-free, lock-free, exception-free. Everything the device writes is checked: the
 * ring layer checks phase, req_id range, first/last and descriptor counts; this layer checks that each req_id
 * names a posted buffer and that the length and offset fit it. A bad value is counted and requests a reset
 * (INV_RX_REQ_ID, RX_DESCRIPTOR_MALFORMED or TOO_MANY_RX_DESCS); the queue then stops receiving until the reset.
 */
public final class RxQueue {

    private final int qid;
    private final IoSq sq;
    private final IoCq cq;
    private final RingStats ring;
    private final PacketPool pool;
    private final TxQueue.ResetSink reset;
    private final RxContext ctx;
    private final Packet[] posted;
    private final int[] freeIds;
    private final int mask;
    private final int headroom;
    /** Size of every posted buffer: all come from {@link #pool}, so this is each one's {@code buffer().byteSize()}. */
    private final int bufferSize;
    private final int postedLength;
    private final int refillThreshold;
    private int nextToUse;
    private int nextToClean;
    private boolean broken;

    // ethtool -S queue_<i>_rx_* counters (datapath.md §16.1); single writer.
    long cnt;
    long bytes;
    long badReqId;
    long badDescNum;
    long refillPartial;
    long pageAllocFail;
    long csumBad;
    long csumGood;
    long csumUnchecked;

    RxQueue(int qid, IoSq sq, IoCq cq, PacketPool pool, int maxSgl, TxQueue.ResetSink reset) {
        this.qid = qid;
        this.sq = sq;
        this.cq = cq;
        this.ring = sq.stats();
        this.pool = pool;
        this.reset = reset;
        this.ctx = new RxContext(maxSgl);
        int depth = sq.depth();
        this.mask = depth - 1;
        this.posted = new Packet[depth];
        this.freeIds = new int[depth];
        for (int i = 0; i < depth; i++) {
            freeIds[i] = i;
        }
        this.headroom = pool.headroom();
        this.bufferSize = pool.bufferSize();
        this.postedLength = bufferSize - headroom;
        // datapath.md §11.2: refill when more than min(ring / 8, 256) slots are free.
        this.refillThreshold = Math.min(depth / 8, 256);
    }

    /**
     * Receives up to {@code n} packets into {@code out[off..off+n)}; each returned packet (and every segment of
     * its chain) is owned by the application. Refills the ring afterwards when enough slots are free.
     *
     * @return packets received
     */
    public int receive(Packet[] out, int off, int n) {
        if (broken) {
            return 0;
        }
        int got = 0;
        while (got < n) {
            int rc = RxPath.rxPkt(cq, sq, ctx);
            if (rc != EnaErrno.OK) {
                if (rc == EnaErrno.ENOSPC || rc == EnaErrno.EFAULT) {
                    badDescNum++;
                } else {
                    badReqId++;
                }
                fault(ring.resetReason() != null ? ring.resetReason() : ResetReason.RX_DESCRIPTOR_MALFORMED);
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
            out[off + got++] = head;
            cnt++;
            bytes += head.packetLength;
        }
        if (sq.freeEntries() > refillThreshold) {
            refill();
        }
        return got;
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
                if (p == null) {
                    badReqId++;
                    fault(ResetReason.INV_RX_REQ_ID);
                } else {
                    badDescNum++;
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
        int flags = (c.l3CsumErr ? 1 : 0) | (c.l4CsumErr ? 2 : 0) | (c.l4CsumChecked ? 4 : 0)
                | (c.frag ? 8 : 0);
        head.rxFlags = (byte) flags;
        if (c.l4CsumChecked) {
            if (c.l4CsumErr) {
                csumBad++;
            } else {
                csumGood++;
            }
        } else {
            csumUnchecked++;
        }
        return head;
    }

    /**
     * Posts free pool buffers into every free ring slot and rings the doorbell once.
     *
     * @return buffers posted
     */
    public int refill() {
        if (broken) {
            return 0;
        }
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

    /** Returns every posted buffer to the pool (queue teardown, after the device stopped). */
    void drain() {
        for (int i = 0; i < posted.length; i++) {
            Packet p = posted[i];
            if (p != null) {
                posted[i] = null;
                pool.release(p);
            }
        }
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

    /** Malformed packets: too many buffers, bad lengths ({@code queue_<i>_rx_bad_desc_num}). */
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
}
