package io.ena4j.driver.com;

import io.ena4j.platform.Clock;
import io.ena4j.platform.PciFunction;
import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PciIds;
import io.ena4j.spec.regs.ResetReason;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The communication layer of one ENA function (the reference's {@code ena_com_dev}): register access, device
 * reset, admin queue and AENQ, with the calls the probe sequence of management.md §13.1 is assembled from. It
 * knows no admin command: commands are built by the command layer on top of {@link #adminExecutor()}.
 *
 * <h2>States and transitions</h2>
 * <pre>
 *            mmioReadRequestInit()               adminInit()
 *   NEW ──────────────────────────▶ REGISTERS ──────────────────────▶ ADMIN
 *    ▲                              │   ▲                              │
 *    └──── mmioReadRequestDestroy() ┘   └──────── adminDestroy() ──────┘
 * </pre>
 * <ul>
 *   <li>{@code NEW}: nothing allocated, nothing written.</li>
 *   <li>{@code REGISTERS}: the readless buffer exists; register reads work; {@link #devReset},
 *       {@link #validateVersion()} and {@link #getDmaWidth()} may run (§13.1 steps 3–6).</li>
 *   <li>{@code ADMIN}: AQ, ACQ and AENQ exist and the admin queue runs (§13.1 step 7); the wait mode starts as
 *       interrupt mode (as in the reference) until {@link #setAdminPollingMode(boolean)} selects polling
 *       (step 8). {@link #enableManagementInterrupt()}, {@code setAdminPollingMode(false)} and
 *       {@link #aenqStart()} make step 15. Resets may also run here (the reset flow of §13.5).</li>
 * </ul>
 * A call made in a state that does not allow it throws {@link IllegalStateException} naming the state: that is a
 * bug of the caller, not device behaviour. Device behaviour never throws: it yields a return code (0 or a negative
 * {@link EnaErrno}, exactly as the reference), a counter and, where a fault needs a reset, a pending reset request.
 *
 * <h2>Pending reset</h2>
 * Faults detected here (admin queue stopped: reason 2 or 18; AENQ device request: 19; fatal error: 13; refresh
 * capabilities: 0) call {@link #requestReset(ResetReason)}, which records the first reason and ignores later ones
 * until {@link #takePendingReset()} (compare-and-set, first wins, like the reference's {@code ena_reset_device}).
 * Nothing here performs that reset: the reset worker of a later layer polls {@link #pendingReset()}.
 *
 * <p>Thread-safe where its parts are ({@link AdminQueue}, {@link Aenq}, {@link EnaMmio}); the life-cycle calls
 * (init/destroy/reset) are meant for one control thread.
 */
public final class EnaComDevice {

    /** Life-cycle state (see the class description). */
    public enum State {
        /** Nothing allocated. */
        NEW,
        /** Readless buffer allocated; registers readable. */
        REGISTERS,
        /** Admin queue and AENQ set up. */
        ADMIN
    }

    private final PciFunction fn;
    private final Clock clock;
    private final EnaComConfig config;
    private final EnaMmio mmio;
    private final DeviceReset reset;
    private final AdminQueue adminQueue;
    private final Aenq aenq;
    private final AtomicReference<ResetReason> pendingReset = new AtomicReference<>();

    private volatile State state = State.NEW;
    private volatile int deviceCapabilities;
    private volatile int dmaAddrBits = EnaRegs.DMA_WIDTH_MAX;
    private volatile int version = EnaRegs.READ_FAILED;
    private volatile int controllerVersion = EnaRegs.READ_FAILED;
    private volatile boolean aenqDispatch;
    private volatile Consumer<HwHintsInfo> hintsListener;

    /** The communication layer of {@code fn}, timing on {@code clock}, with {@code config}'s knobs. */
    public EnaComDevice(PciFunction fn, Clock clock, EnaComConfig config) {
        this.fn = fn;
        this.clock = clock;
        this.config = config;
        this.mmio = new EnaMmio(fn, clock, config);
        this.reset = new DeviceReset(mmio, clock, config);
        this.adminQueue = new AdminQueue(fn, clock, config, this::requestReset);
        this.aenq = new Aenq(fn, clock, this::requestReset);
        this.aenq.setHintsListener(this::onHints);
    }

    // ---- §13.1 steps 3..7 ----

    /**
     * Allocates the readless buffer and writes its address (§4.2 step 1, §13.1 step 3); readless mode follows PCI
     * Revision ID bit 0. NEW → REGISTERS.
     *
     * @return 0 or {@link EnaErrno#ENOMEM}
     */
    public int mmioReadRequestInit() {
        requireState(State.NEW, "mmioReadRequestInit");
        int rc = mmio.init();
        if (rc == EnaErrno.OK) {
            state = State.REGISTERS;
        }
        return rc;
    }

    /**
     * Resets the device with {@code reason} (§5.3, see {@link DeviceReset}); the extended-reason encoding follows
     * the device capabilities last set with {@link #setDeviceCapabilities(int)}. On success the admin completion
     * timeout becomes the one CAPS announces (§5.3 step 9).
     *
     * @return 0, {@link EnaErrno#ETIME} or {@link EnaErrno#EINVAL}
     */
    public int devReset(ResetReason reason) {
        requireRegisters("devReset");
        int rc = reset.reset(reason, extendedResetReasons());
        if (rc == EnaErrno.OK) {
            adminQueue.setCompletionTimeoutUs(reset.adminTimeoutUs());
        }
        return rc;
    }

    /**
     * Reads VERSION and CONTROLLER_VERSION and requires controller version ≥ 0.0.1 ignoring the implementation id
     * (§3.3, §13.1 step 5). Both registers are read before either is checked, as in the reference.
     *
     * @return 0, {@link EnaErrno#ETIME} (a read failed) or {@link EnaErrno#EINVAL} (version too low: the
     *         reference returns the unnamed code -1 here; we return a named errno)
     */
    public int validateVersion() {
        requireRegisters("validateVersion");
        int ver = mmio.read32(EnaRegs.VERSION_OFF);
        int ctrl = mmio.read32(EnaRegs.CONTROLLER_VERSION_OFF);
        if (ver == EnaRegs.READ_FAILED || ctrl == EnaRegs.READ_FAILED) {
            return EnaErrno.ETIME;
        }
        version = ver;
        controllerVersion = ctrl;
        return EnaRegs.controllerVersionValid(ctrl) ? EnaErrno.OK : EnaErrno.EINVAL;
    }

    /**
     * Reads CAPS.DMA_ADDR_WIDTH, requires 32..48 and remembers it (§2.4, §3.4, §13.1 step 6).
     *
     * @return the width (positive), {@link EnaErrno#ETIME} or {@link EnaErrno#EINVAL}
     */
    public int getDmaWidth() {
        requireRegisters("getDmaWidth");
        int caps = mmio.read32(EnaRegs.CAPS_OFF);
        if (caps == EnaRegs.READ_FAILED) {
            return EnaErrno.ETIME;
        }
        int width = EnaRegs.capsDmaWidth(caps);
        if (width < EnaRegs.DMA_WIDTH_MIN || width > EnaRegs.DMA_WIDTH_MAX) {
            return EnaErrno.EINVAL;
        }
        dmaAddrBits = width;
        return width;
    }

    /**
     * Admin set-up (§13.1 step 7): reads DEV_STS (READY must be 1), then {@link AdminQueue#init()} (AQ/ACQ bases
     * and caps) and {@link Aenq#init()} (AENQ base and caps), so the register writes come in exactly the order of
     * step 7. REGISTERS → ADMIN.
     *
     * @return 0, {@link EnaErrno#ETIME} (DEV_STS unreadable), {@link EnaErrno#ENODEV} (not ready) or
     *         {@link EnaErrno#ENOMEM}
     */
    public int adminInit() {
        requireState(State.REGISTERS, "adminInit");
        int sts = mmio.read32(EnaRegs.DEV_STS_OFF);
        if (sts == EnaRegs.READ_FAILED) {
            return EnaErrno.ETIME;
        }
        if ((sts & EnaRegs.DEV_STS_READY_MASK) == 0) {
            return EnaErrno.ENODEV;
        }
        int rc = adminQueue.init();
        if (rc != EnaErrno.OK) {
            return rc;
        }
        rc = aenq.init();
        if (rc != EnaErrno.OK) {
            adminQueue.destroy();
            return rc;
        }
        state = State.ADMIN;
        return EnaErrno.OK;
    }

    // ---- §13.1 steps 8 and 15 ----

    /**
     * Writes INTR_MASK = 1 (polling) or 0 (interrupt mode) and switches the admin wait mode to match (§3.9, §6.6,
     * {@code ena_com_set_admin_polling_mode}).
     */
    public void setAdminPollingMode(boolean polling) {
        requireState(State.ADMIN, "setAdminPollingMode");
        mmio.write32(EnaRegs.INTR_MASK_OFF, polling ? EnaRegs.INTR_MASK_ADMIN_MASK : 0);
        adminQueue.setPollingMode(polling);
    }

    /**
     * Routes the management vector (MSI-X 0) to this layer (§2.3): each interrupt processes the ACQ, then, if
     * AENQ dispatch is enabled, the AENQ (§9.4).
     */
    public void enableManagementInterrupt() {
        fn.setInterruptHandler(PciIds.MGMT_VECTOR, this::onManagementInterrupt);
    }

    /** Detaches the management vector; its messages are dropped from now on. */
    public void disableManagementInterrupt() {
        fn.setInterruptHandler(PciIds.MGMT_VECTOR, null);
    }

    /**
     * The management interrupt handler: admin completions first, then AENQ events if dispatch is enabled
     * ({@code ena_intr_msix_mgmnt}). Public so that a polling owner can run it without an interrupt.
     */
    public void onManagementInterrupt(int vector) {
        adminQueue.processCompletions();
        if (aenqDispatch) {
            aenq.process();
        }
    }

    /** Writes AENQ_HEAD_DB = 16, granting the device the AENQ (§9.2, §13.1 step 15). */
    public void aenqStart() {
        requireState(State.ADMIN, "aenqStart");
        aenq.start();
    }

    /**
     * Enables or disables AENQ consumption in the management interrupt. The reference consumes events only once
     * probe/restore has finished (§9.4, its DEVICE_RUNNING flag); earlier events stay in the ring. Initially off.
     */
    public void setAenqDispatchEnabled(boolean enabled) {
        aenqDispatch = enabled;
    }

    /** True if the management interrupt consumes AENQ events. */
    public boolean aenqDispatchEnabled() {
        return aenqDispatch;
    }

    // ---- teardown (§13.5 step 3) ----

    /**
     * Aborts waiting admin commands and frees AQ, ACQ and AENQ without writing any register (as
     * {@code ena_com_admin_destroy}). ADMIN → REGISTERS; no-op in other states.
     */
    public void adminDestroy() {
        if (state != State.ADMIN) {
            return;
        }
        adminQueue.destroy();
        aenq.destroy();
        state = State.REGISTERS;
    }

    /**
     * Writes MMIO_RESP_LO/HI = 0 and frees the readless buffer (§4.2 step 3). Frees the admin rings first if they
     * still exist. → NEW.
     */
    public void mmioReadRequestDestroy() {
        adminDestroy();
        mmio.destroy();
        state = State.NEW;
    }

    // ---- pending reset ----

    /**
     * Records {@code reason} as the pending reset unless one is already pending (first wins).
     *
     * @return true if this call recorded it
     */
    public boolean requestReset(ResetReason reason) {
        return pendingReset.compareAndSet(null, reason);
    }

    /** The pending reset reason, or {@code null} if none. */
    public ResetReason pendingReset() {
        return pendingReset.get();
    }

    /** Returns and clears the pending reset reason ({@code null} if none): the reset worker's hand-over. */
    public ResetReason takePendingReset() {
        return pendingReset.getAndSet(null);
    }

    // ---- hints and capabilities ----

    /**
     * Applies the HW hints that concern this layer (§8.6, the reference's {@code ena_update_hints}): a non-zero
     * {@code mmio_read_timeout} replaces the readless timeout, a non-zero {@code admin_completion_tx_timeout}
     * the admin completion timeout (both ms × 1000). Zero keeps the current value. Called for hints from
     * GET_FEATURE(HW_HINTS) by the command layer, and for AENQ UPDATE_HINTS automatically.
     */
    public void applyHints(HwHintsInfo hints) {
        if (hints.mmioReadTimeoutMs() != 0) {
            mmio.setReadlessTimeoutUs(hints.mmioReadTimeoutMs() * 1_000L);
        }
        if (hints.adminCompletionTimeoutMs() != 0) {
            adminQueue.setCompletionTimeoutUs(hints.adminCompletionTimeoutMs() * 1_000L);
        }
    }

    /**
     * Receives the hints of every AENQ UPDATE_HINTS event, after {@link #applyHints(HwHintsInfo)} ({@code null}:
     * none).
     */
    public void setHintsListener(Consumer<HwHintsInfo> listener) {
        hintsListener = listener;
    }

    /**
     * Sets the device capabilities bitmap (DEVICE_ATTRIBUTES.capabilities, §8.2) as the command layer last learned
     * it; only bit 3, EXTENDED_RESET_REASONS, matters here (§5.2). 0 until set (first probe).
     */
    public void setDeviceCapabilities(int capabilities) {
        deviceCapabilities = capabilities;
    }

    /** The device capabilities bitmap last set. */
    public int deviceCapabilities() {
        return deviceCapabilities;
    }

    /** True if the device capabilities include EXTENDED_RESET_REASONS (bit 3). */
    public boolean extendedResetReasons() {
        return (deviceCapabilities & DeviceAttributes.CAP_EXTENDED_RESET_REASONS) != 0;
    }

    /** DMA address width from the last {@link #getDmaWidth()} (48 before: the initial mask of §2.4). */
    public int dmaAddrBits() {
        return dmaAddrBits;
    }

    /** VERSION as read by the last successful {@link #validateVersion()}, or {@code 0xFFFFFFFF}. */
    public int version() {
        return version;
    }

    /** CONTROLLER_VERSION as read by the last successful {@link #validateVersion()}, or {@code 0xFFFFFFFF}. */
    public int controllerVersion() {
        return controllerVersion;
    }

    // ---- parts ----

    /** The admin queue as the command layer sees it. */
    public AdminExecutor adminExecutor() {
        return adminQueue;
    }

    /** The admin queue (state, counters, wait mode). */
    public AdminQueue adminQueue() {
        return adminQueue;
    }

    /** The AENQ (handlers, recorded events, counters). */
    public Aenq aenq() {
        return aenq;
    }

    /** Register access. */
    public EnaMmio mmio() {
        return mmio;
    }

    /** The PCI function. */
    public PciFunction pciFunction() {
        return fn;
    }

    /** The clock everything here waits on. */
    public Clock clock() {
        return clock;
    }

    /** The configuration given at construction. */
    public EnaComConfig config() {
        return config;
    }

    /** The current life-cycle state. */
    public State state() {
        return state;
    }

    private void onHints(HwHintsInfo hints) {
        applyHints(hints);
        Consumer<HwHintsInfo> l = hintsListener;
        if (l != null) {
            l.accept(hints);
        }
    }

    private void requireState(State expected, String call) {
        State s = state;
        if (s != expected) {
            throw new IllegalStateException(call + "() needs state " + expected + ", but the device is " + s);
        }
    }

    private void requireRegisters(String call) {
        State s = state;
        if (s == State.NEW) {
            throw new IllegalStateException(call + "() needs state REGISTERS or ADMIN (call mmioReadRequestInit()"
                    + " first), but the device is NEW");
        }
    }
}
