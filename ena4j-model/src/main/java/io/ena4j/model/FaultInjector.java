package io.ena4j.model;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Device misbehaviour on demand, to test that a driver treats the device as untrusted (management.md §4.3, §5.3,
 * §6.5, §6.6, §13.4). Every fault is off by default; all methods are thread-safe and take effect at the next
 * matching device action. "Next N" faults count down as they fire; the others stay until switched off.
 */
public final class FaultInjector {

    private static final int NO_FORCE = -1;

    private final AtomicInteger withholdNext = new AtomicInteger();
    private final AtomicIntegerArray withheldOpcodes = new AtomicIntegerArray(256);
    private final AtomicInteger corruptIdDelta = new AtomicInteger();
    private final AtomicInteger corruptIdCount = new AtomicInteger();
    private final AtomicInteger forcedStatus = new AtomicInteger(NO_FORCE);
    private final AtomicInteger forcedStatusCount = new AtomicInteger();
    private final AtomicInteger suppressAdminIrq = new AtomicInteger();
    private volatile boolean dropReadless;
    private volatile int readlessRegOffDelta;
    private volatile boolean holdResetAssert;
    private volatile boolean holdResetDeassert;
    private volatile boolean stopKeepAlives;

    FaultInjector() {
    }

    /**
     * Withholds the completions of the next {@code n} admin commands: each is consumed from the AQ and executed, but
     * no ACQ entry is ever written for it (a lost completion; the driver's admin timeout must fire, §6.6).
     */
    public void withholdNextCompletions(int n) {
        withholdNext.set(Check.range("withholdNextCompletions n", n, 0, Integer.MAX_VALUE));
    }

    /**
     * Withholds (or stops withholding) the completion of every command with opcode {@code opcode} (0..255), consumed
     * and executed as with {@link #withholdNextCompletions(int)}.
     */
    public void withholdOpcode(int opcode, boolean withhold) {
        withheldOpcodes.set(Check.range("withholdOpcode opcode", opcode, 0, 255), withhold ? 1 : 0);
    }

    /**
     * Corrupts the command id of the next {@code count} completions: written as {@code (id + delta) & 0xFFF}. With
     * {@code delta = depth} the id is out of range (the driver must stop the admin queue, §6.5); small deltas
     * produce a completion for the wrong command.
     */
    public void corruptNextCommandId(int delta, int count) {
        corruptIdDelta.set(delta);
        corruptIdCount.set(Check.range("corruptNextCommandId count", count, 0, Integer.MAX_VALUE));
    }

    /**
     * Forces the status byte of the next {@code count} completions to {@code status} (0..255, undefined values
     * allowed, e.g. 8). A command with a forced status is <em>not</em> executed and its response payload is zero:
     * the device reports a failure as if it had failed.
     */
    public void forceNextStatus(int status, int count) {
        forcedStatus.set(Check.range("forceNextStatus status", status, 0, 255));
        forcedStatusCount.set(Check.range("forceNextStatus count", count, 0, Integer.MAX_VALUE));
    }

    /**
     * Writes the next {@code n} admin completions without raising MSI-X vector 0 even in interrupt mode (a missing
     * admin interrupt; the driver must notice, §6.6, reset reason 18).
     */
    public void suppressNextAdminInterrupts(int n) {
        suppressAdminIrq.set(Check.range("suppressNextAdminInterrupts n", n, 0, Integer.MAX_VALUE));
    }

    /** Drops every readless request without writing a response (the driver's read must time out, §4.3). */
    public void dropReadlessResponses(boolean drop) {
        dropReadless = drop;
    }

    /**
     * Answers readless requests with {@code reg_off + delta} (16-bit) instead of the requested offset; 0 turns the
     * fault off. The driver must discard such a response (§4.3 step 5).
     */
    public void readlessWrongRegOff(int delta) {
        readlessRegOffDelta = delta;
    }

    /**
     * While on, a reset request (DEV_CTL.DEV_RESET rising) is not acted upon: RESET_IN_PROGRESS never asserts and no
     * state is dropped (the driver's reset timeout must fire, §5.3 step 6). Turning it off while DEV_RESET is still 1
     * lets the reset start at the next {@code doWork()}.
     */
    public void holdResetAssert(boolean hold) {
        holdResetAssert = hold;
    }

    /**
     * While on, writing DEV_CTL.DEV_RESET = 0 does not complete a reset: RESET_IN_PROGRESS stays 1 and READY 0
     * (§5.3 step 8 times out). Turning it off completes the reset at the next {@code doWork()}.
     */
    public void holdResetDeassert(boolean hold) {
        holdResetDeassert = hold;
    }

    /** Stops (or resumes) the periodic AENQ KEEP_ALIVE events (the driver's keep-alive watchdog must fire, §13.4). */
    public void stopKeepAlives(boolean stop) {
        stopKeepAlives = stop;
    }

    /** Switches every fault off. */
    public void clear() {
        withholdNext.set(0);
        for (int i = 0; i < 256; i++) {
            withheldOpcodes.set(i, 0);
        }
        corruptIdCount.set(0);
        forcedStatusCount.set(0);
        suppressAdminIrq.set(0);
        dropReadless = false;
        readlessRegOffDelta = 0;
        holdResetAssert = false;
        holdResetDeassert = false;
        stopKeepAlives = false;
    }

    // ---- model side ----

    /** Consumes one "withhold" for a command of {@code opcode}; true if its completion must be withheld. */
    boolean takeWithhold(int opcode) {
        if (withheldOpcodes.get(opcode & 0xFF) != 0) {
            return true;
        }
        return takeOne(withholdNext);
    }

    /** The forced status for the next completion, or -1. */
    int takeForcedStatus() {
        return takeOne(forcedStatusCount) ? forcedStatus.get() : NO_FORCE;
    }

    /** The command id to write for a completion of command {@code id}. */
    int completionCommandId(int id) {
        return takeOne(corruptIdCount) ? (id + corruptIdDelta.get()) & 0xFFF : id;
    }

    boolean takeSuppressAdminInterrupt() {
        return takeOne(suppressAdminIrq);
    }

    boolean dropReadless() {
        return dropReadless;
    }

    int readlessRegOffDelta() {
        return readlessRegOffDelta;
    }

    boolean holdResetAssert() {
        return holdResetAssert;
    }

    boolean holdResetDeassert() {
        return holdResetDeassert;
    }

    boolean keepAlivesStopped() {
        return stopKeepAlives;
    }

    private static boolean takeOne(AtomicInteger counter) {
        while (true) {
            int n = counter.get();
            if (n <= 0) {
                return false;
            }
            if (counter.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }
}
