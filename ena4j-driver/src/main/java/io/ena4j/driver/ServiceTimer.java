package io.ena4j.driver;

import io.ena4j.driver.com.EnaComDevice;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;

/**
 * The driver's health monitor and reset worker (the Linux driver's {@code ena_timer_service}, management.md §13.4,
 * datapath.md §12.3–12.5), once per {@link #PERIOD_NANOS}:
 * <ol>
 *   <li>keep-alive watchdog: no KEEP_ALIVE event for the hint's {@code driver_watchdog_timeout} (default 6 s) →
 *       reset KEEP_ALIVE_TO, or MISSING_ADMIN_INTERRUPT if a keep-alive sits unprocessed in the AENQ;</li>
 *   <li>admin queue health: not running → ADMIN_TO, or MISSING_ADMIN_INTERRUPT if that is what stopped it;</li>
 *   <li>device status: DEV_STS.FATAL_ERROR → reset GENERIC ({@code fatal_error}); a status read that times out
 *       (the device does not answer readless reads) → reset GENERIC once it answers again;</li>
 *   <li>per queue pair: missing Tx completions (up to {@link #MONITORED_QUEUES} pairs per tick, round robin;
 *       {@code missed_tx}, reset MISS_TX_CMPL past the threshold, MISS_INTERRUPT / MISS_FIRST_INTERRUPT when the
 *       completions are there but no interrupt came), lost interrupts in interrupt mode (the recovery write of
 *       datapath.md §8.6, {@code lost_interrupt}), an Rx CQ with completions but no first interrupt (3 checks →
 *       MISS_FIRST_INTERRUPT), and an Rx ring without buffers on two ticks ({@code empty_rx_ring}: the poller is
 *       asked to retry the refill and woken);</li>
 *   <li>a pending reset (from any detector, the data path's completion checks or the device's AENQ request):
 *       if VERSION and CONTROLLER_VERSION read back the device runs {@link ResetController}; otherwise the reset
 *       waits for the next tick ({@code reset_postponed}). A failed restore is retried at the next ticks.</li>
 * </ol>
 * Every setting comes from the device hints at probe and from AENQ UPDATE_HINTS ({@link EnaAdapter#applyHints}).
 *
 * <p>Two ways to run it: a driver-owned daemon thread ({@link DriverConfig.ServiceTimerMode#THREAD}, the default on a
 * real clock), or the application's own duty cycle ({@link DriverConfig.ServiceTimerMode#APPLICATION}, the default
 * on a virtual clock): call {@link #doWork()} from any loop, as often as you like; it runs a tick when one is due
 * (an Agrona-style agent). A tick runs under the device's monitor and may take as long as a reset takes; the data
 * path never waits for it.
 *
 * <p>Poll mode, a deliberate difference from Linux (which has no such mode): when Tx completions are overdue but
 * present in the CQ, the device did its work and the application has not polled; no reset is made (it would not
 * help), only {@code missed_tx} counts.
 */
public final class ServiceTimer {

    /** Tick period (management.md §14). */
    public static final long PERIOD_NANOS = 1_000_000_000L;
    /** Queue pairs checked for missing Tx completions per tick (ENA_MONITORED_QUEUES). */
    static final int MONITORED_QUEUES = 4;
    /** Checks of an Rx CQ with completions and no first interrupt before a reset (ENA_MAX_NO_INTERRUPT_ITERATIONS). */
    static final int MAX_NO_INTERRUPT_ITERATIONS = 3;
    /** Consecutive ticks an Rx ring may be empty before the refill is retried. */
    static final int EMPTY_RX_TICKS = 2;

    private final Object lock;
    private final EnaAdapter a;
    private final ResetController reset;
    private long nextTickNanos;
    private int nextQueue;
    private long ticks;
    private volatile boolean running;
    private Thread thread;

    ServiceTimer(Object lock, EnaAdapter a, ResetController reset) {
        this.lock = lock;
        this.a = a;
        this.reset = reset;
        this.nextTickNanos = a.clock.nanoTime() + PERIOD_NANOS;
    }

    /**
     * Runs a tick if one is due (the application's duty cycle). Cheap when none is: one clock read.
     *
     * @return 1 if a tick ran, 0 otherwise (an Agrona {@code Agent.doWork} work count)
     */
    public int doWork() {
        long now = a.clock.nanoTime();
        if (now - nextTickNanos < 0) {
            return 0;
        }
        nextTickNanos = now + PERIOD_NANOS;
        tick();
        return 1;
    }

