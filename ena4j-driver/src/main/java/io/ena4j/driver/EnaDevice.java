package io.ena4j.driver;

import io.ena4j.driver.com.AdminResult;
import io.ena4j.driver.com.Aenq;
import io.ena4j.driver.com.AenqHandler;
import io.ena4j.driver.com.DeviceFeatures;
import io.ena4j.driver.com.EnaAdmin;
import io.ena4j.driver.com.EnaComConfig;
import io.ena4j.driver.com.EnaComDevice;
import io.ena4j.driver.com.EnaComException;
import io.ena4j.driver.com.EnaErrno;
import io.ena4j.driver.com.HostInfoWriter;
import io.ena4j.driver.com.HwHintsInfo;
import io.ena4j.driver.com.IoQueue;
import io.ena4j.driver.com.IoQueueParams;
import io.ena4j.driver.com.LlqConfig;
import io.ena4j.driver.com.LlqNegotiation;
import io.ena4j.driver.com.MaxQueuesInfo;
import io.ena4j.driver.com.OffloadSettings;
import io.ena4j.driver.com.RssConfig;
import io.ena4j.driver.com.RssHashFunctionInfo;
import io.ena4j.driver.eth.IoCq;
import io.ena4j.driver.eth.IoSq;
import io.ena4j.driver.eth.LlqInfo;
import io.ena4j.driver.eth.RingCounter;
import io.ena4j.driver.eth.RingStats;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.PciConfig;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.Clock;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.DebugAreaHeader;
import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.HostInfo;
import io.ena4j.spec.admin.HwHints;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.admin.Mtu;
import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.spec.admin.StatelessOffload;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PciIds;
import io.ena4j.spec.regs.ResetReason;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One probed ENA device: the device-level driver (the part of {@code ena_netdev.c} that brings a device up),
 * on top of the communication layer ({@link EnaComDevice} for registers, reset, admin queue and AENQ;
 * {@link EnaAdmin} for the commands).
 *
 * <p>{@link #probe} runs the reference probe sequence of management.md §13.1, steps 1–19, with these
 * differences, each deliberate:
 * <ul>
 *   <li>Step 2 (customer-metrics buffer) is the command layer's business, allocated when first queried.</li>
 *   <li>Step 13 (PHC, HW timestamping) and step 17 (flow steering) come with their own issues.</li>
 *   <li>Step 15 switches the admin queue to interrupt mode unless {@link DriverConfig#adminPollingOnly()}.</li>
 *   <li>Step 19: after marking the device running, the AENQ is processed once, so that a LINK_CHANGE posted
 *       while probe ran is seen at once rather than at the next management interrupt.</li>
 *   <li>The 1-second service timer (keep-alive and admin watchdogs, reset worker) arrives with the recovery
 *       issue; detection state (pending reset reason, last keep-alive) is kept from now on.</li>
 * </ul>
 * A failure before MSI-X is set up tears down what was built and throws {@link EnaComException}; a failure after
 * it also resets the device with reason INIT_ERR (7), as the reference does.
 *
 * <p>{@link #resetAndRestore()} is the reference's reset worker (§13.5): reset with the pending reason, free
 * everything, probe again and require the same MAC. The 1-second service timer that calls it on its own comes
 * with the recovery issue; today the owner calls it after a failure left a reset pending.
 *
 * <p>{@link #close()} is the reference's remove path (§13.6): reset with reason SHUTDOWN (11), free the
 * management vector, the admin queue, the AENQ and the readless buffer.
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

    private static final Logger LOG = LoggerFactory.getLogger(EnaDevice.class);

    private final PciFunction fn;
    private final Clock clock;
    private final DriverConfig config;
    private final EnaComDevice com;
    private final List<String> bootLog = new ArrayList<>();
    private final List<EnaEventListener> listeners = new CopyOnWriteArrayList<>();

    private EnaAdmin admin;
    private DmaBuffer hostInfo;
    private DmaBuffer debugArea;
    private DeviceFeatures features;
    private LlqNegotiation.Result llq;
    private int enabledAenqGroups;
    private int interruptDelayResolution = 1;
    private int numIoQueues;
    private int txRingSize;
    private int rxRingSize;
    private int maxTxRing;
    private int maxRxRing;
    private RssHashFunctionInfo rss;
    private boolean rssSupported;
    private int rssTableLogSize;
    private long keepAliveTimeoutMs = KEEP_ALIVE_TIMEOUT_MS;
    private long missingTxCompletionTimeoutMs = MISSING_TX_COMPLETION_TIMEOUT_MS;
    private long missedTxCompletionThreshold = MISSED_TX_COMPLETION_THRESHOLD;
    private int mtu;
    private boolean msixUp;
    private boolean hooksInstalled;
    private boolean closed;
    private long totalResets;
    private long resetFailures;
    private long interfaceUp;
    private long interfaceDown;
    private final long[] resetsByReason = new long[32];

    private EnaDevice(PciFunction fn, Clock clock, DriverConfig config) {
        this.fn = fn;
        this.clock = clock;
        this.config = config;
        this.com = new EnaComDevice(fn, clock, EnaComConfig.defaults());
    }

    /**
     * Probes the device behind {@code fn} (management.md §13.1).
     *
     * @throws EnaComException if a mandatory step fails; the message names the step and the error
     * @throws IllegalArgumentException if {@code fn} is not an ENA function
     */
    public static EnaDevice probe(PciFunction fn, Clock clock, DriverConfig config) {
        EnaDevice dev = new EnaDevice(fn, clock, config);
        try {
            dev.runProbe();
            return dev;
        } catch (RuntimeException e) {
            dev.teardown(dev.msixUp ? ResetReason.INIT_ERR : null);
            throw e;
        }
    }

    private void runProbe() {
        // Step 1: identity, memory decoding and bus mastering.
        int vendor = fn.configRead16(PciConfig.VENDOR_ID);
        int device = fn.configRead16(PciConfig.DEVICE_ID);
        if (!PciIds.isEna(vendor, device)) {
            throw new IllegalArgumentException(String.format("PCI function %s is %04x:%04x, not an ENA device "
                    + "(vendor %04x, device one of %04x %04x %04x %04x %04x)", fn.address(), vendor, device,
                    PciIds.VENDOR_AMAZON, PciIds.DEVICE_PF, PciIds.DEVICE_PF_LLQ, PciIds.DEVICE_VF, PciIds.DEVICE_VF_LLQ,
                    PciIds.DEVICE_RESERVED));
        }
        int cmd = fn.configRead16(PciConfig.COMMAND);
        fn.configWrite32(PciConfig.COMMAND & ~3, (fn.configRead32(PciConfig.COMMAND & ~3) & 0xFFFF0000)
                | cmd | PciConfig.COMMAND_MEMORY | PciConfig.COMMAND_BUS_MASTER);

        // Steps 3-6: readless reads, reset, versions, DMA width.
        check("readless register read set-up", com.mmioReadRequestInit());
        check("device reset", com.devReset(ResetReason.NORMAL));
        check("version check", com.validateVersion());
        int ver = com.version();
        int ctrl = com.controllerVersion();
        log(String.format("ENA device version: %d.%d", (ver >>> 8) & 0xFF, ver & 0xFF));
        log(String.format("ENA controller version: %d.%d.%d implementation version %d", (ctrl >>> 16) & 0xFF,
                (ctrl >>> 8) & 0xFF, ctrl & 0xFF, (ctrl >>> 24) & 0xFF));
        int width = com.getDmaWidth();
        if (width < 0) {
            check("DMA width", width);
        }

        // Steps 7-8: admin queue, AENQ ring, polling mode.
        check("admin queue set-up", com.adminInit());
        com.setAdminPollingMode(true);
        long bar2 = fn.bar2() == null ? EnaAdmin.UNKNOWN_BAR_SIZE : fn.bar2().byteSize();
        admin = new EnaAdmin(com.adminExecutor(), fn.dma(), width, fn.bar0().size(), bar2);

        // Step 9: host info (failure tolerated: the host info is then dropped).
        hostInfo = fn.dma().allocate(HostInfo.PAGE_SIZE);
        HostInfoWriter.write(hostInfo.segment(), HostInfoWriter.forThisHost(
                HostInfoWriter.bdfOf(fn.address()), HostInfoWriter.ENA4J_FEATURES));
        int rc = admin.setHostAttributes(hostInfo, null, 0);
        if (rc != 0) {
            log("Cannot set host attributes: " + EnaErrno.name(rc) + "; continuing without host info");
            fn.dma().free(hostInfo);
            hostInfo = null;
        }

        // Step 10: device attributes and features.
        features = checkResult("get device attributes", admin.getDeviceFeatures());
        com.setDeviceCapabilities(features.attributes().capabilities());
        applyHints(features.hwHints());

        // Step 11: AENQ groups.
        int supportedGroups = features.aenq().supported();
        enabledAenqGroups = REQUESTED_AENQ_GROUPS & supportedGroups;
        check("AENQ configuration", admin.setAenqConfig(enabledAenqGroups));

        // Step 12: LLQ negotiation and ring sizes.
        negotiateLlq();
        sizeRings();

        // Step 14: queue count, interrupt moderation resolution.
        numIoQueues = computeQueueCount();
        if (features.isFeatureSupported(FeatureId.INTERRUPT_MODERATION.code())) {
            AdminResult<Integer> res = admin.getInterruptDelayResolution();
            if (res.ok()) {
                interruptDelayResolution = Math.max(1, res.value());
            } else if (res.rc() != EnaErrno.EOPNOTSUPP) {
                throw new EnaComException("get interrupt moderation", res.rc());
            }
        }

        // Step 15: management interrupt, interrupt mode, AENQ credit.
        com.enableManagementInterrupt();
        msixUp = true;
        if (!config.adminPollingOnly()) {
            com.setAdminPollingMode(false);
        }
        if (!hooksInstalled) {
            installEventHooks();
            hooksInstalled = true;
        }
        com.aenqStart();

        // Step 16: RSS defaults (unsupported parts tolerated).
        initRss();

        // Step 18: debug area, host attributes again with it.
        if (hostInfo != null) {
            debugArea = fn.dma().allocate(DmaBufferSizes.DEBUG_AREA);
            writeDebugAreaHeader(debugArea.segment());
            rc = admin.setHostAttributes(hostInfo, debugArea, DmaBufferSizes.DEBUG_AREA_HEADER);
            if (rc != 0) {
                log("Cannot set host attributes with debug area: " + EnaErrno.name(rc));
            }
        }

        // Step 19: timeouts (hints applied above), mark running, pick up early events.
        mtu = (int) Math.min(1500, features.attributes().maxMtu());
        com.setAenqDispatchEnabled(true);
        com.aenq().process();
        log(String.format("Elastic Network Adapter (ENA) found at %s, mac addr %s", fn.address(),
                macString(features.attributes().mac())));
        log(String.format("%d queue pairs max, Tx ring %d (max %d), Rx ring %d (max %d), %s placement",
                numIoQueues, txRingSize, maxTxRing, rxRingSize, maxRxRing, llq.devicePlacement() ? "device (LLQ)"
                        : "host"));
    }

    private void negotiateLlq() {
        if (config.llqPolicy() == DriverConfig.LlqPolicy.DISABLED) {
            llq = new LlqNegotiation.Result(0, CreateSqCmd.PLACEMENT_HOST, null,
                    LlqNegotiation.Fallback.FEATURE_UNSUPPORTED, "LLQ declined by configuration");
            log("LLQ declined by configuration, using host placement for Tx");
            return;
        }
        Boolean large = config.llqPolicy() == DriverConfig.LlqPolicy.LARGE ? Boolean.TRUE : null;
        LlqNegotiation.Preference pref = LlqNegotiation.defaultPreference(features.llq(), large);
        llq = LlqNegotiation.negotiate(admin, features.llq(), fn.bar2() != null, pref);
        if (llq.devicePlacement()) {
            LlqConfig c = llq.config();
            log(String.format("LLQ: entry size %d B, %d descriptors before header, %d per entry, max Tx header %d B",
                    c.entrySize(), c.descsBeforeHeader(), c.descsPerEntry(), c.txMaxHeaderSize()));
            if (large == Boolean.TRUE && c.entrySize() != 256) {
                log("Large LLQ requested but the device does not offer 256-byte entries; using " + c.entrySize());
            }
        } else {
            log("LLQ is not used (" + llq.detail() + "); Fallback to host mode policy.");
        }
    }

    private void sizeRings() {
        MaxQueuesInfo q = features.maxQueues();
        maxRxRing = q.maxRxRingSize();
        int maxTx;
        if (llq.devicePlacement()) {
            maxTx = features.llq().maxTxSqDepth(llq.config());
        } else {
            maxTx = q.maxTxRingSizeHost();
        }
        maxTxRing = MaxQueuesInfo.roundDown(maxTx);
        if (maxTxRing < DriverConfig.MIN_RING_SIZE || maxRxRing < DriverConfig.MIN_RING_SIZE) {
            throw new EnaComException("ring sizing: device maxima Tx " + maxTxRing + " / Rx " + maxRxRing
                    + " below the minimum " + DriverConfig.MIN_RING_SIZE, EnaErrno.EINVAL);
        }
        int wantTx = config.txRingSize();
        if (llq.devicePlacement() && llq.config().entrySize() == 256 && wantTx == DriverConfig.DEFAULT_RING_SIZE) {
            wantTx = DriverConfig.DEFAULT_RING_SIZE / 2; // default Tx ring with wide LLQ (§14)
        }
        txRingSize = MaxQueuesInfo.roundDown(Math.min(wantTx, maxTxRing));
        rxRingSize = MaxQueuesInfo.roundDown(Math.min(config.rxRingSize(), maxRxRing));
    }

    private int computeQueueCount() {
        MaxQueuesInfo q = features.maxQueues();
        long txSq = llq.devicePlacement() ? features.llq().maxLlqNum() : q.maxTxSqNum();
        long n = Math.min(Runtime.getRuntime().availableProcessors(), DriverConfig.MAX_IO_QUEUES);
        n = Math.min(n, q.maxRxQueues());
        n = Math.min(n, txSq);
        n = Math.min(n, q.maxTxCqNum());
        n = Math.min(n, fn.msixVectorCount() - 1L);
        if (config.numIoQueues() > 0) {
            n = Math.min(n, config.numIoQueues());
        }
        if (n < 1) {
            throw new EnaComException("queue count: the device offers no I/O queue pair (Tx SQ " + txSq + ", Rx "
                    + q.maxRxQueues() + ", MSI-X vectors " + fn.msixVectorCount() + ")", EnaErrno.EINVAL);
        }
        return (int) n;
    }

    private void initRss() {
        if (!features.isFeatureSupported(FeatureId.RSS_INDIRECTION_TABLE_CONFIG.code())) {
            log("RSS indirection table is not supported by the device");
            return;
        }
        AdminResult<Integer> init = admin.rssInit(-1, null);
        if (!init.ok()) {
            if (init.rc() == EnaErrno.EOPNOTSUPP) {
                return;
            }
            throw new EnaComException("RSS init", init.rc());
        }
        rssSupported = true;
        rssTableLogSize = init.value();
        if (features.isFeatureSupported(FeatureId.RSS_HASH_FUNCTION.code())) {
            AdminResult<RssHashFunctionInfo> cur = admin.getHashFunction();
            int rc = cur.rc();
            if (cur.ok()) {
                rc = admin.fillHashFunction(RssHashFunction.TOEPLITZ, cur.value().key(),
                        RssHashFunction.LINUX_INIT_VAL);
            }
            if (rc != 0 && rc != EnaErrno.EOPNOTSUPP) {
                throw new EnaComException("RSS hash function", rc);
            }
            AdminResult<RssHashFunctionInfo> now = admin.getHashFunction();
            rss = now.ok() ? now.value() : null;
        }
        if (features.isFeatureSupported(FeatureId.RSS_HASH_INPUT.code())) {
            int rc = admin.setDefaultHashInput();
            if (rc != 0 && rc != EnaErrno.EOPNOTSUPP) {
                throw new EnaComException("RSS hash input", rc);
            }
        }
    }

    private void applyHints(HwHintsInfo h) {
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
    }

    private void installEventHooks() {
        Aenq aenq = com.aenq();
        chain(aenq, AenqGroup.LINK_CHANGE, () -> {
            boolean up = aenq.linkUp();
            for (EnaEventListener l : listeners) {
                l.linkChanged(up);
            }
        });
        chain(aenq, AenqGroup.KEEP_ALIVE, () -> {
            for (EnaEventListener l : listeners) {
                l.keepAlive(aenq.rxDrops(), aenq.txDrops(), aenq.rxOverruns());
            }
        });
        chain(aenq, AenqGroup.NOTIFICATION, () -> {
            String what = aenq.trafficSuspended() ? "traffic suspended" : "notification (hints "
                    + aenq.lastHints() + ")";
            for (EnaEventListener l : listeners) {
                l.notification(what);
            }
        });
        chain(aenq, AenqGroup.CONF_NOTIFICATIONS, () -> {
            String what = "sub-optimal configuration, bitmap 0x" + Long.toHexString(aenq.confNotifications());
            for (EnaEventListener l : listeners) {
                l.notification(what);
            }
        });
        for (AenqGroup g : new AenqGroup[] {AenqGroup.FATAL_ERROR, AenqGroup.DEVICE_REQUEST_RESET}) {
            chain(aenq, g, () -> {
                ResetReason r = com.pendingReset();
                String label = r == null ? g.name().toLowerCase() : r.label();
                for (EnaEventListener l : listeners) {
                    l.resetRequested(label);
                }
            });
        }
    }

    private static void chain(Aenq aenq, AenqGroup group, Runnable after) {
        AenqHandler inner = aenq.handler(group.code());
        aenq.setHandler(group.code(), (MemorySegment ring, long base) -> {
            if (inner != null) {
                inner.onEvent(ring, base);
            }
            after.run();
        });
    }

    private static void writeDebugAreaHeader(MemorySegment s) {
        // management.md §12.2: name[32], u32 length = 8, u32 version = 1, u8 os, 3 RSVD.
        DebugAreaHeader.name(s, 0, DebugAreaHeader.NAME);
        DebugAreaHeader.length(s, 0, 8);
        DebugAreaHeader.version(s, 0, 1);
        DebugAreaHeader.os(s, 0, HostInfoWriter.OS_TYPE_ENA4J);
    }

    /** Sizes of driver-owned DMA areas. */
    private static final class DmaBufferSizes {
        static final int DEBUG_AREA = 4096;
        static final int DEBUG_AREA_HEADER = (int) DebugAreaHeader.SIZE;
    }

    // ------------------------------------------------------------------------------------------------------
    // Queries
    // ------------------------------------------------------------------------------------------------------

    /** The communication layer (registers, admin queue, AENQ). */
    public EnaComDevice com() {
        return com;
    }

    /** The admin command layer. */
    public EnaAdmin admin() {
        return admin;
    }

    /** What the device advertised at probe. */
    public DeviceFeatures features() {
        return features;
    }

    /** The outcome of LLQ negotiation. */
    public LlqNegotiation.Result llq() {
        return llq;
    }

    /** The number of I/O queue pairs this device and host allow. */
    public int maxIoQueues() {
        return numIoQueues;
    }

    /** Interrupt delay resolution in µs (management.md §8.14), 1 when not advertised. */
    public int interruptDelayResolution() {
        return interruptDelayResolution;
    }

    /** Last link state reported by the device (LINK_CHANGE). */
    public boolean linkUp() {
        return com.aenq().linkUp();
    }

    /** The admin queue counters, named as ethtool shows them (without the {@code ena_admin_q_} prefix). */
    public Map<String, Long> adminStats() {
        return com.adminQueue().stats().snapshot();
    }

    /** Registers a listener for asynchronous device events. */
    public void addEventListener(EnaEventListener l) {
        listeners.add(l);
    }

    /** Removes a listener added with {@link #addEventListener}. */
    public void removeEventListener(EnaEventListener l) {
        listeners.remove(l);
    }

    /** What probing found, as {@code ethtool} and the boot log would show it. */
    public ProbeReport report() {
        var attr = features.attributes();
        var q = features.maxQueues();
        int caps = com.mmio().read32(EnaRegs.CAPS_OFF);
        int ver = com.version();
        int ctrl = com.controllerVersion();
        ProbeReport.Pci pci = new ProbeReport.Pci(fn.configRead16(PciConfig.VENDOR_ID),
                fn.configRead16(PciConfig.DEVICE_ID), fn.configRead8(PciConfig.REVISION_ID),
                fn.configRead16(PciConfig.SUBSYSTEM_VENDOR_ID), fn.configRead16(PciConfig.SUBSYSTEM_ID),
                deviceName(fn.configRead16(PciConfig.DEVICE_ID)),
                (fn.configRead8(PciConfig.REVISION_ID) & PciIds.REVISION_READLESS_DISABLED) == 0,
                fn.msixVectorCount());
        ProbeReport.Device device = new ProbeReport.Device(
                String.format("%d.%d", (ver >>> 8) & 0xFF, ver & 0xFF),
                String.format("%d.%d.%d", (ctrl >>> 16) & 0xFF, (ctrl >>> 8) & 0xFF, ctrl & 0xFF), (ctrl >>> 24) & 0xFF,
                EnaRegs.capsDmaWidth(caps), EnaRegs.capsResetTimeout(caps) * 100L,
                EnaRegs.capsAdminTimeout(caps) == 0 ? 3000 : EnaRegs.capsAdminTimeout(caps) * 100L);
        ProbeReport.Llq llqReport;
        if (llq.devicePlacement()) {
            LlqConfig c = llq.config();
            llqReport = new ProbeReport.Llq("device", "", c.entrySize(), c.descsBeforeHeader(), c.descsPerEntry(),
                    c.descStride() == LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY ? "multiple" : "single",
                    c.txMaxHeaderSize(),
                    c.disableMetaCaching(), c.maxEntriesInTxBurst(),
                    features.llq().entrySizeRecommended() == LlqFeature.EntrySize.SIZE_256);
        } else {
            llqReport = new ProbeReport.Llq("host", llq.detail() == null ? "" : llq.detail(), 0, 0, 0, "", 0,
                    false, 0, false);
        }
        int txSgl = q.maxTxSgEntries();
        int rxSgl = q.maxRxSgEntries();
        int hostHdr = llq.devicePlacement() ? llq.config().txMaxHeaderSize() : features.txMaxHeaderSize();
        Map<String, Long> timeouts = new LinkedHashMap<>();
        timeouts.put("admin-completion-timeout-us", com.adminQueue().completionTimeoutUs());
        timeouts.put("mmio-read-timeout-us", com.mmio().readlessTimeoutUs());
        timeouts.put("keep-alive-timeout-ms", keepAliveTimeoutMs);
        timeouts.put("missing-tx-completion-timeout-ms", missingTxCompletionTimeoutMs);
        timeouts.put("missed-tx-completion-threshold", missedTxCompletionThreshold);
        timeouts.put("interrupt-delay-resolution-us", (long) interruptDelayResolution);
        return new ProbeReport(
                new ProbeReport.Driver(DRIVER_NAME, DRIVER_VERSION, "2.0", fn.address()),
                pci, device, macString(attr.mac()),
                new ProbeReport.Mtu(MIN_MTU, (int) Math.min(Integer.MAX_VALUE, attr.maxMtu()), mtu),
                new ProbeReport.Channels(numIoQueues, numIoQueues,
                        (int) Math.min(Integer.MAX_VALUE, llq.devicePlacement() ? features.llq().maxLlqNum()
                                : q.maxTxSqNum()), q.maxRxQueues()),
                new ProbeReport.Rings(maxRxRing, maxTxRing, rxRingSize, txRingSize, txSgl, rxSgl, hostHdr),
                llqReport,
                offloads(features.offloads()),
                rssReport(),
                groupNames(features.aenq().supported()),
                groupNames(enabledAenqGroups),
                capabilityNames(attr.capabilities()),
                featureNames(attr.supportedFeatures()),
                timeouts,
                List.copyOf(bootLog));
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

    private static String deviceName(int deviceId) {
        return switch (deviceId) {
            case PciIds.DEVICE_PF -> "ENA PF";
            case PciIds.DEVICE_PF_LLQ -> "ENA PF with LLQ support";
            case PciIds.DEVICE_VF -> "ENA VF";
            case PciIds.DEVICE_VF_LLQ -> "ENA VF with LLQ support";
            default -> "ENA (reserved id)";
        };
    }

    private static Map<String, String> offloads(OffloadSettings o) {
        Map<String, String> m = new LinkedHashMap<>();
        boolean rxCsum = (o.rxSupported() & (StatelessOffload.RX_L4_IPV4_CSUM | StatelessOffload.RX_L4_IPV6_CSUM))
                != 0;
        m.put("rx-checksumming", onOff(rxCsum));
        m.put("tx-checksum-ipv4", onOff((o.tx() & StatelessOffload.TX_L4_IPV4_CSUM_PART) != 0));
        m.put("tx-checksum-ipv6", onOff((o.tx() & StatelessOffload.TX_L4_IPV6_CSUM_PART) != 0));
        m.put("tx-checksum-ip-generic", "off [fixed]");
        m.put("scatter-gather", "on");
        m.put("tcp-segmentation-offload", onOff((o.tx() & (StatelessOffload.TX_TSO_IPV4 | StatelessOffload.TX_TSO_IPV6))
                != 0));
        m.put("tx-tcp-segmentation", onOff((o.tx() & StatelessOffload.TX_TSO_IPV4) != 0));
        m.put("tx-tcp6-segmentation", onOff((o.tx() & StatelessOffload.TX_TSO_IPV6) != 0));
        m.put("tx-tcp-ecn-segmentation", onOff((o.tx() & StatelessOffload.TX_TSO_ECN) != 0));
        m.put("receive-hashing", onOff((o.rxSupported() & StatelessOffload.RX_HASH) != 0));
        m.put("highdma", "on");
        m.put("rx-vlan-offload", "off [fixed]");
        m.put("tx-vlan-offload", "off [fixed]");
        m.put("large-receive-offload", "off [fixed]");
        return m;
    }

    private static String onOff(boolean supported) {
        return supported ? "on" : "off [fixed]";
    }

    private ProbeReport.Rss rssReport() {
        if (!rssSupported) {
            return new ProbeReport.Rss(false, List.of(), "", 0, 0, Map.of());
        }
        List<String> funcs = new ArrayList<>();
        String selected = "";
        if (rss != null) {
            if ((rss.supportedFunctions() & RssHashFunction.funcMask(RssHashFunction.TOEPLITZ)) != 0) {
                funcs.add("toeplitz");
            }
            if ((rss.supportedFunctions() & RssHashFunction.funcMask(RssHashFunction.CRC32)) != 0) {
                funcs.add("crc32");
            }
            selected = rss.function() == RssHashFunction.TOEPLITZ ? "toeplitz"
                    : rss.function() == RssHashFunction.CRC32 ? "crc32" : "unknown";
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String[] protos = {"tcp4", "udp4", "tcp6", "udp6", "ip4", "ip6", "ip4-frag", "non-ip"};
        for (int p = 0; p < protos.length; p++) {
            AdminResult<Integer> f = admin.getHashInput(p);
            if (f.ok()) {
                fields.put(protos[p], hashFieldNames(f.value()));
            }
        }
        return new ProbeReport.Rss(true, funcs, selected, rss == null ? 0 : rss.key().length, 1 << rssTableLogSize,
                fields);
    }

    private static String hashFieldNames(int f) {
        List<String> n = new ArrayList<>();
        String[] names = {"l2-da", "l2-sa", "l3-da", "l3-sa", "l4-dp", "l4-sp"};
        for (int i = 0; i < names.length; i++) {
            if ((f & (1 << i)) != 0) {
                n.add(names[i]);
            }
        }
        return n.isEmpty() ? "none" : String.join(" ", n);
    }

    private static List<String> groupNames(int mask) {
        List<String> n = new ArrayList<>();
        for (int g = 0; g < 32; g++) {
            if ((mask & (1 << g)) != 0) {
                AenqGroup grp = AenqGroup.of(g);
                n.add(grp == null ? "group" + g : grp.name().toLowerCase());
            }
        }
        return n;
    }

    private static List<String> capabilityNames(int caps) {
        String[] names = {"eni_stats", "ena_srd_info", "customer_metrics", "extended_reset_reasons", "cdesc_mbz"};
        List<String> n = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if ((caps & (1 << i)) != 0) {
                n.add(i < names.length ? names[i] : "cap" + i);
            }
        }
        return n;
    }

    private static List<String> featureNames(int mask) {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if ((mask & (1 << i)) != 0) {
                FeatureId f = FeatureId.of(i);
                n.add(f == null ? "feature" + i : f.name().toLowerCase());
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------------------
    // Interface up / down (§13.2, §13.3)
    // ------------------------------------------------------------------------------------------------------

    /** Initial static interrupt delays, µs (datapath.md §13.1): Tx 64, Rx 20. */
    public static final int DEFAULT_TX_USECS = 64;
    /** Initial Rx interrupt delay, µs. */
    public static final int DEFAULT_RX_USECS = 20;

    private QueuePair[] pairs = new QueuePair[0];
    private final List<DmaBuffer> ringMemory = new ArrayList<>();

    /**
     * Brings the interface up with {@code n} queue pairs (management.md §13.2): for each pair the Tx CQ and SQ,
     * then for each pair the Rx CQ and SQ (NUMA hint written), the RSS indirection table over the Rx SQs, the
     * MTU, Rx rings filled from {@code pools[i]}, and in interrupt mode the pair's vector attached and unmasked.
     *
     * @param n     queue pairs, 1..{@link #maxIoQueues()}
     * @param pools Rx buffer pool of each pair ({@code pools.length >= n}); a pool may serve several pairs that
     *              one thread polls
     * @param modes mode of each pair ({@code modes.length >= n})
     * @return the pairs, indexed by qid
     * @throws IllegalArgumentException for a bad count, a pool whose buffers are too small for the MTU, or
     *                                  missing arrays
     * @throws EnaComException if a queue cannot be created; everything created so far is destroyed again
     */
    public synchronized QueuePair[] up(int n, PacketPool[] pools, QueuePair.Mode[] modes) {
        if (closed) {
            throw new IllegalStateException("device " + fn.address() + " is closed");
        }
        if (pairs.length > 0) {
            throw new IllegalStateException("interface " + fn.address() + " is already up with " + pairs.length
                    + " queue pairs");
        }
        if (n < 1 || n > numIoQueues) {
            throw new IllegalArgumentException("queue pairs " + n + " out of range: accepted 1.." + numIoQueues);
        }
        if (pools == null || pools.length < n || modes == null || modes.length < n) {
            throw new IllegalArgumentException("need a packet pool and a mode for each of the " + n + " queue pairs");
        }
        for (int i = 0; i < n; i++) {
            if (pools[i] == null || modes[i] == null) {
                throw new IllegalArgumentException("queue pair " + i + " has no packet pool or no mode");
            }
        }
        QueuePair[] made = new QueuePair[n];
        IoQueue[] txs = new IoQueue[n];
        IoQueue[] rxs = new IoQueue[n];
        try {
            int maxTxSgl = features.maxQueues().maxTxSgEntries();
            int maxRxSgl = features.maxQueues().maxRxSgEntries();
            boolean mbz = features.attributes().hasCapability(DeviceAttributes.CAP_CDESC_MBZ);
            LlqConfig lc = llq.devicePlacement() ? llq.config() : null;
            LlqInfo llqInfo = lc == null ? null : LlqInfo.of(lc.entrySize(), lc.descsBeforeHeader(), lc.descStride(),
                    lc.maxEntriesInTxBurst(), lc.disableMetaCaching());
            IoSq[] txSq = new IoSq[n];
            IoCq[] txCq = new IoCq[n];
            for (int i = 0; i < n; i++) {
                boolean irq = modes[i] == QueuePair.Mode.INTERRUPT;
                IoQueueParams p = lc != null ? IoQueueParams.txLlq(txRingSize, i + 1, lc)
                        : IoQueueParams.txHost(txRingSize, i + 1);
                p = withInterrupts(p, irq);
                DmaBuffer cqRing = ring(p.cqRingBytes());
                DmaBuffer sqRing = lc == null ? ring(p.sqRingBytes()) : null;
                txs[i] = checkResult("create Tx queue " + i, admin.createIoQueue(p, cqRing, sqRing));
                RingStats st = new RingStats();
                txCq[i] = IoCq.tx(cqRing, txRingSize, p.cqEntrySize(), mbz, st)
                        .registers(fn.bar0(), txs[i].cq().unmaskRegOffset(), txs[i].cq().numaRegOffset());
                txSq[i] = lc != null
                        ? IoSq.txLlq(fn.bar2(), Integer.toUnsignedLong(txs[i].sq().llqDescriptorsOffset()), txRingSize,
                                llqInfo, com.dmaAddrBits(), fn.bar0(), txs[i].sq().doorbellOffset(), st)
                        : IoSq.txHost(sqRing, txRingSize, features.txMaxHeaderSize(), com.dmaAddrBits(), fn.bar0(),
                                txs[i].sq().doorbellOffset(), st);
            }
            int[] rxSqIdx = new int[n];
            for (int i = 0; i < n; i++) {
                boolean irq = modes[i] == QueuePair.Mode.INTERRUPT;
                IoQueueParams p = withInterrupts(IoQueueParams.rx(rxRingSize, i + 1), irq);
                DmaBuffer cqRing = ring(p.cqRingBytes());
                DmaBuffer sqRing = ring(p.sqRingBytes());
                rxs[i] = checkResult("create Rx queue " + i, admin.createIoQueue(p, cqRing, sqRing));
                rxSqIdx[i] = rxs[i].sq().sqIdx();
                RingStats st = new RingStats();
                IoCq rxCq = IoCq.rx(cqRing, rxRingSize, p.cqEntrySize(), mbz, st)
                        .registers(fn.bar0(), rxs[i].cq().unmaskRegOffset(), rxs[i].cq().numaRegOffset());
                rxCq.updateNumaNode(0);
                IoSq rxSq = IoSq.rx(sqRing, rxRingSize, com.dmaAddrBits(), fn.bar0(), rxs[i].sq().doorbellOffset(),
                        st);
                int qid = i;
                TxQueue.ResetSink sink = reason -> com.requestReset(reason);
                TxQueue tx = new TxQueue(qid, txSq[i], txCq[i], maxTxSgl, features.offloads().tx(), sink);
                RxQueue rx = new RxQueue(qid, rxSq, rxCq, pools[i], maxRxSgl, sink);
                int res = interruptDelayResolution;
                made[i] = new QueuePair(qid, modes[i], tx, rx, txs[i], rxs[i], clock,
                        DEFAULT_TX_USECS / res, DEFAULT_RX_USECS / res);
            }
            if (rssSupported) {
                int rc = admin.setIndirectionTable(RssConfig.defaultIndirectionTable(rssTableLogSize, rxSqIdx));
                if (rc != 0 && rc != EnaErrno.EOPNOTSUPP) {
                    throw new EnaComException("set RSS indirection table", rc);
                }
            }
            if (features.isFeatureSupported(FeatureId.MTU.code())) {
                check("set MTU " + mtu, admin.setMtu(mtu));
            }
            pairs = made;
            for (QueuePair qp : made) {
                qp.rx().refill();
                if (qp.mode() == QueuePair.Mode.INTERRUPT) {
                    fn.setInterruptHandler(qp.vector(), qp::onInterrupt);
                    qp.unmask();
                }
            }
            interfaceUp++;
            log(String.format("interface up: %d queue pairs, Tx ring %d, Rx ring %d, MTU %d", n, txRingSize,
                    rxRingSize, mtu));
            return made.clone();
        } catch (RuntimeException e) {
            pairs = made;
            destroyQueues(txs, rxs);
            throw e;
        }
    }

    private static IoQueueParams withInterrupts(IoQueueParams p, boolean irq) {
        return new IoQueueParams(p.direction(), p.placement(), p.depth(), p.msixVector(), irq,
                p.extendedCompletions(), p.llqEntrySize());
    }

    private DmaBuffer ring(long bytes) {
        DmaBuffer b = fn.dma().allocate(bytes);
        ringMemory.add(b);
        return b;
    }

    /**
     * Brings the interface down (management.md §13.3): detaches the pairs' vectors, destroys the Tx SQ and CQ of
     * every pair, then the Rx SQ and CQ, returns every posted or in-flight buffer to its pool and frees the
     * rings. The admin queue, AENQ and management vector stay up.
     */
    public synchronized void down() {
        if (pairs.length == 0) {
            return;
        }
        IoQueue[] txs = new IoQueue[pairs.length];
        IoQueue[] rxs = new IoQueue[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            if (pairs[i] != null) {
                txs[i] = pairs[i].adminTx();
                rxs[i] = pairs[i].adminRx();
            }
        }
        destroyQueues(txs, rxs);
        interfaceDown++;
    }

    private void destroyQueues(IoQueue[] txs, IoQueue[] rxs) {
        for (int i = 0; i < txs.length; i++) {
            fn.setInterruptHandler(i + 1, null);
        }
        for (IoQueue q : txs) {
            if (q != null && com.adminQueue().isRunning()) {
                admin.destroyIoQueue(q);
            }
        }
        for (IoQueue q : rxs) {
            if (q != null && com.adminQueue().isRunning()) {
                admin.destroyIoQueue(q);
            }
        }
        for (QueuePair qp : pairs) {
            if (qp != null) {
                qp.tx().drain();
                qp.rx().drain();
            }
        }
        for (DmaBuffer b : ringMemory) {
            fn.dma().free(b);
        }
        ringMemory.clear();
        pairs = new QueuePair[0];
    }

    /**
     * Statistics under the names and in the order {@code ethtool -S} shows for an ENA interface (datapath.md
     * §16.1): global counters, admin queue counters, the number of active queues, then per queue pair the Tx and
     * Rx counters ({@code queue_<i>_tx_*}, {@code queue_<i>_rx_*}) for every pair in use. Counters the driver does
     * not have yet (the watchdogs of the recovery issue) read 0. Per-queue counters are single-writer fields of
     * the polling thread; read from another thread they may lag by a few packets (as the kernel's u64 stats may).
     */
    public synchronized Map<String, Long> ethtoolStats() {
        Map<String, Long> m = new LinkedHashMap<>();
        long badTxReqId = 0;
        long badRxReqId = 0;
        long badRxDescNum = 0;
        for (QueuePair qp : pairs) {
            badTxReqId += qp.tx().badReqIds();
            badRxReqId += qp.rx().badReqIds();
            badRxDescNum += qp.rx().badDescNum();
        }
        m.put("total_resets", totalResets);
        m.put("reset_fail", resetFailures);
        m.put("tx_timeout", resetsByReason[ResetReason.OS_NETDEV_WD.code()]);
        m.put("wd_expired", resetsByReason[ResetReason.KEEP_ALIVE_TO.code()]);
        m.put("admin_q_pause", com.adminQueue().isRunning() ? 0L : 1L);
        m.put("bad_tx_req_id", badTxReqId);
        m.put("bad_rx_req_id", badRxReqId);
        m.put("bad_rx_desc_num", badRxDescNum);
        m.put("missing_intr", resetsByReason[ResetReason.MISS_INTERRUPT.code()]);
        m.put("suspected_poll_starvation", resetsByReason[ResetReason.SUSPECTED_POLL_STARVATION.code()]);
        m.put("missing_tx_cmpl", resetsByReason[ResetReason.MISS_TX_CMPL.code()]);
        m.put("rx_desc_malformed", resetsByReason[ResetReason.RX_DESCRIPTOR_MALFORMED.code()]);
        m.put("tx_desc_malformed", resetsByReason[ResetReason.TX_DESCRIPTOR_MALFORMED.code()]);
        m.put("invalid_state", resetsByReason[ResetReason.DRIVER_INVALID_STATE.code()]);
        m.put("os_netdev_wd", resetsByReason[ResetReason.OS_NETDEV_WD.code()]);
        m.put("missing_admin_interrupt", resetsByReason[ResetReason.MISSING_ADMIN_INTERRUPT.code()]);
        m.put("admin_to", resetsByReason[ResetReason.ADMIN_TO.code()]);
        m.put("device_request_reset", resetsByReason[ResetReason.DEVICE_REQUEST.code()]);
        m.put("missing_first_intr", resetsByReason[ResetReason.MISS_FIRST_INTERRUPT.code()]);
        m.put("suspend", 0L);
        m.put("resume", 0L);
        m.put("interface_down", interfaceDown);
        m.put("interface_up", interfaceUp);
        for (Map.Entry<String, Long> e : com.adminQueue().stats().snapshot().entrySet()) {
            m.put("ena_admin_q_" + e.getKey(), e.getValue());
        }
        m.put("num_of_active_io_queues", (long) pairs.length);
        for (QueuePair qp : pairs) {
            String t = "queue_" + qp.qid() + "_tx_";
            TxQueue tx = qp.tx();
            m.put(t + "tx_poll", tx.polls());
            m.put(t + "doorbells", tx.ringStats().get(RingCounter.DOORBELLS));
            m.put(t + "unmask_interrupt", qp.unmasks());
            m.put(t + "lost_interrupt", 0L);
            m.put(t + "cnt", tx.packets());
            m.put(t + "bytes", tx.bytes());
            m.put(t + "queue_stop", tx.queueStops());
            m.put(t + "prepare_ctx_err", tx.prepareCtxErrors());
            m.put(t + "bad_req_id", tx.badReqIds());
            m.put(t + "llq_buffer_copy", tx.ringStats().get(RingCounter.LLQ_BUFFER_COPY));
            String r = "queue_" + qp.qid() + "_rx_";
            RxQueue rx = qp.rx();
            m.put(r + "cnt", rx.packets());
            m.put(r + "bytes", rx.bytes());
            m.put(r + "csum_good", rx.csumGood);
            m.put(r + "refil_partial", rx.refillPartial());
            m.put(r + "csum_bad", rx.csumBad);
            m.put(r + "page_alloc_fail", rx.allocFailures());
            m.put(r + "bad_desc_num", rx.badDescNum());
            m.put(r + "bad_req_id", rx.badReqIds());
            m.put(r + "csum_unchecked", rx.csumUnchecked);
        }
        return m;
    }

    /** The queue pairs while the interface is up (empty when down). */
    public synchronized QueuePair[] queuePairs() {
        return pairs.clone();
    }

    /**
     * Changes the MTU (L2 header excluded): SET_FEATURE(MTU) to the device when the interface is up, applied
     * at the next {@link #up} otherwise.
     *
     * @throws IllegalArgumentException if {@code newMtu} is outside 128..max_mtu
     * @throws EnaComException if the device refuses it
     */
    public synchronized void setMtu(int newMtu) {
        long max = features.attributes().maxMtu();
        if (newMtu < MIN_MTU || newMtu > max) {
            throw new IllegalArgumentException("MTU " + newMtu + " out of range: accepted " + MIN_MTU + ".." + max);
        }
        if (pairs.length > 0 && features.isFeatureSupported(FeatureId.MTU.code())) {
            check("set MTU " + newMtu, admin.setMtu(newMtu));
        }
        mtu = newMtu;
    }

    /** The MTU in use. */
    public synchronized int mtu() {
        return mtu;
    }

    // ------------------------------------------------------------------------------------------------------
    // Reset and restore (§13.5)
    // ------------------------------------------------------------------------------------------------------

    /**
     * Resets the device with the pending reset reason (NORMAL if none is pending) and brings it back: the
     * destroy and restore of management.md §13.5. The device sees two resets, the one carrying the reason
     * and the NORMAL reset of the probe sequence, as with the reference driver. The restored device must
     * report the same MAC and a maximum MTU not below the MTU in use.
     *
     * @throws EnaComException if the restore fails; the device is then reset with DRIVER_INVALID_STATE (8)
     *                         and left stopped, like the reference
     */
    public synchronized void resetAndRestore() {
        if (closed) {
            throw new IllegalStateException("device " + fn.address() + " is closed");
        }
        ResetReason reason = com.takePendingReset();
        if (reason == null) {
            reason = ResetReason.NORMAL;
        }
        byte[] mac = features.attributes().mac();
        int mtuInUse = mtu;
        totalResets++;
        resetsByReason[reason.code() & 31]++;
        LOG.info("{}: resetting the device, reason {}", fn.address(), reason.label());
        boolean wasUp = pairs.length > 0;
        teardown(reason);
        closed = false;
        try {
            runProbe();
            if (wasUp) {
                LOG.info("{}: the interface was up; the owner brings it up again with up()", fn.address());
            }
            if (!java.util.Arrays.equals(mac, features.attributes().mac())) {
                throw new EnaComException("restore: the device came back with MAC "
                        + macString(features.attributes().mac()) + " instead of " + macString(mac), EnaErrno.EINVAL);
            }
            if (features.attributes().maxMtu() < mtuInUse) {
                throw new EnaComException("restore: the device's max MTU " + features.attributes().maxMtu()
                        + " is below the MTU in use " + mtuInUse, EnaErrno.EINVAL);
            }
            mtu = mtuInUse;
        } catch (RuntimeException e) {
            resetFailures++;
            teardown(ResetReason.DRIVER_INVALID_STATE);
            throw e;
        }
    }

    /** Device resets this driver performed ({@code total_resets} of {@code ethtool -S}). */
    public synchronized long totalResets() {
        return totalResets;
    }

    /** Restores that failed ({@code reset_fail} of {@code ethtool -S}). */
    public synchronized long resetFailures() {
        return resetFailures;
    }

    /** True once {@link #close()} ran, or a failed restore left the device stopped. */
    public synchronized boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------------------------------------------
    // Teardown
    // ------------------------------------------------------------------------------------------------------

    /** Removes the device (management.md §13.6): reset with reason SHUTDOWN, then free everything. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        teardown(ResetReason.SHUTDOWN);
    }

    private void teardown(ResetReason resetReason) {
        closed = true;
        boolean resetDone = false;
        if (pairs.length > 0) {
            if (resetReason != null && resetReason != ResetReason.SHUTDOWN) {
                // §13.5 step 2: reset first with the pending reason (the device stops all DMA), then free the
                // I/O resources; the destroy commands fail locally and never reach the device.
                com.adminQueue().setRunning(false);
                resetDevice(resetReason);
                resetDone = true;
            }
            down(); // §13.6 graceful: DESTROY commands reach the device, then the SHUTDOWN reset below
        }
        if (resetReason != null && !resetDone) {
            resetDevice(resetReason);
        }
        if (msixUp) {
            com.disableManagementInterrupt();
            msixUp = false;
        }
        if (admin != null) {
            admin.close();
        }
        if (com.state() == EnaComDevice.State.ADMIN) {
            com.adminDestroy();
        }
        if (com.state() != EnaComDevice.State.NEW) {
            com.mmioReadRequestDestroy();
        }
        if (hostInfo != null) {
            fn.dma().free(hostInfo);
            hostInfo = null;
        }
        if (debugArea != null) {
            fn.dma().free(debugArea);
            debugArea = null;
        }
    }

    private void resetDevice(ResetReason reason) {
        if (com.state() == EnaComDevice.State.NEW) {
            return;
        }
        int rc = com.devReset(reason);
        if (rc != 0) {
            LOG.warn("{}: reset with reason {} failed: {}", fn.address(), reason.label(), EnaErrno.name(rc));
        }
    }

    private void log(String line) {
        bootLog.add(line);
        LOG.debug("{}: {}", fn.address(), line);
    }

    private static void check(String step, int rc) {
        if (rc != 0) {
            throw new EnaComException(step, rc);
        }
    }

    private static <T> T checkResult(String step, AdminResult<T> r) {
        if (!r.ok()) {
            throw new EnaComException(step, r.rc());
        }
        return r.value();
    }
}
