package io.ena4j.driver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The door between a queue's polling thread and the driver's management side (reset worker, {@code down()},
 * {@code close()}): the equivalent of the Linux driver's {@code napi_disable} / {@code netif_tx_disable}, without
 * a lock on the data path.
 *
 * <p>The poller announces itself with a volatile store to {@code busy} and then reads {@code state}; the
 * management side writes {@code state} and then reads {@code busy}. Both are sequentially consistent accesses, so
 * at least one side sees the other (Dekker): either the poller sees the queue closed and leaves at once, or the
 * closer sees the poller inside and waits for it to leave. Once {@link #close} has returned true no poller is
 * inside and none can enter until {@link #open}: the rings, req_id tables and buffers behind the queue may then be
 * changed or freed. Cost per API call: one volatile store and one release store (a locked instruction on x86).
 *
 * <p>The optional owner-thread check ({@code -Dena4j.queue.checkOwner=true}, off by default and then folded away
 * by the JIT) enforces the single-thread contract of the queue API: the first thread to call into the queue owns
 * it; a call from any other thread is refused (returns 0) and counted in {@link #wrongThread()}.
 */
final class QueueGate {

    /** Queue usable. */
    static final int RUNNING = 0;
    /** A reset is in progress: calls return 0 until the queue comes back. */
    static final int QUIESCED = 1;
    /** Interface down or device closed: calls return 0 for good. */
    static final int DOWN = 2;

    /** Whether the owner-thread check is compiled in (system property {@code ena4j.queue.checkOwner}). */
    static final boolean CHECK_OWNER = Boolean.getBoolean("ena4j.queue.checkOwner");

    private static final VarHandle BUSY;

    static {
        try {
            BUSY = MethodHandles.lookup().findVarHandle(QueueGate.class, "busy", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state = RUNNING;
    @SuppressWarnings("unused") // accessed through BUSY
    private int busy;
    private Thread owner;
    private volatile long wrongThread;

    /**
     * Enters the queue on the polling thread.
     *
     * @return true if the queue runs and the caller may use it; then {@link #exit()} must follow
     */
    boolean enter() {
        if (CHECK_OWNER && !ownerOk()) {
            return false;
        }
        BUSY.setVolatile(this, 1);
        if (state == RUNNING) {
            return true;
        }
        BUSY.setRelease(this, 0);
        return false;
    }

    /** Leaves the queue (after a successful {@link #enter()}). */
    void exit() {
        BUSY.setRelease(this, 0);
    }

    private boolean ownerOk() {
        Thread t = Thread.currentThread();
        Thread o = owner;
        if (o == t) {
            return true;
        }
        if (o == null) {
            owner = t;
            return true;
        }
        wrongThread++;
        return false;
    }

    /**
     * Closes the queue to its poller ({@link #QUIESCED} or {@link #DOWN}) and waits up to {@code waitNanos} of real
     * time for a poller inside to leave.
     *
     * @return true if no poller is inside (the queue's state may now be changed); false if one is still inside
     */
    boolean close(int newState, long waitNanos) {
        state = newState;
        long deadline = System.nanoTime() + waitNanos;
        while ((int) BUSY.getVolatile(this) != 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /** Opens the queue again; every change made while closed is visible to the poller's next {@link #enter()}. */
    void open() {
        state = RUNNING;
    }

    /** Current state: {@link #RUNNING}, {@link #QUIESCED} or {@link #DOWN}. */
    int state() {
        return state;
    }

    /** Calls refused because they came from a thread other than the queue's owner (with the check enabled). */
    long wrongThread() {
        return wrongThread;
    }
}
