package io.ena4j.model;

import io.ena4j.spec.admin.AcqEntry;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.AqEntry;
import io.ena4j.spec.admin.BasicStats;
import io.ena4j.spec.admin.CustomerMetrics;
import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.EnaSrdStats;
import io.ena4j.spec.admin.EniStats;
import io.ena4j.spec.admin.GetStatsCmd;
import io.ena4j.spec.admin.StatsType;
import io.ena4j.spec.regs.EnaRegs;

import java.lang.foreign.MemorySegment;

/**
 * The Admin Queue and Admin Completion Queue, device side (management.md §6, §7.6).
 *
 * <ul>
 * <li>Configuration (§3.5, §3.6): AQ_CAPS / ACQ_CAPS written after their base registers. Depth must be a power of
 * two in [1, 4096] and the entry size 64 bytes [decision: the driver uses 32 × 64; 4096 bounds the model's work per
 * doorbell]; otherwise that ring stays off and {@link ModelCounters#adminConfigErrors()} records why. Setup resets the
 * AQ head to 0 and the ACQ producer to index 0 / phase 1 (§6.5).</li>
 * <li>Consumption (§6.3): {@code (AQ_DB − head) mod 65536} new commands per step, each read from slot
 * {@code head & (depth − 1)} into a private copy (the driver cannot change it under the device). A doorbell claiming
 * more than depth outstanding is a driver error: counted, {@code depth} commands processed and the head resynchronised
 * to the doorbell [decision]. The AQ phase bit is not checked: the doorbell is authoritative (§6.3).</li>
 * <li>Only each opcode's own command length is interpreted; stale bytes beyond it are ignored (§6.2).</li>
 * <li>One completion per command (§6.4, §6.5): command id echoed, status, extended_status 0, sq_head_indx = the AQ
 * head after consuming the command (free-running 16-bit) [decision], the opcode's response; bytes 4..63 and 0..2 are
 * written before byte 3 (phase) becomes visible. Then MSI-X vector 0 is raised if INTR_MASK bit 0 is 0 (§3.9).</li>
 * <li>Undefined opcode → BAD_OPCODE (2).</li>
 * <li>A DMA fault (ring or control buffer outside the IOMMU mappings) stops processing: no completion for that
 * command and none after it until the next reset (the device is in FATAL_ERROR).</li>
 * </ul>
 *
 * <p>Guarded by the device lock.
 */
final class AdminQueue {

    /** Largest AQ / ACQ depth accepted. */
    static final int MAX_DEPTH = 4096;

    private static final int ENTRY = (int) AqEntry.SIZE;
    private static final int RESPONSE_BYTES = (int) AcqEntry.SIZE;

    /** What the device does after a command; implemented by the model. */
    interface Host {
        /** True while the device may process commands (not resetting, not fatal). */
        boolean operational();

        /** True if INTR_MASK bit 0 is set (polling mode, §3.9). */
        boolean adminInterruptMasked();

        /** Raise MSI-X vector 0 for an admin completion. */
        void raiseAdminInterrupt();
    }

    private final DeviceProfile profile;
    private final ModelCounters counters;
    private final FaultInjector faults;
    private final DmaPort dma;
    private final QueueManager queues;
    private final FeatureEngine features;
    private final FeatureState fs;
    private final DeviceStatistics stats;
    private final Host host;
    private final MemorySegment cmd = MemorySegment.ofArray(new byte[ENTRY]);
    private final MemorySegment resp = MemorySegment.ofArray(new byte[RESPONSE_BYTES]);
    private final MemorySegment metrics = MemorySegment.ofArray(new byte[CustomerMetrics.BUFFER_SIZE]);

    private boolean aqReady;
    private boolean acqReady;
    private long aqBase;
    private int aqDepth;
    private long acqBase;
    private int acqDepth;
    private int head;
    private int doorbell;
    private int acqTail;
    private int acqPhase = 1;

