package io.ena4j.driver;

import io.ena4j.driver.com.DeviceFeatures;
import io.ena4j.driver.com.EnaAdmin;
import io.ena4j.driver.com.EnaComDevice;
import io.ena4j.driver.com.EnaComException;
import io.ena4j.driver.com.EnaPhc;
import io.ena4j.driver.com.HostInfoWriter;
import io.ena4j.driver.com.LlqNegotiation;
import io.ena4j.platform.Clock;
import io.ena4j.platform.PciFunction;
import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.admin.Mtu;
import io.ena4j.spec.regs.ResetReason;
import java.util.Arrays;
import java.util.Map;

/**
 * One probed ENA device, the driver's public face: probe, interface up and down, MTU, reset, statistics, events,
 * removal. The work is done by classes named after the part of the Linux driver's {@code ena_netdev.c} they re-make,
 * over one {@link EnaAdapter} (its {@code struct ena_adapter}): {@link DeviceProbe} ({@code ena_probe},
 * management.md §13.1), {@link QueueSetup} ({@code ena_up} / {@code ena_down}, §13.2–13.3), {@link ResetController}
 * ({@code ena_destroy_device} / {@code ena_restore_device}, §13.5–13.6), {@link ServiceTimer}
 * ({@code ena_timer_service}, §13.4) and {@link EthtoolReport} ({@code ena_ethtool.c}).
 *
 * <p><b>Health and recovery.</b> The service timer watches keep-alives, the admin queue, the device status, missing
 * Tx completions, lost interrupts and empty Rx rings, and runs the reset worker when any detector, the data path's
 * completion checks or the device itself asked for a reset. The reset is transparent: the {@link QueuePair},
 * {@link TxQueue} and {@link RxQueue} objects the application holds stay valid; while the reset runs their calls
 * return 0, afterwards they work on the new rings. Listeners see the reset's phases
 * ({@link EnaEventListener#reset}).
 *
 * <p>Management methods are thread-safe (serialized on this object); the data path ({@link TxQueue},
 * {@link RxQueue}, {@link PacketPool}) is single-threaded per queue pair and never takes this lock.
 */
public final class EnaDevice implements AutoCloseable {

    /** ena4j's driver version, reported to the device in host info and by {@code ethtool -i}. */
    public static final String DRIVER_VERSION = HostInfoWriter.DRIVER_VERSION_MAJOR + "."
            + HostInfoWriter.DRIVER_VERSION_MINOR + "." + HostInfoWriter.DRIVER_VERSION_SUBMINOR + "j";
    /** Driver name, as {@code ethtool -i} shows it. */
    public static final String DRIVER_NAME = "ena4j";
    /** AENQ groups the driver asks for (management.md §8.15): all but REFRESH_CAPABILITIES. */
    public static final int REQUESTED_AENQ_GROUPS = AenqConfig.DRIVER_REQUESTED_GROUPS;
    /** Minimum MTU the driver accepts (management.md §8.12). */
    public static final int MIN_MTU = Mtu.DRIVER_MIN_MTU;
    /** Default keep-alive watchdog timeout, ms (management.md §14). */
    public static final long KEEP_ALIVE_TIMEOUT_MS = 6000;
    /** Default missing-Tx-completion timeout, ms (management.md §14). */
    public static final long MISSING_TX_COMPLETION_TIMEOUT_MS = 5000;
    /** Default missed Tx completions before reset (management.md §14). */
    public static final long MISSED_TX_COMPLETION_THRESHOLD = 128;
    /** Default OS Tx watchdog, ms (management.md §14; kept from the hints, no stack watchdog runs in user space). */
    public static final long NETDEV_WATCHDOG_TIMEOUT_MS = 5000;
    /** Initial static interrupt delays, µs (datapath.md §13.1): Tx 64, Rx 20. */
    public static final int DEFAULT_TX_USECS = QueueSetup.DEFAULT_TX_USECS;
    /** Initial Rx interrupt delay, µs. */
    public static final int DEFAULT_RX_USECS = QueueSetup.DEFAULT_RX_USECS;

