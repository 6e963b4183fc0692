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
 * The probe sequence (the Linux driver's {@code ena_probe} / {@code ena_device_init}, management.md §13.1, steps
 * 1–19), with these differences, each deliberate:
 * <ul>
 *   <li>Step 2 (customer-metrics buffer) is the command layer's business, allocated when first queried.</li>
 *   <li>Step 13: PHC (when advertised and {@link DriverConfig#phcEnable()}) and HW timestamping (GET at the first
 *       probe, SET of the requested state at every later one, §8.20); step 17 (flow steering) is not done.</li>
 *   <li>Step 15 switches the admin queue to interrupt mode unless {@link DriverConfig#adminPollingOnly()}.</li>
 *   <li>Step 19: after marking the device running, the AENQ is processed once, so that a LINK_CHANGE posted
 *       while probe ran is seen at once rather than at the next management interrupt.</li>
 * </ul>
 * The 1-second service timer is {@link ServiceTimer}; the restore of §13.5 runs this sequence again through
 * {@link ResetController}.
 */
final class DeviceProbe {

    private final EnaAdapter a;

    DeviceProbe(EnaAdapter a) {
        this.a = a;
    }

    /**
     * Runs steps 1–19 of management.md §13.1 on the adapter (at probe, and as step 1 of a restore, §13.5).
     *
     * @throws EnaComException naming the step that failed and its error
     * @throws IllegalArgumentException if the function is not an ENA device
     */
    void run() {
        // Step 1: identity, memory decoding and bus mastering.
        int vendor = a.fn.configRead16(PciConfig.VENDOR_ID);
        int device = a.fn.configRead16(PciConfig.DEVICE_ID);
        if (!PciIds.isEna(vendor, device)) {
            throw new IllegalArgumentException(String.format("PCI function %s is %04x:%04x, not an ENA device "
                    + "(vendor %04x, device one of %04x %04x %04x %04x %04x)", a.fn.address(), vendor, device,
                    PciIds.VENDOR_AMAZON, PciIds.DEVICE_PF, PciIds.DEVICE_PF_LLQ, PciIds.DEVICE_VF, PciIds.DEVICE_VF_LLQ,
                    PciIds.DEVICE_RESERVED));
        }
        int cmd = a.fn.configRead16(PciConfig.COMMAND);
        a.fn.configWrite32(PciConfig.COMMAND & ~3, (a.fn.configRead32(PciConfig.COMMAND & ~3) & 0xFFFF0000)
                | cmd | PciConfig.COMMAND_MEMORY | PciConfig.COMMAND_BUS_MASTER);

        // Steps 3-6: readless reads, reset, versions, DMA width.
        EnaAdapter.check("readless register read set-up", a.com.mmioReadRequestInit());
        EnaAdapter.check("device reset", a.com.devReset(ResetReason.NORMAL));
        EnaAdapter.check("version check", a.com.validateVersion());
        int ver = a.com.version();
        int ctrl = a.com.controllerVersion();
        a.log(String.format("ENA device version: %d.%d", (ver >>> 8) & 0xFF, ver & 0xFF));
        a.log(String.format("ENA controller version: %d.%d.%d implementation version %d", (ctrl >>> 16) & 0xFF,
                (ctrl >>> 8) & 0xFF, ctrl & 0xFF, (ctrl >>> 24) & 0xFF));
        int width = a.com.getDmaWidth();
        if (width < 0) {
            EnaAdapter.check("DMA width", width);
        }

        // Steps 7-8: admin queue, AENQ ring, polling mode.
        EnaAdapter.check("admin queue set-up", a.com.adminInit());
        a.com.setAdminPollingMode(true);
        long bar2 = a.fn.bar2() == null ? EnaAdmin.UNKNOWN_BAR_SIZE : a.fn.bar2().byteSize();
        a.admin = new EnaAdmin(a.com.adminExecutor(), a.fn.dma(), width, a.fn.bar0().size(), bar2);

        // Step 9: host info (failure tolerated: the host info is then dropped).
        a.hostInfo = a.fn.dma().allocate(HostInfo.PAGE_SIZE);
        HostInfoWriter.write(a.hostInfo.segment(), HostInfoWriter.forThisHost(
                HostInfoWriter.bdfOf(a.fn.address()), HostInfoWriter.ENA4J_FEATURES
                        | (a.config.phcEnable() ? HostInfo.FEAT_PHC : 0)));
        int rc = a.admin.setHostAttributes(a.hostInfo, null, 0);
        if (rc != 0) {
            a.log("Cannot set host attributes: " + EnaErrno.name(rc) + "; continuing without host info");
            a.fn.dma().free(a.hostInfo);
            a.hostInfo = null;
        }

        // Step 10: device attributes and features.
        a.features = EnaAdapter.checkResult("get device attributes", a.admin.getDeviceFeatures());
        a.com.setDeviceCapabilities(a.features.attributes().capabilities());
        a.applyHints(a.features.hwHints());

        // Step 11: AENQ groups.
        int supportedGroups = a.features.aenq().supported();
        a.enabledAenqGroups = EnaDevice.REQUESTED_AENQ_GROUPS & supportedGroups;
        EnaAdapter.check("AENQ configuration", a.admin.setAenqConfig(a.enabledAenqGroups));

        // Step 12: LLQ negotiation and ring sizes.
        negotiateLlq();
        sizeRings();

        // Step 13: PHC, when the device offers it and the user enabled it (phc_enable); HW timestamping caps.
        initPhc();
        initHwTimestamping();

        // Step 14: queue count, interrupt moderation resolution.
        a.numIoQueues = computeQueueCount();
        // num_io_queues: the count to open, clamped to what the device and host allow; -L may raise it later.
        a.defaultIoQueues = a.config.numIoQueues() > 0 ? Math.min(a.config.numIoQueues(), a.numIoQueues)
                : a.numIoQueues;
        if (a.features.isFeatureSupported(FeatureId.INTERRUPT_MODERATION.code())) {
            AdminResult<Integer> res = a.admin.getInterruptDelayResolution();
            if (res.ok()) {
                a.interruptDelayResolution = Math.max(1, res.value());
            } else if (res.rc() != EnaErrno.EOPNOTSUPP) {
                throw new EnaComException("get interrupt moderation", res.rc());
            }
        }

        // Step 15: management interrupt, interrupt mode, AENQ credit.
        a.com.enableManagementInterrupt();
        a.msixUp = true;
        if (!a.config.adminPollingOnly()) {
            a.com.setAdminPollingMode(false);
        }
        if (!a.hooksInstalled) {
            installEventHooks();
            a.hooksInstalled = true;
        }
        a.com.aenqStart();

        // Step 16: RSS defaults (unsupported parts tolerated).
        initRss();

        // Step 18: debug area, host attributes again with it.
        if (a.hostInfo != null) {
            a.debugArea = a.fn.dma().allocate(DmaBufferSizes.DEBUG_AREA);
            writeDebugAreaHeader(a.debugArea.segment());
            rc = a.admin.setHostAttributes(a.hostInfo, a.debugArea, DmaBufferSizes.DEBUG_AREA_HEADER);
            if (rc != 0) {
                a.log("Cannot set host attributes with debug area: " + EnaErrno.name(rc));
            }
        }

        // Step 19: timeouts (hints applied above), mark running, pick up early events.
        a.mtu = (int) Math.min(1500, a.features.attributes().maxMtu());
        a.com.setAenqDispatchEnabled(true);
        a.com.aenq().process();
        a.log(String.format("Elastic Network Adapter (ENA) found at %s, mac addr %s", a.fn.address(),
                EnaAdapter.macString(a.features.attributes().mac())));
        a.log(String.format("%d queue pairs max, Tx ring %d (max %d), Rx ring %d (max %d), %s placement",
                a.numIoQueues, a.txRingSize, a.maxTxRing, a.rxRingSize, a.maxRxRing, a.llq.devicePlacement() ? "device (LLQ)"
                        : "host"));
    }

    private void negotiateLlq() {
        if (a.llqPolicy == DriverConfig.LlqPolicy.DISABLED) {
            a.llq = new LlqNegotiation.Result(0, CreateSqCmd.PLACEMENT_HOST, null,
                    LlqNegotiation.Fallback.FEATURE_UNSUPPORTED, "LLQ declined by configuration");
            a.log("LLQ declined by configuration, using host placement for Tx");
            return;
        }
        Boolean large = a.llqPolicy == DriverConfig.LlqPolicy.LARGE ? Boolean.TRUE : null;
        LlqNegotiation.Preference pref = LlqNegotiation.defaultPreference(a.features.llq(), large);
        a.llq = LlqNegotiation.negotiate(a.admin, a.features.llq(), a.fn.bar2() != null, pref);
        if (a.llq.devicePlacement()) {
            LlqConfig c = a.llq.config();
            a.log(String.format("LLQ: entry size %d B, %d descriptors before header, %d per entry, max Tx header %d B",
                    c.entrySize(), c.descsBeforeHeader(), c.descsPerEntry(), c.txMaxHeaderSize()));
            if (large == Boolean.TRUE && c.entrySize() != 256) {
                a.log("Large LLQ requested but the device does not offer 256-byte entries; using " + c.entrySize());
            }
            int devSgl = a.features.maxQueues().maxTxSgEntries();
            if (c.maxBuffersPerBurst() < devSgl) {
                a.log(String.format("LLQ Tx burst limit of %d entries: Tx packets limited to %d buffers (device "
                        + "allows %d)", c.maxEntriesInTxBurst(), c.maxBuffersPerBurst(), devSgl));
            }
        } else {
            a.log("LLQ is not used (" + a.llq.detail() + "); Fallback to host mode policy.");
        }
    }

    /**
     * management.md §10.1: a zeroed 64-byte shared buffer, GET(PHC_CONFIG, version 0), SET with the buffer. A PHC
     * the device offers but that fails to set up leaves the device usable without it (as Linux: logged, PHC off).
     */
    private void initPhc() {
        if (!a.config.phcEnable()) {
            return;
        }
        if (!a.features.isFeatureSupported(FeatureId.PHC_CONFIG.code())) {
            a.log("PHC enabled but the device does not offer it (feature 29); continuing without PHC");
            return;
        }
        io.ena4j.platform.DmaBuffer shared = a.fn.dma().allocate(io.ena4j.spec.regs.PhcResponse.SIZE);
        shared.segment().fill((byte) 0);
        AdminResult<io.ena4j.driver.com.PhcConfigInfo> cfg = a.admin.configurePhc(shared);
        if (!cfg.ok()) {
            a.fn.dma().free(shared);
            a.log("PHC set-up failed: " + EnaErrno.name(cfg.rc()) + "; continuing without PHC");
            return;
        }
        a.phc = new io.ena4j.driver.com.EnaPhc(a.fn.bar0(), shared, cfg.value(), a.clock);
        a.log(String.format("PHC: doorbell 0x%x, expire %d us, block %d us", cfg.value().doorbellOffset(),
                a.phc.expireTimeoutUs(), a.phc.blockTimeoutUs()));
    }

    /**
     * HW_TIMESTAMP (§8.20): the first probe only reads the device's support; every later probe (a restore) also
     * sends the state the user asked for, so timestamping survives resets. A device without the feature, or whose
     * GET or SET fails, runs without timestamps (logged), as Linux does.
     */
    private void initHwTimestamping() {
        a.hwTsTxSupport = 0;
        a.hwTsRxSupport = 0;
        boolean first = !a.hwTsProbed;
        a.hwTsProbed = true;
        if (!a.features.isFeatureSupported(FeatureId.HW_TIMESTAMP.code())) {
            return;
        }
        AdminResult<io.ena4j.driver.com.HwTimestampCaps> caps = a.admin.getHwTimestamping();
        if (!caps.ok()) {
            a.log("HW timestamping capabilities unreadable: " + EnaErrno.name(caps.rc())
                    + "; continuing without HW timestamps");
            return;
        }
        a.hwTsTxSupport = caps.value().tx();
        a.hwTsRxSupport = caps.value().rx();
        if (!first) {
            int rc = a.admin.setHwTimestamping(a.hwTsTxActive(), a.hwTsRxActive());
            if (rc != 0) {
                a.log("HW timestamping set-up failed: " + EnaErrno.name(rc) + "; continuing without HW timestamps");
                a.hwTsTxSupport = 0;
                a.hwTsRxSupport = 0;
            }
        }
    }

    private void sizeRings() {
        MaxQueuesInfo q = a.features.maxQueues();
        a.maxRxRing = q.maxRxRingSize();
        int maxTx;
        if (a.llq.devicePlacement()) {
            maxTx = a.features.llq().maxTxSqDepth(a.llq.config());
        } else {
            maxTx = q.maxTxRingSizeHost();
        }
        a.maxTxRing = MaxQueuesInfo.roundDown(maxTx);
        if (a.maxTxRing < DriverConfig.MIN_RING_SIZE || a.maxRxRing < DriverConfig.MIN_RING_SIZE) {
            throw new EnaComException("ring sizing: device maxima Tx " + a.maxTxRing + " / Rx " + a.maxRxRing
                    + " below the minimum " + DriverConfig.MIN_RING_SIZE, EnaErrno.EINVAL);
        }
        int wantTx = a.requestedTxRing;
        if (a.llq.devicePlacement() && a.llq.config().entrySize() == 256 && wantTx == DriverConfig.DEFAULT_RING_SIZE) {
            wantTx = DriverConfig.DEFAULT_RING_SIZE / 2; // default Tx ring with wide LLQ (§14)
        }
        a.txRingSize = MaxQueuesInfo.roundDown(Math.min(wantTx, a.maxTxRing));
        a.rxRingSize = MaxQueuesInfo.roundDown(Math.min(a.requestedRxRing, a.maxRxRing));
    }

    private int computeQueueCount() {
        MaxQueuesInfo q = a.features.maxQueues();
        long txSq = a.llq.devicePlacement() ? a.features.llq().maxLlqNum() : q.maxTxSqNum();
        long n = Math.min(Runtime.getRuntime().availableProcessors(), DriverConfig.MAX_IO_QUEUES);
        n = Math.min(n, q.maxRxQueues());
        n = Math.min(n, txSq);
        n = Math.min(n, q.maxTxCqNum());
        n = Math.min(n, a.fn.msixVectorCount() - 1L);
        if (n < 1) {
            throw new EnaComException("queue count: the device offers no I/O queue pair (Tx SQ " + txSq + ", Rx "
                    + q.maxRxQueues() + ", MSI-X vectors " + a.fn.msixVectorCount() + ")", EnaErrno.EINVAL);
        }
        return (int) n;
    }

    private void initRss() {
        if (!a.features.isFeatureSupported(FeatureId.RSS_INDIRECTION_TABLE_CONFIG.code())) {
            a.log("RSS indirection table is not supported by the device");
            return;
        }
        AdminResult<Integer> init = a.admin.rssInit(-1, null);
        if (!init.ok()) {
            if (init.rc() == EnaErrno.EOPNOTSUPP) {
                return;
            }
            throw new EnaComException("RSS init", init.rc());
        }
        a.rssSupported = true;
        a.rssTableLogSize = init.value();
        if (a.features.isFeatureSupported(FeatureId.RSS_HASH_FUNCTION.code())) {
            AdminResult<RssHashFunctionInfo> cur = a.admin.getHashFunction();
            int rc = cur.rc();
            if (cur.ok()) {
                rc = a.admin.fillHashFunction(RssHashFunction.TOEPLITZ, cur.value().key(),
                        RssHashFunction.LINUX_INIT_VAL);
            }
            if (rc != 0 && rc != EnaErrno.EOPNOTSUPP) {
                throw new EnaComException("RSS hash function", rc);
            }
            AdminResult<RssHashFunctionInfo> now = a.admin.getHashFunction();
            a.rss = now.ok() ? now.value() : null;
        }
        if (a.features.isFeatureSupported(FeatureId.RSS_HASH_INPUT.code())) {
            int rc = a.admin.setDefaultHashInput();
            if (rc != 0 && rc != EnaErrno.EOPNOTSUPP) {
                throw new EnaComException("RSS hash input", rc);
            }
        }
    }

    /**
     * Chains the device-level reactions after the communication layer's AENQ group handlers: listener calls are
     * recorded while the AENQ lock is held and delivered after it is released ({@link Aenq#setAfterProcess});
     * UPDATE_HINTS reaches every watchdog setting ({@link EnaAdapter#applyHints}).
     */
    private void installEventHooks() {
        Aenq aenq = a.com.aenq();
        aenq.setAfterProcess(a::flushEvents);
        a.com.setHintsListener(a::applyHints);
        chain(aenq, AenqGroup.LINK_CHANGE, () -> {
            boolean up = aenq.linkUp();
            a.post(l -> l.linkChanged(up));
        });
        chain(aenq, AenqGroup.KEEP_ALIVE, () -> {
            long rxDrops = aenq.rxDrops();
            long txDrops = aenq.txDrops();
            long overruns = aenq.rxOverruns();
            a.post(l -> l.keepAlive(rxDrops, txDrops, overruns));
        });
        chain(aenq, AenqGroup.NOTIFICATION, () -> {
            String what = aenq.trafficSuspended() ? "traffic suspended" : "notification (hints "
                    + aenq.lastHints() + ")";
            a.post(l -> l.notification(what));
        });
        chain(aenq, AenqGroup.CONF_NOTIFICATIONS, () -> {
            String what = "sub-optimal configuration, bitmap 0x" + Long.toHexString(aenq.confNotifications());
            a.post(l -> l.notification(what));
        });
        for (AenqGroup g : new AenqGroup[] {AenqGroup.FATAL_ERROR, AenqGroup.DEVICE_REQUEST_RESET}) {
            chain(aenq, g, () -> {
                ResetReason r = a.com.pendingReset();
                String label = r == null ? g.name().toLowerCase() : r.label();
                a.post(l -> l.resetRequested(label));
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
}
