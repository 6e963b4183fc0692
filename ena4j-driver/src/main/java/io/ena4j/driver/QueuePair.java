package io.ena4j.driver;

import io.ena4j.driver.com.IoQueue;
import io.ena4j.platform.Clock;
import io.ena4j.spec.regs.IntrUnmask;
import java.util.concurrent.locks.LockSupport;

/**
 * One I/O queue pair: a {@link TxQueue} and an {@link RxQueue} sharing MSI-X vector {@code 1 + qid}
 * (datapath.md §1.3), in one of two modes chosen per pair:
 * <ul>
 *   <li>{@link Mode#POLL}: the completion queues are created in polling mode; the application busy-polls
 *       {@link TxQueue#clean} and {@link RxQueue#receive} and no interrupt is ever raised.</li>
 *   <li>{@link Mode#INTERRUPT}: the device raises the pair's vector when a completion arrives on either CQ and
 *       masks it (auto-mask); {@link #awaitWork} parks until then, and {@link #unmask()}, called after a poll
 *       cycle that drained the queues, re-arms the vector through the Tx CQ's unmask register, carrying the
 *       moderation delays (§8.6).</li>
 * </ul>
 * A queue pair belongs to one thread (single-threaded by contract, see {@link TxQueue}); only the interrupt handler
 * and the service timer run elsewhere, and they touch nothing but volatile flags, the waiting thread's park permit
 * and (timer) the interrupt register. The object stays valid for the life of the device: across a reset its queues
 * pause (calls return 0) and resume on the new rings; after {@code down()} they return 0 for good.
 */
public final class QueuePair {

    /** How the pair learns about completions. */
    public enum Mode {
        /** Busy polling; CQs created with interrupts disabled. */
        POLL,
        /** MSI-X with auto-mask, unmasked by the driver after each drained poll cycle. */
        INTERRUPT
    }

    private final int qid;
    private final Mode mode;
    private final TxQueue tx;
    private final RxQueue rx;
    private IoQueue txQueue;
    private IoQueue rxQueue;
    private final Clock clock;
    private volatile boolean fired;
    private volatile Thread waiter;
    private int txDelay;
    private int rxDelay;
    private int lastTxDelay = -1;
    private int lastRxDelay = -1;
    volatile long interrupts;
    long unmasks;
    // Service-timer state (single writer: the timer).
    volatile long lostInterrupts;
    long lastPolls = -1;
    boolean lostInterruptWritten;
    boolean cqBusyLastTick;
    int rxNoInterruptChecks;
    int emptyRxTicks;

    QueuePair(int qid, Mode mode, TxQueue tx, RxQueue rx, IoQueue txQueue, IoQueue rxQueue, Clock clock,
              int txDelay, int rxDelay) {
        this.qid = qid;
        this.mode = mode;
        this.tx = tx;
        this.rx = rx;
        rx.pairTx(tx);
        this.txQueue = txQueue;
        this.rxQueue = rxQueue;
        this.clock = clock;
        this.txDelay = txDelay;
        this.rxDelay = rxDelay;
    }

    /** The MSI-X handler of this pair's vector: records the interrupt and wakes the waiting thread. */
    void onInterrupt(int vector) {
        interrupts++;
        wake();
    }

    /** Wakes the thread in {@link #awaitWork} as an interrupt would (the watchdog's "schedule NAPI"). */
    void wake() {
        fired = true;
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Waits until the pair's vector fires or {@code timeoutNanos} pass (interrupt mode); returns at once in poll
     * mode. Then clears the fired flag.
     *
     * @return true if an interrupt arrived
     */
    public boolean awaitWork(long timeoutNanos) {
        if (mode == Mode.POLL) {
            return false;
        }
        long deadline = clock.nanoTime() + timeoutNanos;
        waiter = Thread.currentThread();
        try {
            while (!fired) {
                long left = deadline - clock.nanoTime();
                if (left <= 0) {
                    return false;
                }
                clock.sleepNanos(Math.min(left, 1_000_000L));
            }
        } finally {
            waiter = null;
        }
        fired = false;
        return true;
    }

    /**
     * Re-arms the pair's vector (interrupt mode; no-op in poll mode): writes the unmask register of the Tx CQ
     * with the unmask bit, and with the current moderation delays when they changed since the last write
     * (otherwise {@code no_moderation_update}), as the Linux driver does (datapath.md §8.6).
     */
    public void unmask() {
        if (mode == Mode.POLL) {
            return;
        }
        boolean update = txDelay != lastTxDelay || rxDelay != lastRxDelay;
        int value = IntrUnmask.value(rxDelay, txDelay, 1, update ? 0 : 1);
        if (tx.writeInterruptRegister(value)) {
            lastTxDelay = txDelay;
            lastRxDelay = rxDelay;
            unmasks++;
        }
    }

    /**
     * Binds the pair to the admin handles of its (new) queues and forgets the interrupt history: at interface up and
     * when a reset brings the pair back. Moderation delays are kept; the first unmask writes them again.
     */
    void attach(IoQueue txQueue, IoQueue rxQueue) {
        this.txQueue = txQueue;
        this.rxQueue = rxQueue;
        lastTxDelay = -1;
        lastRxDelay = -1;
        interrupts = 0;
        lastPolls = -1;
        lostInterruptWritten = false;
        cqBusyLastTick = false;
        rxNoInterruptChecks = 0;
        emptyRxTicks = 0;
    }

    /**
     * The lost-interrupt recovery write (datapath.md §8.6 item 4, §12.4): the interrupt register with unmask 0 and
     * the delays included, and the waiting thread woken. From the service timer.
     */
    void recoverLostInterrupt() {
        if (tx.writeInterruptRegister(IntrUnmask.value(rxDelay, txDelay, 0, 0))) {
            lostInterrupts++;
        }
        wake();
    }

    /** Lost-interrupt recoveries ({@code queue_<i>_tx_lost_interrupt}). */
    public long lostInterrupts() {
        return lostInterrupts;
    }

    /** True while both queues accept calls: false during a reset and after the interface went down. */
    public boolean isRunning() {
        return tx.isRunning() && rx.isRunning();
    }

    /**
     * Sets the interrupt moderation delays, in units of the device's delay resolution, applied with the next
     * {@link #unmask()} (the {@code ethtool -C tx-usecs/rx-usecs} of one pair).
     *
     * @throws IllegalArgumentException if a delay is outside 0..32767
     */
    public void setModeration(int txUnits, int rxUnits) {
        if (txUnits < 0 || txUnits > 0x7FFF || rxUnits < 0 || rxUnits > 0x7FFF) {
            throw new IllegalArgumentException("interrupt delays " + txUnits + "/" + rxUnits
                    + " out of range: accepted 0..32767 units each");
        }
        this.txDelay = txUnits;
        this.rxDelay = rxUnits;
    }

    /** Queue-pair index. */
    public int qid() {
        return qid;
    }

    /** The pair's mode. */
    public Mode mode() {
        return mode;
    }

    /** The Tx queue. */
    public TxQueue tx() {
        return tx;
    }

    /** The Rx queue. */
    public RxQueue rx() {
        return rx;
    }

    /** MSI-X vector of the pair ({@code 1 + qid}). */
    public int vector() {
        return qid + 1;
    }

    /** Interrupts received. */
    public long interrupts() {
        return interrupts;
    }

    /** Unmask register writes ({@code queue_<i>_tx_unmask_interrupt}). */
    public long unmasks() {
        return unmasks;
    }

    IoQueue adminTx() {
        return txQueue;
    }

    IoQueue adminRx() {
        return rxQueue;
    }
}