    private final EnaAdapter a;
    private final DeviceProbe probe;
    private final QueueSetup queues;
    private final ResetController reset;
    private final ServiceTimer timer;
    private final EthtoolReport ethtool;

    private EnaDevice(PciFunction fn, Clock clock, DriverConfig config) {
        this.a = new EnaAdapter(fn, clock, config);
        this.probe = new DeviceProbe(a);
        this.queues = new QueueSetup(a);
        this.reset = new ResetController(a, probe, queues);
        this.timer = new ServiceTimer(this, a, reset);
        this.ethtool = new EthtoolReport(a);
    }

    /**
     * Probes the device behind {@code fn} (management.md §13.1) and starts its service timer (on a driver-owned
     * thread unless {@link DriverConfig#serviceTimer()} or a virtual clock says the application runs it).
     *
     * @throws EnaComException if a mandatory step fails; the message names the step and the error
     * @throws IllegalArgumentException if {@code fn} is not an ENA function
     */
    public static EnaDevice probe(PciFunction fn, Clock clock, DriverConfig config) {
        EnaDevice dev = new EnaDevice(fn, clock, config);
        try {
            dev.probe.run();
        } catch (RuntimeException e) {
            dev.reset.probeFailed();
            throw e;
        }
        DriverConfig.ServiceTimerMode mode = config.serviceTimer();
        if (mode == DriverConfig.ServiceTimerMode.THREAD
                || (mode == DriverConfig.ServiceTimerMode.AUTO && !clock.isVirtual())) {
            dev.timer.start();
        }
        return dev;
    }

    // ------------------------------------------------------------------------------------------------------
    // Interface up / down (§13.2, §13.3)
    // ------------------------------------------------------------------------------------------------------

    /**
     * Brings the interface up with {@code n} queue pairs (management.md §13.2): for each pair the Tx CQ and SQ,
     * then for each pair the Rx CQ and SQ (NUMA hint written), the RSS indirection table over the Rx SQs, the
     * MTU, Rx rings filled from {@code pools[i]}, and in interrupt mode the pair's vector attached and unmasked.
     * The pairs returned stay valid until {@link #down()} or {@link #close()}, across any number of resets.
     *
     * @param n     queue pairs, 1..{@link #maxIoQueues()}
     * @param pools Rx buffer pool of each pair ({@code pools.length >= n}); a pool may serve several pairs that
     *              one thread polls. Its buffers must hold an MTU-sized frame in at most the device's Rx SG limit
     * @param modes mode of each pair ({@code modes.length >= n})
     * @return the pairs, indexed by qid
     * @throws IllegalArgumentException for a bad count, a closed pool or one whose buffers are too small for the
     *                                  MTU, or missing arrays; the message names the value and the accepted range
     * @throws IllegalStateException    if the device is closed or down, or the interface is already up
     * @throws EnaComException if a queue cannot be created; everything created so far is destroyed again
     */
    public synchronized QueuePair[] up(int n, PacketPool[] pools, QueuePair.Mode[] modes) {
        requireOpen();
        if (reset.restorePending()) {
            throw new IllegalStateException("device " + a.fn.address() + " is being restored after a reset; "
                    + "try again later");
        }
        if (a.pairs.length > 0) {
            throw new IllegalStateException("interface " + a.fn.address() + " is already up with "
                    + a.pairs.length + " queue pairs");
        }
        queues.validate(n, pools, modes);
        try {
            QueuePair[] made = queues.create(n, pools, modes, null);
            a.upPools = pools.clone();
            a.upModes = modes.clone();
            queues.start(made, false);
            a.interfaceUp++;
            a.log(String.format("interface up: %d queue pairs, Tx ring %d, Rx ring %d, MTU %d", n, a.txRingSize,
                    a.rxRingSize, a.mtu));
            return made.clone();
        } catch (RuntimeException e) {
            queues.quiesce(QueueGate.DOWN);
            queues.destroy(false, true);
            a.pairs = new QueuePair[0];
            throw e;
        }
    }

