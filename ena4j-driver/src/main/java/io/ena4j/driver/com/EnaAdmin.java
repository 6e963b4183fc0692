package io.ena4j.driver.com;

import io.ena4j.platform.DmaAllocator;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.DmaException;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.AqEntry;
import io.ena4j.spec.admin.CreateCqCmd;
import io.ena4j.spec.admin.CreateCqResp;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.CreateSqResp;
import io.ena4j.spec.admin.CustomerMetrics;
import io.ena4j.spec.admin.DestroyCqCmd;
import io.ena4j.spec.admin.DestroySqCmd;
import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.FlowSteering;
import io.ena4j.spec.admin.FlowSteeringRule;
import io.ena4j.spec.admin.FragBypass;
import io.ena4j.spec.admin.GetStatsCmd;
import io.ena4j.spec.admin.HostAttrConfig;
import io.ena4j.spec.admin.HostInfo;
import io.ena4j.spec.admin.HwTimestamp;
import io.ena4j.spec.admin.InterruptModeration;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.admin.MaxQueuesExt;
import io.ena4j.spec.admin.MemAddr;
import io.ena4j.spec.admin.Mtu;
import io.ena4j.spec.admin.PhcConfig;
import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.spec.admin.RssHashInput;
import io.ena4j.spec.admin.RssHashInputTable;
import io.ena4j.spec.admin.RssHashKey;
import io.ena4j.spec.admin.RssIndirectionEntry;
import io.ena4j.spec.admin.RssIndirectionTable;
import io.ena4j.spec.admin.StatsType;
import io.ena4j.spec.regs.EnaRegs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.MemorySegment;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The admin command layer (the command half of the reference's {@code ena_com}): builds every admin command
 * of management.md §7–§8, submits it through an {@link AdminExecutor}, and parses and validates the response.
 *
 * <p><b>Return codes.</b> Every call returns the reference layer's errno-style code (0 or a negative
 * {@link EnaErrno}), alone or inside an {@link AdminResult} with the parsed value, so reference vectors replay
 * {@code rc}/{@code out} directly. Wrong arguments that are programming errors (null or undersized buffers)
 * throw {@link IllegalArgumentException}; runtime configuration outside what the device accepts returns
 * {@code EINVAL} with the reason in {@link #lastError()}.
 *
 * <p><b>Support check (§8.1).</b> Before any GET/SET of feature N other than DEVICE_ATTRIBUTES (1) and
 * HOST_ATTR_CONFIG (28), bit N of the last DEVICE_ATTRIBUTES {@code supported_features} must be set, else
 * the call returns {@code EOPNOTSUPP} without sending anything. ena4j applies the check to the LLQ and PHC
 * SETs as well (the reference relies on the preceding GET); the result is the same.
 *
 * <p><b>DMA width (§1).</b> Every address put into a command is checked against the device's DMA width; an
 * address with bits at or above it fails the call with {@code EINVAL} and nothing is sent.
 *
 * <p><b>Untrusted device.</b> Every value taken from a response is checked before use (versions, queue
 * numbers and depths, table sizes, key length, register and BAR offsets, returned slots). A bad value makes
 * the call return {@code EINVAL} (or the reference's code where it has one), increments
 * {@link #invalidResponseCount()} and is described in {@link #lastError()}; nothing throws and no
 * out-of-bounds access happens. When a created queue's response is rejected, the queue is destroyed again
 * (best effort) so the device does not keep a queue the driver will never use.
 *
 * <p><b>Control buffers.</b> RSS buffers (indirection table, hash key, hash input), the customer-metrics
 * buffer and the flow-steering rule buffer are DMA memory owned by this object (allocated by
 * {@link #rssInit}, or on first use) and released by {@link #close()}. Host info, debug area, PHC shared memory
 * and I/O rings belong to the caller and are passed in.
 *
 * <p><b>Threading.</b> Public methods are {@code synchronized}: they share one command image, one response
 * image and the control buffers. The admin path is never a hot path.
 */
public final class EnaAdmin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnaAdmin.class);

    /** BAR size meaning "not known": offsets are then checked for alignment and the 32-bit range only. */
    public static final long UNKNOWN_BAR_SIZE = -1;
    /**
     * First BAR 0 offset past the fixed register block (§3.1: the block of contiguous registers from 0x00 ends
     * with {@link EnaRegs#RSS_IND_ENTRY_UPDATE_OFF}). Registers the device reports at run time (doorbells, unmask,
     * NUMA, PHC) must not alias the fixed block: a write there would hit AQ/reset/readless registers.
     */
    public static final int FIXED_REGISTER_END = EnaRegs.RSS_IND_ENTRY_UPDATE_OFF + Integer.BYTES;
    /** LLQ entries are copied with 64-bit stores, so a descriptor region must start 8-byte aligned (§7.2). */
    public static final int LLQ_REGION_ALIGNMENT = 8;

    /** Where every GET_FEATURE response payload starts in the ACQ entry (§7.5, "G+8"). */
    private static final long GET = FeatureCmd.GET_PAYLOAD;
    /** Where every SET_FEATURE payload starts in the AQ entry (§7.5, "S+20"). */
    private static final long SET = FeatureCmd.SET_PAYLOAD;

    private final AdminExecutor executor;
    private final DmaAllocator dma;
    private final int dmaAddrBits;
    private final long dmaAddrMask;
    private final long bar0Size;
    private final long bar2Size;
    private final MemorySegment cmd = MemorySegment.ofArray(new byte[(int) AqEntry.SIZE]);
    private final MemorySegment resp = MemorySegment.ofArray(new byte[(int) AqEntry.SIZE]);
    /** Opcode of the command in {@link #cmd}: it gives the command and response lengths (§6.7). */
    private AdminOpcode opcode;

    private int supportedFeatures;
    private int capabilities;
    private DeviceFeatures features;
    private int customerMetricsSupported;

    private DmaBuffer rssTable;
    private DmaBuffer rssKey;
    private DmaBuffer rssHashCtrl;
    private int rssTableLogSize = -1;
    private DmaBuffer metricsBuffer;
    private DmaBuffer flowRuleBuffer;

    private long invalidResponses;
    private long rejectedAddresses;
    private String lastError = "";

    /**
     * A command layer over {@code executor} with BAR sizes unknown.
     *
     * @param executor    runs one command (the admin queue)
     * @param dma         allocator for the control buffers this layer owns
     * @param dmaAddrBits the device's DMA width from CAPS,
     *                    {@value EnaRegs#DMA_WIDTH_MIN}..{@value EnaRegs#DMA_WIDTH_MAX}
     */
    public EnaAdmin(AdminExecutor executor, DmaAllocator dma, int dmaAddrBits) {
        this(executor, dma, dmaAddrBits, UNKNOWN_BAR_SIZE, UNKNOWN_BAR_SIZE);
    }

    /**
     * A command layer that also checks register offsets against BAR 0 and LLQ regions against BAR 2.
     *
     * @param bar0Size size of BAR 0 in bytes, or {@link #UNKNOWN_BAR_SIZE}
     * @param bar2Size size of BAR 2 in bytes, or {@link #UNKNOWN_BAR_SIZE} (also when absent: the LLQ
     *                 negotiation then falls back to host placement before any LLQ queue exists)
     */
    public EnaAdmin(AdminExecutor executor, DmaAllocator dma, int dmaAddrBits, long bar0Size, long bar2Size) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dma = Objects.requireNonNull(dma, "dma");
        if (dmaAddrBits < EnaRegs.DMA_WIDTH_MIN || dmaAddrBits > EnaRegs.DMA_WIDTH_MAX) {
            throw new IllegalArgumentException("DMA address width " + dmaAddrBits + " bits out of range: accepted "
                    + EnaRegs.DMA_WIDTH_MIN + ".." + EnaRegs.DMA_WIDTH_MAX);
        }
        if (bar0Size < UNKNOWN_BAR_SIZE || bar2Size < UNKNOWN_BAR_SIZE) {
            throw new IllegalArgumentException("BAR sizes " + bar0Size + " / " + bar2Size
                    + " out of range: accepted >= 0, or -1 for unknown");
        }
        this.dmaAddrBits = dmaAddrBits;
        this.dmaAddrMask = (1L << dmaAddrBits) - 1;
        this.bar0Size = bar0Size;
        this.bar2Size = bar2Size;
    }

    // ------------------------------------------------------------------------------------------------------
    // State
    // ------------------------------------------------------------------------------------------------------

    /** The DMA width every command address is checked against. */
    public int dmaAddrBits() {
        return dmaAddrBits;
    }

    /** {@code supported_features} of the last DEVICE_ATTRIBUTES response (0 before the first). */
    public synchronized int supportedFeatures() {
        return supportedFeatures;
    }

    /** {@code capabilities} of the last DEVICE_ATTRIBUTES response (0 before the first, §5.2). */
    public synchronized int capabilities() {
        return capabilities;
    }

    /** The support check of §8.1: feature 1 always, others by bit of the last DEVICE_ATTRIBUTES. */
    public synchronized boolean isFeatureSupported(int featureId) {
        return featureBitSet(supportedFeatures, featureId);
    }

    /**
     * True if every bit of {@code capability} is set in the last DEVICE_ATTRIBUTES (§8.2); false for 0.
     *
     * @param capability a {@code CAP_*} mask of {@link DeviceAttributes}
     */
    public synchronized boolean hasCapability(int capability) {
        return DeviceAttributesInfo.capabilityBitsSet(capabilities, capability);
    }

    /** The last complete {@link #getDeviceFeatures()} result, or null. */
    public synchronized DeviceFeatures deviceFeatures() {
        return features;
    }

    /** Customer metrics the device supports (§7.6), as established by {@link #getDeviceFeatures()}. */
    public synchronized int customerMetricsSupported() {
        return customerMetricsSupported;
    }

    /** log2 of the RSS indirection-table size set up by {@link #rssInit}, or -1. */
    public synchronized int rssTableLogSize() {
        return rssTableLogSize;
    }

    /** Device responses rejected so far (bad versions, sizes, offsets, ...). */
    public synchronized long invalidResponseCount() {
        return invalidResponses;
    }

    /** Command addresses refused because they exceed the DMA width (§1). */
    public synchronized long rejectedAddressCount() {
        return rejectedAddresses;
    }

    /** Description of the last rejected argument, address or device response ("" if none). */
    public synchronized String lastError() {
        return lastError;
    }

    static boolean featureBitSet(int mask, int featureId) {
        if (featureId == FeatureId.DEVICE_ATTRIBUTES.code()) {
            return true;
        }
        return featureId >= 0 && featureId < FeatureId.SLOTS && (mask & (1 << featureId)) != 0;
    }

    // ------------------------------------------------------------------------------------------------------
    // Host attributes (§8.17, §12)
    // ------------------------------------------------------------------------------------------------------

    /**
     * SET_FEATURE(HOST_ATTR_CONFIG) (§8.17): registers the host-info page and, optionally, the debug area. Sent
     * without the support check (it precedes DEVICE_ATTRIBUTES at probe, §13.1 step 9).
     *
     * @param hostInfo      the {@value HostInfo#PAGE_SIZE}-byte host-info page, filled by {@link HostInfoWriter}
     * @param debugArea     the debug area, or null
     * @param debugAreaSize bytes of the debug area the device may read (0 without one)
     */
    public synchronized int setHostAttributes(DmaBuffer hostInfo, DmaBuffer debugArea, int debugAreaSize) {
        requireBuffer(hostInfo, HostInfo.PAGE_SIZE, "host-info page");
        if (debugArea == null ? debugAreaSize != 0 : debugAreaSize <= 0 || debugAreaSize > debugArea.size()) {
            throw new IllegalArgumentException("debug area size " + debugAreaSize + " out of range: accepted "
                    + (debugArea == null ? "0 without a debug area" : "1.." + debugArea.size()));
        }
        beginSet(FeatureId.HOST_ATTR_CONFIG);
        if (!putAddr(SET + HostAttrConfig.OS_INFO_BA_OFFSET, hostInfo.ioAddress(), "host-info page")
                || !putAddr(SET + HostAttrConfig.DEBUG_BA_OFFSET, debugArea == null ? 0 : debugArea.ioAddress(),
                "debug area")) {
            return EnaErrno.EINVAL;
        }
        HostAttrConfig.debugAreaSize(cmd, SET, debugAreaSize);
        return exec();
    }

    // ------------------------------------------------------------------------------------------------------
    // Device attributes and features (§8.2–§8.9, §13.1 step 10)
    // ------------------------------------------------------------------------------------------------------

    /**
     * Gathers the device's attributes and features in the reference order (§13.1 step 10): GET(1); GET(7,
     * version 1) if bit 7 else GET(2); GET(26); GET(11); GET(3) if bit 3; GET(4, version 1) if bit 4; the
     * customer-metrics support query if capability bit 2. Unsupported HW hints and LLQ yield all-zero
     * structures; a failed customer-metrics query leaves the supported set 0 (logged only). The new
     * {@code supported_features} and {@code capabilities} take effect right after GET(1), so the remaining
     * steps are support-checked against them.
     *
     * <p>Validation: MAX_QUEUES_EXT version must be 1 ({@code EINVAL}, as the reference); queue numbers ≥ 1,
     * depths ≥ 256 after power-of-two rounding, per-packet descriptors ≥ 1 ({@link MaxQueuesInfo#validate}); the Tx
     * SQ host figures are exempt when the device offers LLQ queues. These checks run after all commands, so the
     * command sequence is the reference's whatever the values.
     */
    public synchronized AdminResult<DeviceFeatures> getDeviceFeatures() {
        int rc = getFeature(FeatureId.DEVICE_ATTRIBUTES, 0, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        DeviceAttributesInfo attr = DeviceAttributesInfo.parse(resp);
        supportedFeatures = attr.supportedFeatures();
        capabilities = attr.capabilities();

        MaxQueuesInfo maxQueues;
        if (supports(FeatureId.MAX_QUEUES_EXT)) {
            rc = getFeature(FeatureId.MAX_QUEUES_EXT, MaxQueuesExt.VERSION_1, null, 0);
            if (rc != 0) {
                return AdminResult.failure(rc);
            }
            int version = MaxQueuesInfo.extVersion(resp);
            if (version != MaxQueuesExt.VERSION_1) {
                return invalid("MAX_QUEUES_EXT version " + version + " in response: accepted "
                        + MaxQueuesExt.VERSION_1);
            }
            maxQueues = MaxQueuesInfo.parseExt(resp);
        } else {
            rc = getFeature(FeatureId.MAX_QUEUES_NUM, 0, null, 0);
            if (rc != 0) {
                return AdminResult.failure(rc);
            }
            maxQueues = MaxQueuesInfo.parseLegacy(resp);
        }

        rc = getFeature(FeatureId.AENQ_CONFIG, 0, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        AenqGroups aenq = AenqGroups.parse(resp);

        rc = getFeature(FeatureId.STATELESS_OFFLOAD_CONFIG, 0, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        OffloadSettings offloads = OffloadSettings.parse(resp);

        rc = getFeature(FeatureId.HW_HINTS, 0, null, 0);
        HwHintsInfo hints;
        if (rc == 0) {
            hints = HwHintsInfo.parse(resp, GET);
        } else if (rc == EnaErrno.EOPNOTSUPP) {
            hints = HwHintsInfo.NONE;
        } else {
            return AdminResult.failure(rc);
        }

        rc = getFeature(FeatureId.LLQ, LlqFeature.VERSION_ENTRY_SIZE_RECOMMENDED, null, 0);
        LlqCaps llq;
        if (rc == 0) {
            llq = LlqCaps.parse(resp);
        } else if (rc == EnaErrno.EOPNOTSUPP) {
            llq = LlqCaps.NONE;
        } else {
            return AdminResult.failure(rc);
        }

        customerMetricsSupported = queryCustomerMetricsSupport();

        String bad = maxQueues.validate(llq.maxLlqNum() != 0);
        if (bad != null) {
            return invalid((maxQueues.extended() ? "MAX_QUEUES_EXT: " : "MAX_QUEUES_NUM: ") + bad);
        }
        features = new DeviceFeatures(attr, maxQueues, aenq, offloads, hints, llq, customerMetricsSupported);
        return AdminResult.success(features);
    }

    private int queryCustomerMetricsSupport() {
        if (!hasCapability(DeviceAttributes.CAP_CUSTOMER_METRICS)) {
            return (int) CustomerMetrics.LEGACY_METRICS;
        }
        beginStats(StatsType.CUSTOMER_METRICS);
        GetStatsCmd.requestedMetrics(cmd, 0, CustomerMetrics.ALL_METRICS);
        int rc = exec();
        if (rc != 0) {
            LOG.warn("customer-metrics support query failed: {}; no customer metrics", EnaErrno.name(rc));
            return 0;
        }
        long reported = CustomerMetrics.reportedMetrics(resp, 0);
        // Only ids this layer knows are ever requested, so the value layout (one u64 per id) stays known.
        return (int) (reported & CustomerMetrics.ALL_METRICS);
    }

    /** GET_FEATURE(AENQ_CONFIG) (§8.15). */
    public synchronized AdminResult<AenqGroups> getAenqConfig() {
        int rc = getFeature(FeatureId.AENQ_CONFIG, 0, null, 0);
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(AenqGroups.parse(resp));
    }

    /**
     * GET then SET AENQ_CONFIG with {@code enabled_groups = groups} (§8.15, §13.1 step 11). Fails with
     * {@code EOPNOTSUPP} after the GET, without the SET, if {@code groups} is not a subset of
     * {@code supported_groups}. The driver passes {@code AenqConfig.DRIVER_REQUESTED_GROUPS & supported}.
     */
    public synchronized int setAenqConfig(int groups) {
        int rc = getFeature(FeatureId.AENQ_CONFIG, 0, null, 0);
        if (rc != 0) {
            return rc;
        }
        int supported = AenqGroups.parse(resp).supported();
        if ((supported & groups) != groups) {
            return reject(EnaErrno.EOPNOTSUPP, "AENQ groups 0x" + Integer.toHexString(groups)
                    + " not a subset of the supported groups 0x" + Integer.toHexString(supported));
        }
        beginSet(FeatureId.AENQ_CONFIG);
        AenqConfig.enabledGroups(cmd, SET, groups);
        return exec();
    }

    /** GET_FEATURE(STATELESS_OFFLOAD_CONFIG) (§8.9). */
    public synchronized AdminResult<OffloadSettings> getOffloadSettings() {
        int rc = getFeature(FeatureId.STATELESS_OFFLOAD_CONFIG, 0, null, 0);
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(OffloadSettings.parse(resp));
    }

    /** GET_FEATURE(LINK_CONFIG) (§8.16). */
    public synchronized AdminResult<LinkParams> getLinkParams() {
        int rc = getFeature(FeatureId.LINK_CONFIG, 0, null, 0);
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(LinkParams.parse(resp));
    }

    /**
     * GET_FEATURE(INTERRUPT_MODERATION) (§8.14): the interrupt delay resolution in µs. A reported 0 is treated
     * as 1, as the reference does (a documented default, not an error). {@code EOPNOTSUPP} means the device
     * has no moderation; the reference then disables adaptive moderation and carries on.
     */
    public synchronized AdminResult<Integer> getInterruptDelayResolution() {
        int rc = getFeature(FeatureId.INTERRUPT_MODERATION, 0, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int resolution = InterruptModeration.intrDelayResolution(resp, GET);
        return AdminResult.success(resolution == 0 ? 1 : resolution);
    }

    // ------------------------------------------------------------------------------------------------------
    // LLQ, MTU, fragment bypass, HW timestamping, PHC (§8.5, §8.8, §8.12, §8.18, §8.20)
    // ------------------------------------------------------------------------------------------------------

    /**
     * SET_FEATURE(LLQ) version 0 (§8.5 step 8): only the four {@code *_enabled} codes and
     * {@code accel_mode.enabled_flags = }{@link LlqFeature.AccelFlags#ALL} (both accel bits always requested).
     */
    public synchronized int setLlq(LlqConfig config) {
        if (!supports(FeatureId.LLQ)) {
            return EnaErrno.EOPNOTSUPP;
        }
        beginSet(FeatureId.LLQ);
        LlqFeature.headerLocationCtrlEnabled(cmd, SET, config.headerLocation());
        LlqFeature.entrySizeCtrlEnabled(cmd, SET, config.entrySizeCtrl());
        LlqFeature.descNumBeforeHeaderEnabled(cmd, SET, config.descsBeforeHeader());
        LlqFeature.descriptorsStrideCtrlEnabled(cmd, SET, config.descStride());
        LlqFeature.accelModeEnabledFlags(cmd, SET, LlqFeature.AccelFlags.ALL);
        return exec();
    }

    /**
     * SET_FEATURE(MTU) (§8.12). The MTU must lie in {@value Mtu#DRIVER_MIN_MTU}..{@code max_mtu} of the last
     * DEVICE_ATTRIBUTES (just ≥ {@value Mtu#DRIVER_MIN_MTU} before the first); otherwise {@code EINVAL}, nothing
     * sent.
     */
    public synchronized int setMtu(int mtu) {
        if (!supports(FeatureId.MTU)) {
            return EnaErrno.EOPNOTSUPP;
        }
        long max = features == null ? 0xFFFF_FFFFL : features.attributes().maxMtu();
        if (mtu < Mtu.DRIVER_MIN_MTU || mtu > max) {
            return reject(EnaErrno.EINVAL, "MTU " + mtu + " out of range: accepted " + Mtu.DRIVER_MIN_MTU + ".."
                    + max);
        }
        beginSet(FeatureId.MTU);
        Mtu.mtu(cmd, SET, mtu);
        return exec();
    }

    /** SET_FEATURE(FRAG_BYPASS) version 0 (§8.8). */
    public synchronized int setFragBypass(boolean enable) {
        if (!supports(FeatureId.FRAG_BYPASS)) {
            return EnaErrno.EOPNOTSUPP;
        }
        beginSet(FeatureId.FRAG_BYPASS);
        FragBypass.enable(cmd, SET, enable ? 1 : 0);
        return exec();
    }

    /**
     * GET_FEATURE(HW_TIMESTAMP) version 1 (§8.20). The Tx and Rx support values must be 0 (none) or 1 (all); any
     * other value is an invalid response, since it would decide the completion-entry size of every queue.
     */
    public synchronized AdminResult<HwTimestampCaps> getHwTimestamping() {
        int rc = getFeature(FeatureId.HW_TIMESTAMP, HwTimestamp.VERSION_1, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        HwTimestampCaps caps = HwTimestampCaps.parse(resp);
        if (caps.tx() > HwTimestamp.ALL || caps.rx() > HwTimestamp.ALL) {
            return invalid("HW_TIMESTAMP support tx " + caps.tx() + " / rx " + caps.rx()
                    + ": accepted 0 (none), 1 (all)");
        }
        return AdminResult.success(caps);
    }

    /** SET_FEATURE(HW_TIMESTAMP) version 0 (§8.20): Tx/Rx enable 0 (none) or 1 (all). */
    public synchronized int setHwTimestamping(boolean tx, boolean rx) {
        if (!supports(FeatureId.HW_TIMESTAMP)) {
            return EnaErrno.EOPNOTSUPP;
        }
        beginSet(FeatureId.HW_TIMESTAMP);
        HwTimestamp.tx(cmd, SET, tx ? HwTimestamp.ALL : HwTimestamp.NONE);
        HwTimestamp.rx(cmd, SET, rx ? HwTimestamp.ALL : HwTimestamp.NONE);
        return exec();
    }

    /**
     * PHC setup (§10.1): GET_FEATURE(PHC_CONFIG, version 0), then SET_FEATURE(PHC_CONFIG) registering
     * {@code shared} ({@value PhcConfig#OUTPUT_LENGTH} bytes) as the response buffer. A PHC version other than
     * {@link PhcConfig#VERSION_READLESS_ERROR_BOUND} gives {@code EOPNOTSUPP}
     * (the reference's code); a doorbell offset that is unaligned, inside the fixed register block or outside
     * BAR 0 is an invalid response. Timeouts of 0 take the driver defaults and expire is capped at block.
     */
    public synchronized AdminResult<PhcConfigInfo> configurePhc(DmaBuffer shared) {
        requireBuffer(shared, PhcConfig.OUTPUT_LENGTH, "PHC shared buffer");
        int rc = getFeature(FeatureId.PHC_CONFIG, PhcConfig.VERSION_READLESS_ERROR_BOUND, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int version = PhcConfig.version(resp, GET);
        if (version != PhcConfig.VERSION_READLESS_ERROR_BOUND) {
            return AdminResult.failure(reject(EnaErrno.EOPNOTSUPP, "PHC version " + version
                    + " not supported: accepted " + PhcConfig.VERSION_READLESS_ERROR_BOUND));
        }
        long doorbell = Integer.toUnsignedLong(PhcConfig.doorbellOffset(resp, GET));
        String bad = checkRegister("PHC doorbell_offset", doorbell);
        if (bad != null) {
            return invalid(bad);
        }
        long expire = Integer.toUnsignedLong(PhcConfig.expireTimeoutUsec(resp, GET));
        long block = Integer.toUnsignedLong(PhcConfig.blockTimeoutUsec(resp, GET));
        expire = expire != 0 ? expire : PhcConfig.DEFAULT_EXPIRE_TIMEOUT_USEC;
        block = block != 0 ? block : PhcConfig.DEFAULT_BLOCK_TIMEOUT_USEC;
        expire = Math.min(expire, block);

        beginSet(FeatureId.PHC_CONFIG);
        if (!putAddr(SET + PhcConfig.OUTPUT_ADDRESS_OFFSET, shared.ioAddress(), "PHC shared buffer")) {
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        PhcConfig.outputLength(cmd, SET, PhcConfig.OUTPUT_LENGTH);
        rc = exec();
        return rc != 0 ? AdminResult.failure(rc)
                : AdminResult.success(new PhcConfigInfo((int) doorbell, expire, block));
    }

    // ------------------------------------------------------------------------------------------------------
    // Flow steering (§8.19)
    // ------------------------------------------------------------------------------------------------------

    /**
     * Adds a flow-steering rule (§8.19): SET_FEATURE(FLOW_STEERING_CONFIG) action {@link FlowSteering#ACTION_ADD}
     * with the {@value FlowSteeringRule#SIZE}-byte rule buffer. {@code location} is a slot below
     * {@code flow_steering_max_entries}, or {@link FlowSteering#RULE_LOCATION_ANY}; then the device's choice is
     * returned and must be below
     * the maximum ({@code EFAULT} otherwise, the reference's code). ena4j keeps no rule table here: the
     * caller owns the rules (and re-adds them after a reset, §13.5).
     *
     * @return the slot the rule occupies
     */
    public synchronized AdminResult<Integer> addFlowSteeringRule(FlowSteeringRuleInfo rule, int location) {
        Objects.requireNonNull(rule, "rule");
        if (!supports(FeatureId.FLOW_STEERING_CONFIG)) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        int max = flowSteeringMaxEntries();
        if (location != FlowSteering.RULE_LOCATION_ANY && (location < 0 || location >= max)) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "flow-steering rule location " + location
                    + " out of range: accepted 0.." + (max - 1) + " or 0xFFFF (device chooses)"));
        }
        if (flowRuleBuffer == null) {
            flowRuleBuffer = allocate(FlowSteeringRule.SIZE, "flow-steering rule buffer");
            if (flowRuleBuffer == null) {
                return AdminResult.failure(EnaErrno.ENOMEM);
            }
        }
        rule.writeParams(flowRuleBuffer.segment());
        beginSet(FeatureId.FLOW_STEERING_CONFIG);
        if (!setControlBuffer(flowRuleBuffer, (int) FlowSteeringRule.SIZE, true, "flow-steering rule buffer")) {
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        flowSteeringPayload(FlowSteering.ACTION_ADD, rule.flowType(), rule.rxQueue(), location);
        int rc = exec();
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int slot = location;
        if (location == FlowSteering.RULE_LOCATION_ANY) {
            slot = FlowSteering.responseRuleLocation(resp, GET);
            if (slot >= max) {
                noteInvalidResponse("flow-steering rule placed at slot " + slot + ": accepted 0.." + (max - 1));
                return AdminResult.failure(EnaErrno.EFAULT);
            }
        }
        return AdminResult.success(slot);
    }

    /** Removes the rule in {@code location} (§8.19, action {@link FlowSteering#ACTION_REMOVE}, no buffer). */
    public synchronized int removeFlowSteeringRule(int location) {
        if (!supports(FeatureId.FLOW_STEERING_CONFIG)) {
            return EnaErrno.EOPNOTSUPP;
        }
        int max = flowSteeringMaxEntries();
        if (location < 0 || location >= max) {
            return reject(EnaErrno.EINVAL, "flow-steering rule location " + location + " out of range: accepted 0.."
                    + (max - 1));
        }
        beginSet(FeatureId.FLOW_STEERING_CONFIG);
        flowSteeringPayload(FlowSteering.ACTION_REMOVE, 0, 0, location);
        return exec();
    }

    /** Removes every rule (§8.19, action {@link FlowSteering#ACTION_REMOVE_ALL}, no buffer). */
    public synchronized int removeAllFlowSteeringRules() {
        if (!supports(FeatureId.FLOW_STEERING_CONFIG)) {
            return EnaErrno.EOPNOTSUPP;
        }
        beginSet(FeatureId.FLOW_STEERING_CONFIG);
        flowSteeringPayload(FlowSteering.ACTION_REMOVE_ALL, 0, 0, 0);
        return exec();
    }

    private int flowSteeringMaxEntries() {
        return features == null ? 0 : features.attributes().flowSteeringMaxEntries();
    }

    private void flowSteeringPayload(int action, int flowType, int rxQueue, int location) {
        FlowSteering.action(cmd, SET, action);
        FlowSteering.flowType(cmd, SET, flowType);
        FlowSteering.rxQIdx(cmd, SET, rxQueue);
        FlowSteering.ruleLocation(cmd, SET, location);
    }

    // ------------------------------------------------------------------------------------------------------
    // RSS (§8.10, §8.11, §8.13)
    // ------------------------------------------------------------------------------------------------------

    /**
     * Sets up RSS state (the reference's {@code ena_com_rss_init}): GET_FEATURE(RSS_INDIRECTION_TABLE_CONFIG)
     * without buffer for sizing, then allocates the indirection-table buffer ({@code 2^log} entries of
     * {@value RssIndirectionEntry#SIZE} bytes), the {@value RssHashKey#SIZE}-byte hash-key buffer (only if feature
     * 10 is supported; filled with {@code initialKey} or a random key) and the {@value RssHashInputTable#SIZE}-byte
     * hash-input buffer. Any earlier RSS buffers are released first.
     *
     * <p>The sizing GET uses feature version {@link RssIndirectionTable#FEATURE_VERSION_SIZING}, as the Linux copy
     * does (the DPDK copy sends 0). The response's {@code max_size} must be ≤
     * {@value RssIndirectionTable#MAX_LOG_SIZE} and ≥ {@code min_size}.
     *
     * @param requestedLogSize log2 of the table size wanted, or -1 for the device maximum (Linux behaviour); an
     *                         explicit size must lie in the device's [min_size, max_size] (DPDK behaviour)
     * @param initialKey       {@value RssHashKey#KEY_SIZE}-byte initial Toeplitz key, or null for a random one (the
     *                         Linux driver also starts from a random key, which the first hash-function GET
     *                         replaces)
     * @return the table log size in use
     */
    public synchronized AdminResult<Integer> rssInit(int requestedLogSize, byte[] initialKey) {
        if (requestedLogSize < -1 || requestedLogSize > RssIndirectionTable.MAX_LOG_SIZE) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS table log size " + requestedLogSize
                    + " out of range: accepted 0.." + RssIndirectionTable.MAX_LOG_SIZE + " or -1 (device maximum)"));
        }
        if (initialKey != null && initialKey.length != RssHashKey.KEY_SIZE) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS key length " + initialKey.length
                    + " out of range: accepted " + RssHashKey.KEY_SIZE));
        }
        rssDestroy();
        int rc = getFeature(FeatureId.RSS_INDIRECTION_TABLE_CONFIG, RssIndirectionTable.FEATURE_VERSION_SIZING,
                null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int min = RssIndirectionTable.minSize(resp, GET);
        int max = RssIndirectionTable.maxSize(resp, GET);
        if (max > RssIndirectionTable.MAX_LOG_SIZE || min > max) {
            return invalid("RSS indirection table sizes min " + min + " / max " + max
                    + " (log2): accepted min <= max <= " + RssIndirectionTable.MAX_LOG_SIZE);
        }
        int log = requestedLogSize < 0 ? max : requestedLogSize;
        if (log < min || log > max) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS table log size " + log
                    + " outside the device's range " + min + ".." + max));
        }
        DmaBuffer table = allocate(RssIndirectionEntry.SIZE << log, "RSS indirection table");
        DmaBuffer key = null;
        if (table != null && supports(FeatureId.RSS_HASH_FUNCTION)) {
            key = allocate(RssHashKey.SIZE, "RSS hash key");
            if (key == null) {
                dma.free(table);
                table = null;
            }
        }
        DmaBuffer ctrl = table == null ? null : allocate(RssHashInputTable.SIZE, "RSS hash input");
        if (ctrl == null) {
            if (table != null) {
                dma.free(table);
            }
            if (key != null) {
                dma.free(key);
            }
            return AdminResult.failure(EnaErrno.ENOMEM);
        }
        if (key != null) {
            writeKey(key.segment(), initialKey != null ? initialKey : randomKey());
        }
        rssTable = table;
        rssKey = key;
        rssHashCtrl = ctrl;
        rssTableLogSize = log;
        return AdminResult.success(log);
    }

    /** Bytes of an indirection table of {@code entries} entries. */
    private static int tableBytes(int entries) {
        return (int) (entries * RssIndirectionEntry.SIZE);
    }

    private static byte[] randomKey() {
        byte[] k = new byte[RssHashKey.KEY_SIZE];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /** Fills the hash-key control buffer (§8.10): a full {@value RssHashKey#KEY_SIZE}-byte key. */
    private static void writeKey(MemorySegment buf, byte[] key) {
        RssHashKey.key(buf, 0, key);
        RssHashKey.keyParts(buf, 0, RssHashKey.KEY_PARTS);
    }

    /** Releases the RSS buffers (also done by {@link #close()} and a repeated {@link #rssInit}). */
    public synchronized void rssDestroy() {
        for (DmaBuffer b : new DmaBuffer[] {rssTable, rssKey, rssHashCtrl}) {
            if (b != null) {
                dma.free(b);
            }
        }
        rssTable = null;
        rssKey = null;
        rssHashCtrl = null;
        rssTableLogSize = -1;
    }

    /**
     * SET_FEATURE(RSS_INDIRECTION_TABLE_CONFIG) (§8.11) with the table in the control buffer: entry i's
     * {@code cq_idx} field holds {@code rxSqIdx[i]}, the device index of an Rx SQ ({@link SqInfo#sqIdx()}).
     * {@code size = tbl_log_size}, {@code inline_index = }{@link RssIndirectionTable#INLINE_INDEX_NONE}. The
     * table length must be exactly {@code 2^}{@link #rssTableLogSize()}.
     */
    public synchronized int setIndirectionTable(int[] rxSqIdx) {
        if (!supports(FeatureId.RSS_INDIRECTION_TABLE_CONFIG)) {
            return EnaErrno.EOPNOTSUPP;
        }
        if (rssTableLogSize < 0) {
            return reject(EnaErrno.EINVAL, "RSS indirection table not set up: call rssInit first");
        }
        int n = 1 << rssTableLogSize;
        if (rxSqIdx.length != n) {
            return reject(EnaErrno.EINVAL, "indirection table of " + rxSqIdx.length + " entries: accepted exactly "
                    + n);
        }
        MemorySegment t = rssTable.segment();
        for (int i = 0; i < n; i++) {
            if ((rxSqIdx[i] & ~0xFFFF) != 0) {
                return reject(EnaErrno.EINVAL, "indirection entry " + i + " = " + rxSqIdx[i]
                        + " out of range: accepted SQ indexes 0..65535");
            }
        }
        // Zeroed first so the RSVD half of every entry does not keep a stale value.
        t.asSlice(0, tableBytes(n)).fill((byte) 0);
        for (int i = 0; i < n; i++) {
            RssIndirectionEntry.cqIdx(t, RssIndirectionEntry.offset(i), rxSqIdx[i]);
        }
        beginSet(FeatureId.RSS_INDIRECTION_TABLE_CONFIG);
        if (!setControlBuffer(rssTable, tableBytes(n), true, "RSS indirection table")) {
            return EnaErrno.EINVAL;
        }
        RssIndirectionTable.size(cmd, SET, rssTableLogSize);
        RssIndirectionTable.inlineIndex(cmd, SET, RssIndirectionTable.INLINE_INDEX_NONE);
        return exec();
    }

    /**
     * GET_FEATURE(RSS_INDIRECTION_TABLE_CONFIG) version 0 with the table buffer (§8.11 read-back). Unlike the
     * reference, which returns its own host copy, this returns what the device wrote: the device Rx SQ index
     * of every entry. The response's {@code size} must equal {@link #rssTableLogSize()} (else the buffer would
     * not describe the table we sized), checked as an invalid response.
     */
    public synchronized AdminResult<int[]> getIndirectionTable() {
        if (!supports(FeatureId.RSS_INDIRECTION_TABLE_CONFIG)) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        if (rssTableLogSize < 0) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS indirection table not set up: call rssInit first"));
        }
        int n = 1 << rssTableLogSize;
        int rc = getFeature(FeatureId.RSS_INDIRECTION_TABLE_CONFIG, RssIndirectionTable.FEATURE_VERSION_READBACK,
                rssTable, tableBytes(n));
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int size = RssIndirectionTable.size(resp, GET);
        if (size != rssTableLogSize) {
            return invalid("RSS indirection table read-back reports log size " + size + ": accepted "
                    + rssTableLogSize);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = RssIndirectionEntry.cqIdx(rssTable.segment(), RssIndirectionEntry.offset(i));
        }
        return AdminResult.success(out);
    }

    /**
     * Sets the hash function (the reference's {@code ena_com_fill_hash_function}, §8.10): GET with the key
     * buffer (the device writes its current key into it), check {@code 1 << func} against
     * {@code supported_func} ({@code EOPNOTSUPP}), replace the key if {@code func} is Toeplitz and a key is
     * given, then GET without buffer (re-check) and SET with the key buffer, {@code selected_func = 1 << func}
     * and {@code init_val}.
     *
     * <p>Deviations: a Toeplitz key that is not 40 bytes is refused with {@code EINVAL} before anything is
     * sent (the reference sends the first GET first); a key passed with CRC32 is ignored, as in the reference;
     * a failed SET returns its own errno (the reference maps every SET failure to {@code EINVAL}).
     */
    public synchronized int fillHashFunction(int func, byte[] key, int initVal) {
        if (func != RssHashFunction.TOEPLITZ && func != RssHashFunction.CRC32) {
            return reject(EnaErrno.EINVAL, "RSS hash function " + func
                    + " out of range: accepted 1 (Toeplitz), 2 (CRC32)");
        }
        if (func == RssHashFunction.TOEPLITZ && key != null && key.length != RssHashKey.KEY_SIZE) {
            return reject(EnaErrno.EINVAL, "RSS key length " + key.length + " out of range: accepted "
                    + RssHashKey.KEY_SIZE);
        }
        if (!supports(FeatureId.RSS_HASH_FUNCTION)) {
            return EnaErrno.EOPNOTSUPP;
        }
        if (rssKey == null) {
            return reject(EnaErrno.EINVAL, "RSS hash key buffer not set up: call rssInit first");
        }
        int rc = getFeature(FeatureId.RSS_HASH_FUNCTION, 0, rssKey, (int) RssHashKey.SIZE);
        if (rc != 0) {
            return rc;
        }
        rc = checkHashFunctionSupported(func);
        if (rc != 0) {
            return rc;
        }
        if (func == RssHashFunction.TOEPLITZ && key != null) {
            writeKey(rssKey.segment(), key);
        }
        return setHashFunction(func, initVal);
    }

    private int setHashFunction(int func, int initVal) {
        if (!supports(FeatureId.RSS_HASH_FUNCTION)) {
            return EnaErrno.EOPNOTSUPP;
        }
        int rc = getFeature(FeatureId.RSS_HASH_FUNCTION, 0, null, 0);
        if (rc != 0) {
            return rc;
        }
        rc = checkHashFunctionSupported(func);
        if (rc != 0) {
            return rc;
        }
        beginSet(FeatureId.RSS_HASH_FUNCTION);
        if (!setControlBuffer(rssKey, (int) RssHashKey.SIZE, true, "RSS hash key")) {
            return EnaErrno.EINVAL;
        }
        RssHashFunction.selectedFunc(cmd, SET, RssHashFunction.funcMask(func));
        RssHashFunction.initVal(cmd, SET, initVal);
        return exec();
    }

    /** {@code EOPNOTSUPP} unless the last RSS_HASH_FUNCTION GET in {@link #resp} lists {@code func} (§8.10). */
    private int checkHashFunctionSupported(int func) {
        int supported = RssHashFunction.supportedFunc(resp, GET);
        if ((supported & RssHashFunction.funcMask(func)) == 0) {
            return reject(EnaErrno.EOPNOTSUPP, "RSS hash function " + func
                    + " not supported by the device (supported 0x" + Integer.toHexString(supported) + ")");
        }
        return 0;
    }

    /**
     * GET_FEATURE(RSS_HASH_FUNCTION) with the key buffer (§8.10): the selected function (index of the lowest
     * set bit of {@code selected_func}) and the key ({@code key_parts × 4} bytes). Invalid responses: no bit
     * selected, an unknown function, {@code key_parts} above {@value RssHashKey#KEY_PARTS}.
     */
    public synchronized AdminResult<RssHashFunctionInfo> getHashFunction() {
        if (!supports(FeatureId.RSS_HASH_FUNCTION)) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        if (rssKey == null) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS hash key buffer not set up: call rssInit first"));
        }
        int rc = getFeature(FeatureId.RSS_HASH_FUNCTION, 0, rssKey, (int) RssHashKey.SIZE);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int supported = RssHashFunction.supportedFunc(resp, GET);
        int selected = RssHashFunction.selectedFunc(resp, GET);
        int initVal = RssHashFunction.initVal(resp, GET);
        int func = Math.max(0, RssHashFunction.lowestFunc(selected));
        if (func != RssHashFunction.TOEPLITZ && func != RssHashFunction.CRC32) {
            return invalid("RSS selected_func 0x" + Integer.toHexString(selected)
                    + ": accepted a lowest set bit of 1 (Toeplitz) or 2 (CRC32)");
        }
        long parts = Integer.toUnsignedLong(RssHashKey.keyParts(rssKey.segment(), 0));
        if (parts > RssHashKey.KEY_PARTS) {
            return invalid("RSS key_parts " + parts + " out of range: accepted 0.." + RssHashKey.KEY_PARTS);
        }
        byte[] key = Le.bytes(rssKey.segment(), RssHashKey.KEY_OFFSET, (int) parts * Integer.BYTES);
        return AdminResult.success(new RssHashFunctionInfo(func, supported, initVal, key));
    }

    /**
     * Applies the driver's default hash inputs (§8.13, the reference's {@code ena_com_set_default_hash_ctrl}):
     * GET with the 256-byte buffer, defaults of {@link RssConfig#defaultHashFields} on top of the device's
     * selection, every selection ⊆ support ({@code EOPNOTSUPP} otherwise, nothing set), then SET with
     * {@code enabled_input_sort = L3 | L4}.
     */
    public synchronized int setDefaultHashInput() {
        int rc = readHashCtrl();
        if (rc != 0) {
            return rc;
        }
        MemorySegment c = rssHashCtrl.segment();
        int[] fields = new int[RssHashInputTable.PROTO_SLOTS];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = RssConfig.defaultHashFields(i, RssHashInputTable.selectedFields(c, 0, i));
        }
        return writeHashCtrl(fields);
    }

    /**
     * Sets all {@value RssHashInputTable#PROTO_SLOTS} protocol field selections (GET, subset check, SET).
     * {@code EOPNOTSUPP} if any selection is not supported by the device.
     */
    public synchronized int setHashInput(int[] fields) {
        if (fields.length != RssHashInputTable.PROTO_SLOTS) {
            return reject(EnaErrno.EINVAL, "hash field table length " + fields.length + " out of range: accepted "
                    + RssHashInputTable.PROTO_SLOTS);
        }
        for (int i = 0; i < fields.length; i++) {
            if ((fields[i] & ~0xFFFF) != 0) {
                return reject(EnaErrno.EINVAL, "hash fields 0x" + Integer.toHexString(fields[i]) + " of protocol " + i
                        + " out of range: accepted 0..0xFFFF");
            }
        }
        int rc = readHashCtrl();
        return rc != 0 ? rc : writeHashCtrl(fields.clone());
    }

    /**
     * Sets the hash fields of one protocol (the reference's {@code ena_com_fill_hash_ctrl}): GET, replace
     * {@code selected_fields[proto]}, SET. Deviations: fields the device does not support are refused with
     * {@code EOPNOTSUPP} before the SET (the reference only warns and sends them), and the SET's errno is
     * returned (the reference always returns 0).
     */
    public synchronized int fillHashInput(int proto, int fields) {
        if (proto < 0 || proto >= RssHashInputTable.PROTO_SLOTS) {
            return reject(EnaErrno.EINVAL, "RSS protocol " + proto + " out of range: accepted 0.."
                    + (RssHashInputTable.PROTO_SLOTS - 1));
        }
        if ((fields & ~0xFFFF) != 0) {
            return reject(EnaErrno.EINVAL, "hash fields 0x" + Integer.toHexString(fields)
                    + " out of range: accepted 0..0xFFFF");
        }
        int rc = readHashCtrl();
        if (rc != 0) {
            return rc;
        }
        MemorySegment c = rssHashCtrl.segment();
        int[] all = new int[RssHashInputTable.PROTO_SLOTS];
        for (int i = 0; i < all.length; i++) {
            all[i] = RssHashInputTable.selectedFields(c, 0, i);
        }
        all[proto] = fields;
        return writeHashCtrl(all);
    }

    /** GET_FEATURE(RSS_HASH_INPUT) with the buffer: {@code selected_fields[proto]} (§8.13). */
    public synchronized AdminResult<Integer> getHashInput(int proto) {
        if (proto < 0 || proto >= RssHashInputTable.PROTO_SLOTS) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS protocol " + proto + " out of range: accepted 0.."
                    + (RssHashInputTable.PROTO_SLOTS - 1)));
        }
        int rc = readHashCtrl();
        return rc != 0 ? AdminResult.failure(rc)
                : AdminResult.success(RssHashInputTable.selectedFields(rssHashCtrl.segment(), 0, proto));
    }

    private int readHashCtrl() {
        if (!supports(FeatureId.RSS_HASH_INPUT)) {
            return EnaErrno.EOPNOTSUPP;
        }
        if (rssHashCtrl == null) {
            return reject(EnaErrno.EINVAL, "RSS hash input buffer not set up: call rssInit first");
        }
        return getFeature(FeatureId.RSS_HASH_INPUT, 0, rssHashCtrl, (int) RssHashInputTable.SIZE);
    }

    /** Writes {@code fields} as the selection after the subset check, then SETs; the buffer holds the last GET. */
    private int writeHashCtrl(int[] fields) {
        MemorySegment c = rssHashCtrl.segment();
        for (int i = 0; i < RssHashInputTable.PROTO_SLOTS; i++) {
            int supported = RssHashInputTable.supportedFields(c, 0, i);
            if ((fields[i] & supported) != fields[i]) {
                return reject(EnaErrno.EOPNOTSUPP, "hash fields 0x" + Integer.toHexString(fields[i])
                        + " of protocol " + i
                        + " not supported by the device (supported 0x" + Integer.toHexString(supported) + ")");
            }
        }
        for (int i = 0; i < RssHashInputTable.PROTO_SLOTS; i++) {
            RssHashInputTable.selectedFields(c, 0, i, fields[i]);
        }
        beginSet(FeatureId.RSS_HASH_INPUT);
        if (!setControlBuffer(rssHashCtrl, (int) RssHashInputTable.SIZE, true, "RSS hash input")) {
            return EnaErrno.EINVAL;
        }
        RssHashInput.enabledInputSort(cmd, SET, RssHashInput.L3_SORT | RssHashInput.L4_SORT);
        return exec();
    }

    /**
     * Applies {@code config} as the reference driver does at interface up (§13.2 step 5): indirection table
     * (if given), hash function and key, hash inputs (given or defaults). A step the device does not support
     * ({@code EOPNOTSUPP}) is skipped; any other failure stops and is returned.
     */
    public synchronized int applyRss(RssConfig config) {
        int[] table = config.indirectionTable();
        if (table != null) {
            int rc = setIndirectionTable(table);
            if (rc != 0 && rc != EnaErrno.EOPNOTSUPP) {
                return rc;
            }
        }
        int rc = fillHashFunction(config.hashFunction(), config.key(), config.initVal());
        if (rc != 0 && rc != EnaErrno.EOPNOTSUPP) {
            return rc;
        }
        int[] fields = config.hashFields();
        rc = fields == null ? setDefaultHashInput() : setHashInput(fields);
        return rc == EnaErrno.EOPNOTSUPP ? 0 : rc;
    }

    // ------------------------------------------------------------------------------------------------------
    // I/O queues (§7.1–§7.4)
    // ------------------------------------------------------------------------------------------------------

    /**
     * CREATE_CQ (§7.1): interrupt-mode bit, entry size in words (Tx 2, Rx 4, doubled when extended), depth,
     * MSI-X vector and the ring address. The response's interrupt-unmask register (and the NUMA register when
     * non-zero) must be 4-byte aligned, outside the fixed register block and inside BAR 0; otherwise the CQ is
     * destroyed again and the call returns {@code EINVAL}.
     *
     * @param ring host memory of at least {@link IoQueueParams#cqRingBytes()} bytes, zero-filled
     */
    public synchronized AdminResult<CqInfo> createCq(IoQueueParams params, DmaBuffer ring) {
        requireBuffer(ring, params.cqRingBytes(), "CQ ring");
        begin(AdminOpcode.CREATE_CQ);
        CreateCqCmd.interruptModeEnabled(cmd, 0, params.interruptMode() ? 1 : 0);
        CreateCqCmd.cqEntrySizeWords(cmd, 0, params.cqEntrySize() / Integer.BYTES);
        CreateCqCmd.cqDepth(cmd, 0, params.depth());
        CreateCqCmd.msixVector(cmd, 0, params.msixVector());
        if (!putAddr(CreateCqCmd.CQ_BA_OFFSET, ring.ioAddress(), "CQ ring")) {
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        int rc = exec();
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        CqInfo cq = new CqInfo(CreateCqResp.cqIdx(resp, 0), params.direction(), params.depth(), params.cqEntrySize(),
                ring.ioAddress(), params.msixVector(), CreateCqResp.cqActualDepth(resp, 0),
                CreateCqResp.numaNodeRegisterOffset(resp, 0), CreateCqResp.cqHeadDbRegisterOffset(resp, 0),
                CreateCqResp.cqInterruptUnmaskRegisterOffset(resp, 0));
        String bad = checkRegister("CQ " + cq.cqIdx() + " cq_interrupt_unmask_register_offset",
                Integer.toUnsignedLong(cq.unmaskRegOffset()));
        if (bad == null && cq.numaRegOffset() != 0) {
            bad = checkRegister("CQ " + cq.cqIdx() + " numa_node_register_offset",
                    Integer.toUnsignedLong(cq.numaRegOffset()));
        }
        if (bad != null) {
            noteInvalidResponse(bad);
            destroyCq(cq);
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        return AdminResult.success(cq);
    }

    /**
     * CREATE_SQ (§7.2) bound to {@code cq}: direction, placement, completion policy 0, physically contiguous,
     * depth, and the ring address for host placement only. The response's doorbell must be a valid BAR 0
     * register; with device placement the LLQ region ({@code depth × entry size} bytes at
     * {@code llq_descriptors_offset}) must be 8-byte aligned and inside BAR 2 when its size is known. A rejected
     * response destroys the SQ again and returns {@code EINVAL}.
     *
     * @param ring host ring of at least {@link IoQueueParams#sqRingBytes()} bytes for host placement; ignored
     *             (may be null) for device placement
     */
    public synchronized AdminResult<SqInfo> createSq(IoQueueParams params, CqInfo cq, DmaBuffer ring) {
        if (cq.direction() != params.direction()) {
            throw new IllegalArgumentException("SQ direction " + params.direction() + " does not match CQ "
                    + cq.cqIdx() + " direction " + cq.direction());
        }
        boolean host = params.hostPlacement();
        if (host) {
            requireBuffer(ring, params.sqRingBytes(), "SQ ring");
        }
        begin(AdminOpcode.CREATE_SQ);
        CreateSqCmd.sqDirection(cmd, 0, params.direction());
        CreateSqCmd.placementPolicy(cmd, 0, params.placement());
        // The only policy the reference uses: one completion per descriptor.
        CreateSqCmd.completionPolicy(cmd, 0, CreateSqCmd.COMPLETION_POLICY_DESC);
        CreateSqCmd.isPhysicallyContiguous(cmd, 0, 1);
        CreateSqCmd.cqIdx(cmd, 0, cq.cqIdx());
        CreateSqCmd.sqDepth(cmd, 0, params.depth());
        long ringAddr = host ? ring.ioAddress() : 0;
        if (host && !putAddr(CreateSqCmd.SQ_BA_OFFSET, ringAddr, "SQ ring")) {
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        int rc = exec();
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        SqInfo sq = new SqInfo(CreateSqResp.sqIdx(resp, 0), params.direction(), params.placement(), params.depth(),
                cq.cqIdx(), ringAddr, CreateSqResp.sqDoorbellOffset(resp, 0),
                CreateSqResp.llqDescriptorsOffset(resp, 0), CreateSqResp.llqHeadersOffset(resp, 0));
        String bad = checkRegister("SQ " + sq.sqIdx() + " sq_doorbell_offset",
                Integer.toUnsignedLong(sq.doorbellOffset()));
        if (bad == null && !host) {
            bad = checkLlqRegion(sq, (long) params.depth() * params.llqEntrySize());
        }
        if (bad != null) {
            noteInvalidResponse(bad);
            destroySq(sq);
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        return AdminResult.success(sq);
    }

    /**
     * Creates one I/O queue the reference way (§7.2, {@code ena_com_create_io_queue}): CQ first, then the SQ
     * bound to it; if the SQ fails, the CQ is destroyed again.
     */
    public synchronized AdminResult<IoQueue> createIoQueue(IoQueueParams params, DmaBuffer cqRing, DmaBuffer sqRing) {
        AdminResult<CqInfo> cq = createCq(params, cqRing);
        if (!cq.ok()) {
            return AdminResult.failure(cq.rc());
        }
        AdminResult<SqInfo> sq = createSq(params, cq.value(), sqRing);
        if (!sq.ok()) {
            destroyCq(cq.value());
            return AdminResult.failure(sq.rc());
        }
        return AdminResult.success(new IoQueue(cq.value(), sq.value()));
    }

    /** DESTROY_SQ (§7.3): SQ index and direction. */
    public synchronized int destroySq(SqInfo sq) {
        begin(AdminOpcode.DESTROY_SQ);
        DestroySqCmd.sqIdx(cmd, 0, sq.sqIdx());
        DestroySqCmd.sqDirection(cmd, 0, sq.direction());
        return exec();
    }

    /** DESTROY_CQ (§7.4): CQ index. */
    public synchronized int destroyCq(CqInfo cq) {
        begin(AdminOpcode.DESTROY_CQ);
        DestroyCqCmd.cqIdx(cmd, 0, cq.cqIdx());
        return exec();
    }

    /** Destroys the SQ, then its CQ (§7.4), always both; returns the first failure or 0. */
    public synchronized int destroyIoQueue(IoQueue queue) {
        int sqRc = destroySq(queue.sq());
        int cqRc = destroyCq(queue.cq());
        return sqRc != 0 ? sqRc : cqRc;
    }

    // ------------------------------------------------------------------------------------------------------
    // Statistics (§7.6)
    // ------------------------------------------------------------------------------------------------------

    /** GET_STATS type BASIC (§7.6). */
    public synchronized AdminResult<BasicStatsInfo> getBasicStats() {
        beginStats(StatsType.BASIC);
        int rc = exec();
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(BasicStatsInfo.parse(resp));
    }

    /** GET_STATS type ENI (§7.6); {@code EOPNOTSUPP} without capability bit 0, nothing sent. */
    public synchronized AdminResult<EniStatsInfo> getEniStats() {
        if (!hasCapability(DeviceAttributes.CAP_ENI_STATS)) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        beginStats(StatsType.ENI);
        int rc = exec();
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(EniStatsInfo.parse(resp));
    }

    /** GET_STATS type ENA_SRD (§7.6); {@code EOPNOTSUPP} without capability bit 1, nothing sent. */
    public synchronized AdminResult<EnaSrdInfo> getEnaSrdInfo() {
        if (!hasCapability(DeviceAttributes.CAP_ENA_SRD_INFO)) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        beginStats(StatsType.ENA_SRD);
        int rc = exec();
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(EnaSrdInfo.parse(resp));
    }

    /**
     * GET_STATS type CUSTOMER_METRICS value query (§7.6): the {@value CustomerMetrics#BUFFER_SIZE}-byte control
     * buffer (AQ flags 0, as the
     * reference) and {@code requested_metrics} = the supported set; the device packs one u64 per metric in
     * ascending id order. {@code EOPNOTSUPP} without capability bit 2 or with an empty supported set.
     */
    public synchronized AdminResult<CustomerMetricsInfo> getCustomerMetrics() {
        if (!hasCapability(DeviceAttributes.CAP_CUSTOMER_METRICS) || customerMetricsSupported == 0) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        if (metricsBuffer == null) {
            metricsBuffer = allocate(CustomerMetrics.BUFFER_SIZE, "customer-metrics buffer");
            if (metricsBuffer == null) {
                return AdminResult.failure(EnaErrno.ENOMEM);
            }
        }
        beginStats(StatsType.CUSTOMER_METRICS);
        if (!setControlBuffer(metricsBuffer, CustomerMetrics.BUFFER_SIZE, false, "customer-metrics buffer")) {
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        int requested = customerMetricsSupported;
        GetStatsCmd.requestedMetrics(cmd, 0, requested);
        int rc = exec();
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        return AdminResult.success(CustomerMetricsInfo.parse(metricsBuffer.segment(), requested));
    }

    // ------------------------------------------------------------------------------------------------------
    // Teardown
    // ------------------------------------------------------------------------------------------------------

    /** Releases every control buffer this object owns. Commands that need them fail afterwards. */
    @Override
    public synchronized void close() {
        rssDestroy();
        if (metricsBuffer != null) {
            dma.free(metricsBuffer);
            metricsBuffer = null;
        }
        if (flowRuleBuffer != null) {
            dma.free(flowRuleBuffer);
            flowRuleBuffer = null;
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Command plumbing
    // ------------------------------------------------------------------------------------------------------

    /** Zeroes the command image (the reference memsets every command) and sets the opcode. */
    private void begin(AdminOpcode op) {
        cmd.fill((byte) 0);
        AqEntry.opcode(cmd, 0, op.code());
        opcode = op;
    }

    private void beginFeature(AdminOpcode op, FeatureId feature, int version) {
        begin(op);
        FeatureCmd.featureId(cmd, 0, feature.code());
        FeatureCmd.featureVersion(cmd, 0, version);
    }

    /** A SET_FEATURE of {@code feature}, feature version 0 (every SET this layer sends). */
    private void beginSet(FeatureId feature) {
        beginFeature(AdminOpcode.SET_FEATURE, feature, 0);
    }

    private void beginStats(StatsType type) {
        begin(AdminOpcode.GET_STATS);
        GetStatsCmd.type(cmd, 0, type.code());
    }

    /** The support check of §8.1 for {@code feature}. */
    private boolean supports(FeatureId feature) {
        return isFeatureSupported(feature.code());
    }

    /**
     * GET_FEATURE (§7.5): support check, AQ flags {@link FeatureCmd#AQ_FLAGS_WITH_CTRL_BUFFER} only when a control
     * buffer is passed, control buffer descriptor, feature id and version.
     */
    private int getFeature(FeatureId feature, int version, DmaBuffer ctrl, int ctrlLen) {
        if (!supports(feature)) {
            LOG.debug("feature {} not supported by the device; GET not sent", feature.code());
            return EnaErrno.EOPNOTSUPP;
        }
        beginFeature(AdminOpcode.GET_FEATURE, feature, version);
        if (ctrl != null && !setControlBuffer(ctrl, ctrlLen, true,
                "GET_FEATURE(" + feature.code() + ") control buffer")) {
            return EnaErrno.EINVAL;
        }
        return exec();
    }

    private boolean setControlBuffer(DmaBuffer buf, int len, boolean indirectFlag, String what) {
        if (len > buf.size()) {
            throw new IllegalArgumentException(what + ": length " + len + " exceeds the buffer's " + buf.size()
                    + " bytes");
        }
        if (!putAddr(AqEntry.CTRL_BUFFER_ADDRESS_OFFSET, buf.ioAddress(), what)) {
            return false;
        }
        AqEntry.ctrlBufferLength(cmd, 0, len);
        if (indirectFlag && len != 0) {
            AqEntry.flags(cmd, 0, FeatureCmd.AQ_FLAGS_WITH_CTRL_BUFFER);
        }
        return true;
    }

    /**
     * Writes a MemAddr at {@code off} of the command after the DMA-width check of §1; on failure nothing is sent
     * and false is returned. The RSVD half is not written: {@link #begin} zeroed it.
     */
    private boolean putAddr(long off, long addr, String what) {
        if ((addr & ~dmaAddrMask) != 0) {
            rejectedAddresses++;
            reject(EnaErrno.EINVAL, what + " DMA address 0x" + Long.toHexString(addr) + " has bits at or above the "
                    + "device's " + dmaAddrBits + "-bit DMA width; command not sent");
            return false;
        }
        MemAddr.address(cmd, off, addr);
        return true;
    }

    /** Submits {@link #cmd} with the command and response lengths of its opcode (§6.7). */
    private int exec() {
        resp.fill((byte) 0);
        int rc = executor.execute(cmd, opcode.commandSize(), resp, opcode.responseSize());
        if (rc != 0) {
            LOG.debug("admin opcode {} failed: {}", opcode.code(), EnaErrno.name(rc));
        }
        return rc;
    }

    /**
     * Null if {@code off} can be a run-time register (§3.1): 4-byte aligned, past the fixed register block and,
     * when BAR 0's size is known, inside it; else the reason.
     */
    private String checkRegister(String what, long off) {
        if ((off & 3) != 0) {
            return what + " 0x" + Long.toHexString(off) + " is not 32-bit aligned";
        }
        if (off < FIXED_REGISTER_END) {
            return what + " 0x" + Long.toHexString(off) + " lies in the fixed register block 0x0..0x"
                    + Integer.toHexString(FIXED_REGISTER_END - 1);
        }
        if (bar0Size >= 0 && off + 4 > bar0Size) {
            return what + " 0x" + Long.toHexString(off) + " lies outside BAR 0 (0x" + Long.toHexString(bar0Size)
                    + " bytes)";
        }
        return null;
    }

    private String checkLlqRegion(SqInfo sq, long bytes) {
        long off = Integer.toUnsignedLong(sq.llqDescriptorsOffset());
        if (off % LLQ_REGION_ALIGNMENT != 0) {
            return "SQ " + sq.sqIdx() + " llq_descriptors_offset 0x" + Long.toHexString(off) + " is not "
                    + LLQ_REGION_ALIGNMENT + "-byte aligned";
        }
        if (bar2Size >= 0 && off + bytes > bar2Size) {
            return "SQ " + sq.sqIdx() + " LLQ region 0x" + Long.toHexString(off) + "+" + bytes
                    + " lies outside BAR 2 (0x" + Long.toHexString(bar2Size) + " bytes)";
        }
        return null;
    }

    private static void requireBuffer(DmaBuffer buf, long min, String what) {
        if (buf == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (buf.size() < min) {
            throw new IllegalArgumentException(what + " of " + buf.size() + " bytes too small: needs at least " + min);
        }
    }

    private DmaBuffer allocate(long size, String what) {
        try {
            return dma.allocate(size);
        } catch (DmaException e) {
            reject(EnaErrno.ENOMEM, "cannot allocate " + size + " bytes for the " + what + ": " + e.getMessage());
            return null;
        }
    }

    /** Records a refused argument or condition and returns {@code rc}. */
    private int reject(int rc, String message) {
        lastError = message;
        LOG.warn("{} ({})", message, EnaErrno.name(rc));
        return rc;
    }

    /** Counts and records a device response that failed validation. */
    synchronized void noteInvalidResponse(String message) {
        invalidResponses++;
        lastError = "invalid device response: " + message;
        LOG.warn(lastError);
    }

    private <T> AdminResult<T> invalid(String message) {
        noteInvalidResponse(message);
        return AdminResult.failure(EnaErrno.EINVAL);
    }
}
