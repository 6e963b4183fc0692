package io.ena4j.driver;

import io.ena4j.driver.com.EnaComException;
import io.ena4j.driver.com.EnaErrno;
import io.ena4j.driver.com.IoQueue;
import io.ena4j.driver.com.IoQueueParams;
import io.ena4j.driver.com.LlqConfig;
import io.ena4j.driver.com.RssConfig;
import io.ena4j.driver.eth.IoCq;
import io.ena4j.driver.eth.IoSq;
import io.ena4j.driver.eth.LlqInfo;
import io.ena4j.driver.eth.RingStats;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.FeatureId;

/**
 * Interface up and down (the Linux driver's {@code ena_up} / {@code ena_down} with {@code ena_create_io_queues} and
 * {@code ena_destroy_all_io_queues}; management.md §13.2, §13.3), and the queue part of a restore (§13.5 restore
 * step 5), which binds the application's existing {@link QueuePair} objects to the new rings instead of making new
 * ones.
 */
final class QueueSetup {

    /** Initial static interrupt delays, µs (datapath.md §13.1): Tx 64, Rx 20. */
    static final int DEFAULT_TX_USECS = 64;
    /** Initial Rx interrupt delay, µs. */
    static final int DEFAULT_RX_USECS = 20;
    /** Longest L2 header a received frame carries besides the MTU: Ethernet with one VLAN tag. */
    static final int L2_OVERHEAD = 18;
    /** How long the reset worker or {@code down()} waits for a poller to leave a queue call, real time. */
    static final long GATE_WAIT_NANOS = 1_000_000_000L;

    private final EnaAdapter a;

    QueueSetup(EnaAdapter a) {
        this.a = a;
    }

    /** Checks the arguments of {@link EnaDevice#up}; every message names the value and the accepted range. */
    void validate(int n, PacketPool[] pools, QueuePair.Mode[] modes) {
        if (n < 1 || n > a.numIoQueues) {
            throw new IllegalArgumentException("queue pairs " + n + " out of range: accepted 1.." + a.numIoQueues);
        }
        if (pools == null || pools.length < n || modes == null || modes.length < n) {
            throw new IllegalArgumentException("need a packet pool and a mode for each of the " + n + " queue pairs");
        }
        for (int i = 0; i < n; i++) {
            if (pools[i] == null || modes[i] == null) {
                throw new IllegalArgumentException("queue pair " + i + " has no packet pool or no mode");
            }
            if (pools[i].isClosed()) {
                throw new IllegalArgumentException("queue pair " + i + ": its packet pool is closed");
            }
            checkPoolFitsMtu(i, pools[i], a.mtu);
        }
    }

    /**
     * A frame of the MTU (plus an Ethernet header with a VLAN tag) must fit in the Rx buffers the device may chain
     * for one packet ({@code max_rx_sgl_size}, management.md §8.3).
     */
    void checkPoolFitsMtu(int qid, PacketPool pool, int mtu) {
        int usable = pool.bufferSize() - pool.headroom();
        int frame = mtu + L2_OVERHEAD;
        int maxSgl = Math.max(1, a.features.maxQueues().maxRxSgEntries());
        int need = (frame + usable - 1) / usable;
        if (need > maxSgl) {
            long maxMtu = (long) maxSgl * usable - L2_OVERHEAD;
            throw new IllegalArgumentException("queue pair " + qid + ": MTU " + mtu + " needs frames of " + frame
                    + " bytes, " + need + " Rx buffers of " + usable + " usable bytes (" + pool.bufferSize()
                    + " - headroom " + pool.headroom() + "), but the device chains at most " + maxSgl
                    + " per packet: accepted MTU " + EnaDevice.MIN_MTU + ".." + maxMtu + " with this pool, or a pool"
                    + " with larger buffers");
        }
    }

