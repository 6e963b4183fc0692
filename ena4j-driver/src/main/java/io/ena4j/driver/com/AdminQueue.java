package io.ena4j.driver.com;

import io.ena4j.platform.Clock;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.DmaException;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.RegisterBar;
import io.ena4j.spec.admin.AcqEntry;
import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.AqEntry;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The Admin Queue (AQ) and Admin Completion Queue (ACQ): submission, completion matching and the two wait
 * modes (management.md §6).
 *
 * <pre>
 *  AQ  (32 × 64 B)  driver → device   tail (u16, free-running), phase (starts 1), curr_cmd_id (0..31)
 *  ACQ (32 × 64 B)  device → driver   head (u16, free-running), phase (starts 1); no consumer doorbell
 * </pre>
 *
 * <h2>Submission (§6.3)</h2>
 * Under the queue lock: a queue that is not running rejects the command with {@link EnaErrno#ENODEV} without
 * touching the device; if 32 commands are outstanding the command is rejected with {@link EnaErrno#ENOSPC},
 * {@code out_of_space} is counted and the queue stops running (as §6.3 step 1 says). Otherwise the command gets
 * id {@code curr_cmd_id & 0xFFF} (or the next free id, see below) and the current phase, exactly {@code cmdLen}
 * bytes are copied into slot {@code tail & 31} (bytes beyond keep an earlier command's data, as in the reference,
 * §6.2), the id and phase are set in the slot (bits 11:0 of bytes 0–1 and bit 0 of byte 3 are overwritten; the
 * reference ORs them in, which is the same for the zeroed fields of a well-formed command), {@code curr_cmd_id},
 * {@code tail} and (on wrap) the phase advance, and {@code AQ_DB = tail}.
 * If the id {@code curr_cmd_id} is still held by a waiter that has not yet collected its completion, the next free
 * id is used: the reference fails such a submission with EINVAL and stops the queue, but with concurrent
 * submitters it is a normal race, not a device fault. In serial use ids equal slot indexes, as in the vectors.
 *
 * <h2>Completion (§6.5)</h2>
 * Under the same lock: from {@code head & 31}, every entry whose phase bit (read with an acquire load of the
 * flags byte, before any other field) equals the expected phase is consumed. Its id selects the waiting command:
 * <ul>
 *   <li>id ≥ 32: {@code bad_completion_id}, the queue stops running (reference behaviour);</li>
 *   <li>id in range but no command outstanding under it: {@code unexpected_completion}, the entry is dropped.
 *       The reference does not detect this and would overwrite a finished command's response; we check it so a
 *       duplicated or stale completion cannot corrupt the next command that reuses the id;</li>
 *   <li>otherwise the first {@code respLen} bytes are copied, the status is recorded and the waiter woken.</li>
 * </ul>
 * At most 32 entries are consumed per call, so a device that keeps rewriting entries cannot hold a thread forever.
 *
 * <h2>Waiting (§6.6)</h2>
 * <b>Polling mode</b>: the submitting thread processes the ACQ, then sleeps with the {@link PollBackoff}, until
 * its command completes or the completion timeout passes (then: {@code no_completion}, queue not running,
 * {@link EnaErrno#ETIME}). <b>Interrupt mode</b>: the management interrupt handler calls
 * {@link #processCompletions()}, which unparks the waiter; the waiter sleeps on the {@link Clock} in slices of
 * {@link EnaComConfig#interruptRecheckUs()} (a real clock parks, so the unpark ends the sleep early; a
 * {@link io.ena4j.platform.ManualClock} advances, so tests stay deterministic) until done or timed out. On timeout
 * it processes the ACQ once itself and counts {@code no_completion}: if its completion is there now, the
 * interrupt was lost ({@code missing_admin_interrupt}, reset reason 18); if not, reset reason 2. Either way the
 * queue stops running and the result is {@code ETIME} (the reference never enables auto-polling fall-back).
 *
 * <p>Whenever the queue stops running because of a fault it reports the reset reason the reference's service
 * timer would derive (§13.4 step 2: 18 after a missing interrupt, otherwise 2) to the reset requester given at
 * construction; the reset itself is someone else's job.
 *
 * <h2>State</h2>
 * <pre>
 *  new ──init()──▶ running ──fault / setRunning(false)──▶ not running ──setRunning(true)──▶ running
 *   ▲                 │                                        │
 *   └───destroy()─────┴────────────────────────────────────────┘   (destroy aborts waiters, frees the rings)
 * </pre>
 * {@link #init()} leaves the queue running in interrupt wait mode (as the reference's {@code ena_com_admin_init});
 * the owner selects polling with {@link #setPollingMode(boolean)} before the first command.
 *
 * <p>Thread-safe: any number of threads may call {@link #execute} concurrently; completions may be processed by
 * the interrupt thread and by polling submitters at the same time.
 */
public final class AdminQueue implements AdminExecutor {

    /** Ring depth of the AQ and the ACQ (§6.1). */
    public static final int DEPTH = EnaRegs.AQ_DEPTH;
    /** Entry size of the AQ and the ACQ in bytes (§6.1). */
    public static final int ENTRY_SIZE = EnaRegs.ADMIN_ENTRY_SIZE;
    /** Smallest command length accepted by {@link #execute} (the common header). */
    public static final int MIN_CMD_LEN = 4;
    /** Smallest response length accepted by {@link #execute} (the common completion header). */
    public static final int MIN_RESP_LEN = 8;

    private static final int MASK = DEPTH - 1;
    private static final VarHandle BYTE = ValueLayout.JAVA_BYTE.varHandle();

    private static final int FREE = 0;
    private static final int SUBMITTED = 1;
    private static final int COMPLETED = 2;
    private static final int ABORTED = 3;

    /** Per-command-id completion context (the reference's {@code ena_comp_ctx}). */
    private static final class Ctx {
        final int id;
        /** FREE → SUBMITTED (submit) → COMPLETED / ABORTED → FREE (release); writes under the lock. */
        volatile int state;
        /** Written before {@code state = COMPLETED}, read after seeing it. */
        int status;
        int respLen;
        volatile Thread waiter;

        Ctx(int id) {
            this.id = id;
        }
    }

    private final PciFunction fn;
    private final RegisterBar bar;
    private final Clock clock;
    private final EnaComConfig config;
    private final Consumer<ResetReason> resetRequester;
    private final AdminStats stats = new AdminStats();
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Completed responses, staged on the heap: the ACQ may be processed on the interrupt thread, and the caller's
     * response segment may be confined to the caller's thread, so the caller copies out of here itself.
     */
    private final MemorySegment staging = MemorySegment.ofArray(new byte[DEPTH * ENTRY_SIZE]);

    // All of the following are guarded by lock.
    private Ctx[] ctxs = newContexts();
    private DmaBuffer sq;
    private DmaBuffer cq;
    private int sqTail;
    private int sqPhase;
    private int cqHead;
    private int cqPhase;
    private int currCmdId;
    private int outstanding;

    private volatile boolean running;
    private volatile boolean polling;
    private volatile boolean missingInterrupt;
    private volatile long completionTimeoutUs;

    /**
     * An admin queue for {@code fn}; allocates nothing until {@link #init()}.
     *
     * @param resetRequester receives the reset reason when the queue stops because of a fault (may be
     *                       {@code null}); called with the queue lock held, so it must be short and must not call
     *                       back into this queue
     */
    public AdminQueue(PciFunction fn, Clock clock, EnaComConfig config, Consumer<ResetReason> resetRequester) {
        this.fn = fn;
        this.bar = fn.bar0();
        this.clock = clock;
        this.config = config;
        this.resetRequester = resetRequester;
        this.completionTimeoutUs = config.adminTimeoutUs();
    }

    /**
     * Allocates the AQ and ACQ and writes AQ_BASE_LO, AQ_BASE_HI, ACQ_BASE_LO, ACQ_BASE_HI, AQ_CAPS, ACQ_CAPS in
     * that order (§13.1 step 7, first part). Resets the producer/consumer state (tail/head 0, phases 1, command id
     * 0), marks the queue running with no missing interrupt recorded, and selects interrupt wait mode.
     *
     * @return 0, or {@link EnaErrno#ENOMEM} if the rings could not be allocated (nothing is written then)
     * @throws IllegalStateException if already initialised
     */
    public int init() {
        lock.lock();
        try {
            if (sq != null) {
                throw new IllegalStateException("admin queue already initialised");
            }
            DmaBuffer newSq = null;
            try {
                newSq = fn.dma().allocate((long) DEPTH * ENTRY_SIZE);
                cq = fn.dma().allocate((long) DEPTH * ENTRY_SIZE);
            } catch (DmaException e) {
                if (newSq != null) {
                    fn.dma().free(newSq);
                }
                return EnaErrno.ENOMEM;
            }
            sq = newSq;
            ctxs = newContexts(); // waiters of a previous life keep their own contexts
            sqTail = 0;
            sqPhase = 1;
            cqHead = 0;
            cqPhase = 1;
            currCmdId = 0;
            outstanding = 0;
            bar.write32(EnaRegs.AQ_BASE_LO_OFF, EnaRegs.addrLo(sq.ioAddress()));
            bar.write32(EnaRegs.AQ_BASE_HI_OFF, EnaRegs.addrHi(sq.ioAddress()));
            bar.write32(EnaRegs.ACQ_BASE_LO_OFF, EnaRegs.addrLo(cq.ioAddress()));
            bar.write32(EnaRegs.ACQ_BASE_HI_OFF, EnaRegs.addrHi(cq.ioAddress()));
            bar.write32(EnaRegs.AQ_CAPS_OFF, EnaRegs.queueCaps(DEPTH, ENTRY_SIZE));
            bar.write32(EnaRegs.ACQ_CAPS_OFF, EnaRegs.queueCaps(DEPTH, ENTRY_SIZE));
            polling = false;
            missingInterrupt = false;
            running = true;
            return EnaErrno.OK;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the queue, aborts every waiting command and frees both rings; no register is written (as
     * {@code ena_com_admin_destroy}; the device is expected to be reset or to have been told nothing). After this
     * {@link #init()} may be called again. No-op if not initialised.
     */
    public void destroy() {
        lock.lock();
        try {
            running = false;
            abortLocked();
            if (sq != null) {
                fn.dma().free(sq);
                sq = null;
            }
            if (cq != null) {
                fn.dma().free(cq);
                cq = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Submits {@code cmd} and waits for its completion (see the class description).
     *
     * @throws IllegalArgumentException if a length is outside its range (cmdLen 4..64, respLen 8..64) or larger
     *                                  than its segment
     */
    @Override
    public int execute(MemorySegment cmd, int cmdLen, MemorySegment resp, int respLen) {
        checkLen("cmdLen", cmdLen, MIN_CMD_LEN, cmd);
        checkLen("respLen", respLen, MIN_RESP_LEN, resp);
        Ctx ctx;
        lock.lock();
        try {
            if (!running || sq == null) {
                return EnaErrno.ENODEV;
            }
            if (outstanding >= DEPTH) {
                stats.increment(AdminStats.Counter.OUT_OF_SPACE);
                stopLocked(ResetReason.ADMIN_TO);
                return EnaErrno.ENOSPC;
            }
            ctx = nextFreeContextLocked();
            submitLocked(ctx, cmd, cmdLen, respLen);
        } finally {
            lock.unlock();
        }
        return polling ? waitPolling(ctx, resp) : waitInterrupt(ctx, resp);
    }

    /**
     * Consumes every completion the device has posted (the management interrupt handler's admin half,
     * {@code ena_com_admin_q_comp_intr_handler}) and wakes their waiters. Never throws for ring content.
     *
     * @return the number of ACQ entries consumed
     */
    public int processCompletions() {
        lock.lock();
        try {
            return processLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks every waiting command aborted and wakes its waiter, which then returns {@link EnaErrno#ENODEV} and
     * counts {@code aborted_cmd} ({@code ena_com_abort_admin_commands}). The running state is not changed.
     */
    public void abort() {
        lock.lock();
        try {
            abortLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits, sleeping with the poll back-off, until no command is outstanding, for at most the completion
     * timeout ({@code ena_com_wait_for_abort_completion}; the reference waits without bound).
     *
     * @return true if no command is outstanding any more
     */
    public boolean waitForAbortCompletion() {
        long deadline = clock.nanoTime() + completionTimeoutUs * 1_000L;
        PollBackoff backoff = new PollBackoff(clock, config);
        while (outstanding() != 0) {
            if (clock.nanoTime() - deadline > 0) {
                return false;
            }
            backoff.sleep();
        }
        return true;
    }

    /** True while the queue accepts commands. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Sets the running state ({@code ena_com_set_admin_running_state}): the reset flow stops the queue before a
     * reset so that nothing more reaches the device (§13.5 step 1).
     */
    public void setRunning(boolean state) {
        lock.lock();
        try {
            running = state;
        } finally {
            lock.unlock();
        }
    }

    /** True in polling wait mode, false in interrupt wait mode. */
    public boolean pollingMode() {
        return polling;
    }

    /**
     * Selects the wait mode of commands submitted from now on. Only the mode: the INTR_MASK write that goes with
     * it is the owner's ({@link EnaComDevice#setAdminPollingMode(boolean)}).
     */
    public void setPollingMode(boolean polling) {
        this.polling = polling;
    }

    /** True once a completion was found whose interrupt never arrived (§6.6), until the next {@link #init()}. */
    public boolean missingInterruptDetected() {
        return missingInterrupt;
    }

    /** The completion timeout in µs. */
    public long completionTimeoutUs() {
        return completionTimeoutUs;
    }

    /**
     * Replaces the completion timeout: from CAPS after a reset (§5.3 step 9) or from the HW hint
     * {@code admin_completion_tx_timeout} × 1000 (§8.6).
     *
     * @throws IllegalArgumentException if outside {@code 1..}{@link EnaComConfig#ADMIN_TIMEOUT_US_MAX}
     */
    public void setCompletionTimeoutUs(long us) {
        EnaComConfig.checkRange("adminTimeoutUs", us, 1, EnaComConfig.ADMIN_TIMEOUT_US_MAX);
        completionTimeoutUs = us;
    }

    /** Commands submitted and not yet released by their waiters. */
    public int outstanding() {
        lock.lock();
        try {
            return outstanding;
        } finally {
            lock.unlock();
        }
    }

    /** The counters. */
    public AdminStats stats() {
        return stats;
    }

    /** IO address of the AQ ring, or -1 if not initialised. */
    public long aqIoAddress() {
        lock.lock();
        try {
            return sq == null ? -1 : sq.ioAddress();
        } finally {
            lock.unlock();
        }
    }

    /** IO address of the ACQ ring, or -1 if not initialised. */
    public long acqIoAddress() {
        lock.lock();
        try {
            return cq == null ? -1 : cq.ioAddress();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The host view of the AQ ring (for inspection by tests and diagnostics), or {@code null} if not
     * initialised. The ring is written only under the queue lock.
     */
    public MemorySegment aqRing() {
        lock.lock();
        try {
            return sq == null ? null : sq.segment();
        } finally {
            lock.unlock();
        }
    }

    /** Current AQ tail (u16, free-running). */
    public int sqTail() {
        lock.lock();
        try {
            return sqTail;
        } finally {
            lock.unlock();
        }
    }

    /** Phase the next submitted command will carry. */
    public int sqPhase() {
        lock.lock();
        try {
            return sqPhase;
        } finally {
            lock.unlock();
        }
    }

    /** Current ACQ head (u16, free-running). */
    public int cqHead() {
        lock.lock();
        try {
            return cqHead;
        } finally {
            lock.unlock();
        }
    }

    /** Phase the next ACQ entry must carry to be consumed. */
    public int cqPhase() {
        lock.lock();
        try {
            return cqPhase;
        } finally {
            lock.unlock();
        }
    }

    // ---- internals ----

    private static Ctx[] newContexts() {
        Ctx[] a = new Ctx[DEPTH];
        for (int i = 0; i < DEPTH; i++) {
            a[i] = new Ctx(i);
        }
        return a;
    }

    private static void checkLen(String name, int len, int min, MemorySegment seg) {
        long max = Math.min(ENTRY_SIZE, seg.byteSize());
        if (len < min || len > max) {
            throw new IllegalArgumentException(name + " = " + len + " is out of range: accepted " + min + ".." + max);
        }
    }

    /**
     * The context of {@code curr_cmd_id}, or, if its waiter has not collected it yet, the next free one. The
     * reference fails such a submission with EINVAL and stops the queue; with concurrent submitters a waiter that
     * is slow to collect its completion is a normal race, not a fault, so we take the next free id instead (the
     * device matches completions by id, §6.5). In serial use ids still equal slot indexes, as the vectors show.
     * A free context exists because fewer than {@link #DEPTH} commands are outstanding.
     */
    private Ctx nextFreeContextLocked() {
        for (int i = 0; i < DEPTH; i++) {
            Ctx c = ctxs[(currCmdId + i) & MASK];
            if (c.state == FREE) {
                currCmdId = (c.id + 1) & MASK;
                return c;
            }
        }
        throw new IllegalStateException("no free admin command id although " + outstanding + " < " + DEPTH
                + " commands are outstanding");
    }

    private void submitLocked(Ctx ctx, MemorySegment cmd, int cmdLen, int respLen) {
        MemorySegment ring = sq.segment();
        long base = (long) (sqTail & MASK) * ENTRY_SIZE;
        MemorySegment.copy(cmd, 0, ring, base, cmdLen);
        AqEntry.commandId(ring, base, ctx.id & AqEntry.COMMAND_ID_MAX);
        AqEntry.phase(ring, base, sqPhase);
        ctx.respLen = respLen;
        ctx.status = 0;
        ctx.waiter = Thread.currentThread();
        ctx.state = SUBMITTED;
        outstanding++;
        sqTail = (sqTail + 1) & 0xFFFF;
        if ((sqTail & MASK) == 0) {
            sqPhase ^= 1;
        }
        stats.increment(AdminStats.Counter.SUBMITTED_CMD);
        // RegisterBar orders this write after the slot stores above (its contract), so the device sees the entry.
        bar.write32(EnaRegs.AQ_DB_OFF, sqTail);
    }

    private int processLocked() {
        if (cq == null) {
            return 0;
        }
        MemorySegment ring = cq.segment();
        int n = 0;
        while (n < DEPTH) {
            long base = (long) (cqHead & MASK) * ENTRY_SIZE;
            int flags = (byte) BYTE.getAcquire(ring, base + AcqEntry.FLAGS_OFFSET);
            if ((flags & AcqEntry.PHASE_MASK) != cqPhase) {
                break;
            }
            // The acquire load above orders every read below after the phase check (the reference's dma_rmb).
            handleLocked(ring, base);
            n++;
            cqHead = (cqHead + 1) & 0xFFFF;
            if ((cqHead & MASK) == 0) {
                cqPhase ^= 1;
            }
        }
        if (n > 0) {
            stats.add(AdminStats.Counter.COMPLETED_CMD, n);
        }
        return n;
    }

    private void handleLocked(MemorySegment ring, long base) {
        int id = AcqEntry.commandId(ring, base);
        if (id >= DEPTH) {
            stats.increment(AdminStats.Counter.BAD_COMPLETION_ID);
            stopLocked(ResetReason.ADMIN_TO);
            return;
        }
        Ctx ctx = ctxs[id];
        if (ctx.state != SUBMITTED) {
            stats.increment(AdminStats.Counter.UNEXPECTED_COMPLETION);
            return;
        }
        MemorySegment.copy(ring, base, staging, (long) id * ENTRY_SIZE, ctx.respLen);
        ctx.status = AcqEntry.status(ring, base);
        ctx.state = COMPLETED; // volatile: publishes the staged bytes and the status to the waiter
        Thread w = ctx.waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    private void abortLocked() {
        for (Ctx ctx : ctxs) {
            if (ctx.state == SUBMITTED) {
                ctx.state = ABORTED;
                Thread w = ctx.waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }

    private void stopLocked(ResetReason reason) {
        running = false;
        if (resetRequester != null) {
            resetRequester.accept(reason);
        }
    }

    private int waitPolling(Ctx ctx, MemorySegment resp) {
        long deadline = clock.nanoTime() + completionTimeoutUs * 1_000L;
        PollBackoff backoff = new PollBackoff(clock, config);
        while (true) {
            processCompletions();
            if (ctx.state != SUBMITTED) {
                return finish(ctx, resp);
            }
            if (clock.nanoTime() - deadline > 0) {
                lock.lock();
                try {
                    if (ctx.state == SUBMITTED) { // re-checked under the lock: another thread may have completed it
                        stats.increment(AdminStats.Counter.NO_COMPLETION);
                        stopLocked(ResetReason.ADMIN_TO);
                        releaseLocked(ctx);
                        return EnaErrno.ETIME;
                    }
                } finally {
                    lock.unlock();
                }
                return finish(ctx, resp);
            }
            backoff.sleep();
        }
    }

    private int waitInterrupt(Ctx ctx, MemorySegment resp) {
        long deadline = clock.nanoTime() + completionTimeoutUs * 1_000L;
        long slice = config.interruptRecheckUs() * 1_000L;
        while (ctx.state == SUBMITTED) {
            long left = deadline - clock.nanoTime();
            if (left <= 0) {
                break;
            }
            clock.sleepNanos(Math.min(slice, left));
        }
        lock.lock();
        try {
            if (ctx.state == SUBMITTED) {
                // Timed out: look at the ACQ once ourselves to tell a lost interrupt from a silent device (§6.6).
                processLocked();
                stats.increment(AdminStats.Counter.NO_COMPLETION);
                if (ctx.state == COMPLETED) {
                    missingInterrupt = true;
                    stats.increment(AdminStats.Counter.MISSING_ADMIN_INTERRUPT);
                    stopLocked(ResetReason.MISSING_ADMIN_INTERRUPT);
                } else {
                    stopLocked(ResetReason.ADMIN_TO);
                }
                releaseLocked(ctx);
                return EnaErrno.ETIME;
            }
        } finally {
            lock.unlock();
        }
        return finish(ctx, resp);
    }

    /** Completed or aborted: returns the result and releases the context. */
    private int finish(Ctx ctx, MemorySegment resp) {
        int rc;
        if (ctx.state == ABORTED) {
            rc = EnaErrno.ENODEV;
        } else {
            MemorySegment.copy(staging, (long) ctx.id * ENTRY_SIZE, resp, 0, ctx.respLen);
            rc = AdminStatus.errnoOf(ctx.status);
        }
        lock.lock();
        try {
            if (ctx.state == ABORTED) {
                stats.increment(AdminStats.Counter.ABORTED_CMD);
            }
            releaseLocked(ctx);
        } finally {
            lock.unlock();
        }
        return rc;
    }

    private void releaseLocked(Ctx ctx) {
        ctx.waiter = null;
        ctx.state = FREE;
        if (ctxs[ctx.id] == ctx) { // a context of an earlier init() no longer counts
            outstanding--;
        }
    }
}
