package io.ena4j.model;

import io.ena4j.model.net.FrameInfo;
import io.ena4j.platform.Clock;
import io.ena4j.platform.InterruptHandler;
import io.ena4j.platform.Iommu;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.HostInfo;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.aenq.AenqConfNotifications;
import io.ena4j.spec.aenq.AenqEntry;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.aenq.NotificationSyndrome;
import io.ena4j.spec.eth.TxDesc;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PciIds;
import io.ena4j.spec.regs.PhcResponse;
import io.ena4j.spec.regs.ReadlessResponse;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * <li><b>MSI-X</b> (§2.3): see {@link MsixUnit}. Vector 0 is never auto-masked; I/O vectors are auto-masked and
 * moderated by {@link IoVector} (datapath.md §1.3, §8.6).</li>
 * <li><b>Data path</b> (datapath.md; §17 checklist): {@link TxEngine} per Tx SQ, {@link RxEngine} per Rx SQ, RSS queue
 * selection ({@link DataPlane.Rss}), one interrupt per pair ({@link IoVector}); the port's frames go to a
 * {@link Wire} ({@link Wires#loopback} by default) and arrive through {@link #receive}. Traffic counters:
 * {@link DeviceStatistics}.</li>
 * <li><b>DMA</b>: every access goes through {@link #iommu()} ({@link DmaPort}); the host maps memory with
 * {@link #dmaMap} / {@link #dmaUnmap} (or an {@link io.ena4j.platform.IommuDmaAllocator} over {@link #iommu()}).
 * A ring, control buffer or readless buffer outside the mappings is a DMA fault: counted, DEV_STS.FATAL_ERROR set,
 * an AENQ FATAL_ERROR posted if the AENQ can still be written, and the device stops processing admin commands and
 * AENQ events until the next reset.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Register and config accesses, readless requests and environment controls may come from any thread while
 * {@link #doWork()} runs on the thread stepping the model. All management-plane state is guarded by one device lock.
 * MSI-X handlers are never called while that lock is held, and never from inside a register or config write: every
 * message (admin completion, AENQ batch, a pending message released by an unmask, an I/O interrupt) is delivered by
 * {@link #doWork()} after it has released the lock, so a handler may freely write registers back.
 *
 * <p>The data path takes no lock and allocates nothing:
 * <ul>
 * <li>Per-queue register writes (SQ doorbells, unmask, NUMA and CQ head registers, management.md §11) bypass the lock:
 * they are volatile stores into the queue objects (or {@link IoVector}), looked up in an immutable
 * {@link DataPlane} snapshot. Queue objects and engines are published safely by that snapshot's volatile field,
 * which the admin command creating them republishes before its completion becomes visible.</li>
 * <li>{@link #doWork()} reads the clock once, takes the device lock only if there is management work (a volatile
 * flag raised by every other register or config write and by the environment controls, or the cached AENQ
 * keep-alive deadline has passed), then runs the engines lock-free: each Tx queue up to {@value TxEngine#BATCH}
 * packets, the Rx source if any, and the interrupt evaluation, and finally delivers the collected messages.</li>
 * <li>Admin commands run inside {@code doWork()}, on the stepping thread, so no engine races the creation or
 * destruction of its own queue. A device reset or a fatal error may arrive on any thread: it bumps a generation (or
 * clears the "live" generation) under the lock, and every engine compares the live generation with its own before
 * each packet — so an engine stops within one packet, before its queue's state is used again, and a fault it hits
 * after the device moved on is ignored instead of making the new generation fatal.</li>
 * <li>Only one thread steps a model at a time: a concurrent call of {@code doWork()} from another thread returns 0
 * at once. A nested call on the stepping thread (an interrupt handler that steps the device, as a virtual-clock sleep
 * does) runs normally.</li>
 * <li>Single-writer rule for frames: a frame crossing a {@link Wire} is written, all the way into the receiving
 * port's buffers and completion queue, by the thread stepping the <em>sending</em> model (see {@link RxEngine}).</li>
 * </ul>
 *
 * <p>Run the model either with {@link #start()} (a daemon thread {@code ena-model-<n>} calling {@code doWork()} with a
 * spin-then-park idle strategy, for a real {@link io.ena4j.platform.SystemClock}), with a {@link DeviceGroup} (one
 * thread stepping several models), "inline" (the driver's thread calls {@code doWork()} between its polls), or, with
 * a {@link io.ena4j.platform.ManualClock}, by registering {@code clock.addTicker(model::doWork)} so that every virtual
 * sleep of the driver steps the device.
 */
public final class EnaDeviceModel implements AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Source of step stamps: unique across models, so a receive port can tell one feeding step from the next. */
    private static final java.util.concurrent.atomic.AtomicLong STAMPS = new java.util.concurrent.atomic.AtomicLong();
    private static final int DEV_RESET = EnaRegs.DEV_CTL_DEV_RESET_MASK;
    /** Frame buffer: the largest frame (max MTU 65535 + 18) fits. */
    private static final int FRAME_BUFFER = 65_600;
    private static final VarHandle STEPPER;
    private static final VarHandle RUNNER;
    private static final VarHandle REG = MethodHandles.arrayElementVarHandle(int[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STEPPER = l.findVarHandle(EnaDeviceModel.class, "stepper", Thread.class);
            RUNNER = l.findVarHandle(EnaDeviceModel.class, "runner", ModelRunner.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int id = INSTANCES.getAndIncrement();
    private final DeviceProfile profile;
    private final Clock clock;
    private final long epoch;
    private final ReentrantLock lock = new ReentrantLock();
    private final ModelCounters counters;
    private final FaultInjector faults = new FaultInjector();
    private final TrafficCounters port = new TrafficCounters();
    private final DeviceStatistics stats = new DeviceStatistics(port);
    private final Iommu iommu;
    private final DataDma dataDma;
    private final IoVector[] ioVectors;
    private final long intrUnitNanos;
    private final MemorySegment txFrame = MemorySegment.ofArray(new byte[FRAME_BUFFER]);
    private final FrameInfo txInfo = new FrameInfo();
    private final FrameInfo rxInfo = new FrameInfo();
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
    /** Messages to deliver at the end of the step: stepping thread only. */
    private final VectorList deliveries = new VectorList();
    private final MemorySegment small = MemorySegment.ofArray(new byte[(int) PhcResponse.SIZE]);
    private final ModelRunner ownRunner;

    private boolean ready = true;
    private boolean resetInProgress;
    private boolean fatal;
    private boolean resetStartPending;
    private int devResetBit;
    private boolean msixRecheck;
    private volatile boolean closed;

    // ---- published to the lock-free paths ----
    private volatile DataPlane plane;
    /** Bumped by every device reset (under the lock). */
    private volatile int generation;
    /** {@link #generation} while the device runs (ready, not resetting, not fatal, not closed), else -1. */
    private volatile int liveGeneration;
    private volatile boolean memoryDecode;
    private volatile boolean msixOpen;
    private volatile boolean mgmtWork = true;
    /** When the next keep-alive is due; meaningful only while {@link #mgmtTimerArmed}. */
    private volatile long mgmtDeadline;
    private volatile boolean mgmtTimerArmed;
    private volatile Wire wire;
    private volatile RxSource source;
    private volatile FrameCapture capture;
    private volatile ModelRunner runner;
    private volatile Thread stepper;

    // ---- stepping thread only ----
    private long stepStamp;
    private int seenGeneration;
    private int deliverHead;

    /**
     * A powered-on device: DEV_STS.READY = 1, nothing configured, MSI-X disabled with every table entry masked.
     *
     * @param profile what the device advertises
     * @param clock   time source for keep-alives and timestamps ({@link io.ena4j.platform.ManualClock} in tests)
     */
    public EnaDeviceModel(DeviceProfile profile, Clock clock) {
        this(profile, clock, new Iommu());
    }

    /**
     * A powered-on device whose DMA goes through {@code sharedIommu}: two models built on one IOMMU are like two
     * functions in one VFIO container, each able to reach what the host mapped for either (what a {@link Wires#pair}
     * test needs when both drivers share one buffer pool). Give the functions one allocator too
     * ({@link ModelPciFunction#ModelPciFunction(EnaDeviceModel, io.ena4j.platform.IommuDmaAllocator)}), so that IO
     * addresses never collide.
     *
     * @param profile     what the device advertises
     * @param clock       time source ({@link io.ena4j.platform.ManualClock} in tests)
     * @param sharedIommu the IOMMU this device performs its DMA through
     * @throws IllegalArgumentException if any argument is null
     */
    public EnaDeviceModel(DeviceProfile profile, Clock clock, Iommu sharedIommu) {
        if (profile == null || clock == null || sharedIommu == null) {
            throw new IllegalArgumentException("EnaDeviceModel needs a profile, a clock and an IOMMU, got " + profile
                    + ", " + clock + ", " + sharedIommu);
        }
        this.profile = profile;
        this.clock = clock;
        this.iommu = sharedIommu;
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
        this.dataDma = new DataDma(iommu, profile.registers().dmaAddrWidth());
        this.ioVectors = new IoVector[m.vectors()];
        for (int v = 0; v < ioVectors.length; v++) {
            ioVectors[v] = new IoVector(v);
        }
        this.intrUnitNanos = Math.max(1, profile.intrDelayResolution()) * 1_000L;
        this.fs = new FeatureState(profile);
        this.env = new Environment(profile);
        this.queues = new QueueManager(profile, new Engines());
        this.features = new FeatureEngine(profile, fs, env, queues, dma, counters, this::republish);
        this.admin = new AdminQueue(profile, counters, faults, dma, queues, features, fs, stats, new AdminHost());
        this.aenq = new AenqEngine(counters, dma, profile.keepAliveIntervalNanos());
        this.aenq.reset();
        this.ownRunner = new ModelRunner("ena-model-" + id, this);
        lock.lock();
        try {
            updateConfigMirrors();
            updateLive();
            republish();
        } finally {
            lock.unlock();
        }
        Wires.loopback(this);
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
            updateConfigMirrors();
            mgmtWork = true;
        } finally {
            lock.unlock();
        }
        wake();
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
        if (memoryDecode && queueRegisterWrite(off, value)) {
            wake(); // data-path register: no lock (see "Threading")
            return;
        }
        lock.lock();
        try {
            if (!cfg.memoryEnabled()) {
                counters.decodeDisabled();
                return;
            }
            writeRegister(off, value);
            mgmtWork = true;
        } finally {
            lock.unlock();
        }
        wake();
    }

    /**
     * BAR 2, the LLQ device memory (§2.2, §8.5; datapath.md §9.4): the driver writes LLQ entries here and the Tx
     * engines of LLQ SQs read them after the doorbell. {@code null} if the profile has no BAR 2. Invalid after
     * {@link #close()}.
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
     * One step of the device: first, if there is management work, under the device lock: completes a reset a fault
     * had held, consumes AQ doorbells and writes completions, posts due AENQ events (keep-alive timer, queued events),
     * releases pending MSI-X messages. Then, without the lock, the data path: every Tx queue (up to
     * {@value TxEngine#BATCH} packets each), the Rx source if the wire is a {@link Wires#nullSource}, and the I/O
     * interrupt evaluation. Finally, still without the lock, the collected MSI-X messages are delivered. Reads the
     * clock once; allocates nothing in steady state.
     *
     * <p>Only one thread steps the model at a time: a call while another thread is inside returns 0 at once.
     *
     * @return work done (commands, AENQ entries, packets, messages delivered, reset edges), 0 when idle
     */
    public int doWork() {
        Thread me = Thread.currentThread();
        Thread owner = stepper;
        if (owner == me) {
            return step(); // nested: an interrupt handler stepping the device (e.g. a virtual-clock sleep)
        }
        if (owner != null || !STEPPER.compareAndSet(this, null, me)) {
            return 0;
        }
        try {
            return step();
        } finally {
            stepper = null;
        }
    }

    private int step() {
        if (closed) {
            return 0;
        }
        long now = clock.nanoTime();
        stepStamp = STAMPS.incrementAndGet();
        int work = 0;
        if (mgmtWork || mgmtTimerArmed && now - mgmtDeadline >= 0) {
            work += managementStep(now);
        }
        int gen = generation;
        if (gen != seenGeneration) {
            seenGeneration = gen;
            for (IoVector v : ioVectors) {
                v.resetStepState();
            }
        }
        DataPlane p = plane;
        if (liveGeneration == p.generation) {
            work += dataPath(p, now);
        }
        return work + drainDeliveries();
    }

    private int managementStep(long now) {
        int work = 0;
        lock.lock();
        try {
            mgmtWork = false; // before the work: a request arriving meanwhile sets it again
            if (closed) {
                return 0;
            }
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
                    msix.raise(PciIds.MGMT_VECTOR, cfg, toDeliver);
                    work += n;
                }
            }
            boolean memBarTable = profile.msix().tableBir() == PciIds.MEM_BAR;
            if (msixRecheck || memBarTable) {
                msixRecheck = false;
                msix.recheck(cfg, toDeliver);
            }
            takeToDeliver();
            // work that needs another locked step even without a new request
            if (resetStartPending || resetInProgress || operational() && (admin.hasWork() || aenq.hasQueued())
                    || memBarTable && msix.anyPending()) {
                mgmtWork = true;
            }
            mgmtTimerArmed = operational() && aenq.live();
            mgmtDeadline = aenq.nextDeadline();
        } finally {
            lock.unlock();
        }
        return work;
    }

    /** Moves messages raised under the lock to the stepping thread's delivery list. Lock held. */
    private void takeToDeliver() {
        for (int i = 0; i < toDeliver.size(); i++) {
            deliveries.add(toDeliver.get(i));
        }
        toDeliver.clear();
    }

    private int dataPath(DataPlane p, long now) {
        int work = 0;
        for (TxEngine t : p.tx) {
            work += t.process(p, now, TxEngine.BATCH);
        }
        RxSource src = source;
        if (src != null) {
            int n = src.pump(p, RxEngine.BATCH, stepStamp);
            work += n;
            FrameCapture c = capture;
            if (c != null && n > 0 && src instanceof Wires.NullSource ns) {
                ns.capture(c, n, clock.nanoTime()); // a TapWire's frames pass deliverFrame, captured there
            }
        }
        for (DataPlane.VectorBinding b : p.vectors) {
            if (b.vector().evaluate(now, b.tx(), b.rx(), intrUnitNanos)) {
                int v = b.vector().vector;
                if (v != PciIds.MGMT_VECTOR && faults.anyDataPathFault() && faults.takeDropIoInterrupt()) {
                    counters.ioInterruptDropped(); // lost on the way: auto-masked as if sent (FaultInjector)
                    continue;
                }
                raiseIo(v);
            }
        }
        return work;
    }

    /** Sends an I/O vector's message, or (blocked by MSI-X state) sets its pending bit under the lock. */
    private void raiseIo(int vector) {
        if (msixOpen && !msix.entryMasked(vector)) {
            deliveries.add(vector);
            return;
        }
        lock.lock();
        try {
            msix.raise(vector, cfg, toDeliver);
            takeToDeliver();
        } finally {
            lock.unlock();
        }
    }

    /** Delivers the collected messages (no lock). A nested step drains the same list, so order is kept. */
    private int drainDeliveries() {
        int n = 0;
        while (deliverHead < deliveries.size()) {
            int v = deliveries.get(deliverHead++);
            msix.deliver(v);
            n++;
        }
        deliveries.clear();
        deliverHead = 0;
        return n;
    }

    /**
     * Starts the model thread {@code ena-model-<n>} (daemon); no-op if running. For use with a real clock.
     *
     * @throws IllegalStateException if a {@link DeviceGroup} already steps this model
     */
    public void start() {
        ownRunner.start();
    }

    /** Stops the model thread and waits for it to finish its current step; no-op if not running. */
    public void stop() {
        ownRunner.stop();
    }

    /** Stops the model thread and releases BAR 2. Later calls to {@link #doWork()} do nothing. */
    @Override
    public void close() {
        ownRunner.stop();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            updateLive();
        } finally {
            lock.unlock();
        }
        if (bar2Arena != null) {
            bar2Arena.close();
        }
    }

    /** Attaches the runner that will step this model. */
    void attachRunner(ModelRunner r) {
        if (!RUNNER.compareAndSet(this, null, r)) {
            ModelRunner cur = runner;
            if (cur != r) {
                throw new IllegalStateException("model " + threadName() + " is already stepped by thread '"
                        + (cur == null ? "?" : cur.name()) + "'; stop it first");
            }
        }
    }

    /** Detaches {@code r} if it is the attached runner. */
    void detachRunner(ModelRunner r) {
        RUNNER.compareAndSet(this, r, null);
    }

    /** Cuts the stepping thread's idle park short (no-op without a runner). */
    private void wake() {
        ModelRunner r = runner;
        if (r != null) {
            r.wake();
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

    // ===============================================================================================================
    // Port: wire and receive side
    // ===============================================================================================================

    /**
     * Plugs the port into {@code w}: every frame a Tx queue sends goes to it from now on (the {@link Wires}
     * factories call this). A new model is on {@link Wires#loopback}. A wire that is also an {@link RxSource} (a
     * {@link Wires#nullSource}, a {@link TapWire}) becomes the port's receive source, pumped at every step.
     *
     * @throws IllegalArgumentException if {@code w} is null (use {@link Wires#nullSink} to unplug)
     */
    public void setWire(Wire w) {
        if (w == null) {
            throw new IllegalArgumentException("setWire needs a wire, got null; use Wires.nullSink to drop frames");
        }
        wire = w;
        source = w instanceof RxSource rs ? rs : null;
        wake();
    }

    /** The wire the port is plugged into. */
    public Wire wire() {
        return wire;
    }

    /**
     * Shows every frame the port sends and every frame that arrives at it to {@code c} (null stops it), e.g. a
     * {@link PcapngWriter} interface. Costs a call and a copy per frame while set; nothing when not.
     */
    public void setCapture(FrameCapture c) {
        capture = c;
    }

    /** The capture in force, or null. */
    FrameCapture capture() {
        return capture;
    }

    /** The model's clock now. */
    long clockNanos() {
        return clock.nanoTime();
    }

    /**
     * A frame arrives at the port (what a {@link Wire} delivers): if the device runs and the frame is at most
     * MTU + 18 bytes, it is parsed, hashed, steered by RSS (datapath.md §14.1; queue 0 — the lowest Rx sq_idx — until
     * the driver sets an indirection table, or when the entry names no live Rx SQ) and written into that queue's next
     * posted buffers ({@link RxEngine}); otherwise it is dropped and counted in {@code rx_drops}.
     *
     * <p>Must be called only by the port's single feeder: the thread stepping the model whose wire delivers here
     * (see {@link Wire}). Allocates nothing.
     *
     * @return true if the frame was delivered into a queue
     * @throws IllegalArgumentException if {@code [offset, offset + length)} is not inside {@code frame}
     */
    public boolean receive(MemorySegment frame, long offset, int length) {
        if (frame == null || offset < 0 || length < 0 || offset > frame.byteSize() - length) {
            throw new IllegalArgumentException("receive: frame range [" + offset + ", " + offset + " + " + length
                    + ") must lie inside the segment of " + (frame == null ? "null" : frame.byteSize() + " bytes"));
        }
        return deliverFrame(frame, offset, length, 0);
    }

    /**
     * {@link #receive} without the argument check, for wires.
     *
     * @param stamp the feeding model's {@link #stepStamp()} (frames of one stamp come from one batch), 0 if unknown
     */
    boolean deliverFrame(MemorySegment frame, long off, int len, long stamp) {
        FrameCapture c = capture;
        if (c != null) {
            c.frame(true, frame, off, len, clock.nanoTime());
        }
        DataPlane p = plane;
        if (liveGeneration != p.generation || len <= 0 || len > p.frameLimit) {
            port.inc(TrafficCounters.RX_DROPS);
            return false;
        }
        FrameInfo info = rxInfo;
        FrameOps.parse(frame, off, len, p.verifyRxChecksums(), info);
        int hash = p.hash(frame, off, len, info);
        RxEngine e = p.rss.select(hash, p.defaultRx);
        if (e == null) {
            port.inc(TrafficCounters.RX_DROPS);
            return false;
        }
        return e.deliver(frame, off, len, p.rxStatusBits(info), hash, true, stamp);
    }

    /** Stamp of the current step (stepping thread): unique per step of any model, never 0. */
    long stepStamp() {
        return stepStamp;
    }

    // ---- for the engines ----

    DataDma dataDma() {
        return dataDma;
    }

    /** Frame buffer the Tx engines gather into (stepping thread). */
    MemorySegment txFrame() {
        return txFrame;
    }

    /** Scratch for Tx checksum offload (stepping thread). */
    FrameInfo txInfo() {
        return txInfo;
    }

    /** Clock value at creation: timestamps are nanoseconds since then. */
    long epochNanos() {
        return epoch;
    }

    /** Receive timestamp for extended Rx completions (feeder thread; reads the clock). */
    long receiveTimestamp() {
        return clock.nanoTime() - epoch;
    }

    /** The generation engines may run in, -1 while the device does not run. */
    int liveGeneration() {
        return liveGeneration;
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
        mgmtWork = true;
        wake();
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
        mgmtWork = true;
        wake();
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
        mgmtWork = true;
        wake();
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
        mgmtWork = true;
        wake();
    }

    private void queueEvent(int group, int syndrome) {
        lock.lock();
        try {
            aenq.queue(AenqEngine.newEntry(group, syndrome, timestamp()).toArray(ValueLayout.JAVA_BYTE));
        } finally {
            lock.unlock();
        }
        mgmtWork = true;
        wake();
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
     * @param enaSpecVersion           ena_spec_version (major &lt;&lt; 8 | minor)
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
        if (queueRegisterWrite(off, v)) {
            return;
        }
        counters.unknownRegister();
    }

    /**
     * A write to a per-queue register (management.md §11; datapath.md §8.4–§8.6), lock-free: SQ doorbell → the SQ's
     * volatile doorbell; unmask → recorded on the CQ and applied to the CQ's vector ({@link IoVector}) when the CQ is
     * in interrupt mode; NUMA and CQ head doorbell → recorded. Writes to registers of queues that do not exist are
     * stored (they read back) and have no effect.
     *
     * @return false if {@code off} is not a per-queue register
     */
    private boolean queueRegisterWrite(int off, int v) {
        DataPlane p = plane;
        DeviceProfile.Bar0Layout l = profile.bar0();
        int i = slotOf(off, l.sqDoorbellBase(), l.firstSqIndex(), p.sqBySlot.length);
        if (i >= 0) {
            REG.setOpaque(regs, off >>> 2, v);
            SubmissionQueue sq = p.sqBySlot[i];
            if (sq != null) {
                sq.doorbellWritten(v);
            }
            return true;
        }
        i = slotOf(off, l.cqUnmaskBase(), l.firstCqIndex(), p.cqBySlot.length);
        if (i >= 0) {
            REG.setOpaque(regs, off >>> 2, v);
            CompletionQueue cq = p.cqBySlot[i];
            if (cq != null) {
                cq.unmaskWritten(v);
                int vector = cq.msixVector();
                if (cq.interruptMode() && vector >= 0 && vector < ioVectors.length) {
                    ioVectors[vector].unmaskWritten(v);
                }
            }
            return true;
        }
        i = l.cqNumaBase() == 0 ? -1 : slotOf(off, l.cqNumaBase(), l.firstCqIndex(), p.cqBySlot.length);
        if (i >= 0) {
            REG.setOpaque(regs, off >>> 2, v);
            CompletionQueue cq = p.cqBySlot[i];
            if (cq != null) {
                cq.numaWritten(v);
            }
            return true;
        }
        i = slotOf(off, l.cqHeadDbBase(), l.firstCqIndex(), p.cqBySlot.length);
        if (i >= 0) {
            REG.setOpaque(regs, off >>> 2, v);
            CompletionQueue cq = p.cqBySlot[i];
            if (cq != null) {
                cq.headDoorbellWritten(v);
            }
            return true;
        }
        return false;
    }

    private static int slotOf(int off, int base, int first, int count) {
        long rel = (long) off - base - 4L * first;
        if (rel < 0 || rel >= 4L * count || (rel & 3) != 0) {
            return -1;
        }
        return (int) (rel >>> 2);
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

    /**
     * Starts a device reset (any thread, lock held). The data path is stopped first: the generation changes and the
     * live generation goes to -1, so every engine stops before its next packet; then queues, engines, interrupt
     * moderation, features and statistics are dropped and an empty data plane is published. Interrupt masks and
     * pending completions belong to the stepping thread, which drops them when it sees the new generation.
     */
    private void startReset() {
        counters.reset();
        generation++;
        resetInProgress = true;
        ready = false;
        fatal = false;
        updateLive();
        admin.reset();
        aenq.reset();
        queues.reset();
        fs.reset();
        stats.clear();
        for (IoVector v : ioVectors) {
            v.resetDelays();
        }
        int devCtl = regs[EnaRegs.DEV_CTL_OFF >>> 2];
        java.util.Arrays.fill(regs, 0); // every driver-written register reads 0 again, readless address included
        regs[EnaRegs.DEV_CTL_OFF >>> 2] = devCtl;
        republish();
    }

    private void completeReset() {
        resetInProgress = false;
        ready = true;
        updateLive();
    }

    /** Recomputes {@link #liveGeneration} (lock held). */
    private void updateLive() {
        liveGeneration = operational() && !closed ? generation : -1;
    }

    /** Mirrors config-space state the lock-free paths need (lock held). */
    private void updateConfigMirrors() {
        memoryDecode = cfg.memoryEnabled();
        dataDma.busMaster(cfg.busMasterEnabled());
        msixOpen = cfg.msixEnabled() && !cfg.msixFunctionMasked();
    }

    /** Builds and publishes a new {@link DataPlane} from the queues and features (lock held; allocates). */
    private void republish() {
        SubmissionQueue[] sqs = queues.sqSlots();
        CompletionQueue[] cqs = queues.cqSlots();
        List<TxEngine> tx = new ArrayList<>();
        List<RxEngine> rx = new ArrayList<>();
        RxEngine[] rxBySlot = new RxEngine[sqs.length];
        RxEngine first = null;
        for (int i = 0; i < sqs.length; i++) {
            SubmissionQueue sq = sqs[i];
            if (sq == null) {
                continue;
            }
            if (sq.txEngine() != null) {
                tx.add(sq.txEngine());
            } else if (sq.rxEngine() != null) {
                rx.add(sq.rxEngine());
                rxBySlot[i] = sq.rxEngine();
                if (first == null) {
                    first = sq.rxEngine();
                }
            }
        }
        List<DataPlane.VectorBinding> bindings = new ArrayList<>();
        for (int v = 0; v < ioVectors.length; v++) {
            List<CompletionQueue> vtx = new ArrayList<>();
            List<CompletionQueue> vrx = new ArrayList<>();
            for (CompletionQueue cq : cqs) {
                SubmissionQueue bound = cq == null ? null : cq.boundSq();
                if (bound != null && cq.interruptMode() && cq.msixVector() == v) {
                    (bound.isTx() ? vtx : vrx).add(cq);
                }
            }
            if (!vtx.isEmpty() || !vrx.isEmpty()) {
                bindings.add(new DataPlane.VectorBinding(ioVectors[v], vtx.toArray(new CompletionQueue[0]),
                        vrx.toArray(new CompletionQueue[0])));
            }
        }
        RxEngine[] targets = new RxEngine[fs.rssTable.length];
        int firstSq = profile.bar0().firstSqIndex();
        for (int i = 0; i < targets.length; i++) {
            int slot = fs.rssTable[i] - firstSq;
            targets[i] = slot >= 0 && slot < rxBySlot.length ? rxBySlot[slot] : null;
        }
        DataPlane.Rss rss = new DataPlane.Rss(FrameOps.newHasher(fs.rssFunction, fs.rssKey, fs.rssInitVal,
                fs.rssSelectedFields, fs.rssInputSort), fs.rssTableConfigured, targets);
        plane = new DataPlane(generation, sqs, cqs, tx.toArray(new TxEngine[0]), rx.toArray(new RxEngine[0]), first,
                bindings.toArray(new DataPlane.VectorBinding[0]), fs.mtu, rss, profile.offloads().rxEnabled());
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
        if (!fs.phcEnabled || fatal || faults.dropPhc()) {
            return;
        }
        long len = PhcResponse.ERROR_FLAGS_OFFSET + 4;
        MemorySegment r = small.asSlice(0, len);
        r.fill((byte) 0);
        PhcResponse.timestamp(r, 0, timestamp());
        PhcResponse.errorBound(r, 0, profile.phc().errorBoundNs());
        PhcResponse.errorFlags(r, 0, faults.phcErrorFlags());
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

    /** FATAL_ERROR: flag it, stop the data path, tell the driver through the AENQ if that still works. */
    private void enterFatal() {
        if (fatal) {
            return;
        }
        fatal = true;
        updateLive();
        mgmtWork = true;
        byte[] e = AenqEngine.newEntry(AenqGroup.FATAL_ERROR.code(), 0, timestamp()).toArray(ValueLayout.JAVA_BYTE);
        if (aenq.postNow(e, fs.aenqEnabledGroups) > 0) {
            msix.raise(PciIds.MGMT_VECTOR, cfg, toDeliver);
        }
    }

    /**
     * A DMA fault of an engine of generation {@code gen} (any thread): FATAL_ERROR as for every DMA fault — unless
     * the device was reset (or closed, or is already fatal) since, in which case the fault belongs to state the driver
     * has dropped and is only counted ({@link ModelCounters#staleDataPathFaults()}).
     */
    void dataPathFault(String what, long io, long len, int gen) {
        lock.lock();
        try {
            if (gen != generation || fatal || closed) {
                counters.staleDataPathFault();
                return;
            }
            counters.dmaFault(what + dataDma.why(io, len) + " at 0x" + Long.toHexString(io) + "+" + len);
            enterFatal();
        } finally {
            lock.unlock();
        }
        wake();
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
            msix.raise(PciIds.MGMT_VECTOR, cfg, toDeliver);
        }
    }

    /** The queue manager's view of the data path: creates, retires and publishes engines (lock held). */
    private final class Engines implements QueueManager.Listener {
        @Override
        public void created(SubmissionQueue sq) {
            if (sq.isTx()) {
                int d = 0;
                int perEntry = 0;
                if (sq.isLlq()) {
                    int slots = sq.llqEntrySize() / (int) TxDesc.SIZE;
                    boolean inline = fs.llqHeaderLocation == LlqFeature.HeaderLocation.INLINE;
                    // [not modelled] the separate header ring: entries are then descriptor lists, headers are lost
                    d = inline ? fs.llqDescsBeforeHeader : slots;
                    perEntry = fs.llqStride == LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY ? slots : 1;
                    int burst = profile.llq().maxTxBurstSize();
                    if ((fs.llqAccelFlags & LlqFeature.AccelFlags.LIMIT_TX_BURST) != 0 && burst > 0) {
                        // max_entries_in_tx_burst = max_tx_burst_size / entry size (§9.7)
                        sq.limitBurst(Math.max(1, burst / sq.llqEntrySize()), counters);
                    }
                }
                TxEngine t = new TxEngine(EnaDeviceModel.this, sq, generation, d, perEntry);
                sq.attach(t, null);
                stats.register(t.stats);
            } else {
                RxEngine r = new RxEngine(EnaDeviceModel.this, sq, generation);
                sq.attach(null, r);
                stats.register(r.stats);
            }
        }

        @Override
        public void destroyed(SubmissionQueue sq) {
            if (sq.txEngine() != null) {
                sq.txEngine().retire();
                stats.unregister(sq.txEngine().stats);
            }
            if (sq.rxEngine() != null) {
                sq.rxEngine().retire();
                stats.unregister(sq.rxEngine().stats);
            }
        }

        @Override
        public void changed() {
            republish();
        }
    }
}
