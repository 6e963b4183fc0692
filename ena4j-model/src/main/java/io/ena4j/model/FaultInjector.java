package io.ena4j.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Device misbehaviour on demand, to test that a driver treats the device as untrusted: management plane
 * (management.md §4.3, §5.3, §6.5, §6.6, §13.4) and data path (datapath.md §11.3, §12.2, §12.3, §12.4, §1.1). Every
 * fault is off by default; all methods are thread-safe and take effect at the next matching device action. "Next N"
 * faults count down as they fire; the others stay until switched off. {@link #clear()} switches everything off.
 *
 * <h2>Data-path faults</h2>
 * Meant to be armed from a test or fault-campaign thread while traffic runs on the model's stepping thread(s). The
 * engines pay one volatile read per packet (and one per I/O interrupt) for all of them together: a flag that is set
 * whenever any data-path fault is armed and settles back to false once none is; only then do they look at the
 * individual faults. A fault that fires is counted in {@link ModelCounters} ({@code txCompletionsWithheld},
 * {@code txCompletionsCorrupted}, {@code rxCompletionsCorrupted}, {@code ioInterruptsDropped},
 * {@code dataPathDmaFaultsInjected}). "Any Tx CQ" / "any Rx CQ" means any queue of this device; with several queues
 * under traffic, which queue takes a one-shot fault depends on the stepping order.
 */
public final class FaultInjector {

    /** Ways to corrupt one Tx completion (datapath.md §4.1, §12.2), see {@link #corruptNextTxCompletion}. */
    public enum TxCompletionFault {
        /**
         * {@code req_id} = the SQ depth (the smallest out-of-range id, so an off-by-one range check is caught too; at
         * least the CQ depth if that is larger). §12.2 step 3: {@code bad_req_id}, reset INV_TX_REQ_ID. The packet
         * itself was sent; its real req_id is never completed.
         */
        REQ_ID_OUT_OF_RANGE,
        /**
         * {@code req_id} = the req_id of the previous completion this Tx queue wrote on its CQ (the last one written
         * with its correct req_id): a packet the driver has already completed, so not in flight once that earlier
         * entry is processed. §12.2 step 4: {@code bad_req_id}, reset INV_TX_REQ_ID. The packet itself was sent; its
         * real req_id is never completed. Waits (stays armed) for a completion that has a predecessor on its queue.
         * Caveat: a driver that reuses the freed req_id for a new packet before it reads the duplicate sees a legal
         * completion.
         */
        REQ_ID_DUPLICATE,
        /**
         * The packet's correct completion, with both MBZ bits 7:6 of {@code flags} set (word 0 bits 31:30). §12.2
         * step 2: with capability CDESC_MBZ, reset TX_DESCRIPTOR_MALFORMED (head not advanced); without it the bits
         * are ignored.
         */
        MBZ_BITS
    }

    /**
     * Ways to corrupt the completions of one received packet (datapath.md §6.1, §11.3, §12.2), see
     * {@link #corruptNextRxCompletion}. Unless stated otherwise, only the packet's first entry is changed; the frame
     * bytes are written into the posted buffers as usual and the queue's consumer index advances as usual.
     */
    public enum RxCompletionFault {
        /**
         * {@code req_id} of the first entry replaced by one that names no posted buffer: the smallest id below the Rx
         * SQ depth that no descriptor posted at the time (between the device's consumer index and the doorbell,
         * this packet's included) carries — the driver's "buffer has no page" check (§12.2 Rx, INV_RX_REQ_ID) — or,
         * when every id is posted, the SQ depth (out of range, §11.3 step 1, INV_RX_REQ_ID). The buffer actually
         * used is never returned.
         */
        BAD_REQ_ID,
        /** {@code length} of the first entry written as 0 (the buffer holds data nonetheless). */
        ZERO_LENGTH,
        /**
         * {@code length} of the first entry written as the posted buffer length + 1 (the descriptor's {@code length},
         * 0 = 65536). The field has 16 bits: with a 65535- or 65536-byte buffer it is written as 0xFFFF, which does
         * not exceed the buffer.
         */
        LENGTH_PAST_BUFFER,
        /**
         * {@code first} (status bit 26) cleared on the packet's first entry. Note §11.3: the reference driver does not
         * check this; a stricter driver may.
         */
        FIRST_MISSING,
        /**
         * The packet starts a descriptor run that does not end at the packet's last entry: {@code last} (status bit 27)
         * is withheld and the following packets on the same queue continue the run (neither {@code first} nor
         * {@code last}, no parsing bits, no hash), until the run holds more than {@code max_per_packet_rx_descs}
         * entries (the device's limit, capped at the SQ depth); the last entry of the packet that crosses that count
         * then carries {@code last}. The driver sees one packet with too many descriptors (§11.3 step 3,
         * TOO_MANY_RX_DESCS): a driver that counts while consuming notices after limit + 1 entries, the reference
         * driver when {@code last} arrives. If traffic stops first the run stays open.
         */
        LAST_MISSING
    }

    private static final int NO_FORCE = -1;

    private final AtomicInteger withholdNext = new AtomicInteger();
    private final AtomicIntegerArray withheldOpcodes = new AtomicIntegerArray(256);
    private final AtomicInteger corruptIdDelta = new AtomicInteger();
    private final AtomicInteger corruptIdCount = new AtomicInteger();
    private final AtomicInteger forcedStatus = new AtomicInteger(NO_FORCE);
    private final AtomicInteger forcedStatusCount = new AtomicInteger();
    private final AtomicInteger suppressAdminIrq = new AtomicInteger();
    private volatile boolean dropReadless;
    private volatile boolean dropPhc;
    private volatile int phcErrorFlags;
    private volatile int readlessRegOffDelta;
    private volatile boolean holdResetAssert;
    private volatile boolean holdResetDeassert;
    private volatile boolean stopKeepAlives;

    /** Set whenever a data-path fault is armed; settles to false once none is (see {@link #settle()}). */
    private volatile boolean anyDataPathFault;
    private final AtomicInteger withholdTx = new AtomicInteger();
    private volatile boolean withholdAllTx;
    private final AtomicReference<TxCompletionFault> txCompletionFault = new AtomicReference<>();
    private final AtomicReference<RxCompletionFault> rxCompletionFault = new AtomicReference<>();
    private final AtomicInteger dropIoIrq = new AtomicInteger();
    private final AtomicBoolean failDataPathDma = new AtomicBoolean();

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

    /** Drops every PHC request without writing a response (the driver's read must expire, management.md §10.3). */
    public void dropPhcResponses(boolean drop) {
        dropPhc = drop;
    }

    /**
     * Answers PHC requests with these {@code error_flags} (bit 0 timestamp error, bit 1 error-bound error, §10.2);
     * 0 turns the fault off.
     */
    public void phcErrorFlags(int flags) {
        phcErrorFlags = Check.range("phcErrorFlags", flags, 0, 3);
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

    // ---- data path ----

    /**
     * Withholds the Tx completions of the next {@code n} packets (0 turns the count off): each packet is consumed and
     * transmitted as usual (its frame goes on the wire, TX counters count it), but no {@code tx_cdesc} is written, so
     * its CQ does not advance and no interrupt is raised for it. The driver's missing-Tx-completion watchdog must fire
     * (datapath.md §12.3, reset MISS_TX_CMPL). Counts only packets that would have been completed (with completion
     * policy DESC_ON_DEMAND, those with {@code comp_req}), including packets the device drops but completes (too long
     * for the MTU). Later completions carry their own req_id and the then-current {@code sq_head_idx}.
     */
    public void withholdTxCompletions(int n) {
        withholdTx.set(Check.range("withholdTxCompletions n", n, 0, Integer.MAX_VALUE));
        if (n > 0) {
            anyDataPathFault = true;
        }
    }

    /**
     * While on, withholds every Tx completion as {@link #withholdTxCompletions(int)} does (a stalled completion
     * engine: frames keep going out, the Tx CQs stay still; datapath.md §12.3). Turning it off resumes completions
     * with the next packet; the withheld ones are never written.
     */
    public void withholdAllTxCompletions(boolean on) {
        withholdAllTx = on;
        if (on) {
            anyDataPathFault = true;
        } else {
            settle();
        }
    }

    /**
     * Corrupts the next Tx completion written on any Tx CQ of this device, once, as {@code kind} says
     * (datapath.md §12.2 Tx; see {@link TxCompletionFault}). A completion withheld by
     * {@link #withholdTxCompletions(int)} is not written and so does not take it. Arming again before it fired
     * replaces the kind.
     *
     * @throws IllegalArgumentException if {@code kind} is null
     */
    public void corruptNextTxCompletion(TxCompletionFault kind) {
        if (kind == null) {
            throw new IllegalArgumentException("corruptNextTxCompletion needs a kind, got null");
        }
        txCompletionFault.set(kind);
        anyDataPathFault = true;
    }

    /**
     * Corrupts the completions of the next packet received into any Rx queue of this device, once, as {@code kind}
     * says (datapath.md §6.1, §11.3, §12.2 Rx; see {@link RxCompletionFault}). A frame the device drops (no buffer
     * posted, DMA fault) does not take it. Arming again before it fired replaces the kind.
     *
     * @throws IllegalArgumentException if {@code kind} is null
     */
    public void corruptNextRxCompletion(RxCompletionFault kind) {
        if (kind == null) {
            throw new IllegalArgumentException("corruptNextRxCompletion needs a kind, got null");
        }
        rxCompletionFault.set(kind);
        anyDataPathFault = true;
    }

    /**
     * Loses the next {@code n} MSI-X messages of I/O vectors (vector ≥ 1) (0 turns the count off): when a vector's
     * interrupt logic decides to raise it, the vector auto-masks and its pending completions count as signalled, as
     * if the message had been sent, but the message never reaches the host (no handler call, no PBA bit). The vector
     * stays masked until the driver re-arms it through the unmask register; a re-arm signals only completions written
     * after the lost message. The driver's lost-interrupt detection must notice (datapath.md §12.4; also §12.3,
     * MISS_INTERRUPT / MISS_FIRST_INTERRUPT). Vector 0 (admin and AENQ) is never affected; see
     * {@link #suppressNextAdminInterrupts(int)} for it.
     */
    public void dropNextIoInterrupts(int n) {
        dropIoIrq.set(Check.range("dropNextIoInterrupts n", n, 0, Integer.MAX_VALUE));
        if (n > 0) {
            anyDataPathFault = true;
        }
    }

    /**
     * Fails the next data-path buffer DMA translation, once: the next Tx buffer read (a non-empty Tx data
     * descriptor's buffer) or Rx buffer write, whichever comes first, is refused as if the IOMMU had unmapped the
     * address under traffic. It goes the way of every data-path DMA fault (datapath.md §1.1; management.md DMA
     * faults): counted in {@link ModelCounters#dmaFaults()} (reason names the injection), DEV_STS.FATAL_ERROR set,
     * AENQ FATAL_ERROR posted if possible, and the device stops until the driver resets it; the packet is neither
     * sent nor completed (Tx) or is dropped (Rx). Ring and CQ accesses are not affected.
     */
    public void failNextDataPathDma() {
        failDataPathDma.set(true);
        anyDataPathFault = true;
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
        dropPhc = false;
        phcErrorFlags = 0;
        holdResetAssert = false;
        holdResetDeassert = false;
        stopKeepAlives = false;
        withholdTx.set(0);
        withholdAllTx = false;
        txCompletionFault.set(null);
        rxCompletionFault.set(null);
        dropIoIrq.set(0);
        failDataPathDma.set(false);
        anyDataPathFault = false;
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

    boolean dropPhc() {
        return dropPhc;
    }

    int phcErrorFlags() {
        return phcErrorFlags;
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

    // ---- model side, data path (stepping / feeding threads) ----

    /** One volatile read: false means no data-path fault is armed and the engines may skip every other check. */
    boolean anyDataPathFault() {
        return anyDataPathFault;
    }

    /** True if the completion about to be written must be withheld (consumes one of the "next n"). */
    boolean takeWithholdTxCompletion() {
        if (withholdAllTx) {
            return true;
        }
        return settleIf(takeOne(withholdTx));
    }

    /**
     * The corruption for the completion about to be written, or null.
     *
     * @param hasPrevious whether the queue wrote a completion before (a duplicate needs one)
     */
    TxCompletionFault takeTxCompletionFault(boolean hasPrevious) {
        while (true) {
            TxCompletionFault k = txCompletionFault.get();
            if (k == null || k == TxCompletionFault.REQ_ID_DUPLICATE && !hasPrevious) {
                return null;
            }
            if (txCompletionFault.compareAndSet(k, null)) {
                settle();
                return k;
            }
        }
    }

    /** The corruption for the packet about to be completed, or null. */
    RxCompletionFault takeRxCompletionFault() {
        return settleIf(rxCompletionFault.getAndSet(null));
    }

    /** True if the I/O interrupt message about to be sent must be lost. */
    boolean takeDropIoInterrupt() {
        return settleIf(takeOne(dropIoIrq));
    }

    /** True if the data-path buffer DMA about to be translated must fail. */
    boolean takeDataPathDmaFailure() {
        return settleIf(failDataPathDma.compareAndSet(true, false));
    }

    private <T> T settleIf(T taken) {
        if (taken != null) {
            settle();
        }
        return taken;
    }

    private boolean settleIf(boolean taken) {
        if (taken) {
            settle();
        }
        return taken;
    }

    /**
     * Recomputes {@link #anyDataPathFault} after a fault fired or was switched off. Clearing first and re-checking
     * after (both volatile) never loses a concurrent arm: an arm stores its fault before it sets the flag, so either
     * its flag store comes after the clear, or the re-check sees its fault. (Another engine may meanwhile see a
     * transient false and skip the checks for one packet; the fault stays armed for the next one.)
     */
    private void settle() {
        anyDataPathFault = false;
        if (withholdAllTx || withholdTx.get() > 0 || txCompletionFault.get() != null
                || rxCompletionFault.get() != null || dropIoIrq.get() > 0 || failDataPathDma.get()) {
            anyDataPathFault = true;
        }
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