    /**
     * Brings the interface down (management.md §13.3): closes the pairs to their pollers (their calls return 0
     * from now on, and a call running on another thread is waited for), destroys the Tx SQ and CQ of every pair,
     * then the Rx SQ and CQ, returns every posted or in-flight buffer to its pool and frees the rings. The admin
     * queue, AENQ and management vector stay up. No-op when down.
     */
    public synchronized void down() {
        if (a.pairs.length == 0) {
            return;
        }
        reset.down(QueueGate.DOWN);
    }

    /** The queue pairs while the interface is up (empty when down). */
    public synchronized QueuePair[] queuePairs() {
        return a.pairs.clone();
    }

    /**
     * Changes the MTU (L2 header excluded): SET_FEATURE(MTU) to the device when the interface is up, applied
     * at the next {@link #up} otherwise.
     *
     * @throws IllegalArgumentException if {@code newMtu} is outside 128..max_mtu, or the interface is up and a pool's
     *                                  buffers cannot hold such frames
     * @throws EnaComException if the device refuses it
     */
    public synchronized void setMtu(int newMtu) {
        requireOpen();
        long max = a.features.attributes().maxMtu();
        if (newMtu < MIN_MTU || newMtu > max) {
            throw new IllegalArgumentException("MTU " + newMtu + " out of range: accepted " + MIN_MTU + ".." + max);
        }
        for (PacketHook h : a.hooks) {
            if (h != null && !h.multiBuffer() && newMtu > PacketHook.MAX_SINGLE_BUFFER_MTU) {
                throw new IllegalArgumentException("MTU " + newMtu + " out of range while a single-buffer packet "
                        + "hook is attached: accepted " + MIN_MTU + ".." + PacketHook.MAX_SINGLE_BUFFER_MTU);
            }
        }
        if (a.pairs.length > 0) {
            for (int i = 0; i < a.pairs.length; i++) {
                queues.checkPoolFitsMtu(i, a.upPools[i], newMtu);
            }
            if (a.features.isFeatureSupported(FeatureId.MTU.code())) {
                EnaAdapter.check("set MTU " + newMtu, a.admin.setMtu(newMtu));
            }
        }
        a.mtu = newMtu;
    }

    /** The MTU in use. */
    public synchronized int mtu() {
        return a.mtu;
    }

    // --- PHC (management.md §10) ---

    /**
     * The device's PTP hardware clock, or null when it is not active: {@link DriverConfig#phcEnable()} off (the
     * default, as Linux's {@code phc_enable}), the device does not offer PHC_CONFIG, its set-up failed, or the device
     * is being reset. A reset sets up a new clock; call this again rather than keeping the object.
     * {@link EnaPhc#getTimestamp} reads the time, {@link EnaPhc#getErrorBound} its error bound.
     */
    public EnaPhc phc() {
        return a.phc;
    }

    // --- ethtool -g/-G, -l/-L ---

    /** Tx ring size in use (or for the next {@link #up}). */
    public synchronized int txRingSize() {
        return a.txRingSize;
    }

    /** Rx ring size in use (or for the next {@link #up}). */
    public synchronized int rxRingSize() {
        return a.rxRingSize;
    }

    /** Largest Tx ring the device allows in the placement negotiated (halved for large LLQ, §8.1, §9.6). */
    public synchronized int maxTxRingSize() {
        return a.maxTxRing;
    }

    /** Largest Rx ring the device allows (§8.1). */
    public synchronized int maxRxRingSize() {
        return a.maxRxRing;
    }