    /** Runs one tick now, whatever the period says. */
    public void tick() {
        synchronized (lock) {
            ticks++;
            tickLocked();
        }
        a.flushEvents();
    }

    /** Ticks run so far. */
    public long ticks() {
        return ticks;
    }

    private void tickLocked() {
        if (a.closed) {
            return;
        }
        if (reset.restorePending()) {
            reset.retryRestore();
            return;
        }
        if (a.com.state() != EnaComDevice.State.ADMIN) {
            return;
        }
        long now = a.clock.nanoTime();
        checkKeepAlive(now);
        checkAdmin();
        boolean responsive = checkDeviceStatus();
        checkQueues(now);
        ResetReason pending = a.com.pendingReset();
        if (pending == null) {
            return;
        }
        if (!responsive || a.com.mmio().read32(EnaRegs.VERSION_OFF) == EnaRegs.READ_FAILED
                || a.com.mmio().read32(EnaRegs.CONTROLLER_VERSION_OFF) == EnaRegs.READ_FAILED) {
            a.resetPostponed++; // §13.4 step 5: the device does not answer; try again at the next tick
            return;
        }
        ResetReason r = a.com.takePendingReset();
        if (r != null) {
            reset.resetAndRestore(r);
        }
    }

    private void checkKeepAlive(long now) {
        long toMs = a.keepAliveTimeoutMs;
        if (toMs < 0 || (a.enabledAenqGroups & (1 << AenqGroup.KEEP_ALIVE.code())) == 0) {
            return;
        }
        long last = a.com.aenq().lastKeepAliveNanos();
        if (last == Long.MIN_VALUE || now - last <= toMs * 1_000_000L) {
            return;
        }
        boolean pending = a.com.aenq().keepAlivePending();
        if (a.com.requestReset(pending ? ResetReason.MISSING_ADMIN_INTERRUPT : ResetReason.KEEP_ALIVE_TO)) {
            a.wdExpired++;
            a.logger().warn("{}: keep-alive watchdog expired: no keep-alive for {} ms{}", a.fn.address(),
                    (now - last) / 1_000_000, pending ? " (one is pending: the management interrupt is missing)" : "");
        }
    }

    private void checkAdmin() {
        if (a.com.adminQueue().isRunning()) {
            return;
        }
        boolean missingIrq = a.com.adminQueue().missingInterruptDetected();
        if (a.com.requestReset(missingIrq ? ResetReason.MISSING_ADMIN_INTERRUPT : ResetReason.ADMIN_TO)) {
            a.adminQueueFailures++;
            a.logger().warn("{}: the admin queue is not running{}", a.fn.address(),
                    missingIrq ? " (missing admin interrupt)" : "");
        }
    }

    /** Reads DEV_STS; false if the read timed out (the device does not answer register reads). */
    private boolean checkDeviceStatus() {
        int sts = a.com.mmio().read32(EnaRegs.DEV_STS_OFF);
        if (sts == EnaRegs.READ_FAILED) {
            a.com.requestReset(ResetReason.GENERIC);
            return false;
        }
        if ((sts & EnaRegs.DEV_STS_FATAL_ERROR_MASK) != 0 && a.com.requestReset(ResetReason.GENERIC)) {
            a.fatalErrors++;
            a.logger().warn("{}: the device reports a fatal error (DEV_STS 0x{})", a.fn.address(),
                    Integer.toHexString(sts));
        }
        return true;
    }

    private void checkQueues(long now) {
        QueuePair[] pairs = a.pairs;
        int n = pairs.length;
        if (n == 0) {
            return;
        }
        long toMs = a.missingTxCompletionTimeoutMs;
        if (toMs >= 0) {
            int budget = Math.min(MONITORED_QUEUES, n);
            for (int k = 0; k < budget; k++) {
                checkMissingTx(pairs[(nextQueue + k) % n], now, toMs * 1_000_000L);
            }
            nextQueue = (nextQueue + budget) % n;
        }
        for (QueuePair qp : pairs) {
            if (qp.isRunning()) {
                checkInterrupts(qp);
                checkEmptyRx(qp);
            }
        }
    }

