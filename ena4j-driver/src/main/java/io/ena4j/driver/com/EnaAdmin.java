package io.ena4j.driver.com;

import io.ena4j.platform.DmaAllocator;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.DmaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.MemorySegment;
import java.security.SecureRandom;
import java.util.Objects;

import static io.ena4j.driver.com.AdminWire.*;

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
    /** Smallest DMA width the driver accepts (§2.4). */
    public static final int MIN_DMA_ADDR_BITS = 32;
    /** Largest DMA width the driver accepts (§2.4; MemAddr carries 48 bits). */
    public static final int MAX_DMA_ADDR_BITS = 48;
    /** Size of the host-info page (§12.1). */
    public static final int HOST_INFO_SIZE = 4096;
    /** Size of the customer-metrics control buffer (§7.6, §14). */
    public static final int CUSTOMER_METRICS_BUFFER_SIZE = 512;
    /** Driver minimum MTU (§8.12). */
    public static final int MIN_MTU = 128;
    /**
     * First BAR 0 offset past the fixed register block (§3.1 defines registers up to 0x68). Registers the device
     * reports at run time (doorbells, unmask, NUMA, PHC) must not alias the fixed block: a write there would
     * hit AQ/reset/readless registers.
     */
    public static final int FIXED_REGISTER_END = 0x6C;
    /** LLQ entries are copied with 64-bit stores, so a descriptor region must start 8-byte aligned (§7.2). */
    public static final int LLQ_REGION_ALIGNMENT = 8;

    private static final int RSS_FEATURE_VERSION_SIZING = 1;
    private static final int AENQ_GROUPS_OFF = SET_PAYLOAD + 4;

    private final AdminExecutor executor;
    private final DmaAllocator dma;
    private final int dmaAddrBits;
    private final long dmaAddrMask;
    private final long bar0Size;
    private final long bar2Size;
    private final MemorySegment cmd = MemorySegment.ofArray(new byte[ENTRY_SIZE]);
    private final MemorySegment resp = MemorySegment.ofArray(new byte[ENTRY_SIZE]);

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
     * @param dmaAddrBits the device's DMA width from CAPS, {@value #MIN_DMA_ADDR_BITS}..{@value #MAX_DMA_ADDR_BITS}
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
        if (dmaAddrBits < MIN_DMA_ADDR_BITS || dmaAddrBits > MAX_DMA_ADDR_BITS) {
            throw new IllegalArgumentException("DMA address width " + dmaAddrBits + " bits out of range: accepted "
                    + MIN_DMA_ADDR_BITS + ".." + MAX_DMA_ADDR_BITS);
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

    /** True if capability bit {@code bit} of the last DEVICE_ATTRIBUTES is set. */
    public synchronized boolean hasCapability(int bit) {
        return bit >= 0 && bit < 32 && (capabilities & (1 << bit)) != 0;
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
        if (featureId == FEAT_DEVICE_ATTRIBUTES) {
            return true;
        }
        return featureId >= 0 && featureId < 32 && (mask & (1 << featureId)) != 0;
    }

    // ------------------------------------------------------------------------------------------------------
    // Host attributes (§8.17, §12)
    // ------------------------------------------------------------------------------------------------------

    /**
     * SET_FEATURE(HOST_ATTR_CONFIG) (§8.17): registers the host-info page and, optionally, the debug area. Sent
     * without the support check (it precedes DEVICE_ATTRIBUTES at probe, §13.1 step 9).
     *
     * @param hostInfo      the 4 KiB host-info page, filled by {@link HostInfoWriter}
     * @param debugArea     the debug area, or null
     * @param debugAreaSize bytes of the debug area the device may read (0 without one)
     */
    public synchronized int setHostAttributes(DmaBuffer hostInfo, DmaBuffer debugArea, int debugAreaSize) {
        requireBuffer(hostInfo, HOST_INFO_SIZE, "host-info page");
        if (debugArea == null ? debugAreaSize != 0 : debugAreaSize <= 0 || debugAreaSize > debugArea.size()) {
            throw new IllegalArgumentException("debug area size " + debugAreaSize + " out of range: accepted "
                    + (debugArea == null ? "0 without a debug area" : "1.." + debugArea.size()));
        }
        beginFeature(OP_SET_FEATURE, FEAT_HOST_ATTR, 0);
        if (!putAddr(SET_PAYLOAD, hostInfo.ioAddress(), "host-info page")
                || !putAddr(SET_PAYLOAD + 8, debugArea == null ? 0 : debugArea.ioAddress(), "debug area")) {
            return EnaErrno.EINVAL;
        }
        u32(cmd, SET_PAYLOAD + 16, debugAreaSize);
        return exec(FEATURE_LEN, FULL_RESP_LEN);
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
     * depths ≥ 256 after power-of-two rounding, per-packet descriptors ≥ 1 ({@link MaxQueues#validate}); the Tx
     * SQ host figures are exempt when the device offers LLQ queues. These checks run after all commands, so the
     * command sequence is the reference's whatever the values.
     */
    public synchronized AdminResult<DeviceFeatures> getDeviceFeatures() {
        int rc = getFeature(FEAT_DEVICE_ATTRIBUTES, 0, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        DeviceAttributes attr = DeviceAttributes.parse(resp);
        supportedFeatures = attr.supportedFeatures();
        capabilities = attr.capabilities();

        MaxQueues maxQueues;
        if (isFeatureSupported(FEAT_MAX_QUEUES_EXT)) {
            rc = getFeature(FEAT_MAX_QUEUES_EXT, MaxQueues.EXT_VERSION, null, 0);
            if (rc != 0) {
                return AdminResult.failure(rc);
            }
            int version = MaxQueues.extVersion(resp);
            if (version != MaxQueues.EXT_VERSION) {
                return invalid("MAX_QUEUES_EXT version " + version + " in response: accepted "
                        + MaxQueues.EXT_VERSION);
            }
            maxQueues = MaxQueues.parseExt(resp);
        } else {
            rc = getFeature(FEAT_MAX_QUEUES_NUM, 0, null, 0);
            if (rc != 0) {
                return AdminResult.failure(rc);
            }
            maxQueues = MaxQueues.parseLegacy(resp);
        }

        rc = getFeature(FEAT_AENQ_CONFIG, 0, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        AenqGroups aenq = AenqGroups.parse(resp);

        rc = getFeature(FEAT_STATELESS_OFFLOAD, 0, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        OffloadSettings offloads = OffloadSettings.parse(resp);

        rc = getFeature(FEAT_HW_HINTS, 0, null, 0);
        HwHints hints;
        if (rc == 0) {
            hints = HwHints.parse(resp, RESP_PAYLOAD);
        } else if (rc == EnaErrno.EOPNOTSUPP) {
            hints = HwHints.NONE;
        } else {
            return AdminResult.failure(rc);
        }

        rc = getFeature(FEAT_LLQ, LlqCaps.GET_VERSION, null, 0);
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
            return CustomerMetrics.MIN_SUPPORT_MASK;
        }
        beginStats(STATS_TYPE_CUSTOMER_METRICS);
        u64(cmd, STATS_REQUESTED_METRICS_OFF, CustomerMetrics.FULL_SUPPORT_MASK);
        int rc = exec(STATS_LEN, FULL_RESP_LEN);
        if (rc != 0) {
            LOG.warn("customer-metrics support query failed: {}; no customer metrics", EnaErrno.name(rc));
            return 0;
        }
        long reported = u64(resp, RESP_PAYLOAD);
        // Only ids this layer knows are ever requested, so the value layout (one u64 per id) stays known.
        return (int) (reported & CustomerMetrics.FULL_SUPPORT_MASK);
    }

    /** GET_FEATURE(AENQ_CONFIG) (§8.15). */
    public synchronized AdminResult<AenqGroups> getAenqConfig() {
        int rc = getFeature(FEAT_AENQ_CONFIG, 0, null, 0);
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(AenqGroups.parse(resp));
    }

    /**
     * GET then SET AENQ_CONFIG with {@code enabled_groups = groups} (§8.15, §13.1 step 11). Fails with
     * {@code EOPNOTSUPP} after the GET, without the SET, if {@code groups} is not a subset of
     * {@code supported_groups}. The driver passes {@code AenqGroups.DRIVER_DEFAULT & supported}.
     */
    public synchronized int setAenqConfig(int groups) {
        int rc = getFeature(FEAT_AENQ_CONFIG, 0, null, 0);
        if (rc != 0) {
            return rc;
        }
        int supported = AenqGroups.parse(resp).supported();
        if ((supported & groups) != groups) {
            return reject(EnaErrno.EOPNOTSUPP, "AENQ groups 0x" + Integer.toHexString(groups)
                    + " not a subset of the supported groups 0x" + Integer.toHexString(supported));
        }
        beginFeature(OP_SET_FEATURE, FEAT_AENQ_CONFIG, 0);
        u32(cmd, AENQ_GROUPS_OFF, groups);
        return exec(FEATURE_LEN, FULL_RESP_LEN);
    }

    /** GET_FEATURE(STATELESS_OFFLOAD_CONFIG) (§8.9). */
    public synchronized AdminResult<OffloadSettings> getOffloadSettings() {
        int rc = getFeature(FEAT_STATELESS_OFFLOAD, 0, null, 0);
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(OffloadSettings.parse(resp));
    }

    /** GET_FEATURE(LINK_CONFIG) (§8.16). */
    public synchronized AdminResult<LinkParams> getLinkParams() {
        int rc = getFeature(FEAT_LINK_CONFIG, 0, null, 0);
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(LinkParams.parse(resp));
    }

    /**
     * GET_FEATURE(INTERRUPT_MODERATION) (§8.14): the interrupt delay resolution in µs. A reported 0 is treated
     * as 1, as the reference does (a documented default, not an error). {@code EOPNOTSUPP} means the device
     * has no moderation; the reference then disables adaptive moderation and carries on.
     */
    public synchronized AdminResult<Integer> getInterruptDelayResolution() {
        int rc = getFeature(FEAT_INTERRUPT_MODERATION, 0, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int resolution = u16(resp, RESP_PAYLOAD);
        return AdminResult.success(resolution == 0 ? 1 : resolution);
    }

    // ------------------------------------------------------------------------------------------------------
    // LLQ, MTU, fragment bypass, HW timestamping, PHC (§8.5, §8.8, §8.12, §8.18, §8.20)
    // ------------------------------------------------------------------------------------------------------

    /**
     * SET_FEATURE(LLQ) version 0 (§8.5 step 8): only the four {@code *_enabled} codes and
     * {@code accel_mode.enabled_flags = 0x0003} (both accel bits always requested).
     */
    public synchronized int setLlq(LlqConfig config) {
        if (!isFeatureSupported(FEAT_LLQ)) {
            return EnaErrno.EOPNOTSUPP;
        }
        beginFeature(OP_SET_FEATURE, FEAT_LLQ, 0);
        u16(cmd, SET_PAYLOAD + 10, config.headerLocation());
        u16(cmd, SET_PAYLOAD + 14, config.entrySizeCtrl());
        u16(cmd, SET_PAYLOAD + 18, config.descsBeforeHeader());
        u16(cmd, SET_PAYLOAD + 22, config.descStride());
        u16(cmd, SET_PAYLOAD + 28, LlqConfig.ACCEL_DISABLE_META_CACHING | LlqConfig.ACCEL_LIMIT_TX_BURST);
        return exec(FEATURE_LEN, FULL_RESP_LEN);
    }

    /**
     * SET_FEATURE(MTU) (§8.12). The MTU must lie in {@value #MIN_MTU}..{@code max_mtu} of the last
     * DEVICE_ATTRIBUTES (just ≥ {@value #MIN_MTU} before the first); otherwise {@code EINVAL}, nothing sent.
     */
    public synchronized int setMtu(int mtu) {
        if (!isFeatureSupported(FEAT_MTU)) {
            return EnaErrno.EOPNOTSUPP;
        }
        long max = features == null ? 0xFFFF_FFFFL : features.attributes().maxMtu();
        if (mtu < MIN_MTU || mtu > max) {
            return reject(EnaErrno.EINVAL, "MTU " + mtu + " out of range: accepted " + MIN_MTU + ".." + max);
        }
        beginFeature(OP_SET_FEATURE, FEAT_MTU, 0);
        u32(cmd, SET_PAYLOAD, mtu);
        return exec(FEATURE_LEN, FULL_RESP_LEN);
    }

    /** SET_FEATURE(FRAG_BYPASS) version 0 (§8.8). */
    public synchronized int setFragBypass(boolean enable) {
        if (!isFeatureSupported(FEAT_FRAG_BYPASS)) {
            return EnaErrno.EOPNOTSUPP;
        }
        beginFeature(OP_SET_FEATURE, FEAT_FRAG_BYPASS, 0);
        u8(cmd, SET_PAYLOAD, enable ? 1 : 0);
        return exec(FEATURE_LEN, FULL_RESP_LEN);
    }

    /**
     * GET_FEATURE(HW_TIMESTAMP) version 1 (§8.20). The Tx and Rx support values must be 0 (none) or 1 (all); any
     * other value is an invalid response, since it would decide the completion-entry size of every queue.
     */
    public synchronized AdminResult<HwTimestampCaps> getHwTimestamping() {
        int rc = getFeature(FEAT_HW_TIMESTAMP, HwTimestampCaps.GET_VERSION, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        HwTimestampCaps caps = HwTimestampCaps.parse(resp);
        if (caps.tx() > HwTimestampCaps.ALL || caps.rx() > HwTimestampCaps.ALL) {
            return invalid("HW_TIMESTAMP support tx " + caps.tx() + " / rx " + caps.rx()
                    + ": accepted 0 (none), 1 (all)");
        }
        return AdminResult.success(caps);
    }

    /** SET_FEATURE(HW_TIMESTAMP) version 0 (§8.20): Tx/Rx enable 0 (none) or 1 (all). */
    public synchronized int setHwTimestamping(boolean tx, boolean rx) {
        if (!isFeatureSupported(FEAT_HW_TIMESTAMP)) {
            return EnaErrno.EOPNOTSUPP;
        }
        beginFeature(OP_SET_FEATURE, FEAT_HW_TIMESTAMP, 0);
        u8(cmd, SET_PAYLOAD + 1, tx ? HwTimestampCaps.ALL : HwTimestampCaps.NONE);
        u8(cmd, SET_PAYLOAD + 2, rx ? HwTimestampCaps.ALL : HwTimestampCaps.NONE);
        return exec(FEATURE_LEN, FULL_RESP_LEN);
    }

    /**
     * PHC setup (§10.1): GET_FEATURE(PHC_CONFIG, version 0), then SET_FEATURE(PHC_CONFIG) registering
     * {@code shared} (64 bytes) as the response buffer. A PHC version other than 0 gives {@code EOPNOTSUPP}
     * (the reference's code); a doorbell offset that is unaligned, inside the fixed register block or outside
     * BAR 0 is an invalid response. Timeouts of 0 take the driver defaults and expire is capped at block.
     */
    public synchronized AdminResult<PhcConfig> configurePhc(DmaBuffer shared) {
        requireBuffer(shared, PhcConfig.SHARED_BUFFER_SIZE, "PHC shared buffer");
        int rc = getFeature(FEAT_PHC_CONFIG, PhcConfig.SUPPORTED_VERSION, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int p = RESP_PAYLOAD;
        int version = u8(resp, p);
        if (version != PhcConfig.SUPPORTED_VERSION) {
            return AdminResult.failure(reject(EnaErrno.EOPNOTSUPP, "PHC version " + version
                    + " not supported: accepted " + PhcConfig.SUPPORTED_VERSION));
        }
        long doorbell = u32Unsigned(resp, p + 4);
        String bad = checkRegister("PHC doorbell_offset", doorbell);
        if (bad != null) {
            return invalid(bad);
        }
        long expire = u32Unsigned(resp, p + 8);
        long block = u32Unsigned(resp, p + 12);
        expire = expire != 0 ? expire : PhcConfig.DEFAULT_EXPIRE_TIMEOUT_USEC;
        block = block != 0 ? block : PhcConfig.DEFAULT_BLOCK_TIMEOUT_USEC;
        expire = Math.min(expire, block);

        beginFeature(OP_SET_FEATURE, FEAT_PHC_CONFIG, 0);
        if (!putAddr(SET_PAYLOAD + 16, shared.ioAddress(), "PHC shared buffer")) {
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        u32(cmd, SET_PAYLOAD + 24, PhcConfig.SHARED_BUFFER_SIZE);
        rc = exec(FEATURE_LEN, FULL_RESP_LEN);
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(new PhcConfig((int) doorbell, expire, block));
    }

    // ------------------------------------------------------------------------------------------------------
    // Flow steering (§8.19)
    // ------------------------------------------------------------------------------------------------------

    /**
     * Adds a flow-steering rule (§8.19): SET_FEATURE(FLOW_STEERING_CONFIG) action 1 with the 128-byte rule
     * buffer. {@code location} is a slot below {@code flow_steering_max_entries}, or
     * {@link FlowSteeringRule#DEVICE_CHOOSES_LOCATION}; then the device's choice is returned and must be below
     * the maximum ({@code EFAULT} otherwise, the reference's code). ena4j keeps no rule table here: the
     * caller owns the rules (and re-adds them after a reset, §13.5).
     *
     * @return the slot the rule occupies
     */
    public synchronized AdminResult<Integer> addFlowSteeringRule(FlowSteeringRule rule, int location) {
        Objects.requireNonNull(rule, "rule");
        if (!isFeatureSupported(FEAT_FLOW_STEERING)) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        int max = flowSteeringMaxEntries();
        if (location != FlowSteeringRule.DEVICE_CHOOSES_LOCATION && (location < 0 || location >= max)) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "flow-steering rule location " + location
                    + " out of range: accepted 0.." + (max - 1) + " or 0xFFFF (device chooses)"));
        }
        if (flowRuleBuffer == null) {
            flowRuleBuffer = allocate(FlowSteeringRule.PARAMS_SIZE, "flow-steering rule buffer");
            if (flowRuleBuffer == null) {
                return AdminResult.failure(EnaErrno.ENOMEM);
            }
        }
        rule.writeParams(flowRuleBuffer.segment());
        beginFeature(OP_SET_FEATURE, FEAT_FLOW_STEERING, 0);
        if (!setControlBuffer(flowRuleBuffer, FlowSteeringRule.PARAMS_SIZE, true, "flow-steering rule buffer")) {
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        flowSteeringPayload(1, rule.flowType(), rule.rxQueue(), location);
        int rc = exec(FEATURE_LEN, FULL_RESP_LEN);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int slot = location;
        if (location == FlowSteeringRule.DEVICE_CHOOSES_LOCATION) {
            slot = u16(resp, RESP_PAYLOAD);
            if (slot >= max) {
                noteInvalidResponse("flow-steering rule placed at slot " + slot + ": accepted 0.." + (max - 1));
                return AdminResult.failure(EnaErrno.EFAULT);
            }
        }
        return AdminResult.success(slot);
    }

    /** Removes the rule in {@code location} (§8.19, action 2, no buffer). */
    public synchronized int removeFlowSteeringRule(int location) {
        if (!isFeatureSupported(FEAT_FLOW_STEERING)) {
            return EnaErrno.EOPNOTSUPP;
        }
        int max = flowSteeringMaxEntries();
        if (location < 0 || location >= max) {
            return reject(EnaErrno.EINVAL, "flow-steering rule location " + location + " out of range: accepted 0.."
                    + (max - 1));
        }
        beginFeature(OP_SET_FEATURE, FEAT_FLOW_STEERING, 0);
        flowSteeringPayload(2, 0, 0, location);
        return exec(FEATURE_LEN, FULL_RESP_LEN);
    }

    /** Removes every rule (§8.19, action 3, no buffer). */
    public synchronized int removeAllFlowSteeringRules() {
        if (!isFeatureSupported(FEAT_FLOW_STEERING)) {
            return EnaErrno.EOPNOTSUPP;
        }
        beginFeature(OP_SET_FEATURE, FEAT_FLOW_STEERING, 0);
        flowSteeringPayload(3, 0, 0, 0);
        return exec(FEATURE_LEN, FULL_RESP_LEN);
    }

    private int flowSteeringMaxEntries() {
        return features == null ? 0 : features.attributes().flowSteeringMaxEntries();
    }

    private void flowSteeringPayload(int action, int flowType, int rxQueue, int location) {
        u8(cmd, SET_PAYLOAD, action);
        u8(cmd, SET_PAYLOAD + 1, flowType);
        u16(cmd, SET_PAYLOAD + 2, rxQueue);
        u16(cmd, SET_PAYLOAD + 4, location);
    }

    // ------------------------------------------------------------------------------------------------------
    // RSS (§8.10, §8.11, §8.13)
    // ------------------------------------------------------------------------------------------------------

    /**
     * Sets up RSS state (the reference's {@code ena_com_rss_init}): GET_FEATURE(RSS_INDIRECTION_TABLE_CONFIG)
     * without buffer for sizing, then allocates the indirection-table buffer ({@code 2^log × 4} bytes), the
     * 48-byte hash-key buffer (only if feature 10 is supported; filled with {@code initialKey} or a random key)
     * and the 256-byte hash-input buffer. Any earlier RSS buffers are released first.
     *
     * <p>The sizing GET uses feature version 1, as the Linux copy does (the DPDK copy sends 0). The response's
     * {@code max_size} must be ≤ {@value RssConfig#MAX_TABLE_LOG_SIZE} and ≥ {@code min_size}.
     *
     * @param requestedLogSize log2 of the table size wanted, or -1 for the device maximum (Linux behaviour); an
     *                         explicit size must lie in the device's [min_size, max_size] (DPDK behaviour)
     * @param initialKey       40-byte initial Toeplitz key, or null for a random one (the Linux driver also
     *                         starts from a random key, which the first hash-function GET replaces)
     * @return the table log size in use
     */
    public synchronized AdminResult<Integer> rssInit(int requestedLogSize, byte[] initialKey) {
        if (requestedLogSize < -1 || requestedLogSize > RssConfig.MAX_TABLE_LOG_SIZE) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS table log size " + requestedLogSize
                    + " out of range: accepted 0.." + RssConfig.MAX_TABLE_LOG_SIZE + " or -1 (device maximum)"));
        }
        if (initialKey != null && initialKey.length != RssConfig.KEY_SIZE) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS key length " + initialKey.length
                    + " out of range: accepted " + RssConfig.KEY_SIZE));
        }
        rssDestroy();
        int rc = getFeature(FEAT_RSS_INDIRECTION_TABLE, RSS_FEATURE_VERSION_SIZING, null, 0);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int min = u16(resp, RESP_PAYLOAD);
        int max = u16(resp, RESP_PAYLOAD + 2);
        if (max > RssConfig.MAX_TABLE_LOG_SIZE || min > max) {
            return invalid("RSS indirection table sizes min " + min + " / max " + max
                    + " (log2): accepted min <= max <= "
                    + RssConfig.MAX_TABLE_LOG_SIZE);
        }
        int log = requestedLogSize < 0 ? max : requestedLogSize;
        if (log < min || log > max) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS table log size " + log
                    + " outside the device's range " + min + ".." + max));
        }
        DmaBuffer table = allocate((long) RssConfig.TABLE_ENTRY_SIZE << log, "RSS indirection table");
        DmaBuffer key = null;
        if (table != null && isFeatureSupported(FEAT_RSS_HASH_FUNCTION)) {
            key = allocate(RssConfig.KEY_STRUCT_SIZE, "RSS hash key");
            if (key == null) {
                dma.free(table);
                table = null;
            }
        }
        DmaBuffer ctrl = table == null ? null : allocate(RssConfig.HASH_CTRL_SIZE, "RSS hash input");
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
            byte[] k = initialKey != null ? initialKey.clone() : randomKey();
            u32(key.segment(), 0, RssConfig.KEY_PARTS);
            bytes(key.segment(), 8, k);
        }
        rssTable = table;
        rssKey = key;
        rssHashCtrl = ctrl;
        rssTableLogSize = log;
        return AdminResult.success(log);
    }

    private static byte[] randomKey() {
        byte[] k = new byte[RssConfig.KEY_SIZE];
        new SecureRandom().nextBytes(k);
        return k;
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
     * {@code cq_idx} field holds {@code rxSqIdx[i]}, the device index of an Rx SQ ({@link IoSq#sqIdx()}).
     * {@code size = tbl_log_size}, {@code inline_index = 0xFFFFFFFF}. The table length must be exactly
     * {@code 2^}{@link #rssTableLogSize()}.
     */
    public synchronized int setIndirectionTable(int[] rxSqIdx) {
        if (!isFeatureSupported(FEAT_RSS_INDIRECTION_TABLE)) {
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
        for (int i = 0; i < n; i++) {
            u16(t, (long) i * RssConfig.TABLE_ENTRY_SIZE, rxSqIdx[i]);
            u16(t, (long) i * RssConfig.TABLE_ENTRY_SIZE + 2, 0);
        }
        beginFeature(OP_SET_FEATURE, FEAT_RSS_INDIRECTION_TABLE, 0);
        if (!setControlBuffer(rssTable, n * RssConfig.TABLE_ENTRY_SIZE, true, "RSS indirection table")) {
            return EnaErrno.EINVAL;
        }
        u16(cmd, SET_PAYLOAD + 4, rssTableLogSize);
        u32(cmd, SET_PAYLOAD + 8, 0xFFFFFFFF);
        return exec(FEATURE_LEN, FULL_RESP_LEN);
    }

    /**
     * GET_FEATURE(RSS_INDIRECTION_TABLE_CONFIG) version 0 with the table buffer (§8.11 read-back). Unlike the
     * reference, which returns its own host copy, this returns what the device wrote: the device Rx SQ index
     * of every entry. The response's {@code size} must equal {@link #rssTableLogSize()} (else the buffer would
     * not describe the table we sized), checked as an invalid response.
     */
    public synchronized AdminResult<int[]> getIndirectionTable() {
        if (!isFeatureSupported(FEAT_RSS_INDIRECTION_TABLE)) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        if (rssTableLogSize < 0) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS indirection table not set up: call rssInit first"));
        }
        int n = 1 << rssTableLogSize;
        int rc = getFeature(FEAT_RSS_INDIRECTION_TABLE, 0, rssTable, n * RssConfig.TABLE_ENTRY_SIZE);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int size = u16(resp, RESP_PAYLOAD + 4);
        if (size != rssTableLogSize) {
            return invalid("RSS indirection table read-back reports log size " + size + ": accepted "
                    + rssTableLogSize);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = u16(rssTable.segment(), (long) i * RssConfig.TABLE_ENTRY_SIZE);
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
        if (func != RssConfig.FUNC_TOEPLITZ && func != RssConfig.FUNC_CRC32) {
            return reject(EnaErrno.EINVAL, "RSS hash function " + func
                    + " out of range: accepted 1 (Toeplitz), 2 (CRC32)");
        }
        if (func == RssConfig.FUNC_TOEPLITZ && key != null && key.length != RssConfig.KEY_SIZE) {
            return reject(EnaErrno.EINVAL, "RSS key length " + key.length + " out of range: accepted "
                    + RssConfig.KEY_SIZE);
        }
        if (!isFeatureSupported(FEAT_RSS_HASH_FUNCTION)) {
            return EnaErrno.EOPNOTSUPP;
        }
        if (rssKey == null) {
            return reject(EnaErrno.EINVAL, "RSS hash key buffer not set up: call rssInit first");
        }
        int rc = getFeature(FEAT_RSS_HASH_FUNCTION, 0, rssKey, RssConfig.KEY_STRUCT_SIZE);
        if (rc != 0) {
            return rc;
        }
        int supported = u32(resp, RESP_PAYLOAD) & 0xFF;
        if ((supported & (1 << func)) == 0) {
            return reject(EnaErrno.EOPNOTSUPP, "RSS hash function " + func
                    + " not supported by the device (supported 0x"
                    + Integer.toHexString(supported) + ")");
        }
        if (func == RssConfig.FUNC_TOEPLITZ && key != null) {
            bytes(rssKey.segment(), 8, key);
            u32(rssKey.segment(), 0, RssConfig.KEY_PARTS);
        }
        return setHashFunction(func, initVal);
    }

    private int setHashFunction(int func, int initVal) {
        if (!isFeatureSupported(FEAT_RSS_HASH_FUNCTION)) {
            return EnaErrno.EOPNOTSUPP;
        }
        int rc = getFeature(FEAT_RSS_HASH_FUNCTION, 0, null, 0);
        if (rc != 0) {
            return rc;
        }
        int supported = u32(resp, RESP_PAYLOAD) & 0xFF;
        if ((supported & (1 << func)) == 0) {
            return reject(EnaErrno.EOPNOTSUPP, "RSS hash function " + func
                    + " not supported by the device (supported 0x"
                    + Integer.toHexString(supported) + ")");
        }
        beginFeature(OP_SET_FEATURE, FEAT_RSS_HASH_FUNCTION, 0);
        if (!setControlBuffer(rssKey, RssConfig.KEY_STRUCT_SIZE, true, "RSS hash key")) {
            return EnaErrno.EINVAL;
        }
        u32(cmd, SET_PAYLOAD + 4, 1 << func);
        u32(cmd, SET_PAYLOAD + 8, initVal);
        return exec(FEATURE_LEN, FULL_RESP_LEN);
    }

    /**
     * GET_FEATURE(RSS_HASH_FUNCTION) with the key buffer (§8.10): the selected function (index of the lowest
     * set bit of {@code selected_func}) and the key ({@code key_parts × 4} bytes). Invalid responses: no bit
     * selected, an unknown function, {@code key_parts} above {@value RssConfig#KEY_PARTS}.
     */
    public synchronized AdminResult<RssHashFunction> getHashFunction() {
        if (!isFeatureSupported(FEAT_RSS_HASH_FUNCTION)) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        if (rssKey == null) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS hash key buffer not set up: call rssInit first"));
        }
        int rc = getFeature(FEAT_RSS_HASH_FUNCTION, 0, rssKey, RssConfig.KEY_STRUCT_SIZE);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int supported = u32(resp, RESP_PAYLOAD) & 0xFF;
        int selected = u32(resp, RESP_PAYLOAD + 4) & 0xFF;
        int initVal = u32(resp, RESP_PAYLOAD + 8);
        int func = selected == 0 ? 0 : Integer.numberOfTrailingZeros(selected);
        if (func != RssConfig.FUNC_TOEPLITZ && func != RssConfig.FUNC_CRC32) {
            return invalid("RSS selected_func 0x" + Integer.toHexString(selected)
                    + ": accepted a lowest set bit of 1 (Toeplitz) or 2 (CRC32)");
        }
        long parts = u32Unsigned(rssKey.segment(), 0);
        if (parts > RssConfig.KEY_PARTS) {
            return invalid("RSS key_parts " + parts + " out of range: accepted 0.." + RssConfig.KEY_PARTS);
        }
        byte[] key = bytes(rssKey.segment(), 8, (int) parts * 4);
        return AdminResult.success(new RssHashFunction(func, supported, initVal, key));
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
        int[] fields = new int[RssConfig.PROTO_NUM];
        for (int i = 0; i < RssConfig.PROTO_NUM; i++) {
            fields[i] = RssConfig.defaultHashFields(i, u16(c, selectedOff(i)));
        }
        return writeHashCtrl(fields);
    }

    /**
     * Sets all 16 protocol field selections (GET, subset check, SET). {@code EOPNOTSUPP} if any selection is not
     * supported by the device.
     */
    public synchronized int setHashInput(int[] fields) {
        if (fields.length != RssConfig.PROTO_NUM) {
            return reject(EnaErrno.EINVAL, "hash field table length " + fields.length + " out of range: accepted "
                    + RssConfig.PROTO_NUM);
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
        if (proto < 0 || proto >= RssConfig.PROTO_NUM) {
            return reject(EnaErrno.EINVAL, "RSS protocol " + proto + " out of range: accepted 0.."
                    + (RssConfig.PROTO_NUM - 1));
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
        int[] all = new int[RssConfig.PROTO_NUM];
        for (int i = 0; i < RssConfig.PROTO_NUM; i++) {
            all[i] = u16(c, selectedOff(i));
        }
        all[proto] = fields;
        return writeHashCtrl(all);
    }

    /** GET_FEATURE(RSS_HASH_INPUT) with the buffer: {@code selected_fields[proto]} (§8.13). */
    public synchronized AdminResult<Integer> getHashInput(int proto) {
        if (proto < 0 || proto >= RssConfig.PROTO_NUM) {
            return AdminResult.failure(reject(EnaErrno.EINVAL, "RSS protocol " + proto + " out of range: accepted 0.."
                    + (RssConfig.PROTO_NUM - 1)));
        }
        int rc = readHashCtrl();
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(u16(rssHashCtrl.segment(), selectedOff(proto)));
    }

    private int readHashCtrl() {
        if (!isFeatureSupported(FEAT_RSS_HASH_INPUT)) {
            return EnaErrno.EOPNOTSUPP;
        }
        if (rssHashCtrl == null) {
            return reject(EnaErrno.EINVAL, "RSS hash input buffer not set up: call rssInit first");
        }
        return getFeature(FEAT_RSS_HASH_INPUT, 0, rssHashCtrl, RssConfig.HASH_CTRL_SIZE);
    }

    /** Writes {@code fields} as the selection after the subset check, then SETs; the buffer holds the last GET. */
    private int writeHashCtrl(int[] fields) {
        MemorySegment c = rssHashCtrl.segment();
        for (int i = 0; i < RssConfig.PROTO_NUM; i++) {
            int supported = u16(c, (long) i * 4);
            if ((fields[i] & supported) != fields[i]) {
                return reject(EnaErrno.EOPNOTSUPP, "hash fields 0x" + Integer.toHexString(fields[i])
                        + " of protocol " + i
                        + " not supported by the device (supported 0x" + Integer.toHexString(supported) + ")");
            }
        }
        for (int i = 0; i < RssConfig.PROTO_NUM; i++) {
            u16(c, selectedOff(i), fields[i]);
        }
        beginFeature(OP_SET_FEATURE, FEAT_RSS_HASH_INPUT, 0);
        if (!setControlBuffer(rssHashCtrl, RssConfig.HASH_CTRL_SIZE, true, "RSS hash input")) {
            return EnaErrno.EINVAL;
        }
        u16(cmd, SET_PAYLOAD + 2, RssConfig.INPUT_SORT_L3 | RssConfig.INPUT_SORT_L4);
        return exec(FEATURE_LEN, FULL_RESP_LEN);
    }

    private static long selectedOff(int proto) {
        return 64L + proto * 4L;
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
    public synchronized AdminResult<IoCq> createCq(IoQueueParams params, DmaBuffer ring) {
        requireBuffer(ring, params.cqRingBytes(), "CQ ring");
        begin(OP_CREATE_CQ);
        u8(cmd, CQ_CAPS1_OFF, params.interruptMode() ? CQ_CAPS1_INTERRUPT_MODE : 0);
        u8(cmd, CQ_CAPS2_OFF, (params.cqEntrySize() / 4) & CQ_CAPS2_ENTRY_WORDS_MASK);
        u16(cmd, CQ_DEPTH_OFF, params.depth());
        u32(cmd, CQ_MSIX_OFF, params.msixVector());
        if (!putAddr(CQ_BA_OFF, ring.ioAddress(), "CQ ring")) {
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        int rc = exec(CREATE_CQ_LEN, CREATE_RESP_LEN);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int p = RESP_PAYLOAD;
        IoCq cq = new IoCq(u16(resp, p), params.direction(), params.depth(), params.cqEntrySize(), ring.ioAddress(),
                params.msixVector(), u16(resp, p + 2), u32(resp, p + 4), u32(resp, p + 8), u32(resp, p + 12));
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
    public synchronized AdminResult<IoSq> createSq(IoQueueParams params, IoCq cq, DmaBuffer ring) {
        if (cq.direction() != params.direction()) {
            throw new IllegalArgumentException("SQ direction " + params.direction() + " does not match CQ "
                    + cq.cqIdx() + " direction " + cq.direction());
        }
        boolean host = params.placement() == IoQueueParams.PLACEMENT_HOST;
        if (host) {
            requireBuffer(ring, params.sqRingBytes(), "SQ ring");
        }
        begin(OP_CREATE_SQ);
        u8(cmd, SQ_IDENTITY_OFF, params.direction() << SQ_DIRECTION_SHIFT);
        // Completion policy 0 (one completion per descriptor), the only policy the reference uses.
        u8(cmd, SQ_CAPS2_OFF, params.placement() & 0x0F);
        u8(cmd, SQ_CAPS3_OFF, SQ_CAPS3_PHYS_CONTIGUOUS);
        u16(cmd, SQ_CQ_IDX_OFF, cq.cqIdx());
        u16(cmd, SQ_DEPTH_OFF, params.depth());
        long ringAddr = host ? ring.ioAddress() : 0;
        if (host && !putAddr(SQ_BA_OFF, ringAddr, "SQ ring")) {
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        int rc = exec(CREATE_SQ_LEN, CREATE_RESP_LEN);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        int p = RESP_PAYLOAD;
        IoSq sq = new IoSq(u16(resp, p), params.direction(), params.placement(), params.depth(), cq.cqIdx(), ringAddr,
                u32(resp, p + 4), u32(resp, p + 8), u32(resp, p + 12));
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
        AdminResult<IoCq> cq = createCq(params, cqRing);
        if (!cq.ok()) {
            return AdminResult.failure(cq.rc());
        }
        AdminResult<IoSq> sq = createSq(params, cq.value(), sqRing);
        if (!sq.ok()) {
            destroyCq(cq.value());
            return AdminResult.failure(sq.rc());
        }
        return AdminResult.success(new IoQueue(cq.value(), sq.value()));
    }

    /** DESTROY_SQ (§7.3): SQ index and direction. */
    public synchronized int destroySq(IoSq sq) {
        begin(OP_DESTROY_SQ);
        u16(cmd, DESTROY_SQ_IDX_OFF, sq.sqIdx());
        u8(cmd, DESTROY_SQ_IDENTITY_OFF, sq.direction() << SQ_DIRECTION_SHIFT);
        return exec(DESTROY_LEN, DESTROY_RESP_LEN);
    }

    /** DESTROY_CQ (§7.4): CQ index. */
    public synchronized int destroyCq(IoCq cq) {
        begin(OP_DESTROY_CQ);
        u16(cmd, DESTROY_CQ_IDX_OFF, cq.cqIdx());
        return exec(DESTROY_LEN, DESTROY_RESP_LEN);
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
    public synchronized AdminResult<BasicStats> getBasicStats() {
        beginStats(STATS_TYPE_BASIC);
        int rc = exec(STATS_LEN, FULL_RESP_LEN);
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(BasicStats.parse(resp));
    }

    /** GET_STATS type ENI (§7.6); {@code EOPNOTSUPP} without capability bit 0, nothing sent. */
    public synchronized AdminResult<EniStats> getEniStats() {
        if (!hasCapability(DeviceAttributes.CAP_ENI_STATS)) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        beginStats(STATS_TYPE_ENI);
        int rc = exec(STATS_LEN, FULL_RESP_LEN);
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(EniStats.parse(resp));
    }

    /** GET_STATS type ENA_SRD (§7.6); {@code EOPNOTSUPP} without capability bit 1, nothing sent. */
    public synchronized AdminResult<EnaSrdInfo> getEnaSrdInfo() {
        if (!hasCapability(DeviceAttributes.CAP_ENA_SRD_INFO)) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        beginStats(STATS_TYPE_ENA_SRD);
        int rc = exec(STATS_LEN, FULL_RESP_LEN);
        return rc != 0 ? AdminResult.failure(rc) : AdminResult.success(EnaSrdInfo.parse(resp));
    }

    /**
     * GET_STATS type CUSTOMER_METRICS value query (§7.6): the 512-byte control buffer (AQ flags 0, as the
     * reference) and {@code requested_metrics} = the supported set; the device packs one u64 per metric in
     * ascending id order. {@code EOPNOTSUPP} without capability bit 2 or with an empty supported set.
     */
    public synchronized AdminResult<CustomerMetrics> getCustomerMetrics() {
        if (!hasCapability(DeviceAttributes.CAP_CUSTOMER_METRICS) || customerMetricsSupported == 0) {
            return AdminResult.failure(EnaErrno.EOPNOTSUPP);
        }
        if (metricsBuffer == null) {
            metricsBuffer = allocate(CUSTOMER_METRICS_BUFFER_SIZE, "customer-metrics buffer");
            if (metricsBuffer == null) {
                return AdminResult.failure(EnaErrno.ENOMEM);
            }
        }
        beginStats(STATS_TYPE_CUSTOMER_METRICS);
        if (!setControlBuffer(metricsBuffer, CUSTOMER_METRICS_BUFFER_SIZE, false, "customer-metrics buffer")) {
            return AdminResult.failure(EnaErrno.EINVAL);
        }
        int requested = customerMetricsSupported;
        u64(cmd, STATS_REQUESTED_METRICS_OFF, requested);
        int rc = exec(STATS_LEN, FULL_RESP_LEN);
        if (rc != 0) {
            return AdminResult.failure(rc);
        }
        long[] values = new long[CustomerMetrics.METRIC_COUNT];
        int slot = 0;
        for (int id = 0; id < CustomerMetrics.METRIC_COUNT; id++) {
            if ((requested & (1 << id)) != 0) {
                values[id] = u64(metricsBuffer.segment(), 8L * slot++);
            }
        }
        return AdminResult.success(new CustomerMetrics(requested, values));
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
    private void begin(int opcode) {
        cmd.fill((byte) 0);
        u8(cmd, OPCODE_OFF, opcode);
    }

    private void beginFeature(int opcode, int featureId, int version) {
        begin(opcode);
        u8(cmd, FEAT_ID_OFF, featureId);
        u8(cmd, FEAT_VERSION_OFF, version);
    }

    private void beginStats(int type) {
        begin(OP_GET_STATS);
        u8(cmd, STATS_TYPE_OFF, type);
    }

    /**
     * GET_FEATURE (§7.5): support check, AQ flags 0x04 only when a control buffer is passed, control buffer
     * descriptor, feature id and version.
     */
    private int getFeature(int featureId, int version, DmaBuffer ctrl, int ctrlLen) {
        if (!isFeatureSupported(featureId)) {
            LOG.debug("feature {} not supported by the device; GET not sent", featureId);
            return EnaErrno.EOPNOTSUPP;
        }
        beginFeature(OP_GET_FEATURE, featureId, version);
        if (ctrl != null && !setControlBuffer(ctrl, ctrlLen, true, "GET_FEATURE(" + featureId + ") control buffer")) {
            return EnaErrno.EINVAL;
        }
        return exec(FEATURE_LEN, FULL_RESP_LEN);
    }

    private boolean setControlBuffer(DmaBuffer buf, int len, boolean indirectFlag, String what) {
        if (len > buf.size()) {
            throw new IllegalArgumentException(what + ": length " + len + " exceeds the buffer's " + buf.size()
                    + " bytes");
        }
        if (!putAddr(CTRL_ADDR_OFF, buf.ioAddress(), what)) {
            return false;
        }
        u32(cmd, CTRL_LEN_OFF, len);
        if (indirectFlag && len != 0) {
            u8(cmd, FLAGS_OFF, FLAG_CTRL_DATA_INDIRECT);
        }
        return true;
    }

    /** Writes a MemAddr after the DMA-width check of §1; on failure nothing is sent and false is returned. */
    private boolean putAddr(int off, long addr, String what) {
        if ((addr & ~dmaAddrMask) != 0) {
            rejectedAddresses++;
            reject(EnaErrno.EINVAL, what + " DMA address 0x" + Long.toHexString(addr) + " has bits at or above the "
                    + "device's " + dmaAddrBits + "-bit DMA width; command not sent");
            return false;
        }
        memAddr(cmd, off, addr);
        return true;
    }

    private int exec(int cmdLen, int respLen) {
        resp.fill((byte) 0);
        int rc = executor.execute(cmd, cmdLen, resp, respLen);
        if (rc != 0) {
            LOG.debug("admin opcode {} failed: {}", u8(cmd, OPCODE_OFF), EnaErrno.name(rc));
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

    private String checkLlqRegion(IoSq sq, long bytes) {
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
