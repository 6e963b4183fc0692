package io.ena4j.driver;

import io.ena4j.driver.com.AdminResult;
import io.ena4j.driver.com.DeviceFeatures;
import io.ena4j.driver.com.EnaAdmin;
import io.ena4j.driver.com.EnaComConfig;
import io.ena4j.driver.com.EnaComDevice;
import io.ena4j.driver.com.EnaComException;
import io.ena4j.driver.com.HwHintsInfo;
import io.ena4j.driver.com.LlqConfig;
import io.ena4j.driver.com.LlqNegotiation;
import io.ena4j.driver.com.RssHashFunctionInfo;
import io.ena4j.platform.Clock;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.PciFunction;
import io.ena4j.spec.admin.HwHints;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one ENA device as the driver knows it (the Linux driver's {@code struct ena_adapter}): what probe
 * found, the queue pairs, the watchdog settings and the device-level counters. Shared by the classes that act on
 * it, each named after the part of {@code ena_netdev.c} it re-makes: {@link DeviceProbe} ({@code ena_probe}),
 * {@link QueueSetup} ({@code ena_up} / {@code ena_down}), {@link ResetController} ({@code ena_destroy_device} /
 * {@code ena_restore_device}), {@link ServiceTimer} ({@code ena_timer_service}) and {@link EthtoolReport}
 * ({@code ena_ethtool.c}). Mutable fields are guarded by the {@link EnaDevice}'s monitor unless marked volatile.
 */
final class EnaAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(EnaDevice.class);

    final PciFunction fn;
    final Clock clock;
    final DriverConfig config;
    final EnaComDevice com;
    final List<String> bootLog = new ArrayList<>();
    final List<EnaEventListener> listeners = new CopyOnWriteArrayList<>();
    /** Listener calls recorded under a lock, delivered by {@link #flushEvents()} outside it. */
    private final ConcurrentLinkedQueue<Consumer<EnaEventListener>> events = new ConcurrentLinkedQueue<>();

    // What probe found (DeviceProbe).
    EnaAdmin admin;
    DmaBuffer hostInfo;
    DmaBuffer debugArea;
    DeviceFeatures features;
    LlqNegotiation.Result llq;
    int enabledAenqGroups;
    int interruptDelayResolution = 1;
    int numIoQueues;
    /** HW_TIMESTAMP support the device reported at the last probe (§8.20): 0 none, 1 all. */
    int hwTsTxSupport;
    int hwTsRxSupport;
    /** Timestamping the user asked for (kept across resets; in force only where supported). */
    boolean hwTsTx;
    boolean hwTsRx;
    /** Set once the first probe ran: later probes (restores) SET the requested timestamping state (§8.20 (b)). */
    boolean hwTsProbed;
    /** Rx checksum offload as the user wants it ({@code ethtool -K rx}); in force only where the device offers it. */
    boolean rxChecksumOffload = true;
    /** Pairs to open by default: {@code num_io_queues} clamped to {@link #numIoQueues} (all of them if unset). */
    int defaultIoQueues;
    int txRingSize;
    int rxRingSize;
    int maxTxRing;
    int maxRxRing;
    RssHashFunctionInfo rss;
    boolean rssSupported;
    int rssTableLogSize;
    int mtu;
    boolean msixUp;
    boolean hooksInstalled;

    // Watchdog settings (datapath.md §12.6: defaults, then GET_FEATURE(HW_HINTS) and AENQ UPDATE_HINTS); -1 = off.
    volatile long keepAliveTimeoutMs = EnaDevice.KEEP_ALIVE_TIMEOUT_MS;
    volatile long missingTxCompletionTimeoutMs = EnaDevice.MISSING_TX_COMPLETION_TIMEOUT_MS;
    volatile long missedTxCompletionThreshold = EnaDevice.MISSED_TX_COMPLETION_THRESHOLD;
    volatile long netdevWatchdogTimeoutMs = EnaDevice.NETDEV_WATCHDOG_TIMEOUT_MS;

    // Lifecycle.
    /** True once the device is removed, or a restore failed too often: nothing works any more. */
    volatile boolean closed;
    /** Why the device is down for good, if it is (for the error message of later calls). */
    volatile String downReason;
    /** The queue pairs of the interface, indexed by qid; the same objects across resets (empty when down). */
    QueuePair[] pairs = new QueuePair[0];
    /**
     * The last pair object each index had, kept after {@code down()} or a smaller channel count so {@code ethtool -S}
     * shows every index's counters up to the maximum, as Linux's rings keep theirs (datapath.md §16.1 item 6).
     */
    QueuePair[] lastPairs = new QueuePair[0];
    /** Packet hook per queue index (§15.1), kept across resets and channel changes; applied to pairs as made. */
    final PacketHook[] hooks = new PacketHook[DriverConfig.MAX_IO_QUEUES];
    /** The PTP hardware clock, while active (phc_enable and the device offers it); null otherwise. */
    volatile io.ena4j.driver.com.EnaPhc phc;
    /** PHC counters of clocks torn down by resets, so {@code phc_*} keep counting across them. */
    final long[] phcCarried = new long[6];
    /** Pools and modes the interface was brought up with (for the restore). */
    PacketPool[] upPools;
    QueuePair.Mode[] upModes;
    final List<DmaBuffer> ringMemory = new ArrayList<>();

    // Device-level counters (ethtool -S global part).
    long totalResets;
    long resetFailures;
    long interfaceUp;
    long interfaceDown;
    final long[] resetsByReason = new long[32];
    long wdExpired;
    long adminQueueFailures;
    long fatalErrors;
    long resetPostponed;
    long txTimeouts;
    long missingFirstInterrupt;

    /**
     * What the user asked for, initially from {@link #config}, changed at run time by ethtool -G and
     * tx-push-buf-len; every probe (a restore too) sizes and negotiates from these, so the changes survive resets.
     */
    int requestedTxRing;
    int requestedRxRing;
    DriverConfig.LlqPolicy llqPolicy;

    EnaAdapter(PciFunction fn, Clock clock, DriverConfig config) {
        this.fn = fn;
        this.clock = clock;
        this.config = config;
        this.requestedTxRing = config.txRingSize();
        this.requestedRxRing = config.rxRingSize();
        this.llqPolicy = config.llqPolicy();
        this.com = new EnaComDevice(fn, clock, EnaComConfig.defaults());
    }

    /**
     * Applies device hints (datapath.md §12.6, {@code ena_update_hints}): the communication layer's timeouts and the
     * watchdog settings. A zero field keeps the current value, 0xFFFF switches a watchdog off. Called at probe and for
     * every AENQ UPDATE_HINTS.
     */
    void applyHints(HwHintsInfo h) {
        com.applyHints(h);
        if (h.driverWatchdogTimeoutMs() != 0) {
            keepAliveTimeoutMs = h.driverWatchdogTimeoutMs() == HwHints.NO_TIMEOUT ? -1 : h.driverWatchdogTimeoutMs();
        }
        if (h.missingTxCompletionTimeoutMs() != 0) {
            missingTxCompletionTimeoutMs = h.missingTxCompletionTimeoutMs() == HwHints.NO_TIMEOUT ? -1
                    : h.missingTxCompletionTimeoutMs();
        }
        if (h.missedTxCompletionThreshold() != 0) {
            missedTxCompletionThreshold = h.missedTxCompletionThreshold();
        }
        if (h.netdevWatchdogTimeoutMs() != 0) {
            netdevWatchdogTimeoutMs = h.netdevWatchdogTimeoutMs() == HwHints.NO_TIMEOUT ? -1
                    : h.netdevWatchdogTimeoutMs();
        }
    }

    /** Records a listener call, delivered by the next {@link #flushEvents()}. */
    void post(Consumer<EnaEventListener> event) {
        if (!listeners.isEmpty()) {
            events.add(event);
        }
    }

    /**
     * Buffers per Tx packet: the device's limit (§8.1), capped in LLQ mode so that a packet always fits the Tx burst
     * limit (§9.7, {@link LlqConfig#maxBuffersPerBurst()}); a longer chain is refused at {@code send}, never written
     * into a burst it cannot fit (which would reset the device at every try).
     */
    int txSgLimit() {
        int dev = features.maxQueues().maxTxSgEntries();
        return llq.devicePlacement() ? Math.min(dev, llq.config().maxBuffersPerBurst()) : dev;
    }

    /**
     * Delivers recorded listener calls, in order. Callers hold no driver lock (neither the device's nor the AENQ's);
     * a listener that throws is logged and does not stop the others.
     */
    void flushEvents() {
        Consumer<EnaEventListener> e;
        while ((e = events.poll()) != null) {
            for (EnaEventListener l : listeners) {
                try {
                    e.accept(l);
                } catch (RuntimeException ex) {
                    LOG.warn("{}: event listener {} failed", fn.address(), l, ex);
                }
            }
        }
    }

    void log(String line) {
        bootLog.add(line);
        LOG.debug("{}: {}", fn.address(), line);
    }

    Logger logger() {
        return LOG;
    }

    static void check(String step, int rc) {
        if (rc != 0) {
            throw new EnaComException(step, rc);
        }
    }

    static <T> T checkResult(String step, AdminResult<T> r) {
        if (!r.ok()) {
            throw new EnaComException(step, r.rc());
        }
        return r.value();
    }

    /** {@code aa:bb:cc:dd:ee:ff}, as ip and ethtool print a MAC. */
    static String macString(byte[] mac) {
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < mac.length; i++) {
            if (i > 0) {
                b.append(':');
            }
            b.append(String.format("%02x", mac[i] & 0xFF));
        }
        return b.toString();
    }

    /** Whether the device offers Rx L4 checksum verification (IPv4 or IPv6) and the user left it on. */
    boolean rxChecksumOffloadActive() {
        return rxChecksumOffload && rxChecksumOffloadSupported();
    }

    /** Whether the device offers Rx L4 checksum verification for IPv4 or IPv6 (STATELESS_OFFLOAD_CONFIG). */
    boolean rxChecksumOffloadSupported() {
        return features != null && (features.offloads().rxSupported()
                & (io.ena4j.spec.admin.StatelessOffload.RX_L4_IPV4_CSUM
                        | io.ena4j.spec.admin.StatelessOffload.RX_L4_IPV6_CSUM)) != 0;
    }

    /** Tx completions carry timestamps: requested and supported (extended 16-byte Tx completions). */
    boolean hwTsTxActive() {
        return hwTsTx && hwTsTxSupport != 0;
    }

    /** Rx completions carry timestamps: requested and supported (extended 32-byte Rx completions). */
    boolean hwTsRxActive() {
        return hwTsRx && hwTsRxSupport != 0;
    }
}
