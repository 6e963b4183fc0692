package io.ena4j.platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for tests: time moves only when someone sleeps on it or calls {@link #advance(long)}.
 *
 * <p>After every advance the clock runs its tickers, in registration order, on the advancing
 * thread. A device model registered as a ticker is therefore stepped whenever the driver waits,
 * which makes single-threaded tests deterministic: a driver polling for an admin completion sleeps,
 * the device processes the doorbell during that sleep, and the next poll finds the completion.
 * A device told to withhold a completion lets the driver's full timeout elapse in microseconds of
 * real time.
 */
public final class ManualClock implements Clock {

    private final AtomicLong now = new AtomicLong();
    private final List<Runnable> tickers = new CopyOnWriteArrayList<>();

    /** A clock at time zero. */
    public ManualClock() {
    }

    /** A clock starting at {@code startNanos}. */
    public ManualClock(long startNanos) {
        now.set(startNanos);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public boolean isVirtual() {
        return true;
    }

    @Override
    public void sleepNanos(long nanos) {
        advance(Math.max(nanos, 1));
    }

    /** Moves time forward by {@code nanos} (must be ≥ 0) and runs every ticker once. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("cannot advance a clock by a negative time: " + nanos + " ns");
        }
        now.addAndGet(nanos);
        for (Runnable t : tickers) {
            t.run();
        }
    }

    /** Moves time forward in {@code step}-sized increments until {@code total} has passed. */
    public void advanceInSteps(long total, long step) {
        if (step <= 0) {
            throw new IllegalArgumentException("step must be > 0 ns, got " + step);
        }
        for (long done = 0; done < total; done += step) {
            advance(Math.min(step, total - done));
        }
    }

    /** Registers {@code ticker} to run after every advance. */
    public void addTicker(Runnable ticker) {
        tickers.add(ticker);
    }

    /** Unregisters a ticker added with {@link #addTicker(Runnable)}. */
    public void removeTicker(Runnable ticker) {
        tickers.remove(ticker);
    }
}
