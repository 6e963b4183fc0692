package io.ena4j.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread stepping one or more models: calls {@link EnaDeviceModel#doWork()} of each in turn, in a loop, with
 * a spin-then-park idle strategy (Agrona's backoff idea): after work, spin a little (a doorbell often follows
 * another), then yield, then park with a doubling timeout from 1 µs up to 1 ms.
 *
 * <p>Wake-ups: register writes that create work call {@link #wake()}. To keep that cheap on the driver's data path
 * (a doorbell per batch), the runner announces that it is about to park with a volatile flag and steps every model
 * once more before parking; a writer unparks only when it sees the flag. Both sides make a volatile store before the
 * volatile load of the other's variable, so either the runner sees the new work on its last pass or the writer sees
 * the flag: no wake-up is lost. The park length therefore only bounds the latency of time-driven work (keep-alives,
 * interrupt moderation delays).
 *
 * <p>An exception escaping {@code doWork()} is a model bug: it is counted ({@link ModelCounters#internalErrors()})
 * and logged, and the loop continues.
 */
final class ModelRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRunner.class);
    private static final int SPINS = 100;
    private static final int YIELDS = 100;
    private static final long MIN_PARK_NANOS = 1_000;
    private static final long MAX_PARK_NANOS = 1_000_000;

    private final String name;
    private final EnaDeviceModel[] models;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean parked;

    ModelRunner(String name, EnaDeviceModel... models) {
        this.name = name;
        this.models = models.clone();
    }

    String name() {
        return name;
    }

    /**
     * Starts the thread; no-op if running.
     *
     * @throws IllegalStateException if a model is already stepped by another runner
     */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        int attached = 0;
        try {
            for (EnaDeviceModel m : models) {
                m.attachRunner(this);
                attached++;
            }
        } catch (IllegalStateException e) {
            for (int i = 0; i < attached; i++) {
                models[i].detachRunner(this);
            }
            throw e;
        }
        running = true;
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the thread and waits for it to finish its current pass; no-op if not running. */
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
        for (EnaDeviceModel m : models) {
            m.detachRunner(this);
        }
    }

    /** True while the thread runs. */
    boolean running() {
        return thread != null;
    }

    /** Cuts a park short: new work arrived. Cheap when the runner is not parked (one volatile load). */
    void wake() {
        if (parked) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private int stepAll() {
        int done = 0;
        for (EnaDeviceModel m : models) {
            try {
                done += m.doWork();
            } catch (RuntimeException e) {
                m.counters().internalError();
                LOG.error("{}: device model step of {} failed", name, m.threadName(), e);
            }
        }
        return done;
    }

    private void loop() {
        int idle = 0;
        long park = MIN_PARK_NANOS;
        while (running) {
            if (stepAll() > 0) {
                idle = 0;
                park = MIN_PARK_NANOS;
            } else if (idle < SPINS) {
                idle++;
                Thread.onSpinWait();
            } else if (idle < SPINS + YIELDS) {
                idle++;
                Thread.yield();
            } else {
                parked = true;
                if (stepAll() > 0) {
                    parked = false;
                    idle = 0;
                    park = MIN_PARK_NANOS;
                    continue;
                }
                LockSupport.parkNanos(park);
                parked = false;
                park = Math.min(park * 2, MAX_PARK_NANOS);
            }
        }
    }
}