    AdminQueue(DeviceProfile profile, ModelCounters counters, FaultInjector faults, DmaPort dma, QueueManager queues,
               FeatureEngine features, FeatureState fs, DeviceStatistics stats, Host host) {
        this.profile = profile;
        this.counters = counters;
        this.faults = faults;
        this.dma = dma;
        this.queues = queues;
        this.features = features;
        this.fs = fs;
        this.stats = stats;
        this.host = host;
    }

    /** Device reset: both rings are forgotten (§5.3). */
    void reset() {
        aqReady = false;
        acqReady = false;
        aqBase = 0;
        acqBase = 0;
        aqDepth = 0;
        acqDepth = 0;
        head = 0;
        doorbell = 0;
        acqTail = 0;
        acqPhase = 1;
    }

    /** AQ_CAPS written (§3.5); {@code base} from AQ_BASE_LO/HI. */
    void configureAq(long base, int caps) {
        aqReady = false;
        String why = validate("AQ_CAPS", caps);
        if (why != null) {
            counters.adminConfigError(why);
            return;
        }
        aqBase = base;
        aqDepth = EnaRegs.queueCapsDepth(caps);
        head = 0;
        doorbell = 0;
        aqReady = true;
    }

    /** ACQ_CAPS written (§3.5); {@code base} from ACQ_BASE_LO/HI. */
    void configureAcq(long base, int caps) {
        acqReady = false;
        String why = validate("ACQ_CAPS", caps);
        if (why != null) {
            counters.adminConfigError(why);
            return;
        }
        acqBase = base;
        acqDepth = EnaRegs.queueCapsDepth(caps);
        acqTail = 0;
        acqPhase = 1;
        acqReady = true;
    }

    private static String validate(String reg, int caps) {
        int depth = EnaRegs.queueCapsDepth(caps);
        int size = EnaRegs.queueCapsEntrySize(caps);
        if (!Check.isPowerOfTwo(depth) || depth > MAX_DEPTH) {
            return reg + " depth " + depth + " is not a power of two in [1, " + MAX_DEPTH + "]";
        }
        if (size != ENTRY) {
            return reg + " entry size " + size + " is not " + ENTRY + " bytes";
        }
        return null;
    }

    /** AQ_DB written (§3.7): the free-running 16-bit tail. */
    void doorbell(int value) {
        doorbell = value & 0xFFFF;
    }

    boolean aqReady() {
        return aqReady;
    }

    boolean acqReady() {
        return acqReady;
    }

    /** Consumer head (16-bit). */
    int head() {
        return head;
    }

    /** Producer index of the ACQ (16-bit free-running) and its current phase. */
    int acqTail() {
        return acqTail;
    }

    int acqPhase() {
        return acqPhase;
    }

    /** True if the doorbell announces commands not yet consumed. */
    boolean hasWork() {
        return aqReady && acqReady && ((doorbell - head) & 0xFFFF) != 0;
    }

    /**
     * Processes every command the doorbell announces (at most depth per call).
     *
     * @return number of commands consumed
     */
    int process() {
        if (!aqReady || !acqReady) {
            return 0;
        }
        int outstanding = (doorbell - head) & 0xFFFF;
        if (outstanding == 0) {
            return 0;
        }
        boolean resync = false;
        if (outstanding > aqDepth) {
            counters.aqDoorbellError();
            outstanding = aqDepth;
            resync = true;
        }
        int done = 0;
        for (int i = 0; i < outstanding && host.operational(); i++) {
            long slot = aqBase + (long) (head & (aqDepth - 1)) * ENTRY;
            if (!dma.read("AQ entry", slot, cmd, 0, ENTRY)) {
                return done;
            }
            head = (head + 1) & 0xFFFF;
            done++;
            counters.adminCommand();
            executeAndComplete();
        }
        if (resync && host.operational()) {
            head = doorbell;
        }
        return done;
    }

