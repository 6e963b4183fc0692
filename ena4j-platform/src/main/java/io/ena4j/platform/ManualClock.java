package io.ena4j.platform;

import java.util.Arrays;
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
    /** Copy-on-write, read without an iterator: advancing allocates nothing (zero-allocation tests step models). */
    private volatile Runnable[] tickers = new Runnable[0];

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
        Runnable[] ts = tickers;
        for (int i = 0; i < ts.length; i++) {
            ts[i].run();
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
    public synchronized void addTicker(Runnable ticker) {
        if (ticker == null) {
            throw new IllegalArgumentException("addTicker needs a ticker, got null");
        }
        Runnable[] ts = Arrays.copyOf(tickers, tickers.length + 1);
        ts[ts.length - 1] = ticker;
        tickers = ts;
    }

    /** Unregisters a ticker added with {@link #addTicker(Runnable)}. */
    public synchronized void removeTicker(Runnable ticker) {
        Runnable[] ts = tickers;
        for (int i = 0; i < ts.length; i++) {
            if (ts[i].equals(ticker)) {
                Runnable[] n = new Runnable[ts.length - 1];
                System.arraycopy(ts, 0, n, 0, i);
                System.arraycopy(ts, i + 1, n, i, ts.length - i - 1);
                tickers = n;
                return;
            }
        }
    }
}