    private void checkMissingTx(QueuePair qp, long now, long timeoutNanos) {
        if (!qp.isRunning()) {
            return;
        }
        TxQueue tx = qp.tx();
        int beyondGrace = tx.checkMissingCompletions(now, timeoutNanos);
        boolean irq = qp.mode() == QueuePair.Mode.INTERRUPT;
        boolean neverInterrupted = irq && qp.interrupts == 0;
        if (neverInterrupted && beyondGrace > 0) {
            request(ResetReason.MISS_FIRST_INTERRUPT, qp, "Tx packets without completion and no interrupt yet");
            return;
        }
        if (tx.pendingTimedOut() <= a.missedTxCompletionThreshold) {
            return;
        }
        if (!tx.cq().hasCompletion()) {
            request(ResetReason.MISS_TX_CMPL, qp, tx.pendingTimedOut() + " Tx packets without completion");
        } else if (irq) {
            request(neverInterrupted ? ResetReason.MISS_FIRST_INTERRUPT : ResetReason.MISS_INTERRUPT, qp,
                    "Tx completions present but no interrupt for them");
        }
    }

    private void checkInterrupts(QueuePair qp) {
        if (qp.mode() != QueuePair.Mode.INTERRUPT) {
            return;
        }
        boolean txBusy = qp.tx().cq().hasCompletion();
        boolean rxBusy = qp.rx().cq().hasCompletion();
        boolean busy = txBusy || rxBusy;
        // What an interrupt would have caused: the handler ran, or the application polled (the reaps send() makes
        // by itself do not count: they happen without any interrupt).
        long polls = qp.interrupts + qp.tx().cleanCalls() + qp.rx().polls();
        if (busy && qp.cqBusyLastTick && polls == qp.lastPolls) {
            if (!qp.lostInterruptWritten) {
                qp.recoverLostInterrupt();
                qp.lostInterruptWritten = true;
                a.logger().info("{}: queue pair {}: lost interrupt, recovery write", a.fn.address(), qp.qid());
            }
        } else if (!busy || polls != qp.lastPolls) {
            // The queue drained or was serviced since: a later stall is a new lost interrupt, worth a new write.
            qp.lostInterruptWritten = false;
        }
        qp.cqBusyLastTick = busy;
        qp.lastPolls = polls;
        if (rxBusy && qp.interrupts == 0 && ++qp.rxNoInterruptChecks >= MAX_NO_INTERRUPT_ITERATIONS) {
            request(ResetReason.MISS_FIRST_INTERRUPT, qp, "Rx completions present but never an interrupt");
        }
    }

    private void checkEmptyRx(QueuePair qp) {
        RxQueue rx = qp.rx();
        if (rx.postedBuffers() != 0) {
            qp.emptyRxTicks = 0;
            return;
        }
        if (++qp.emptyRxTicks >= EMPTY_RX_TICKS) {
            qp.emptyRxTicks = 0;
            rx.emptyRxRing++;
            rx.refillRequested = true;
            qp.wake();
        }
    }

    private void request(ResetReason reason, QueuePair qp, String what) {
        if (a.com.requestReset(reason)) {
            if (reason == ResetReason.MISS_FIRST_INTERRUPT) {
                a.missingFirstInterrupt++;
            }
            a.logger().warn("{}: queue pair {}: {}; reset {}", a.fn.address(), qp.qid(), what, reason.label());
        }
    }

    // ---------------------------------------------------------------------------------------------- own thread

    /** Starts the driver-owned timer thread (daemon, named {@code ena4j-timer-<address>}). Idempotent. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("ena4j-timer-" + a.fn.address()).unstarted(this::run);
        thread.start();
    }

    /** Stops the timer thread and waits for it (unless called from it). Idempotent. */
    void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True if the driver-owned thread runs the timer. */
    public boolean ownThread() {
        return thread != null;
    }

    private void run() {
        while (running) {
            long wait = nextTickNanos - a.clock.nanoTime();
            if (wait > 0) {
                a.clock.sleepNanos(Math.min(wait, 100_000_000L));
                continue;
            }
            try {
                doWork();
            } catch (RuntimeException e) {
                a.logger().error("{}: service timer tick failed", a.fn.address(), e);
            }
        }
    }
}