    /**
     * Changes the ring sizes, as {@code ethtool -G <if> tx T rx R} (datapath.md §8.1, §16.3). As with ethtool and the
     * Linux driver, a size above the device maximum is refused, one below 256 is raised to 256, and the result is
     * rounded down to a power of two. When the interface is up its queues are rebuilt at once (the device is not
     * reset): the same {@link QueuePair}, {@link TxQueue} and {@link RxQueue} objects are bound to rings of the new
     * size; their pollers' calls return 0 meanwhile, Rx buffers go back to the pools, packets in flight are returned
     * to their pools. Each pair's poller fills its new Rx ring at its next call (the pool is the poller's, as after a
     * reset), so frames that arrive before that call are dropped by the device, as frames arriving during Linux's
     * {@code ena_close}/{@code ena_up} are. When down, the sizes apply at the next {@link #up}. The sizes are kept
     * across device resets.
     *
     * @throws IllegalArgumentException naming the value and the accepted range
     * @throws EnaComException if the device refused the new queues: the device is then reset and brought back with
     *                         the previous sizes (its recovery path), and the exception says so
     */
    public synchronized void setRingSizes(int tx, int rx) {
        requireOpen();
        checkRing("tx", tx, a.maxTxRing);
        checkRing("rx", rx, a.maxRxRing);
        int newTx = Integer.highestOneBit(Math.max(tx, DriverConfig.MIN_RING_SIZE));
        int newRx = Integer.highestOneBit(Math.max(rx, DriverConfig.MIN_RING_SIZE));
        if (newTx == a.txRingSize && newRx == a.rxRingSize) {
            return;
        }
        int oldTx = a.txRingSize;
        int oldRx = a.rxRingSize;
        int oldReqTx = a.requestedTxRing;
        int oldReqRx = a.requestedRxRing;
        a.txRingSize = newTx;
        a.rxRingSize = newRx;
        a.requestedTxRing = newTx; // what later probes (a restore) size from
        a.requestedRxRing = newRx;
        if (a.pairs.length == 0) {
            return;
        }
        rebuildOrRecover("ring sizes tx " + newTx + " rx " + newRx, a.pairs.length, a.upPools, a.upModes, () -> {
            a.txRingSize = oldTx;
            a.rxRingSize = oldRx;
            a.requestedTxRing = oldReqTx;
            a.requestedRxRing = oldReqRx;
        });
        a.log(String.format("ring sizes changed: Tx %d, Rx %d", newTx, newRx));
    }

    /**
     * Turns hardware timestamping of received and sent packets on or off ({@code SIOCSHWTSTAMP} with rx ALL / tx ON
     * on Linux, management.md §8.20): SET_FEATURE(HW_TIMESTAMP), then the queues are rebuilt with extended completion
     * entries (datapath.md §1.5), under the same queue objects and without a device reset. Received packets then
     * carry {@link Packet#rxTimestamp()}; sent packets that asked ({@link Packet#requestTxTimestamp()}) are reported
     * to the Tx queue's {@link TxQueue#setTimestampListener listener}. The state survives resets (sent again at every
     * restore).
     *
     * @throws IllegalArgumentException a direction the device does not timestamp, naming what it accepts
     */
    public synchronized void setHwTimestamping(boolean tx, boolean rx) {
        requireOpen();
        if ((tx && a.hwTsTxSupport == 0) || (rx && a.hwTsRxSupport == 0)) {
            throw new IllegalArgumentException("hardware timestamping tx " + (tx ? "on" : "off") + " rx "
                    + (rx ? "on" : "off") + " is not offered by the device: accepted tx "
                    + (a.hwTsTxSupport != 0 ? "on|off" : "off") + ", rx " + (a.hwTsRxSupport != 0 ? "on|off" : "off"));
        }
        if (tx == a.hwTsTx && rx == a.hwTsRx) {
            return;
        }
        boolean oldTx = a.hwTsTx;
        boolean oldRx = a.hwTsRx;
        if (a.hwTsTxSupport != 0 || a.hwTsRxSupport != 0) {
            EnaAdapter.check("set HW timestamping", a.admin.setHwTimestamping(tx, rx));
        }
        a.hwTsTx = tx;
        a.hwTsRx = rx;
        if (a.pairs.length > 0) {
            rebuildOrRecover("HW timestamping", a.pairs.length, a.upPools, a.upModes, () -> {
                a.hwTsTx = oldTx;
                a.hwTsRx = oldRx;
            });
        }
        a.log("HW timestamping: tx " + (tx ? "on" : "off") + ", rx " + (rx ? "on" : "off"));
    }