    /**
     * Creates the queues of {@code n} pairs (§13.2): for each pair the Tx CQ and SQ, then for each pair the Rx CQ and
     * SQ (NUMA hint written), the RSS indirection table over the Rx SQs and the MTU. With {@code reuse} (a restore)
     * the existing pair objects are bound to the new rings, their gates still closed; otherwise new pairs are made.
     * Rx rings are not filled and no vector is attached yet: {@link #start} does that.
     *
     * @throws EnaComException if a queue cannot be created; the caller destroys what was made
     */
    QueuePair[] create(int n, PacketPool[] pools, QueuePair.Mode[] modes, QueuePair[] reuse) {
        QueuePair[] made = reuse != null ? reuse : new QueuePair[n];
        IoQueue[] txs = new IoQueue[n];
        IoQueue[] rxs = new IoQueue[n];
        if (reuse == null) {
            a.pairs = made; // what destroy() drains and frees if creation fails half-way
        }
        try {
            return createQueues(n, pools, modes, reuse, made, txs, rxs);
        } catch (RuntimeException e) {
            // Destroy what the device created (if the admin queue still runs), once: the pairs forget their handles.
            for (QueuePair qp : made) {
                if (qp != null) {
                    qp.attach(null, null);
                }
            }
            for (IoQueue[] qs : new IoQueue[][] {txs, rxs}) {
                for (IoQueue q : qs) {
                    if (q != null && a.com.adminQueue().isRunning()) {
                        a.admin.destroyIoQueue(q);
                    }
                }
            }
            throw e;
        }
    }

