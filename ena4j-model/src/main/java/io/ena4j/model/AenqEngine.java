package io.ena4j.model;

import io.ena4j.spec.aenq.AenqEntry;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.aenq.AenqKeepAlive;
import io.ena4j.spec.aenq.AenqLinkChange;
import io.ena4j.spec.regs.EnaRegs;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;

/**
 * The Asynchronous Event Notification Queue, device side (management.md §9).
 *
 * <ul>
 * <li>Configured by AENQ_BASE_LO/HI then AENQ_CAPS (§3.5, §9.2): depth a power of two in [1, 4096], entry size 64,
 * else the AENQ stays off and {@link ModelCounters#aenqConfigErrors()} counts it. Setup puts the producer at index 0,
 * phase 1, with no credit.</li>
 * <li>Credit (§9.4): event k may be posted only while {@code k < AENQ_HEAD_DB} in 16-bit arithmetic; the first head
 * doorbell makes the AENQ live, queues a LINK_CHANGE carrying the current link state (§9.5) and starts the keep-alive
 * timer. A doorbell granting more than the depth is a driver error (counted; no credit until a sane value).</li>
 * <li>Events are queued by the device and by the environment controls and posted by {@link #post} in the model's
 * {@code doWork()}; an event whose group is not enabled (SET_FEATURE AENQ_CONFIG) is filtered, one that finds no
 * credit — or arrives before the AENQ is live — is dropped and counted, never kept for later (the device has no
 * unbounded memory).</li>
 * <li>Entries are written with the phase bit last (same protocol as the ACQ, §6.5); each batch posted in one step
 * raises MSI-X vector 0 once.</li>
 * <li>KEEP_ALIVE every keep-alive interval of the model clock (§9.3), carrying rx_drops / tx_drops / rx_overruns
 * from {@link DeviceStatistics}.</li>
 * <li>Timestamp field: [decision, §16 leaves the unit open] nanoseconds of the model's clock since the model was
 * created, taken when the event occurred.</li>
 * </ul>
 *
 * <p>Guarded by the device lock.
 */
final class AenqEngine {

    /** Events waiting for the next step; beyond this many the oldest is dropped (and counted). */
    private static final int MAX_QUEUED = 256;
    private static final int ENTRY = (int) AenqEntry.SIZE;

    private final ModelCounters counters;
    private final DmaPort dma;
    private final long keepAliveInterval;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private final MemorySegment staging = MemorySegment.ofArray(new byte[ENTRY]);

    private boolean configured;
    private long base;
    private int depth;
    private int tail;
    private int phase;
    private boolean live;
    private int headDb;
    private long nextKeepAlive;

    AenqEngine(ModelCounters counters, DmaPort dma, long keepAliveIntervalNanos) {
        this.counters = counters;
        this.dma = dma;
        this.keepAliveInterval = keepAliveIntervalNanos;
    }

    /** Device reset: the AENQ is forgotten (§5.3). */
    void reset() {
        configured = false;
        live = false;
        base = 0;
        depth = 0;
        tail = 0;
        phase = 1;
        headDb = 0;
        queued.clear();
    }

    /** AENQ_CAPS written with AENQ_BASE already set (§9.2). */
    void configure(long ringBase, int caps) {
        int d = EnaRegs.queueCapsDepth(caps);
        int entrySize = EnaRegs.queueCapsEntrySize(caps);
        configured = false;
        live = false;
        queued.clear();
        if (!Check.isPowerOfTwo(d) || d > 4096 || entrySize != ENTRY) {
            counters.aenqConfigError();
            return;
        }
        configured = true;
        base = ringBase;
        depth = d;
        tail = 0;
        phase = 1;
        headDb = 0;
    }

    /**
     * AENQ_HEAD_DB written (§3.8, §9.4).
     *
     * @param link current link state, reported by the LINK_CHANGE that the first doorbell triggers
     */
    void headDoorbell(int value, boolean link, long now, long timestamp) {
        if (!configured) {
            return;
        }
        headDb = value & 0xFFFF;
        if (credit() < 0) {
            counters.aenqHeadDoorbellError();
        }
        if (!live) {
            live = true;
            nextKeepAlive = now + keepAliveInterval;
            queueLinkChange(link, timestamp);
        }
    }

    boolean live() {
        return live;
    }