    private void executeAndComplete() {
        int opcode = AqEntry.opcode(cmd, 0);
        int commandId = AqEntry.commandId(cmd, 0);
        resp.fill((byte) 0);
        trimToCommandLength(opcode);
        int forced = faults.takeForcedStatus();
        int status = forced >= 0 ? forced : execute(opcode);
        if (status == QueueManager.FAULT || !host.operational()) {
            return; // the DMA fault stopped the device: no completion (it is in FATAL_ERROR until reset)
        }
        if (forced >= 0) {
            resp.fill((byte) 0);
        }
        if (faults.takeWithhold(opcode)) {
            counters.adminWithheld();
            return;
        }
        AcqEntry.commandId(resp, 0, faults.completionCommandId(commandId));
        AcqEntry.status(resp, 0, status);
        AcqEntry.extendedStatus(resp, 0, 0);
        AcqEntry.sqHeadIndx(resp, 0, head);
        AcqEntry.flags(resp, 0, acqPhase);
        long slot = acqBase + (long) (acqTail & (acqDepth - 1)) * RESPONSE_BYTES;
        if (!dma.writePublish("ACQ entry", slot, resp, RESPONSE_BYTES, AcqEntry.FLAGS_OFFSET, 1)) {
            return;
        }
        acqTail = (acqTail + 1) & 0xFFFF;
        if ((acqTail & (acqDepth - 1)) == 0) {
            acqPhase ^= 1;
        }
        counters.adminCompletion(status);
        if (!host.adminInterruptMasked()) {
            if (faults.takeSuppressAdminInterrupt()) {
                counters.adminInterruptSuppressed();
            } else {
                host.raiseAdminInterrupt();
            }
        }
    }

    /** Zeroes the bytes past the opcode's command length, so stale data of an earlier command is never read (§6.2). */
    private void trimToCommandLength(int opcode) {
        AdminOpcode op = AdminOpcode.of(opcode);
        if (op != null && op.commandSize() < ENTRY) {
            cmd.asSlice(op.commandSize()).fill((byte) 0);
        }
    }

    private int execute(int opcode) {
        AdminOpcode op = AdminOpcode.of(opcode);
        if (op == null) {
            return AdminStatus.BAD_OPCODE.code();
        }
        return switch (op) {
            case CREATE_SQ -> queues.createSq(cmd, resp, dma, fs);
            case DESTROY_SQ -> queues.destroySq(cmd);
            case CREATE_CQ -> queues.createCq(cmd, resp, dma);
            case DESTROY_CQ -> queues.destroyCq(cmd);
            case GET_FEATURE -> features.get(cmd, resp);
            case SET_FEATURE -> features.set(cmd, resp);
            case GET_STATS -> getStats();
        };
    }