    private QueuePair[] createQueues(int n, PacketPool[] pools, QueuePair.Mode[] modes, QueuePair[] reuse,
                                     QueuePair[] made, IoQueue[] txs, IoQueue[] rxs) {
        int maxRxSgl = a.features.maxQueues().maxRxSgEntries();
        boolean mbz = a.features.attributes().hasCapability(DeviceAttributes.CAP_CDESC_MBZ);
        LlqConfig lc = a.llq.devicePlacement() ? a.llq.config() : null;
        int maxTxSgl = a.txSgLimit();
        LlqInfo llqInfo = lc == null ? null : LlqInfo.of(lc.entrySize(), lc.descsBeforeHeader(), lc.descStride(),
                lc.maxEntriesInTxBurst(), lc.disableMetaCaching());
        IoSq[] txSq = new IoSq[n];
        IoCq[] txCq = new IoCq[n];
        for (int i = 0; i < n; i++) {
            boolean irq = modes[i] == QueuePair.Mode.INTERRUPT;
            IoQueueParams p = lc != null ? IoQueueParams.txLlq(a.txRingSize, i + 1, lc)
                    : IoQueueParams.txHost(a.txRingSize, i + 1);
            p = withInterrupts(p, irq, a.hwTsTxActive());
            DmaBuffer cqRing = ring(p.cqRingBytes());
            DmaBuffer sqRing = lc == null ? ring(p.sqRingBytes()) : null;
            txs[i] = EnaAdapter.checkResult("create Tx queue " + i, a.admin.createIoQueue(p, cqRing, sqRing));
            RingStats st = reuse != null && reuse[i] != null ? reuse[i].tx().ringStats() : new RingStats();
            txCq[i] = IoCq.tx(cqRing, a.txRingSize, p.cqEntrySize(), mbz, st)
                    .registers(a.fn.bar0(), txs[i].cq().unmaskRegOffset(), txs[i].cq().numaRegOffset());
            txSq[i] = lc != null
                    ? IoSq.txLlq(a.fn.bar2(), Integer.toUnsignedLong(txs[i].sq().llqDescriptorsOffset()), a.txRingSize,
                            llqInfo, a.com.dmaAddrBits(), a.fn.bar0(), txs[i].sq().doorbellOffset(), st)
                    : IoSq.txHost(sqRing, a.txRingSize, a.features.txMaxHeaderSize(), a.com.dmaAddrBits(),
                            a.fn.bar0(), txs[i].sq().doorbellOffset(), st);
        }
        int[] rxSqIdx = new int[n];
        int txOffloads = a.features.offloads().tx();
        for (int i = 0; i < n; i++) {
            boolean irq = modes[i] == QueuePair.Mode.INTERRUPT;
            IoQueueParams p = withInterrupts(IoQueueParams.rx(a.rxRingSize, i + 1), irq, a.hwTsRxActive());
            DmaBuffer cqRing = ring(p.cqRingBytes());
            DmaBuffer sqRing = ring(p.sqRingBytes());
            rxs[i] = EnaAdapter.checkResult("create Rx queue " + i, a.admin.createIoQueue(p, cqRing, sqRing));
            rxSqIdx[i] = rxs[i].sq().sqIdx();
            RingStats st = reuse != null && reuse[i] != null ? reuse[i].rx().ringStats() : new RingStats();
            IoCq rxCq = IoCq.rx(cqRing, a.rxRingSize, p.cqEntrySize(), mbz, st)
                    .registers(a.fn.bar0(), rxs[i].cq().unmaskRegOffset(), rxs[i].cq().numaRegOffset());
            rxCq.updateNumaNode(0);
            IoSq rxSq = IoSq.rx(sqRing, a.rxRingSize, a.com.dmaAddrBits(), a.fn.bar0(), rxs[i].sq().doorbellOffset(),
                    st);
            if (reuse != null && reuse[i] != null) {
                QueuePair qp = reuse[i];
                qp.tx().attach(txSq[i], txCq[i], maxTxSgl, txOffloads);
                qp.rx().attach(rxSq, rxCq, maxRxSgl);
                qp.attach(txs[i], rxs[i]);
            } else {
                TxQueue.ResetSink sink = reason -> a.com.requestReset(reason);
                TxQueue tx = new TxQueue(i, txSq[i], txCq[i], maxTxSgl, txOffloads, sink, a.clock);
                RxQueue rx = new RxQueue(i, rxSq, rxCq, pools[i], maxRxSgl, sink);
                int res = a.interruptDelayResolution;
                made[i] = new QueuePair(i, modes[i], tx, rx, txs[i], rxs[i], a.clock, DEFAULT_TX_USECS / res,
                        DEFAULT_RX_USECS / res);
            }
            made[i].rx().setChecksumOffload(a.rxChecksumOffloadActive());
            made[i].rx().setHook(a.hooks[i]);
        }
        if (a.rssSupported) {
            int rc = a.admin.setIndirectionTable(RssConfig.defaultIndirectionTable(a.rssTableLogSize, rxSqIdx));
            if (rc != 0 && rc != EnaErrno.EOPNOTSUPP) {
                throw new EnaComException("set RSS indirection table", rc);
            }
        }
        if (a.features.isFeatureSupported(FeatureId.MTU.code())) {
            EnaAdapter.check("set MTU " + a.mtu, a.admin.setMtu(a.mtu));
        }
        a.pairs = made;
        if (a.lastPairs.length < made.length) {
            a.lastPairs = java.util.Arrays.copyOf(a.lastPairs, made.length);
        }
        System.arraycopy(made, 0, a.lastPairs, 0, made.length);
        return made;
    }

    /**
     * Fills the Rx rings and, for pairs in interrupt mode, attaches vector {@code 1 + i} and unmasks it; with
     * {@code reopen} (a restore) the pairs' gates open instead, so the application's calls work again from here on,
     * and the polling thread fills its Rx ring at its next call (the pool is its own).
     */
    void start(QueuePair[] pairs, boolean reopen) {
        for (QueuePair qp : pairs) {
            if (reopen) {
                // The pool belongs to the polling thread, which may be running: it refills the ring itself at
                // its next receive (woken below in interrupt mode), never this thread.
                qp.rx().refillRequested = true;
                qp.rx().gate().open();
                qp.tx().gate().open();
                qp.wake();
            } else {
                qp.rx().refill();
            }
            if (qp.mode() == QueuePair.Mode.INTERRUPT) {
                a.fn.setInterruptHandler(qp.vector(), qp::onInterrupt);
                qp.unmask();
            }
        }
    }