    /** What the device offers and what is in force (Linux's sysfs {@code hw_packet_timestamping_state}). */
    public synchronized HwTimestamping hwTimestamping() {
        return new HwTimestamping(a.hwTsTxSupport != 0, a.hwTsRxSupport != 0, a.hwTsTxActive(), a.hwTsRxActive());
    }

    /**
     * Hardware timestamping state.
     *
     * @param txSupported the device timestamps sent packets
     * @param rxSupported the device timestamps received packets
     * @param txEnabled   Tx timestamps are on
     * @param rxEnabled   Rx timestamps are on
     */
    public record HwTimestamping(boolean txSupported, boolean rxSupported, boolean txEnabled, boolean rxEnabled) {
    }

    /**
     * Changes the number of queue pairs, as {@code ethtool -L <if> combined N}, rebuilding the queues at once when
     * the interface is up (the device is not reset). Pairs below both the old and the new count keep their objects
     * (and pools and modes); pairs added are new objects using {@code pools[i]} and {@code modes[i]}; pairs removed
     * are closed for good (their calls return 0) and their buffers are back in their pools. The RSS indirection table
     * is spread over the new count. When down, {@code n} is just checked against the maximum.
     *
     * @param n     pairs, 1..{@link #maxIoQueues()}
     * @param pools Rx pool of each pair added ({@code pools[i]} for {@code i >= } the current count; entries below
     *              are ignored), may be null when no pair is added
     * @param modes mode of each pair added, likewise
     * @return the pairs now up (empty when the interface is down)
     * @throws IllegalArgumentException naming the value and the accepted range, or a missing pool or mode
     * @throws EnaComException if the device refused the queues: the device is then reset and brought back with the
     *                         previous pairs
     */
    public synchronized QueuePair[] setChannels(int n, PacketPool[] pools, QueuePair.Mode[] modes) {
        requireOpen();
        if (n < 1 || n > a.numIoQueues) {
            throw new IllegalArgumentException("combined channels " + n + " out of range: accepted 1.."
                    + a.numIoQueues);
        }
        QueuePair[] old = a.pairs;
        if (old.length == 0 || n == old.length) {
            return old.clone();
        }
        PacketPool[] newPools = new PacketPool[n];
        QueuePair.Mode[] newModes = new QueuePair.Mode[n];
        for (int i = 0; i < n; i++) {
            if (i < old.length) {
                newPools[i] = a.upPools[i];
                newModes[i] = a.upModes[i];
            } else {
                if (pools == null || pools.length <= i || pools[i] == null || modes == null || modes.length <= i
                        || modes[i] == null) {
                    throw new IllegalArgumentException("combined channels " + n + ": a pool and a mode are needed "
                            + "for each added pair " + old.length + ".." + (n - 1));
                }
                newPools[i] = pools[i];
                newModes[i] = modes[i];
            }
        }
        queues.validate(n, newPools, newModes);
        PacketPool[] oldPools = a.upPools;
        QueuePair.Mode[] oldModes = a.upModes;
        int oldN = old.length;
        rebuildOrRecover("channels " + n, n, newPools, newModes, () -> {
            a.pairs = Arrays.copyOf(old, oldN);
            a.upPools = oldPools;
            a.upModes = oldModes;
        });
        a.log(String.format("channels changed: %d -> %d queue pairs", oldN, n));
        return a.pairs.clone();
    }

