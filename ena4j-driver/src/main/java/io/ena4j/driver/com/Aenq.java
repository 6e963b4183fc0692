package io.ena4j.driver.com;

import io.ena4j.platform.Clock;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.DmaException;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.RegisterBar;
import io.ena4j.spec.aenq.AenqConfNotifications;
import io.ena4j.spec.aenq.AenqEntry;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.aenq.AenqKeepAlive;
import io.ena4j.spec.aenq.AenqLinkChange;
import io.ena4j.spec.aenq.NotificationSyndrome;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The Asynchronous Event Notification Queue: ring set-up, consumption with a per-group handler table, and the
 * built-in handlers that record what the device reports (management.md §9).
 *
 * <pre>
 *  AENQ (16 × 64 B)  device → driver   head (u16, free-running, starts 16), phase (starts 1)
 *  entry: +0 u16 group  +2 u16 syndrome  +4 u8 flags (bit 0 phase)  +8 u64 timestamp  +16 48 B payload
 * </pre>
 *
 * <h2>Consumption (§9.4)</h2>
 * {@link #process()} starts at slot {@code head & 15} with the expected phase; while the entry's phase bit
 * (acquire load of the flags byte, before any other field) matches, it dispatches the entry by group through the
 * handler table (the default handler for a group without one, including undefined groups), advances, and flips
 * the expected phase when the slot index wraps from 15 to 0. Then {@code head += n} and, if {@code n > 0}, a full
 * fence and {@code AENQ_HEAD_DB = head}: the doorbell returns the consumed slots to the device. At most 16 entries
 * are consumed per call, so a device that ignores the credit protocol cannot hold the interrupt thread forever.
 *
 * <h2>Built-in handlers</h2>
 * <ul>
 *   <li>0 LINK_CHANGE: link state (flags bit 0) and the {@link Clock} time of the change;</li>
 *   <li>1 FATAL_ERROR: reset request, reason GENERIC (13) — ours: the reference has no handler for this group,
 *       the spec defines no payload and no reason for it; GENERIC is the reason meant for "anything else";</li>
 *   <li>3 NOTIFICATION: UPDATE_HINTS (2) parsed into {@link HwHintsInfo} and handed to the hints listener;
 *       the historic SUSPEND (0) / RESUME (1) set or clear {@link #trafficSuspended()}; other syndromes counted;</li>
 *   <li>4 KEEP_ALIVE: last keep-alive time from the {@link Clock}, and the device's cumulative rx_drops,
 *       tx_drops and rx_overruns;</li>
 *   <li>5 REFRESH_CAPABILITIES: reset request, reason NORMAL (0) (§9.3) — ours: the reference registers no
 *       handler (Linux never enables the group);</li>
 *   <li>6 CONF_NOTIFICATIONS: the notification bitmap;</li>
 *   <li>7 DEVICE_REQUEST_RESET: reset request, reason DEVICE_REQUEST (19).</li>
 * </ul>
 * Group 2 (WARNING) and undefined groups go to the default handler, which only counts them. Reset requests go to
 * the reset requester given at construction (the owner records them; the reset itself runs elsewhere). Every
 * handler can be replaced with {@link #setHandler(int, AenqHandler)}.
 *
 * <p>Thread-safe: {@link #process()} and {@link #keepAlivePending()} serialize on one lock; the recorded state is
 * readable from any thread.
 */
public final class Aenq {

    /** Ring depth (§6.1, §9.2). */
    public static final int DEPTH = EnaRegs.AENQ_DEPTH;
    /** Entry size in bytes (§9.1). */
    public static final int ENTRY_SIZE = EnaRegs.ADMIN_ENTRY_SIZE;

    private static final int MASK = DEPTH - 1;
    private static final VarHandle BYTE = ValueLayout.JAVA_BYTE.varHandle();

    private final PciFunction fn;
    private final RegisterBar bar;
    private final Clock clock;
    private final Consumer<ResetReason> resetRequester;
    private final AenqStats stats = new AenqStats();
    private final ReentrantLock lock = new ReentrantLock();
    private final AenqHandler[] handlers = new AenqHandler[AenqGroup.COUNT];
    private volatile AenqHandler defaultHandler = this::onUnimplemented;
    private volatile Consumer<HwHintsInfo> hintsListener;
    private volatile Runnable afterProcess;

    // Guarded by lock.
    private DmaBuffer ring;
    private int head;
    private int phase;

    private volatile boolean linkUp;
    private volatile long linkChangeNanos = Long.MIN_VALUE;
    private volatile long lastKeepAliveNanos = Long.MIN_VALUE;
    private volatile long rxDrops;
    private volatile long txDrops;
    private volatile long rxOverruns;
    private volatile boolean trafficSuspended;
    private volatile long confNotifications;
    private volatile HwHintsInfo lastHints;

    /**
     * An AENQ for {@code fn}; allocates nothing until {@link #init()}.
     *
     * @param resetRequester receives the reset reason of FATAL_ERROR, REFRESH_CAPABILITIES and
     *                       DEVICE_REQUEST_RESET events (may be {@code null}); called on the interrupt thread with
     *                       the AENQ lock held
     */
    public Aenq(PciFunction fn, Clock clock, Consumer<ResetReason> resetRequester) {
        this.fn = fn;
        this.bar = fn.bar0();
        this.clock = clock;
        this.resetRequester = resetRequester;
        handlers[AenqGroup.LINK_CHANGE.code()] = this::onLinkChange;
        handlers[AenqGroup.FATAL_ERROR.code()] = this::onFatalError;
        handlers[AenqGroup.NOTIFICATION.code()] = this::onNotification;
        handlers[AenqGroup.KEEP_ALIVE.code()] = this::onKeepAlive;
        handlers[AenqGroup.REFRESH_CAPABILITIES.code()] = this::onRefreshCapabilities;
        handlers[AenqGroup.CONF_NOTIFICATIONS.code()] = this::onConfNotifications;
        handlers[AenqGroup.DEVICE_REQUEST_RESET.code()] = this::onDeviceRequestReset;
    }

    /**
     * Allocates the zero-filled ring and writes AENQ_BASE_LO, AENQ_BASE_HI, then AENQ_CAPS = {@code 0x00400010}
     * (§9.2, §13.1 step 7, second part). Head := 16, phase := 1; the last keep-alive time is set to now, so that
     * a keep-alive watchdog measures from the set-up. AENQ_HEAD_DB is not written here (§9.2): see {@link #start()}.
     *
     * @return 0, or {@link EnaErrno#ENOMEM} if the ring could not be allocated (nothing is written then)
     * @throws IllegalStateException if already initialised
     */
    public int init() {
        lock.lock();
        try {
            if (ring != null) {
                throw new IllegalStateException("AENQ already initialised");
            }
            try {
                ring = fn.dma().allocate((long) DEPTH * ENTRY_SIZE);
            } catch (DmaException e) {
                return EnaErrno.ENOMEM;
            }
            head = DEPTH;
            phase = 1;
            lastKeepAliveNanos = clock.nanoTime();
            bar.write32(EnaRegs.AENQ_BASE_LO_OFF, EnaRegs.addrLo(ring.ioAddress()));
            bar.write32(EnaRegs.AENQ_BASE_HI_OFF, EnaRegs.addrHi(ring.ioAddress()));
            bar.write32(EnaRegs.AENQ_CAPS_OFF, EnaRegs.queueCaps(DEPTH, ENTRY_SIZE));
            return EnaErrno.OK;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Grants the device the whole ring: {@code AENQ_HEAD_DB = head}, i.e. 16 right after {@link #init()} (§9.2,
     * §13.1 step 15, {@code ena_com_admin_aenq_enable}). The reference warns if events were consumed before; so do
     * we (the return value), and write the current head anyway, which never grants more than the free slots.
     *
     * @return true if the head was at its initial value 16, false if not initialised or events were consumed
     */
    public boolean start() {
        lock.lock();
        try {
            if (ring == null) {
                return false;
            }
            bar.write32(EnaRegs.AENQ_HEAD_DB_OFF, head);
            stats.increment(AenqStats.Counter.DOORBELLS);
            return head == DEPTH;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the ring; no register is written (as {@code ena_com_admin_destroy}). No-op if not initialised. */
    public void destroy() {
        lock.lock();
        try {
            if (ring != null) {
                fn.dma().free(ring);
                ring = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Consumes every event the device has posted (§9.4) and rings AENQ_HEAD_DB once if any was consumed. Never
     * throws for ring content or handler failures.
     *
     * @return the number of events consumed
     */
    public int process() {
        int n = processLocked();
        Runnable after = afterProcess;
        if (after != null && n > 0) {
            // Outside the AENQ lock: the hook calls application listeners, which may take their own locks.
            after.run();
        }
        return n;
    }

    /**
     * Sets a hook run after {@link #process()} consumed at least one event, outside the AENQ lock: where the device
     * driver delivers the events the group handlers recorded to application listeners. {@code null} removes it.
     */
    public void setAfterProcess(Runnable hook) {
        afterProcess = hook;
    }

    private int processLocked() {
        lock.lock();
        try {
            if (ring == null) {
                return 0;
            }
            MemorySegment seg = ring.segment();
            int slot = head & MASK;
            int ph = phase;
            int n = 0;
            while (n < DEPTH) {
                long base = (long) slot * ENTRY_SIZE;
                int flags = (byte) BYTE.getAcquire(seg, base + AenqEntry.FLAGS_OFFSET);
                if ((flags & AenqEntry.PHASE_MASK) != ph) {
                    break;
                }
                // The acquire load orders the reads of the rest of the entry after the phase check (dma_rmb).
                dispatch(seg, base);
                n++;
                slot++;
                if (slot == DEPTH) {
                    slot = 0;
                    ph ^= 1;
                }
            }
            head = (head + n) & 0xFFFF;
            phase = ph;
            if (n > 0) {
                // Every entry is read before the device may reuse its slot (the reference's mb()).
                VarHandle.fullFence();
                bar.write32(EnaRegs.AENQ_HEAD_DB_OFF, head);
                stats.increment(AenqStats.Counter.DOORBELLS);
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Peeks, without consuming, whether an unprocessed KEEP_ALIVE entry sits in the ring (§9.4 last paragraph,
     * {@code ena_com_aenq_has_keep_alive}): a keep-alive timeout with one pending means events arrive but
     * interrupts do not (reset reason 18 instead of 1).
     */
    public boolean keepAlivePending() {
        lock.lock();
        try {
            if (ring == null) {
                return false;
            }
            MemorySegment seg = ring.segment();
            int slot = head & MASK;
            int ph = phase;
            for (int n = 0; n < DEPTH; n++) {
                long base = (long) slot * ENTRY_SIZE;
                int flags = (byte) BYTE.getAcquire(seg, base + AenqEntry.FLAGS_OFFSET);
                if ((flags & AenqEntry.PHASE_MASK) != ph) {
                    return false;
                }
                if (AenqEntry.group(seg, base) == AenqGroup.KEEP_ALIVE.code()) {
                    return true;
                }
                slot++;
                if (slot == DEPTH) {
                    slot = 0;
                    ph ^= 1;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the handler of {@code group}; {@code null} sends the group to the default handler.
     *
     * @throws IllegalArgumentException if {@code group} is not 0..7
     */
    public void setHandler(int group, AenqHandler handler) {
        checkGroup(group);
        lock.lock();
        try {
            handlers[group] = handler;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The handler of {@code group} ({@code null} if the group goes to the default handler).
     *
     * @throws IllegalArgumentException if {@code group} is not 0..7
     */
    public AenqHandler handler(int group) {
        checkGroup(group);
        lock.lock();
        try {
            return handlers[group];
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the handler for groups without one (must not be {@code null}). */
    public void setDefaultHandler(AenqHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("default AENQ handler must not be null");
        }
        defaultHandler = handler;
    }

    /** The handler for groups without one (initially: count as unimplemented / unknown group). */
    public AenqHandler defaultHandler() {
        return defaultHandler;
    }

    /** Receives the hints of every NOTIFICATION / UPDATE_HINTS event ({@code null}: none). */
    public void setHintsListener(Consumer<HwHintsInfo> listener) {
        hintsListener = listener;
    }

    /** Link state from the last LINK_CHANGE event; false until one arrives (Linux starts with carrier off, §9.5). */
    public boolean linkUp() {
        return linkUp;
    }

    /** {@link Clock} time of the last LINK_CHANGE event, or {@link Long#MIN_VALUE} if none. */
    public long linkChangeNanos() {
        return linkChangeNanos;
    }

    /** {@link Clock} time of the last KEEP_ALIVE event (or of {@link #init()}), {@link Long#MIN_VALUE} before init. */
    public long lastKeepAliveNanos() {
        return lastKeepAliveNanos;
    }

    /** Device rx_drops from the last KEEP_ALIVE event (cumulative since device reset). */
    public long rxDrops() {
        return rxDrops;
    }

    /** Device tx_drops from the last KEEP_ALIVE event (cumulative since device reset). */
    public long txDrops() {
        return txDrops;
    }

    /** Device rx_overruns from the last KEEP_ALIVE event (cumulative since device reset). */
    public long rxOverruns() {
        return rxOverruns;
    }

    /** True after a (historic) NOTIFICATION / SUSPEND until a RESUME. */
    public boolean trafficSuspended() {
        return trafficSuspended;
    }

    /** Bitmap of the last CONF_NOTIFICATIONS event (bit b = sub-optimal configuration code b + 1), 0 if none. */
    public long confNotifications() {
        return confNotifications;
    }

    /** Hints of the last UPDATE_HINTS event, or {@code null} if none. */
    public HwHintsInfo lastHints() {
        return lastHints;
    }

    /** Current head (u16, free-running). */
    public int head() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** Phase the next entry must carry to be consumed. */
    public int phase() {
        lock.lock();
        try {
            return phase;
        } finally {
            lock.unlock();
        }
    }

    /** IO address of the ring, or -1 if not initialised. */
    public long ioAddress() {
        lock.lock();
        try {
            return ring == null ? -1 : ring.ioAddress();
        } finally {
            lock.unlock();
        }
    }

    /** Host view of the ring (for tests and diagnostics), or {@code null} if not initialised. */
    public MemorySegment ring() {
        lock.lock();
        try {
            return ring == null ? null : ring.segment();
        } finally {
            lock.unlock();
        }
    }

    /** The counters. */
    public AenqStats stats() {
        return stats;
    }

    // ---- dispatch and built-in handlers ----

    private static void checkGroup(int group) {
        if (group < 0 || group >= AenqGroup.COUNT) {
            throw new IllegalArgumentException("AENQ group " + group + " is out of range: accepted 0.."
                    + (AenqGroup.COUNT - 1));
        }
    }

    private void dispatch(MemorySegment seg, long base) {
        stats.increment(AenqStats.Counter.EVENTS);
        int group = AenqEntry.group(seg, base);
        AenqHandler h = group < AenqGroup.COUNT ? handlers[group] : null;
        if (h == null) {
            h = defaultHandler;
        }
        try {
            h.onEvent(seg, base);
        } catch (RuntimeException e) {
            stats.increment(AenqStats.Counter.HANDLER_ERRORS);
        }
    }

    private void requestReset(ResetReason reason) {
        if (resetRequester != null) {
            resetRequester.accept(reason);
        }
    }

    private void onUnimplemented(MemorySegment seg, long base) {
        if (AenqGroup.of(AenqEntry.group(seg, base)) == null) {
            stats.increment(AenqStats.Counter.UNKNOWN_GROUP);
        } else {
            stats.increment(AenqStats.Counter.UNIMPLEMENTED);
        }
    }

    private void onLinkChange(MemorySegment seg, long base) {
        stats.increment(AenqStats.Counter.LINK_CHANGE);
        linkUp = AenqLinkChange.linkStatus(seg, base) != 0;
        linkChangeNanos = clock.nanoTime();
    }

    private void onFatalError(MemorySegment seg, long base) {
        stats.increment(AenqStats.Counter.FATAL_ERROR);
        requestReset(ResetReason.GENERIC);
    }

    private void onNotification(MemorySegment seg, long base) {
        stats.increment(AenqStats.Counter.NOTIFICATION);
        NotificationSyndrome syndrome = NotificationSyndrome.of(AenqEntry.syndrome(seg, base));
        if (syndrome == null) {
            stats.increment(AenqStats.Counter.UNKNOWN_SYNDROME);
            return;
        }
        switch (syndrome) {
            case SUSPEND -> {
                stats.increment(AenqStats.Counter.SUSPEND);
                trafficSuspended = true;
            }
            case RESUME -> {
                stats.increment(AenqStats.Counter.RESUME);
                trafficSuspended = false;
            }
            case UPDATE_HINTS -> {
                HwHintsInfo hints = HwHintsInfo.parse(seg, base + AenqEntry.PAYLOAD_OFFSET);
                lastHints = hints;
                stats.increment(AenqStats.Counter.HINTS);
                Consumer<HwHintsInfo> l = hintsListener;
                if (l != null) {
                    l.accept(hints); // an exception here is counted by dispatch()
                }
            }
        }
    }

    private void onKeepAlive(MemorySegment seg, long base) {
        stats.increment(AenqStats.Counter.KEEP_ALIVE);
        rxDrops = AenqKeepAlive.rxDrops(seg, base);
        txDrops = AenqKeepAlive.txDrops(seg, base);
        rxOverruns = AenqKeepAlive.rxOverruns(seg, base);
        lastKeepAliveNanos = clock.nanoTime(); // last: a watchdog reading it sees the counters of this event
    }

    private void onRefreshCapabilities(MemorySegment seg, long base) {
        stats.increment(AenqStats.Counter.REFRESH_CAPABILITIES);
        requestReset(ResetReason.NORMAL);
    }

    private void onConfNotifications(MemorySegment seg, long base) {
        stats.increment(AenqStats.Counter.CONF_NOTIFICATION);
        confNotifications = AenqConfNotifications.notificationsBitmap(seg, base);
    }

    private void onDeviceRequestReset(MemorySegment seg, long base) {
        stats.increment(AenqStats.Counter.DEVICE_REQUEST_RESET);
        requestReset(ResetReason.DEVICE_REQUEST);
    }
}
