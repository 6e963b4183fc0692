package io.ena4j.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * The device model's own thread: calls {@code doWork()} in a loop with a spin-then-park idle strategy (Agrona's
 * backoff idea): after work, spin a little (a doorbell often follows another), then yield, then park with a
 * doubling timeout from 1 µs up to 1 ms. Register writes that create work {@link #wake()} the thread, so the park
 * length only bounds the latency of time-driven work (keep-alives). An exception escaping {@code doWork()} is a model
 * bug: it is counted and logged, and the loop continues.
 */
final class ModelRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRunner.class);
    private static final int SPINS = 100;
    private static final int YIELDS = 100;
    private static final long MIN_PARK_NANOS = 1_000;
    private static final long MAX_PARK_NANOS = 1_000_000;

    private final String name;
    private final IntSupplier work;
    private final ModelCounters counters;
    private volatile Thread thread;
    private volatile boolean running;

    ModelRunner(String name, IntSupplier work, ModelCounters counters) {
        this.name = name;
        this.work = work;
        this.counters = counters;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop() {
        Thread t;
        synchronized (this) {
            t = thread;
            if (t == null) {
                return;
            }
            running = false;
            thread = null;
        }
        LockSupport.unpark(t);
        if (t != Thread.currentThread()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Cuts a park short: new work arrived. */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop() {
        int idle = 0;
        long park = MIN_PARK_NANOS;
        while (running) {
            int done;
            try {
                done = work.getAsInt();
            } catch (RuntimeException e) {
                counters.internalError();
                LOG.error("{}: device model step failed", name, e);
                done = 0;
            }
            if (done > 0) {
                idle = 0;
                park = MIN_PARK_NANOS;
            } else if (idle < SPINS) {
                idle++;
                Thread.onSpinWait();
            } else if (idle < SPINS + YIELDS) {
                idle++;
                Thread.yield();
            } else {
                LockSupport.parkNanos(park);
                park = Math.min(park * 2, MAX_PARK_NANOS);
            }
        }
    }
}