    /** Clock value at which the next keep-alive is due, {@link Long#MAX_VALUE} while not live. */
    long nextDeadline() {
        return live ? nextKeepAlive : Long.MAX_VALUE;
    }

    /** True if events wait to be posted. */
    boolean hasQueued() {
        return !queued.isEmpty();
    }

    int depth() {
        return configured ? depth : 0;
    }

    /** Producer index (16-bit free-running). */
    int tail() {
        return tail;
    }

    /** Queues an event whose entry (64 bytes; group, syndrome, payload filled, phase clear) is {@code entry}. */
    void queue(byte[] entry) {
        if (queued.size() >= MAX_QUEUED) {
            queued.pollFirst();
            counters.aenqNoCredit();
        }
        queued.addLast(entry);
    }

    /** Queues LINK_CHANGE with the given state. */
    void queueLinkChange(boolean up, long timestamp) {
        MemorySegment e = newEntry(AenqGroup.LINK_CHANGE.code(), 0, timestamp);
        AenqLinkChange.linkStatus(e, 0, up ? 1 : 0);
        queue(e.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }

    /** A zeroed heap entry with group, syndrome and timestamp set. */
    static MemorySegment newEntry(int group, int syndrome, long timestamp) {
        MemorySegment e = MemorySegment.ofArray(new byte[ENTRY]);
        AenqEntry.group(e, 0, group);
        AenqEntry.syndrome(e, 0, syndrome);
        AenqEntry.timestamp(e, 0, timestamp);
        return e;
    }

    /**
     * One device step: queues a keep-alive when due, then posts every queued event.
     *
     * @return number of entries written (the caller raises vector 0 once if > 0), or -1 if a DMA fault stopped the
     *         device
     */
    int post(long now, long timestamp, int enabledGroups, boolean keepAlivesStopped, DeviceStatistics stats) {
        if (live && now - nextKeepAlive >= 0) {
            nextKeepAlive += keepAliveInterval;
            if (now - nextKeepAlive >= 0) {
                nextKeepAlive = now + keepAliveInterval; // a long pause: one keep-alive, not a burst of catch-ups
            }
            if (!keepAlivesStopped) {
                MemorySegment e = newEntry(AenqGroup.KEEP_ALIVE.code(), 0, timestamp);
                AenqKeepAlive.rxDrops(e, 0, stats.get(DeviceStatistics.Stat.RX_DROPS));
                AenqKeepAlive.txDrops(e, 0, stats.get(DeviceStatistics.Stat.TX_DROPS));
                AenqKeepAlive.rxOverruns(e, 0, stats.get(DeviceStatistics.Stat.RX_OVERRUNS));
                queue(e.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            }
        }
        int written = 0;
        while (!queued.isEmpty()) {
            byte[] entry = queued.pollFirst();
            int r = postOne(entry, enabledGroups);
            if (r < 0) {
                return -1;
            }
            written += r;
        }
        return written;
    }

    /**
     * Writes one event now, bypassing the queue (used for FATAL_ERROR while the device is stopping).
     *
     * @return 1 if written, 0 if filtered or dropped, -1 on a DMA fault
     */
    int postNow(byte[] entry, int enabledGroups) {
        return postOne(entry, enabledGroups);
    }

    private int postOne(byte[] entry, int enabledGroups) {
        MemorySegment.copy(MemorySegment.ofArray(entry), 0, staging, 0, ENTRY);
        int group = AenqEntry.group(staging, 0);
        if (group >= 32 || (enabledGroups & (1 << group)) == 0) {
            counters.aenqFiltered();
            return 0;
        }
        if (!live || credit() <= 0) {
            counters.aenqNoCredit();
            return 0;
        }
        AenqEntry.flags(staging, 0, phase); // phase bit; bits 7:1 RSVD = 0
        long slotAddr = base + (long) (tail & (depth - 1)) * ENTRY;
        if (!dma.writePublish("AENQ entry", slotAddr, staging, ENTRY, AenqEntry.PHASE_OFFSET, 1)) {
            return -1;
        }
        tail = (tail + 1) & 0xFFFF;
        if ((tail & (depth - 1)) == 0) {
            phase ^= 1;
        }
        counters.aenqPost();
        return 1;
    }

    /** Free slots the driver granted: {@code head_db - tail} (16-bit); -1 if the doorbell claims more than depth. */
    private int credit() {
        int c = (headDb - tail) & 0xFFFF;
        return c > depth ? -1 : c;
    }
}