    /**
     * Closes every pair's gates ({@link QueueGate#QUIESCED} for a reset, {@link QueueGate#DOWN} for good) and waits
     * for pollers to leave, then detaches the pairs' vectors.
     *
     * @return true if every poller left; false if one is still inside a call after {@link #GATE_WAIT_NANOS} (its
     *         ring memory must then not be freed)
     */
    boolean quiesce(int gateState) {
        boolean all = true;
        for (QueuePair qp : a.pairs) {
            all &= qp.tx().gate().close(gateState, GATE_WAIT_NANOS);
            all &= qp.rx().gate().close(gateState, GATE_WAIT_NANOS);
        }
        for (int i = 0; i < a.pairs.length; i++) {
            a.fn.setInterruptHandler(i + 1, null);
        }
        return all;
    }

    /**
     * Rebuilds the interface's queues with the ring sizes and pair count now in the adapter (ethtool -G / -L:
     * Linux's {@code ena_close} + {@code ena_up}, the device itself is not reset): gates closed as for a reset, the
     * queues destroyed (buffers back to their pools, nothing counted as dropped), then created again. The pairs below
     * {@code n} that exist keep their objects (re-bound to the new rings, their counters continue, their pollers'
     * calls return 0 meanwhile); pairs at and above the old count are made new with {@code pools[i]} and
     * {@code modes[i]}; pairs above {@code n} are closed for good.
     *
     * @return the pairs now up
     * @throws RuntimeException if the device refused a queue; the caller restores the old sizes with a reset
     */
    QueuePair[] rebuild(int n, PacketPool[] pools, QueuePair.Mode[] modes) {
        QueuePair[] old = a.pairs;
        boolean idle = quiesce(QueueGate.QUIESCED);
        destroy(false, idle);
        for (int i = n; i < old.length; i++) {
            old[i].tx().gate().close(QueueGate.DOWN, 0);
            old[i].rx().gate().close(QueueGate.DOWN, 0);
        }
        QueuePair[] made = java.util.Arrays.copyOf(old, n);
        a.pairs = made;
        create(n, pools, modes, made);
        a.upPools = pools.clone();
        a.upModes = modes.clone();
        // Every pair, old or new, fills its Rx ring at its poller's next call (the pool is the poller's).
        start(made, true);
        return made;
    }

    /**
     * Destroys the I/O queues of every pair: DESTROY commands when the admin queue runs (graceful, §13.3; they fail
     * locally when a reset stopped it, §13.5 step 2), then every posted or in-flight buffer back to its pool (in
     * flight ones counted as dropped when {@code reset}), then the rings freed, unless {@code freeRings} is false (a
     * poller did not leave its call: the memory is kept rather than freed under it).
     */
    void destroy(boolean reset, boolean freeRings) {
        QueuePair[] pairs = a.pairs;
        for (QueuePair qp : pairs) {
            if (qp != null && qp.adminTx() != null && a.com.adminQueue().isRunning()) {
                a.admin.destroyIoQueue(qp.adminTx());
            }
        }
        for (QueuePair qp : pairs) {
            if (qp != null && qp.adminRx() != null && a.com.adminQueue().isRunning()) {
                a.admin.destroyIoQueue(qp.adminRx());
            }
        }
        for (QueuePair qp : pairs) {
            if (qp != null) {
                qp.tx().drain(reset);
                qp.rx().drain();
                qp.attach(null, null);
            }
        }
        if (freeRings) {
            for (DmaBuffer b : a.ringMemory) {
                a.fn.dma().free(b);
            }
        } else {
            a.logger().error("{}: a queue poller did not leave its call within {} ms; keeping {} ring buffers "
                    + "allocated rather than freeing them under it", a.fn.address(), GATE_WAIT_NANOS / 1_000_000,
                    a.ringMemory.size());
        }
        a.ringMemory.clear();
    }

    /** {@code p} with the CQ's interrupt-mode bit and, for HW timestamps, extended completion entries (§1.5). */
    private static IoQueueParams withInterrupts(IoQueueParams p, boolean irq, boolean extended) {
        return new IoQueueParams(p.direction(), p.placement(), p.depth(), p.msixVector(), irq, extended,
                p.llqEntrySize());
    }

    private DmaBuffer ring(long bytes) {
        DmaBuffer b = a.fn.dma().allocate(bytes);
        a.ringMemory.add(b);
        return b;
    }
}