    /**
     * Switches the large LLQ header on or off, as {@code ethtool -G <if> tx-push-buf-len 224|96} and the sysfs
     * {@code large_llq_header} do (datapath.md §9.6): LLQ is negotiated again, which needs a device re-init (the
     * destroy and restore of management.md §13.5 with reason NORMAL, as Linux's {@code ena_destroy_device} +
     * {@code ena_restore_device}); the queue objects stay valid and are re-bound, the Tx ring is reduced if the new
     * maximum is smaller (large LLQ halves it). Not counted in {@code total_resets}, as in Linux. No-op if already so.
     *
     * @throws IllegalArgumentException if the device uses host placement, or offers no 256-byte entries for
     *                                  {@code large}
     * @throws EnaComException if the re-init failed (the service timer retries the restore)
     */
    public void setLargeLlqHeader(boolean large) {
        boolean ok;
        synchronized (this) {
            requireOpen();
            if (!a.llq.devicePlacement()) {
                throw new IllegalArgumentException("tx-push-buf-len: the device uses host placement (no LLQ); "
                        + "accepted only with LLQ");
            }
            if (large && (a.features.llq().entrySizeSupported() & LlqFeature.EntrySize.SIZE_256) == 0) {
                throw new IllegalArgumentException("tx-push-buf-len 224: the device offers no 256-byte LLQ entries; "
                        + "accepted: 96");
            }
            if (largeLlqHeader() == large) {
                return;
            }
            a.llqPolicy = large ? DriverConfig.LlqPolicy.LARGE : DriverConfig.LlqPolicy.AUTO;
            ok = reset.reinit();
        }
        a.flushEvents();
        if (!ok) {
            throw new EnaComException("re-init of " + a.fn.address() + " for tx-push-buf-len failed"
                    + (a.closed ? ": " + a.downReason : "; the service timer retries it"),
                    io.ena4j.driver.com.EnaErrno.EIO);
        }
    }

    /** True if the LLQ in use has 256-byte entries (a 224-byte Tx push buffer). */
    public synchronized boolean largeLlqHeader() {
        return a.llq.devicePlacement() && a.llq.config().entrySize() == 256;
    }

    private static void checkRing(String which, int v, int max) {
        if (v > max || v < 1) {
            throw new IllegalArgumentException(which + " ring size " + v + " out of range: accepted 1.." + max
                    + " (raised to " + DriverConfig.MIN_RING_SIZE + " and rounded down to a power of two)");
        }
    }

