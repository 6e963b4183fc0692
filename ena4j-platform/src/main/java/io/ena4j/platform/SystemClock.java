package io.ena4j.platform;

import java.util.concurrent.locks.LockSupport;

/** The real monotonic clock: {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
public final class SystemClock implements Clock {

    /** The one instance; the clock has no state. */
    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleepNanos(long nanos) {
        if (nanos <= 0) {
            Thread.onSpinWait();
            return;
        }
        LockSupport.parkNanos(nanos);
    }
}