    /**
     * GET_STATS (§7.6). Basic stats are always available; ENI, ENA SRD and customer metrics need capability bits 0, 1
     * and 2; EXTENDED (type 1, free text in an unspecified format, §16) answers UNSUPPORTED_OPCODE [decision].
     * device_id must be 0 or 0xFFFF ("this function", §16 [inferred]); another function's id → ILLEGAL_PARAMETER
     * (the model is an unprivileged function). Scope and queue_idx are accepted and ignored: counters are
     * device-wide [decision]. Customer metrics report {@code requested & supported} at offset 8 and, when a buffer is
     * given, one u64 per reported metric in ascending id order (the buffer must hold them, else MALFORMED_REQUEST).
     */
    private int getStats() {
        int deviceId = GetStatsCmd.deviceId(cmd, 0);
        if (deviceId != 0 && deviceId != GetStatsCmd.DEVICE_ID_SELF) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        StatsType type = StatsType.of(GetStatsCmd.type(cmd, 0));
        if (type == null) {
            return AdminStatus.ILLEGAL_PARAMETER.code();
        }
        return switch (type) {
            case BASIC -> {
                BasicStats.txBytes(resp, 0, stats.get(DeviceStatistics.Stat.TX_BYTES));
                BasicStats.txPkts(resp, 0, stats.get(DeviceStatistics.Stat.TX_PKTS));
                BasicStats.rxBytes(resp, 0, stats.get(DeviceStatistics.Stat.RX_BYTES));
                BasicStats.rxPkts(resp, 0, stats.get(DeviceStatistics.Stat.RX_PKTS));
                BasicStats.rxDrops(resp, 0, stats.get(DeviceStatistics.Stat.RX_DROPS));
                BasicStats.txDrops(resp, 0, stats.get(DeviceStatistics.Stat.TX_DROPS));
                BasicStats.rxOverruns(resp, 0, stats.get(DeviceStatistics.Stat.RX_OVERRUNS));
                yield AdminStatus.SUCCESS.code();
            }
            case EXTENDED -> AdminStatus.UNSUPPORTED_OPCODE.code();
            case ENI -> {
                if (!profile.hasCapability(DeviceAttributes.CAP_ENI_STATS)) {
                    yield AdminStatus.UNSUPPORTED_OPCODE.code();
                }
                EniStats.bwInAllowanceExceeded(resp, 0, stats.get(DeviceStatistics.Stat.BW_IN_ALLOWANCE_EXCEEDED));
                EniStats.bwOutAllowanceExceeded(resp, 0, stats.get(DeviceStatistics.Stat.BW_OUT_ALLOWANCE_EXCEEDED));
                EniStats.ppsAllowanceExceeded(resp, 0, stats.get(DeviceStatistics.Stat.PPS_ALLOWANCE_EXCEEDED));
                EniStats.conntrackAllowanceExceeded(resp, 0,
                        stats.get(DeviceStatistics.Stat.CONNTRACK_ALLOWANCE_EXCEEDED));
                EniStats.linklocalAllowanceExceeded(resp, 0,
                        stats.get(DeviceStatistics.Stat.LINKLOCAL_ALLOWANCE_EXCEEDED));
                yield AdminStatus.SUCCESS.code();
            }
            case ENA_SRD -> {
                if (!profile.hasCapability(DeviceAttributes.CAP_ENA_SRD_INFO)) {
                    yield AdminStatus.UNSUPPORTED_OPCODE.code();
                }
                EnaSrdStats.flags(resp, 0, stats.get(DeviceStatistics.Stat.SRD_FLAGS));
                EnaSrdStats.enaSrdTxPkts(resp, 0, stats.get(DeviceStatistics.Stat.SRD_TX_PKTS));
                EnaSrdStats.enaSrdEligibleTxPkts(resp, 0, stats.get(DeviceStatistics.Stat.SRD_ELIGIBLE_TX_PKTS));
                EnaSrdStats.enaSrdRxPkts(resp, 0, stats.get(DeviceStatistics.Stat.SRD_RX_PKTS));
                EnaSrdStats.enaSrdResourceUtilization(resp, 0,
                        stats.get(DeviceStatistics.Stat.SRD_RESOURCE_UTILIZATION));
                yield AdminStatus.SUCCESS.code();
            }
            case CUSTOMER_METRICS -> customerMetrics();
        };
    }

    private int customerMetrics() {
        if (!profile.hasCapability(DeviceAttributes.CAP_CUSTOMER_METRICS)) {
            return AdminStatus.UNSUPPORTED_OPCODE.code();
        }
        long reported = GetStatsCmd.requestedMetrics(cmd, 0) & profile.customerMetricsSupported();
        CustomerMetrics.reportedMetrics(resp, 0, reported);
        int len = GetStatsCmd.ctrlBufferLength(cmd, 0);
        if (len == 0 || reported == 0) {
            return AdminStatus.SUCCESS.code();
        }
        long bytes = CustomerMetrics.valueBytes(reported);
        if (Integer.toUnsignedLong(len) < bytes) {
            return AdminStatus.MALFORMED_REQUEST.code();
        }
        for (int id = 0; id < 64; id++) {
            long off = CustomerMetrics.valueOffset(reported, id);
            if (off >= 0) {
                DeviceStatistics.Stat s = DeviceStatistics.Stat.customerMetric(id);
                metrics.set(io.ena4j.spec.Le.U64, off, s == null ? 0 : stats.get(s));
            }
        }
        return dma.write("customer metrics buffer", GetStatsCmd.ctrlBufferAddress(cmd, 0), metrics, 0, bytes)
                ? AdminStatus.SUCCESS.code() : QueueManager.FAULT;
    }
}