    /** Rebuilds the queues; on failure undoes the settings and lets the recovery path bring the old queues back. */
    private void rebuildOrRecover(String what, int n, PacketPool[] pools, QueuePair.Mode[] modes, Runnable undo) {
        try {
            queues.rebuild(n, pools, modes);
        } catch (RuntimeException e) {
            undo.run();
            a.log("setting " + what + " failed (" + e.getMessage() + "); resetting the device to restore the "
                    + "previous settings");
            boolean ok = reset.resetAndRestore(ResetReason.DRIVER_INVALID_STATE);
            throw new EnaComException("setting " + what + " failed: " + e.getMessage() + (ok
                    ? "; the previous settings were restored" : "; the device could not be restored: " + a.downReason),
                    io.ena4j.driver.com.EnaErrno.EIO);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Health and recovery (§13.4, §13.5)
    // ------------------------------------------------------------------------------------------------------

    /**
     * The service timer: run by a driver-owned thread, or by the application through
     * {@link ServiceTimer#doWork()} (see {@link DriverConfig.ServiceTimerMode}).
     */
    public ServiceTimer serviceTimer() {
        return timer;
    }

    /**
     * Resets the device with the pending reset reason (NORMAL if none is pending) and brings it back: the destroy
     * and restore of management.md §13.5, as the service timer does on its own when a detector fired. The device
     * sees two resets, the one carrying the reason and the NORMAL reset of the probe sequence, as with the reference
     * driver. Safe while application threads poll the queues: their calls return 0 until the queues are back. The
     * restored device must report the same MAC and a maximum MTU not below the MTU in use.
     *
     * @throws IllegalStateException if the device is closed or down for good
     * @throws EnaComException if the restore fails; the service timer retries it, and after
     *                         {@link ResetController#MAX_RESTORE_ATTEMPTS} failures the device is down for good
     */
    public void resetAndRestore() {
        boolean ok;
        synchronized (this) {
            requireOpen();
            ResetReason reason = a.com.takePendingReset();
            ok = reset.resetAndRestore(reason == null ? ResetReason.NORMAL : reason);
        }
        a.flushEvents();
        if (!ok) {
            throw new EnaComException("reset and restore of " + a.fn.address() + " failed"
                    + (a.closed ? ": " + a.downReason : "; the service timer retries it"),
                    io.ena4j.driver.com.EnaErrno.EIO);
        }
    }

    /** Device resets this driver performed ({@code total_resets} of {@code ethtool -S}). */
    public synchronized long totalResets() {
        return a.totalResets;
    }

    /** Restores that failed ({@code reset_fail} of {@code ethtool -S}). */
    public synchronized long resetFailures() {
        return a.resetFailures;
    }

    /** Virtual-clock nanoseconds from the start of the last successful reset to its queues open again; -1 if none. */
    public synchronized long lastRecoveryNanos() {
        return reset.lastRecoveryNanos();
    }

    /** True while a failed restore waits for the service timer's next attempt. */
    public synchronized boolean restorePending() {
        return reset.restorePending();
    }

    /** True once {@link #close()} ran, or restores failed too often and the device is down for good. */
    public boolean isClosed() {
        return a.closed;
    }

    /** Why the device is down for good, or null. */
    public String downReason() {
        return a.downReason;
    }

    /**
     * Removes the device (management.md §13.6): stops the service timer, brings the interface down (DESTROY commands
     * reach the device), aborts admin commands still waiting, resets with reason SHUTDOWN and frees everything.
     * Idempotent.
     */
    @Override
    public void close() {
        timer.stop();
        synchronized (this) {
            if (!a.closed) {
                reset.remove();
            } else if (a.pairs.length > 0) {
                a.pairs = new QueuePair[0];
            }
        }
        a.flushEvents();
    }

    private void requireOpen() {
        if (a.closed) {
            throw new IllegalStateException("device " + a.fn.address() + " is "
                    + (a.downReason != null ? "down: " + a.downReason : "closed"));
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Queries and reports
    // ------------------------------------------------------------------------------------------------------

    /**
     * Statistics under the names and in the order {@code ethtool -S} shows (see {@link EthtoolReport}).
     */
    public synchronized Map<String, Long> ethtoolStats() {
        return ethtool.ethtoolStats();
    }

    /** What probing found, as {@code ethtool} and the boot log would show it. */
    public synchronized ProbeReport report() {
        return ethtool.report();
    }

    /** The communication layer (registers, a.admin queue, AENQ). */
    public EnaComDevice com() {
        return a.com;
    }

    /** The a.admin command layer. */
    public EnaAdmin admin() {
        return a.admin;
    }

    /** What the device advertised at probe. */
    public DeviceFeatures features() {
        return a.features;
    }

    /** The outcome of LLQ negotiation. */
    public LlqNegotiation.Result llq() {
        return a.llq;
    }

    /**
     * Turns Rx checksum offload on or off ({@code ethtool -K rx on|off}): with it off, received packets carry no
     * checksum verdict and the csum_* counters stay still (datapath.md §6.3 rule 1). Takes effect at once on every
     * queue and survives resets and queue rebuilds.
     *
     * @throws IllegalArgumentException turning it on when the device does not verify Rx checksums
     */
    public synchronized void setRxChecksumOffload(boolean on) {
        if (on && !a.rxChecksumOffloadSupported()) {
            throw new IllegalArgumentException("rx-checksumming: the device does not verify Rx checksums; accepted: "
                    + "off");
        }
        a.rxChecksumOffload = on;
        for (QueuePair qp : a.lastPairs) {
            if (qp != null) {
                qp.rx().setChecksumOffload(a.rxChecksumOffloadActive());
            }
        }
    }

    /**
     * Attaches {@code hook} to every queue, those up now and those a channel change or a reset brings (null
     * detaches). See {@link PacketHook} for the verdicts and what they do.
     *
     * @throws IllegalArgumentException a single-buffer hook while the MTU is above
     *                                  {@link PacketHook#MAX_SINGLE_BUFFER_MTU}
     */
    public synchronized void setPacketHook(PacketHook hook) {
        checkHookMtu(hook, a.mtu);
        for (int i = 0; i < a.numIoQueues; i++) {
            applyHook(i, hook);
        }
    }

    /**
     * Attaches {@code hook} to queue {@code queue} only (null detaches); it stays across resets and while that
     * queue exists. Takes effect from the queue's next receive call.
     *
     * @throws IllegalArgumentException a queue outside 0..maxIoQueues()-1, or a single-buffer hook while the MTU
     *                                  is above {@link PacketHook#MAX_SINGLE_BUFFER_MTU}
     */
    public synchronized void setPacketHook(int queue, PacketHook hook) {
        if (queue < 0 || queue >= a.numIoQueues) {
            throw new IllegalArgumentException("packet hook queue " + queue + " out of range: accepted 0.."
                    + (a.numIoQueues - 1));
        }
        checkHookMtu(hook, a.mtu);
        applyHook(queue, hook);
    }

    /** The hook attached to queue {@code queue}, or null. */
    public synchronized PacketHook packetHook(int queue) {
        return queue >= 0 && queue < a.numIoQueues ? a.hooks[queue] : null;
    }

    private void applyHook(int queue, PacketHook hook) {
        a.hooks[queue] = hook;
        if (queue < a.lastPairs.length && a.lastPairs[queue] != null) {
            a.lastPairs[queue].rx().setHook(hook);
        }
    }

    private static void checkHookMtu(PacketHook hook, int mtu) {
        if (hook != null && !hook.multiBuffer() && mtu > PacketHook.MAX_SINGLE_BUFFER_MTU) {
            throw new IllegalArgumentException("a single-buffer packet hook needs MTU <= "
                    + PacketHook.MAX_SINGLE_BUFFER_MTU + " (MTU is " + mtu + "); lower the MTU or use "
                    + "PacketHook.multiBuffer(hook)");
        }
    }

    /** Whether Rx checksum offload is in force (the device offers it and it was not turned off). */
    public synchronized boolean rxChecksumOffload() {
        return a.rxChecksumOffloadActive();
    }

    /** The number of I/O queue pairs this device and host allow ({@code ethtool -l} "Pre-set maximums"). */
    public int maxIoQueues() {
        return a.numIoQueues;
    }

    /**
     * The number of pairs to open by default: the {@code num_io_queues} module parameter
     * ({@link DriverConfig#numIoQueues()}) clamped to {@link #maxIoQueues()}, or the maximum when it is unset, as
     * the Linux driver opens its interface with.
     */
    public int defaultIoQueues() {
        return a.defaultIoQueues;
    }

    /** Interrupt delay resolution in µs (management.md §8.14), 1 when not advertised. */
    public int interruptDelayResolution() {
        return a.interruptDelayResolution;
    }

    /** Last link state reported by the device (LINK_CHANGE). */
    public boolean linkUp() {
        return a.com.aenq().linkUp();
    }

    /** The a.admin queue counters, named as ethtool shows them (without the {@code ena_admin_q_} prefix). */
    public Map<String, Long> adminStats() {
        return a.com.adminQueue().stats().snapshot();
    }

    /** Registers a listener for asynchronous device events. */
    public void addEventListener(EnaEventListener l) {
        a.listeners.add(l);
    }

    /** Removes a listener added with {@link #addEventListener}. */
    public void removeEventListener(EnaEventListener l) {
        a.listeners.remove(l);
    }

}
