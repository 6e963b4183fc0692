package io.ena4j.model;

import io.ena4j.platform.Clock;
import io.ena4j.platform.InterruptHandler;
import io.ena4j.platform.Iommu;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.HostInfo;
import io.ena4j.spec.aenq.AenqConfNotifications;
import io.ena4j.spec.aenq.AenqEntry;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.aenq.NotificationSyndrome;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PciIds;
import io.ena4j.spec.regs.PhcResponse;
import io.ena4j.spec.regs.ReadlessResponse;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A software ENA device, management plane (management.md §2–§9, §13, §15): a PCI function a driver can drive
 * through a hardware-shaped interface alone — configuration space, BAR 0 registers, BAR 2 memory, DMA through an
 * emulated IOMMU, and MSI-X messages delivered to host callbacks.
 *
 * <h2>Contract</h2>
 * <ul>
 * <li><b>Config space</b> ({@link #configRead32}, {@link #configWrite32}): see {@link ConfigSpace}. Vendor 0x1D0F,
 * device id and PCI revision bit 0 (readless disabled) from the profile, class 0x020000, BAR 0 32-bit MMIO, BAR 2
 * 64-bit prefetchable when the profile has one, PCIe and MSI-X capabilities. BAR accesses are ignored (reads return
 * all-ones) while COMMAND memory decoding is off, and every DMA faults while bus mastering is off.</li>
 * <li><b>BAR 0</b> ({@link #bar0Read32}, {@link #bar0Write32}): aligned 32-bit accesses inside {@link #bar0Size()}
 * (anything else throws {@link IllegalArgumentException}: a host programming error, like an access outside a
 * mapped BAR). Registers of §3 plus the per-queue registers of §11 and, with the default placement, the MSI-X table
 * and PBA. Write-only registers read back the last value written [decision, §4.4 / §16 leave this open]; every
 * driver-written register reads 0 after power-on and after a device reset, except DEV_CTL. Power-on DEV_STS.READY=1.
 * A plain read is counted ({@link ModelCounters#plainRegisterReads()}) whether or not readless is enabled.</li>
 * <li><b>Readless</b> (§4): a write to MMIO_REG_READ is answered immediately, on the writing thread: reg_off and
 * reg_val are DMA-written to the address in MMIO_RESP_LO/HI, then req_id with a release store. Ignored when the
 * profile disables readless (the driver must then use plain reads), when no address is armed, or when a fault drops
 * it. A read of an offset outside BAR 0 answers 0xFFFFFFFF.</li>
 * <li><b>Reset</b> (§5.3): a rising DEV_CTL.DEV_RESET sets RESET_IN_PROGRESS, clears READY and FATAL_ERROR, drops the
 * admin rings, AENQ, all I/O queues, the readless address, every SET_FEATURE setting and the statistics, and records
 * the reason (bits 31:28 + 27:24). Writing DEV_RESET = 0 completes it: RESET_IN_PROGRESS = 0, READY = 1. CAPS,
 * VERSION and CONTROLLER_VERSION stay readable throughout. {@link FaultInjector} can hold either edge.</li>
 * <li><b>Admin queue</b> (§6–§8): see {@link AdminQueue}, {@link QueueManager}, {@link FeatureEngine}.</li>
 * <li><b>AENQ</b> (§9): see {@link AenqEngine}. [decision] AENQ interrupts are <em>not</em> gated by INTR_MASK,
 * which (§3.9) masks admin-completion interrupts only: the DPDK driver stays in admin polling mode (INTR_MASK = 1)
 * for its whole life while relying on vector 0 for AENQ events (link state, keep-alive), so a device that gated AENQ
 * with INTR_MASK would break it; the Linux driver is unaffected (it clears INTR_MASK before the first AENQ doorbell).
 * </li>
 * <li><b>PHC</b> (§10): once SET(PHC_CONFIG) gave an output buffer, a write to the PHC doorbell is answered on the
 * writing thread: timestamp [decision: nanoseconds of the model clock since the model was created], the profile's
 * error bound, error_flags 0, then req_id with a release store.</li>
 * <li><b>MSI-X</b> (§2.3): see {@link MsixUnit}. Vector 0 is never auto-masked.</li>
 * <li><b>DMA</b>: every access goes through {@link #iommu()} ({@link DmaPort}); the host maps memory with
 * {@link #dmaMap} / {@link #dmaUnmap} (or an {@link io.ena4j.platform.IommuDmaAllocator} over {@link #iommu()}).
 * A ring, control buffer or readless buffer outside the mappings is a DMA fault: counted, DEV_STS.FATAL_ERROR set,
 * an AENQ FATAL_ERROR posted if the AENQ can still be written, and the device stops processing admin commands and
 * AENQ events until the next reset.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Register and config accesses, readless requests and environment controls may come from any thread while
 * {@link #doWork()} runs on the model thread. All management-plane state is guarded by one device lock. MSI-X
 * handlers are never called while that lock is held, and never from inside a register or config write: every
 * message (admin completion, AENQ batch, a pending message released by an unmask) is delivered by {@link #doWork()}
 * after it has released the lock, so a handler may freely write registers back.
 *
 * <p>Run the model either with {@link #start()} (a daemon thread {@code ena-model-<n>} calling {@code doWork()} with a
 * spin-then-park idle strategy, for a real {@link io.ena4j.platform.SystemClock}), or, with a
 * {@link io.ena4j.platform.ManualClock}, by registering {@code clock.addTicker(model::doWork)} so that every virtual
 * sleep of the driver steps the device.
 */
public final class EnaDeviceModel implements AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int DEV_RESET = EnaRegs.DEV_CTL_DEV_RESET_MASK;

    private final int id = INSTANCES.getAndIncrement();
    private final DeviceProfile profile;
    private final Clock clock;
    private final long epoch;
    private final ReentrantLock lock = new ReentrantLock();
    private final ModelCounters counters;
    private final FaultInjector faults = new FaultInjector();
    private final DeviceStatistics stats = new DeviceStatistics();
    private final Iommu iommu = new Iommu();
    private final ConfigSpace cfg;
    private final Arena bar2Arena;
    private final MemorySegment bar2;
    private final MsixUnit msix;
    private final DmaPort dma;
    private final FeatureState fs;
    private final Environment env;
    private final QueueManager queues;
    private final FeatureEngine features;
    private final AdminQueue admin;
    private final AenqEngine aenq;
    private final int[] regs;
    private final VectorList toDeliver = new VectorList();
    private final MemorySegment small = MemorySegment.ofArray(new byte[(int) PhcResponse.SIZE]);
    private final ModelRunner runner;

    private boolean ready = true;
    private boolean resetInProgress;
    private boolean fatal;
    private boolean resetStartPending;
    private int devResetBit;
    private boolean msixRecheck;
    private boolean closed;

    /**
     * A powered-on device: DEV_STS.READY = 1, nothing configured, MSI-X disabled with every table entry masked.
     *
     * @param profile what the device advertises
     * @param clock   time source for keep-alives and timestamps ({@link io.ena4j.platform.ManualClock} in tests)
     */
    public EnaDeviceModel(DeviceProfile profile, Clock clock) {
        if (profile == null || clock == null) {
            throw new IllegalArgumentException("EnaDeviceModel needs a profile and a clock, got " + profile + ", "
                    + clock);
        }
        this.profile = profile;
        this.clock = clock;
        this.epoch = clock.nanoTime();
        this.counters = new ModelCounters(profile.msix().vectors());
        this.cfg = new ConfigSpace(profile);
        this.regs = new int[profile.bar0().size() / 4];
        long bar2Size = profile.bar2Size();
        if (bar2Size > 0) {
            bar2Arena = Arena.ofShared();
            bar2 = bar2Arena.allocate(bar2Size, 4096);
        } else {
            bar2Arena = null;
            bar2 = null;
        }
        DeviceProfile.Msix m = profile.msix();
        MemorySegment table = m.tableBir() == PciIds.REG_BAR ? MemorySegment.ofArray(new byte[m.tableBytes()])
                : bar2.asSlice(m.tableOffset(), m.tableBytes());
        MemorySegment pba = m.pbaBir() == PciIds.REG_BAR ? MemorySegment.ofArray(new byte[m.pbaBytes()])
                : bar2.asSlice(m.pbaOffset(), m.pbaBytes());
        this.msix = new MsixUnit(m.vectors(), table, pba, counters);
        this.dma = new DmaPort(iommu, cfg, profile.registers().dmaAddrWidth(), this::onDmaFault);
        this.fs = new FeatureState(profile);
        this.env = new Environment(profile);
        this.queues = new QueueManager(profile);
        this.features = new FeatureEngine(profile, fs, env, queues, dma, counters);
        this.admin = new AdminQueue(profile, counters, faults, dma, queues, features, fs, stats, new AdminHost());
        this.aenq = new AenqEngine(counters, dma, profile.keepAliveIntervalNanos());
        this.aenq.reset();
        this.runner = new ModelRunner("ena-model-" + id, this::doWork, counters);
    }

    // ===============================================================================================================
    // PCI configuration space
    // ===============================================================================================================

    /**
     * Reads the configuration dword at {@code off}.
     *
     * @throws IllegalArgumentException if {@code off} is not 4-byte aligned inside [0, 4096)
     */
    public int configRead32(int off) {
        checkConfigOffset(off);
        lock.lock();
        try {
            return cfg.read(off);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the configuration dword at {@code off} (see {@link ConfigSpace} for what is writable). Enabling MSI-X
     * or clearing the function mask releases pending messages at the next {@link #doWork()}.
     *
     * @throws IllegalArgumentException if {@code off} is not 4-byte aligned inside [0, 4096)
     */
    public void configWrite32(int off, int value) {
        checkConfigOffset(off);
        lock.lock();
        try {
            if (cfg.write(off, value)) {
                msixRecheck = true;
            }
        } finally {
            lock.unlock();
        }
        runner.wake();
    }

    // ===============================================================================================================
    // BAR 0 / BAR 2
    // ===============================================================================================================

    /** Size of BAR 0 in bytes. */
    public int bar0Size() {
        return profile.bar0().size();
    }

    /**
     * A plain MMIO read of the BAR 0 register at {@code off} (§3; the path the driver must use when PCI revision bit
     * 0 is set).
     *
     * @throws IllegalArgumentException if {@code off} is not 4-byte aligned inside BAR 0
     */
    public int bar0Read32(int off) {
        checkBar0Offset(off);
        lock.lock();
        try {
            if (!cfg.memoryEnabled()) {
                counters.decodeDisabled();
                return EnaRegs.READ_FAILED;
            }
            counters.plainRead();
            return readRegister(off);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A posted MMIO write to the BAR 0 register at {@code off}.
     *
     * @throws IllegalArgumentException if {@code off} is not 4-byte aligned inside BAR 0
     */
    public void bar0Write32(int off, int value) {
        checkBar0Offset(off);
        lock.lock();
        try {
            if (!cfg.memoryEnabled()) {
                counters.decodeDisabled();
                return;
            }
            writeRegister(off, value);
        } finally {
            lock.unlock();
        }
        runner.wake();
    }

    /**
     * BAR 2, the LLQ device memory (§2.2, §8.5): the driver writes LLQ entries here (the data path consumes them in a
     * later issue). {@code null} if the profile has no BAR 2. Invalid after {@link #close()}.
     */
    public MemorySegment bar2() {
        return bar2;
    }

    // ===============================================================================================================
    // DMA and MSI-X (host side)
    // ===============================================================================================================

    /** The IOMMU through which the device performs every DMA. */
    public Iommu iommu() {
        return iommu;
    }

    /**
     * Maps {@code host} memory at IO address {@code ioAddress} so the device may reach it.
     *
     * @throws IllegalArgumentException if the range is empty or overlaps a mapping
     */
    public void dmaMap(long ioAddress, MemorySegment host) {
        iommu.map(ioAddress, host);
    }

    /**
     * Removes the mapping starting at {@code ioAddress}; the device faults if it still uses it.
     *
     * @return true if there was one
     */
    public boolean dmaUnmap(long ioAddress) {
        return iommu.unmap(ioAddress);
    }

    /**
     * Routes MSI-X vector {@code vector} to {@code cb} ({@code null} detaches it: messages are then dropped and
     * counted). This is only the host end of the message; whether a message is sent depends on config space and the
     * table (see {@link MsixUnit}).
     *
     * @throws IllegalArgumentException if {@code vector} is outside the MSI-X table
     */
    public void setMsixCallback(int vector, InterruptHandler cb) {
        Check.range("MSI-X vector", vector, 0, profile.msix().vectors() - 1);
        msix.setHandler(vector, cb);
    }

    // ===============================================================================================================
    // Device firmware step and thread
    // ===============================================================================================================

    /**
     * One step of the device "firmware": completes a reset a fault had held, consumes AQ doorbells and writes
     * completions, posts due AENQ events (keep-alive timer, queued events), releases pending MSI-X messages; then,
     * without the device lock, delivers the collected MSI-X messages.
     *
     * @return work done (commands, AENQ entries, messages delivered, reset edges), 0 when idle
     */
    public int doWork() {
        int work = 0;
        int[] deliver = null;
        lock.lock();
        try {
            if (closed) {
                return 0;
            }
            long now = clock.nanoTime();
            if (resetStartPending && !faults.holdResetAssert() && (regs[EnaRegs.DEV_CTL_OFF >>> 2] & DEV_RESET) != 0) {
                resetStartPending = false;
                startReset();
                work++;
            }
            if (resetInProgress && (regs[EnaRegs.DEV_CTL_OFF >>> 2] & DEV_RESET) == 0 && !faults.holdResetDeassert()) {
                completeReset();
                work++;
            }
            if (operational()) {
                work += admin.process();
            }
            if (operational()) {
                int n = aenq.post(now, now - epoch, fs.aenqEnabledGroups, faults.keepAlivesStopped(), stats);
                if (n > 0) {
                    msix.raise(PciIds.MGMT_VECTOR, false, cfg, toDeliver);
                    work += n;
                }
            }
            if (msixRecheck || profile.msix().tableBir() == PciIds.MEM_BAR) {
                msixRecheck = false;
                msix.recheck(cfg, toDeliver);
            }
            if (toDeliver.size() > 0) {
                deliver = new int[toDeliver.size()];
                for (int i = 0; i < deliver.length; i++) {
                    deliver[i] = toDeliver.get(i);
                }
                toDeliver.clear();
            }
        } finally {
            lock.unlock();
        }
        if (deliver != null) {
            for (int v : deliver) {
                msix.deliver(v);
            }
            work += deliver.length;
        }
        return work;
    }

    /** Starts the model thread {@code ena-model-<n>} (daemon); no-op if running. For use with a real clock. */
    public void start() {
        runner.start();
    }

    /** Stops the model thread and waits for it to finish its current step; no-op if not running. */
    public void stop() {
        runner.stop();
    }

    /** Stops the model thread and releases BAR 2. Later calls to {@link #doWork()} do nothing. */
    @Override
    public void close() {
        runner.stop();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        if (bar2Arena != null) {
            bar2Arena.close();
        }
    }

    // ===============================================================================================================
    // Accessors
    // ===============================================================================================================

    /** Faults to inject (all off by default). */
    public FaultInjector faults() {
        return faults;
    }

    /** What the model did. */
    public ModelCounters counters() {
        return counters;
    }

    /** The profile the device advertises. */
    public DeviceProfile profile() {
        return profile;
    }

    /** Traffic counters reported by GET_STATS and KEEP_ALIVE; tests may set them. */
    public DeviceStatistics statistics() {
        return stats;
    }

    /** Thread name the model uses when started: {@code ena-model-<n>}. */
    public String threadName() {
        return "ena-model-" + id;
    }

    // ===============================================================================================================
    // Environment controls
    // ===============================================================================================================

    /** Sets the link state and posts LINK_CHANGE (AENQ group 0, §9.3) at the next step. */
    public void setLink(boolean up) {
        lock.lock();
        try {
            env.linkUp = up;
            aenq.queueLinkChange(up, timestamp());
        } finally {
            lock.unlock();
        }
        runner.wake();
    }

    /**
     * Raises a device fatal error: DEV_STS.FATAL_ERROR = 1, AENQ FATAL_ERROR (group 1) posted at once if possible,
     * and the device stops processing admin commands and AENQ events until the next reset [decision: fatal means
     * stopped, like a DMA fault; the driver notices through admin timeouts or missing keep-alives].
     */
    public void raiseFatalError() {
        lock.lock();
        try {
            enterFatal();
        } finally {
            lock.unlock();
        }
        runner.wake();
    }

    /** Asks the driver for a reset: AENQ DEVICE_REQUEST_RESET (group 7, §9.3) at the next step. */
    public void requestReset() {
        queueEvent(AenqGroup.DEVICE_REQUEST_RESET.code(), 0);
    }

    /** AENQ NOTIFICATION syndrome SUSPEND (group 3 / 0, historic, §9.3) at the next step. */
    public void notifySuspend() {
        queueEvent(AenqGroup.NOTIFICATION.code(), NotificationSyndrome.SUSPEND.code());
    }

    /** AENQ NOTIFICATION syndrome RESUME (group 3 / 1, historic, §9.3) at the next step. */
    public void notifyResume() {
        queueEvent(AenqGroup.NOTIFICATION.code(), NotificationSyndrome.RESUME.code());
    }

    /** AENQ WARNING (group 2, no payload, §9.3) at the next step. */
    public void raiseWarning() {
        queueEvent(AenqGroup.WARNING.code(), 0);
    }

    /** AENQ REFRESH_CAPABILITIES (group 5, §9.3) at the next step. */
    public void refreshCapabilities() {
        queueEvent(AenqGroup.REFRESH_CAPABILITIES.code(), 0);
    }

    /**
     * New HW hints: GET(HW_HINTS) answers them from now on (until replaced; they survive resets) and an AENQ
     * NOTIFICATION / UPDATE_HINTS (group 3 / 2) carrying them at entry offset 16 is posted at the next step (§8.6).
     */
    public void updateHints(DeviceProfile.Hints hints) {
        if (hints == null) {
            throw new IllegalArgumentException("updateHints needs hints, got null");
        }
        lock.lock();
        try {
            env.hints = hints;
            MemorySegment e = AenqEngine.newEntry(AenqGroup.NOTIFICATION.code(), NotificationSyndrome.UPDATE_HINTS
                    .code(), timestamp());
            FeatureEngine.writeHints(e, AenqEntry.PAYLOAD_OFFSET, hints);
            aenq.queue(e.toArray(ValueLayout.JAVA_BYTE));
        } finally {
            lock.unlock();
        }
        runner.wake();
    }

    /** AENQ CONF_NOTIFICATIONS (group 6) with {@code bitmap} (§9.3) at the next step. */
    public void confNotification(long bitmap) {
        lock.lock();
        try {
            MemorySegment e = AenqEngine.newEntry(AenqGroup.CONF_NOTIFICATIONS.code(), 0, timestamp());
            AenqConfNotifications.notificationsBitmap(e, 0, bitmap);
            aenq.queue(e.toArray(ValueLayout.JAVA_BYTE));
        } finally {
            lock.unlock();
        }
        runner.wake();
    }

    private void queueEvent(int group, int syndrome) {
        lock.lock();
        try {
            aenq.queue(AenqEngine.newEntry(group, syndrome, timestamp()).toArray(ValueLayout.JAVA_BYTE));
        } finally {
            lock.unlock();
        }
        runner.wake();
    }

    // ===============================================================================================================
    // Inspection
    // ===============================================================================================================

    /**
     * The LLQ configuration of the last successful SET(LLQ) (§8.5).
     *
     * @param headerLocation    header-location code (1 inline, 2 header ring)
     * @param entrySizeCode     entry-size code (1 = 128 B, 2 = 192 B, 4 = 256 B)
     * @param descsBeforeHeader descriptors before the header (1, 2, 4, 8)
     * @param stride            stride code (1 single, 2 multiple descriptors per entry)
     * @param accelFlags        enabled accel flags, limited to the supported ones
     */
    public record LlqConfig(int headerLocation, int entrySizeCode, int descsBeforeHeader, int stride,
                            int accelFlags) {
    }

    /**
     * The RSS configuration (§8.10, §8.11, §8.13).
     *
     * @param function       selected function code (1 Toeplitz, 2 CRC32)
     * @param initVal        init_val
     * @param key            the 40 key bytes as stored by the driver
     * @param tableLog2      log2 of the indirection table size
     * @param table          indirection entries: device sq_idx of Rx SQs
     * @param inputSort      enabled_input_sort
     * @param selectedFields 16 per-protocol selected field bitmaps
     */
    public record RssConfig(int function, int initVal, byte[] key, int tableLog2, int[] table, int inputSort,
                            int[] selectedFields) {
    }

    /**
     * A flow-steering rule (§8.19).
     *
     * @param location slot index
     * @param flowType flow type code (1..6)
     * @param rxQueue  target Rx queue-pair number
     * @param params   the 128-byte rule buffer
     */
    public record FlowRule(int location, int flowType, int rxQueue, byte[] params) {
    }

    /**
     * The host-info page decoded (§12.1).
     *
     * @param osType                   OS type code (1 Linux, 2 Windows, 3 DPDK, 4 FreeBSD, 5 iPXE)
     * @param osDistStr                os_dist_str
     * @param osDist                   os_dist
     * @param kernelVerStr             kernel_ver_str
     * @param kernelVer                kernel_ver
     * @param driverVersion            driver_version, raw
     * @param driverVersionMajor       bits 7:0
     * @param driverVersionMinor       bits 15:8
     * @param driverVersionSubMinor    bits 23:16
     * @param driverVersionModuleType  bits 31:24
     * @param supportedNetworkFeatures supported_network_features[2] as one u64 (low word first)
     * @param enaSpecVersion           ena_spec_version (major << 8 | minor)
     * @param bdf                      bus/device/function
     * @param numCpus                  num_cpus
     * @param driverSupportedFeatures  driver_supported_features bitmap
     */
    public record HostInfoView(int osType, String osDistStr, int osDist, String kernelVerStr, int kernelVer,
                               int driverVersion, int driverVersionMajor, int driverVersionMinor,
                               int driverVersionSubMinor, int driverVersionModuleType, long supportedNetworkFeatures,
                               int enaSpecVersion, int bdf, int numCpus, int driverSupportedFeatures) {
    }

    /** Current DEV_STS value (§3.11). */
    public int devSts() {
        lock.lock();
        try {
            return devStsValue();
        } finally {
            lock.unlock();
        }
    }

    /** True while DEV_STS.FATAL_ERROR is set. */
    public boolean fatalError() {
        lock.lock();
        try {
            return fatal;
        } finally {
            lock.unlock();
        }
    }

    /** Current link state. */
    public boolean linkUp() {
        lock.lock();
        try {
            return env.linkUp;
        } finally {
            lock.unlock();
        }
    }

    /** AENQ groups the driver enabled with SET_FEATURE(AENQ_CONFIG) (§8.15). */
    public int enabledAenqGroups() {
        lock.lock();
        try {
            return fs.aenqEnabledGroups;
        } finally {
            lock.unlock();
        }
    }

    /** Current MTU (§8.12; 1500 — or max_mtu if lower — until the driver sets one [decision]). */
    public int mtu() {
        lock.lock();
        try {
            return fs.mtu;
        } finally {
            lock.unlock();
        }
    }

    /** True once the first AENQ head doorbell after AENQ setup has been written (§9.2). */
    public boolean aenqLive() {
        lock.lock();
        try {
            return aenq.live();
        } finally {
            lock.unlock();
        }
    }

    /** True once AQ and ACQ are both configured. */
    public boolean adminQueueReady() {
        lock.lock();
        try {
            return admin.aqReady() && admin.acqReady();
        } finally {
            lock.unlock();
        }
    }

    /** The LLQ configuration, or null if SET(LLQ) has not succeeded since the last reset. */
    public LlqConfig llqConfig() {
        lock.lock();
        try {
            return fs.llqConfigured ? new LlqConfig(fs.llqHeaderLocation, fs.llqEntrySizeCode, fs.llqDescsBeforeHeader,
                    fs.llqStride, fs.llqAccelFlags) : null;
        } finally {
            lock.unlock();
        }
    }

    /** The RSS configuration (copies). */
    public RssConfig rssConfig() {
        lock.lock();
        try {
            return new RssConfig(fs.rssFunction, fs.rssInitVal, fs.rssKey.clone(), fs.rssTableLog2, fs.rssTable.clone(),
                    fs.rssInputSort, fs.rssSelectedFields.clone());
        } finally {
            lock.unlock();
        }
    }

    /** Live submission queues in index order. */
    public List<SubmissionQueue> submissionQueues() {
        lock.lock();
        try {
            return queues.submissionQueues();
        } finally {
            lock.unlock();
        }
    }

    /** Live completion queues in index order. */
    public List<CompletionQueue> completionQueues() {
        lock.lock();
        try {
            return queues.completionQueues();
        } finally {
            lock.unlock();
        }
    }

    /** IO address of the host-info page from SET(HOST_ATTR_CONFIG), 0 if none (§8.17). */
    public long hostInfoAddress() {
        lock.lock();
        try {
            return fs.hostInfoAddress;
        } finally {
            lock.unlock();
        }
    }

    /** IO address and size of the debug area from SET(HOST_ATTR_CONFIG): {@code {address, size}}. */
    public long[] debugArea() {
        lock.lock();
        try {
            return new long[] {fs.debugAreaAddress, Integer.toUnsignedLong(fs.debugAreaSize)};
        } finally {
            lock.unlock();
        }
    }

    /**
     * The host-info page as the driver has it now, read through the IOMMU (the driver rewrites it every second,
     * §8.17), or null if none was given or it is no longer mapped. Not a device DMA: nothing is counted.
     */
    public HostInfoView hostInfo() {
        lock.lock();
        try {
            if (fs.hostInfoAddress == 0) {
                return null;
            }
            MemorySegment p = iommu.slice(fs.hostInfoAddress, HostInfo.SIZE);
            if (p == null) {
                return null;
            }
            MemorySegment s = MemorySegment.ofArray(p.toArray(ValueLayout.JAVA_BYTE));
            return new HostInfoView(HostInfo.osType(s, 0), HostInfo.osDistStr(s, 0), HostInfo.osDist(s, 0),
                    HostInfo.kernelVerStr(s, 0), HostInfo.kernelVer(s, 0), HostInfo.driverVersion(s, 0),
                    HostInfo.driverVersionMajor(s, 0), HostInfo.driverVersionMinor(s, 0),
                    HostInfo.driverVersionSubMinor(s, 0), HostInfo.driverVersionModuleType(s, 0),
                    HostInfo.supportedNetworkFeatures(s, 0), HostInfo.enaSpecVersion(s, 0), HostInfo.bdf(s, 0),
                    HostInfo.numCpus(s, 0), HostInfo.driverSupportedFeatures(s, 0));
        } catch (IllegalStateException e) {
            return null; // released by the host meanwhile
        } finally {
            lock.unlock();
        }
    }

    /** True once SET(PHC_CONFIG) gave an output buffer (§10.1). */
    public boolean phcEnabled() {
        lock.lock();
        try {
            return fs.phcEnabled;
        } finally {
            lock.unlock();
        }
    }

    /** FRAG_BYPASS state (§8.8). */
    public boolean fragBypass() {
        lock.lock();
        try {
            return fs.fragBypass;
        } finally {
            lock.unlock();
        }
    }

    /** HW timestamping enabled by SET(HW_TIMESTAMP): {@code {tx, rx}} (§8.20). */
    public int[] hwTimestamping() {
        lock.lock();
        try {
            return new int[] {fs.hwTimestampTx, fs.hwTimestampRx};
        } finally {
            lock.unlock();
        }
    }

    /** Flow-steering rules in slot order (§8.19). */
    public List<FlowRule> flowSteeringRules() {
        lock.lock();
        try {
            List<FlowRule> out = new ArrayList<>();
            for (FeatureState.FlowRule r : fs.flowRules) {
                if (r != null) {
                    out.add(new FlowRule(r.location(), r.flowType(), r.rxQueue(), r.params().clone()));
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** True if MSI-X vector {@code vector} has its PBA bit set. */
    public boolean msixPending(int vector) {
        Check.range("MSI-X vector", vector, 0, profile.msix().vectors() - 1);
        lock.lock();
        try {
            return msix.pending(vector);
        } finally {
            lock.unlock();
        }
    }

    // ===============================================================================================================
    // Register file
    // ===============================================================================================================

    private int readRegister(int off) {
        switch (off) {
            case EnaRegs.VERSION_OFF:
                return profile.registers().version();
            case EnaRegs.CONTROLLER_VERSION_OFF:
                return profile.registers().controllerVersion();
            case EnaRegs.CAPS_OFF:
                return profile.caps();
            case EnaRegs.CAPS_EXT_OFF:
                return 0;
            case EnaRegs.DEV_STS_OFF:
                return devStsValue();
            default:
                break;
        }
        DeviceProfile.Msix m = profile.msix();
        if (m.tableBir() == PciIds.REG_BAR && inRange(off, m.tableOffset(), m.tableBytes())) {
            return Le.u32(msix.table(), off - m.tableOffset());
        }
        if (m.pbaBir() == PciIds.REG_BAR && inRange(off, m.pbaOffset(), m.pbaBytes())) {
            return Le.u32(msix.pba(), off - m.pbaOffset());
        }
        return regs[off >>> 2];
    }

    private void writeRegister(int off, int v) {
        switch (off) {
            case EnaRegs.VERSION_OFF, EnaRegs.CONTROLLER_VERSION_OFF, EnaRegs.CAPS_OFF, EnaRegs.CAPS_EXT_OFF,
                 EnaRegs.DEV_STS_OFF -> {
                counters.readOnlyWrite();
                return;
            }
            default -> {
                // writable
            }
        }
        DeviceProfile.Msix m = profile.msix();
        if (m.tableBir() == PciIds.REG_BAR && inRange(off, m.tableOffset(), m.tableBytes())) {
            Le.u32(msix.table(), off - m.tableOffset(), v);
            msixRecheck = true; // a vector-control write may unmask a pending vector
            return;
        }
        if (m.pbaBir() == PciIds.REG_BAR && inRange(off, m.pbaOffset(), m.pbaBytes())) {
            counters.readOnlyWrite(); // the PBA is read-only (PCI 3.0 §6.8.2.10)
            return;
        }
        regs[off >>> 2] = v;
        switch (off) {
            case EnaRegs.AQ_CAPS_OFF -> admin.configureAq(reg64(EnaRegs.AQ_BASE_LO_OFF, EnaRegs.AQ_BASE_HI_OFF), v);
            case EnaRegs.ACQ_CAPS_OFF -> admin.configureAcq(reg64(EnaRegs.ACQ_BASE_LO_OFF, EnaRegs.ACQ_BASE_HI_OFF), v);
            case EnaRegs.AQ_DB_OFF -> admin.doorbell(v);
            case EnaRegs.AENQ_CAPS_OFF -> aenq.configure(reg64(EnaRegs.AENQ_BASE_LO_OFF, EnaRegs.AENQ_BASE_HI_OFF), v);
            case EnaRegs.AENQ_HEAD_DB_OFF -> aenq.headDoorbell(v, env.linkUp, clock.nanoTime(), timestamp());
            case EnaRegs.DEV_CTL_OFF -> devCtlWritten(v);
            case EnaRegs.MMIO_REG_READ_OFF -> readless(v);
            case EnaRegs.AQ_BASE_LO_OFF, EnaRegs.AQ_BASE_HI_OFF, EnaRegs.ACQ_BASE_LO_OFF, EnaRegs.ACQ_BASE_HI_OFF,
                 EnaRegs.AENQ_BASE_LO_OFF, EnaRegs.AENQ_BASE_HI_OFF, EnaRegs.INTR_MASK_OFF, EnaRegs.MMIO_RESP_LO_OFF,
                 EnaRegs.MMIO_RESP_HI_OFF, EnaRegs.ACQ_TAIL_OFF, EnaRegs.AENQ_TAIL_OFF,
                 EnaRegs.RSS_IND_ENTRY_UPDATE_OFF -> {
                // stored only: the value takes effect when the CAPS / read request that uses it is written, or the
                // register is informational (INTR_MASK is consulted per completion; RSS_IND_ENTRY_UPDATE is legacy,
                // unused by current drivers, §3.14, and has no effect here)
            }
            default -> otherRegisterWritten(off, v);
        }
    }

    private void otherRegisterWritten(int off, int v) {
        if (off == profile.phc().doorbellOffset() && profile.supports(FeatureId.PHC_CONFIG)) {
            phcDoorbell(v);
            return;
        }
        if (queues.isQueueRegister(off)) {
            int vector = queues.queueRegisterWrite(off, v);
            if (vector >= 0) {
                msix.clearAutoMask(vector);
                msixRecheck = true;
            }
            return;
        }
        counters.unknownRegister();
    }

    private long reg64(int lo, int hi) {
        return EnaRegs.addr(regs[lo >>> 2], regs[hi >>> 2]);
    }

    private int devStsValue() {
        int v = 0;
        if (ready) {
            v |= EnaRegs.DEV_STS_READY_MASK;
        }
        if (resetInProgress) {
            v |= EnaRegs.DEV_STS_RESET_IN_PROGRESS_MASK;
        }
        if (fatal) {
            v |= EnaRegs.DEV_STS_FATAL_ERROR_MASK;
        }
        return v;
    }

    // ===============================================================================================================
    // Reset (§5.3)
    // ===============================================================================================================

    private void devCtlWritten(int v) {
        int old = devResetBit;
        devResetBit = v & DEV_RESET;
        if (old == 0 && (v & DEV_RESET) != 0) {
            counters.resetRequested(v, EnaRegs.devCtlResetReason(v));
            if (faults.holdResetAssert()) {
                resetStartPending = true;
                counters.resetHeld();
            } else {
                startReset();
            }
        } else if (old != 0 && (v & DEV_RESET) == 0) {
            resetStartPending = false;
            if (resetInProgress && !faults.holdResetDeassert()) {
                completeReset();
            }
        }
    }

    private void startReset() {
        counters.reset();
        resetInProgress = true;
        ready = false;
        fatal = false;
        admin.reset();
        aenq.reset();
        queues.reset();
        fs.reset();
        stats.clear();
        msix.resetAutoMasks();
        int devCtl = regs[EnaRegs.DEV_CTL_OFF >>> 2];
        java.util.Arrays.fill(regs, 0); // every driver-written register reads 0 again, readless address included
        regs[EnaRegs.DEV_CTL_OFF >>> 2] = devCtl;
    }

    private void completeReset() {
        resetInProgress = false;
        ready = true;
    }

    private boolean operational() {
        return ready && !resetInProgress && !fatal;
    }

    // ===============================================================================================================
    // Readless (§4) and PHC (§10)
    // ===============================================================================================================

    private void readless(int request) {
        if (profile.pci().readlessDisabled()) {
            counters.readlessIgnore();
            return;
        }
        if (faults.dropReadless()) {
            counters.readlessDrop();
            return;
        }
        long addr = reg64(EnaRegs.MMIO_RESP_LO_OFF, EnaRegs.MMIO_RESP_HI_OFF);
        if (addr == 0) {
            counters.readlessIgnore();
            return;
        }
        int reqId = EnaRegs.mmioReadReqId(request);
        int regOff = EnaRegs.mmioReadRegOff(request);
        int value = (regOff & 3) == 0 && regOff < bar0Size() ? readRegister(regOff) : EnaRegs.READ_FAILED;
        MemorySegment r = small.asSlice(0, ReadlessResponse.SIZE);
        ReadlessResponse.regOff(r, 0, regOff + faults.readlessRegOffDelta());
        ReadlessResponse.regVal(r, 0, value);
        ReadlessResponse.reqId(r, 0, reqId);
        if (dma.writePublish("readless response", addr, r, ReadlessResponse.SIZE, ReadlessResponse.REQ_ID_OFFSET, 2)) {
            counters.readless();
        }
    }

    private void phcDoorbell(int v) {
        if (!fs.phcEnabled || fatal) {
            return;
        }
        long len = PhcResponse.ERROR_FLAGS_OFFSET + 4;
        MemorySegment r = small.asSlice(0, len);
        r.fill((byte) 0);
        PhcResponse.timestamp(r, 0, timestamp());
        PhcResponse.errorBound(r, 0, profile.phc().errorBoundNs());
        PhcResponse.errorFlags(r, 0, 0);
        PhcResponse.reqId(r, 0, v & EnaRegs.PHC_DB_REQ_ID_MASK);
        if (dma.writePublish("PHC response", fs.phcOutputAddress, r, len, PhcResponse.REQ_ID_OFFSET, 2)) {
            counters.phcRequest();
        }
    }

    // ===============================================================================================================
    // Faults
    // ===============================================================================================================

    private void onDmaFault(String what, long io, long len) {
        counters.dmaFault(what + " at 0x" + Long.toHexString(io) + "+" + len);
        enterFatal();
    }

    /** FATAL_ERROR: flag it, tell the driver through the AENQ if that still works, stop until reset. */
    private void enterFatal() {
        if (fatal) {
            return;
        }
        fatal = true;
        byte[] e = AenqEngine.newEntry(AenqGroup.FATAL_ERROR.code(), 0, timestamp()).toArray(ValueLayout.JAVA_BYTE);
        if (aenq.postNow(e, fs.aenqEnabledGroups) > 0) {
            msix.raise(PciIds.MGMT_VECTOR, false, cfg, toDeliver);
        }
    }

    private long timestamp() {
        return clock.nanoTime() - epoch;
    }

    private static boolean inRange(int off, int start, int len) {
        return off >= start && off - start < len;
    }

    private void checkBar0Offset(int off) {
        if (off < 0 || off > bar0Size() - 4 || (off & 3) != 0) {
            throw new IllegalArgumentException("BAR 0 offset 0x" + Integer.toHexString(off)
                    + " must be 4-byte aligned in [0, 0x" + Integer.toHexString(bar0Size() - 4) + "]");
        }
    }

    private static void checkConfigOffset(int off) {
        if (off < 0 || off > ConfigSpace.SIZE - 4 || (off & 3) != 0) {
            throw new IllegalArgumentException("config space offset 0x" + Integer.toHexString(off)
                    + " must be 4-byte aligned in [0, 0xffc]");
        }
    }

    /** The admin queue's view of the device. */
    private final class AdminHost implements AdminQueue.Host {
        @Override
        public boolean operational() {
            return EnaDeviceModel.this.operational();
        }

        @Override
        public boolean adminInterruptMasked() {
            return (regs[EnaRegs.INTR_MASK_OFF >>> 2] & EnaRegs.INTR_MASK_ADMIN_MASK) != 0;
        }

        @Override
        public void raiseAdminInterrupt() {
            msix.raise(PciIds.MGMT_VECTOR, false, cfg, toDeliver);
        }
    }
}
