package io.ena4j.model;

import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.DeviceAttributes;
import io.ena4j.spec.admin.ExtraPropertiesFlags;
import io.ena4j.spec.admin.ExtraPropertiesStrings;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.FlowSteering;
import io.ena4j.spec.admin.FlowSteeringRule;
import io.ena4j.spec.admin.FragBypass;
import io.ena4j.spec.admin.HostAttrConfig;
import io.ena4j.spec.admin.HostInfo;
import io.ena4j.spec.admin.HwHints;
import io.ena4j.spec.admin.HwTimestamp;
import io.ena4j.spec.admin.InterruptModeration;
import io.ena4j.spec.admin.LinkConfig;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.admin.MaxQueues;
import io.ena4j.spec.admin.MaxQueuesExt;
import io.ena4j.spec.admin.Mtu;
import io.ena4j.spec.admin.PhcConfig;
import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.spec.admin.RssHashInput;
import io.ena4j.spec.admin.RssHashInputTable;
import io.ena4j.spec.admin.RssHashKey;
import io.ena4j.spec.admin.RssIndirectionEntry;
import io.ena4j.spec.admin.RssIndirectionTable;
import io.ena4j.spec.admin.StatelessOffload;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.PhcResponse;

import java.lang.foreign.MemorySegment;

/**
 * GET_FEATURE and SET_FEATURE (management.md §7.5, §8): answers from the {@link DeviceProfile}, configuration kept in
 * {@link FeatureState}.
 *
 * <p>Rules common to all features:
 * <ul>
 * <li>A feature the profile does not advertise answers UNSUPPORTED_OPCODE (3), as the vectors' device does; so does
 * GET of a SET-only feature and SET of a GET-only one [decision: "operation not supported for this feature"].</li>
 * <li>The control buffer (+4 length, +8 address) is used whenever its length is non-zero, whatever AQ flag bits 1/2
 * say (§6.2). A buffer shorter than the feature's structure → MALFORMED_REQUEST [decision]; a buffer address the
 * device cannot reach → DMA fault (the device stops, see {@link DmaPort}).</li>
 * <li>Invalid values → ILLEGAL_PARAMETER (5) with extended_status 0; the configuration is left unchanged.</li>
 * <li>GET answers the device's own feature version whatever version the driver asked for [decision: §7.5 only says
 * the device returns its current version].</li>
 * </ul>
 *
 * <p>Guarded by the device lock.
 */
final class FeatureEngine {

    private static final int OK = AdminStatus.SUCCESS.code();
    private static final int UNSUPPORTED = AdminStatus.UNSUPPORTED_OPCODE.code();
    private static final int MALFORMED = AdminStatus.MALFORMED_REQUEST.code();
    private static final int ILLEGAL = AdminStatus.ILLEGAL_PARAMETER.code();
    private static final long G = FeatureCmd.GET_PAYLOAD;
    private static final long S = FeatureCmd.SET_PAYLOAD;
    /** Bytes the PHC doorbell writes into the shared buffer: through error_flags (§10.2). */
    private static final int PHC_MIN_OUTPUT = (int) PhcResponse.ERROR_FLAGS_OFFSET + 4;

    private final DeviceProfile profile;
    private final FeatureState fs;
    private final Environment env;
    private final QueueManager queues;
    private final DmaPort dma;
    private final ModelCounters counters;
    private final Runnable dataPlaneChanged;
    private final MemorySegment buf = MemorySegment.ofArray(new byte[4 << RssIndirectionTable.MAX_LOG_SIZE]);

    /**
     * @param dataPlaneChanged called (lock held) after a SET that the data path uses (MTU, RSS function/key, table,
     *                         hash input), to republish the {@link DataPlane}
     */
    FeatureEngine(DeviceProfile profile, FeatureState fs, Environment env, QueueManager queues, DmaPort dma,
                  ModelCounters counters, Runnable dataPlaneChanged) {
        this.profile = profile;
        this.fs = fs;
        this.env = env;
        this.queues = queues;
        this.dma = dma;
        this.counters = counters;
        this.dataPlaneChanged = dataPlaneChanged;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // GET_FEATURE
    // ---------------------------------------------------------------------------------------------------------------

    /** GET_FEATURE; writes the payload at response offset 8. Returns a status code or {@link QueueManager#FAULT}. */
    int get(MemorySegment cmd, MemorySegment resp) {
        FeatureId f = FeatureId.of(FeatureCmd.featureId(cmd, 0));
        if (f == null || !profile.supports(f)) {
            return UNSUPPORTED;
        }
        int len = FeatureCmd.ctrlBufferLength(cmd, 0);
        long addr = FeatureCmd.ctrlBufferAddress(cmd, 0);
        return switch (f) {
            case DEVICE_ATTRIBUTES -> getDeviceAttributes(resp);
            case MAX_QUEUES_NUM -> getMaxQueues(resp);
            case MAX_QUEUES_EXT -> getMaxQueuesExt(resp);
            case HW_HINTS -> getHints(resp);
            case LLQ -> getLlq(resp);
            case EXTRA_PROPERTIES_STRINGS -> getExtraStrings(resp, len, addr);
            case EXTRA_PROPERTIES_FLAGS -> {
                ExtraPropertiesFlags.flags(resp, G, profile.extraProperties().flags());
                yield OK;
            }
            case STATELESS_OFFLOAD_CONFIG -> {
                StatelessOffload.tx(resp, G, profile.offloads().tx());
                StatelessOffload.rxSupported(resp, G, profile.offloads().rxSupported());
                StatelessOffload.rxEnabled(resp, G, profile.offloads().rxEnabled());
                yield OK;
            }
            case RSS_HASH_FUNCTION -> getRssHashFunction(resp, len, addr);
            case RSS_INDIRECTION_TABLE_CONFIG -> getRssTable(resp, len, addr);
            case RSS_HASH_INPUT -> getRssHashInput(resp, len, addr);
            case INTERRUPT_MODERATION -> {
                InterruptModeration.intrDelayResolution(resp, G, profile.intrDelayResolution());
                yield OK;
            }
            case AENQ_CONFIG -> {
                AenqConfig.supportedGroups(resp, G, profile.aenqSupportedGroups());
                AenqConfig.enabledGroups(resp, G, fs.aenqEnabledGroups);
                yield OK;
            }
            case LINK_CONFIG -> {
                LinkConfig.speed(resp, G, profile.link().speedMbps());
                LinkConfig.supported(resp, G, profile.link().supported());
                LinkConfig.flags(resp, G, profile.link().flags());
                yield OK;
            }
            case PHC_CONFIG -> {
                PhcConfig.version(resp, G, profile.phc().version());
                PhcConfig.doorbellOffset(resp, G, profile.phc().doorbellOffset());
                PhcConfig.expireTimeoutUsec(resp, G, profile.phc().expireTimeoutUsec());
                PhcConfig.blockTimeoutUsec(resp, G, profile.phc().blockTimeoutUsec());
                yield OK;
            }
            case HW_TIMESTAMP -> {
                HwTimestamp.version(resp, G, profile.hwTimestamp().version());
                HwTimestamp.tx(resp, G, profile.hwTimestamp().tx());
                HwTimestamp.rx(resp, G, profile.hwTimestamp().rx());
                yield OK;
            }
            case FRAG_BYPASS, MTU, HOST_ATTR_CONFIG, FLOW_STEERING_CONFIG -> UNSUPPORTED;
        };
    }

    private int getDeviceAttributes(MemorySegment resp) {
        DeviceProfile.Attributes a = profile.attributes();
        DeviceAttributes.implId(resp, G, EnaRegs.controllerVersionImplId(profile.registers().controllerVersion()));
        DeviceAttributes.deviceVersion(resp, G, profile.registers().version());
        DeviceAttributes.supportedFeatures(resp, G, a.supportedFeatures());
        DeviceAttributes.capabilities(resp, G, a.capabilities());
        DeviceAttributes.physAddrWidth(resp, G, a.physAddrWidth());
        DeviceAttributes.virtAddrWidth(resp, G, a.virtAddrWidth());
        DeviceAttributes.macAddr(resp, G, a.macBytes());
        DeviceAttributes.flowSteeringMaxEntries(resp, G, a.flowSteeringMaxEntries());
        DeviceAttributes.maxMtu(resp, G, a.maxMtu());
        return OK;
    }

    private int getMaxQueues(MemorySegment resp) {
        DeviceProfile.QueueLimits q = profile.queues();
        MaxQueues.maxSqNum(resp, G, Math.min(q.maxTxSqNum(), q.maxRxSqNum()));
        MaxQueues.maxSqDepth(resp, G, Math.min(q.maxTxSqDepth(), q.maxRxSqDepth()));
        MaxQueues.maxCqNum(resp, G, Math.min(q.maxTxCqNum(), q.maxRxCqNum()));
        MaxQueues.maxCqDepth(resp, G, Math.min(q.maxTxCqDepth(), q.maxRxCqDepth()));
        MaxQueues.maxLegacyLlqNum(resp, G, q.maxLegacyLlqNum());
        MaxQueues.maxLegacyLlqDepth(resp, G, q.maxLegacyLlqDepth());
        MaxQueues.maxHeaderSize(resp, G, q.maxTxHeaderSize());
        MaxQueues.maxPacketTxDescs(resp, G, q.maxPerPacketTxDescs());
        MaxQueues.maxPacketRxDescs(resp, G, q.maxPerPacketRxDescs());
        return OK;
    }

    private int getMaxQueuesExt(MemorySegment resp) {
        DeviceProfile.QueueLimits q = profile.queues();
        MaxQueuesExt.version(resp, G, q.extVersion());
        MaxQueuesExt.maxTxSqNum(resp, G, q.maxTxSqNum());
        MaxQueuesExt.maxTxCqNum(resp, G, q.maxTxCqNum());
        MaxQueuesExt.maxRxSqNum(resp, G, q.maxRxSqNum());
        MaxQueuesExt.maxRxCqNum(resp, G, q.maxRxCqNum());
        MaxQueuesExt.maxTxSqDepth(resp, G, q.maxTxSqDepth());
        MaxQueuesExt.maxTxCqDepth(resp, G, q.maxTxCqDepth());
        MaxQueuesExt.maxRxSqDepth(resp, G, q.maxRxSqDepth());
        MaxQueuesExt.maxRxCqDepth(resp, G, q.maxRxCqDepth());
        MaxQueuesExt.maxTxHeaderSize(resp, G, q.maxTxHeaderSize());
        MaxQueuesExt.maxPerPacketTxDescs(resp, G, q.maxPerPacketTxDescs());
        MaxQueuesExt.maxPerPacketRxDescs(resp, G, q.maxPerPacketRxDescs());
        return OK;
    }

    private int getHints(MemorySegment resp) {
        writeHints(resp, G, env.hints);
        return OK;
    }

    /** Writes a HW hints structure at {@code base} (GET response payload or AENQ notification payload, §8.6). */
    static void writeHints(MemorySegment s, long base, DeviceProfile.Hints h) {
        HwHints.mmioReadTimeout(s, base, h.mmioReadTimeout());
        HwHints.driverWatchdogTimeout(s, base, h.driverWatchdogTimeout());
        HwHints.missingTxCompletionTimeout(s, base, h.missingTxCompletionTimeout());
        HwHints.missedTxCompletionCountThresholdToReset(s, base, h.missedTxCompletionThreshold());
        HwHints.adminCompletionTxTimeout(s, base, h.adminCompletionTimeout());
        HwHints.netdevWdTimeout(s, base, h.netdevWdTimeout());
        HwHints.maxTxSglSize(s, base, h.maxTxSglSize());
        HwHints.maxRxSglSize(s, base, h.maxRxSglSize());
    }

    private int getLlq(MemorySegment resp) {
        DeviceProfile.Llq l = profile.llq();
        LlqFeature.maxLlqNum(resp, G, l.maxLlqNum());
        LlqFeature.maxLlqDepth(resp, G, l.maxLlqDepth());
        LlqFeature.headerLocationCtrlSupported(resp, G, l.headerLocationSupported());
        LlqFeature.entrySizeCtrlSupported(resp, G, l.entrySizeSupported());
        LlqFeature.descNumBeforeHeaderSupported(resp, G, l.descsBeforeHeaderSupported());
        LlqFeature.descriptorsStrideCtrlSupported(resp, G, l.strideSupported());
        if (fs.llqConfigured) {
            LlqFeature.headerLocationCtrlEnabled(resp, G, fs.llqHeaderLocation);
            LlqFeature.entrySizeCtrlEnabled(resp, G, fs.llqEntrySizeCode);
            LlqFeature.descNumBeforeHeaderEnabled(resp, G, fs.llqDescsBeforeHeader);
            LlqFeature.descriptorsStrideCtrlEnabled(resp, G, fs.llqStride);
        }
        LlqFeature.featureVersion(resp, G, l.featureVersion());
        LlqFeature.entrySizeRecommended(resp, G, l.entrySizeRecommended());
        LlqFeature.maxWideLlqDepth(resp, G, l.maxWideLlqDepth());
        LlqFeature.accelModeSupportedFlags(resp, G, l.accelSupportedFlags());
        LlqFeature.accelModeMaxTxBurstSize(resp, G, l.maxTxBurstSize());
        return OK;
    }

    private int getExtraStrings(MemorySegment resp, int len, long addr) {
        var strings = profile.extraProperties().strings();
        ExtraPropertiesStrings.count(resp, G, strings.size());
        if (len == 0) {
            return OK;
        }
        int bytes = strings.size() * ExtraPropertiesStrings.STRING_SIZE;
        if (Integer.toUnsignedLong(len) < bytes) {
            return MALFORMED;
        }
        MemorySegment out = clearBuf(ExtraPropertiesStrings.BUFFER_SIZE);
        for (int i = 0; i < strings.size(); i++) {
            ExtraPropertiesStrings.string(out, 0, i, strings.get(i));
        }
        return bytes == 0 || dma.write("EXTRA_PROPERTIES_STRINGS buffer", addr, out, 0, bytes) ? OK
                : QueueManager.FAULT;
    }

    private int getRssHashFunction(MemorySegment resp, int len, long addr) {
        RssHashFunction.supportedFunc(resp, G, profile.rss().supportedFunctions());
        RssHashFunction.selectedFunc(resp, G, RssHashFunction.funcMask(fs.rssFunction));
        RssHashFunction.initVal(resp, G, fs.rssInitVal);
        if (len == 0) {
            return OK;
        }
        if (Integer.toUnsignedLong(len) < RssHashKey.SIZE) {
            return MALFORMED;
        }
        MemorySegment out = clearBuf((int) RssHashKey.SIZE);
        RssHashKey.keyParts(out, 0, RssHashKey.KEY_PARTS);
        RssHashKey.key(out, 0, fs.rssKey);
        return dma.write("RSS hash key buffer", addr, out, 0, RssHashKey.SIZE) ? OK : QueueManager.FAULT;
    }

    private int getRssTable(MemorySegment resp, int len, long addr) {
        DeviceProfile.Rss r = profile.rss();
        RssIndirectionTable.minSize(resp, G, r.tableMinLog2());
        RssIndirectionTable.maxSize(resp, G, r.tableMaxLog2());
        RssIndirectionTable.size(resp, G, fs.rssTableLog2);
        RssIndirectionTable.oneEntryUpdate(resp, G, r.oneEntryUpdate() ? 1 : 0);
        RssIndirectionTable.inlineIndex(resp, G, RssIndirectionTable.INLINE_INDEX_NONE);
        if (len == 0) {
            return OK;
        }
        int bytes = fs.rssTable.length * (int) RssIndirectionEntry.SIZE;
        if (Integer.toUnsignedLong(len) < bytes) {
            return MALFORMED;
        }
        MemorySegment out = clearBuf(bytes);
        for (int i = 0; i < fs.rssTable.length; i++) {
            RssIndirectionEntry.cqIdx(out, RssIndirectionEntry.offset(i), fs.rssTable[i]);
        }
        return dma.write("RSS indirection table buffer", addr, out, 0, bytes) ? OK : QueueManager.FAULT;
    }

    private int getRssHashInput(MemorySegment resp, int len, long addr) {
        RssHashInput.supportedInputSort(resp, G, profile.rss().supportedInputSort());
        RssHashInput.enabledInputSort(resp, G, fs.rssInputSort);
        if (len == 0) {
            return OK;
        }
        if (Integer.toUnsignedLong(len) < RssHashInputTable.SIZE) {
            return MALFORMED;
        }
        MemorySegment out = clearBuf((int) RssHashInputTable.SIZE);
        int[] supported = profile.rss().supportedFields();
        for (int p = 0; p < RssHashInputTable.PROTO_SLOTS; p++) {
            RssHashInputTable.supportedFields(out, 0, p, supported[p]);
            RssHashInputTable.selectedFields(out, 0, p, fs.rssSelectedFields[p]);
        }
        return dma.write("RSS hash input buffer", addr, out, 0, RssHashInputTable.SIZE) ? OK : QueueManager.FAULT;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // SET_FEATURE
    // ---------------------------------------------------------------------------------------------------------------

    /** SET_FEATURE; payload at command offset 20. Returns a status code or {@link QueueManager#FAULT}. */
    int set(MemorySegment cmd, MemorySegment resp) {
        FeatureId f = FeatureId.of(FeatureCmd.featureId(cmd, 0));
        if (f == null || !profile.supports(f)) {
            return UNSUPPORTED;
        }
        int len = FeatureCmd.ctrlBufferLength(cmd, 0);
        long addr = FeatureCmd.ctrlBufferAddress(cmd, 0);
        return switch (f) {
            case LLQ -> setLlq(cmd);
            case FRAG_BYPASS -> {
                int enable = FragBypass.enable(cmd, S);
                if (enable > 1) {
                    yield ILLEGAL;
                }
                fs.fragBypass = enable == 1;
                yield OK;
            }
            case RSS_HASH_FUNCTION -> republishIfOk(setRssHashFunction(cmd, len, addr));
            case RSS_INDIRECTION_TABLE_CONFIG -> republishIfOk(setRssTable(cmd, len, addr));
            case MTU -> {
                int mtu = Mtu.mtu(cmd, S);
                if (mtu < Mtu.DRIVER_MIN_MTU || mtu > profile.attributes().maxMtu()) {
                    yield ILLEGAL;
                }
                fs.mtu = mtu;
                yield republishIfOk(OK);
            }
            case RSS_HASH_INPUT -> republishIfOk(setRssHashInput(cmd, len, addr));
            case AENQ_CONFIG -> {
                int groups = AenqConfig.enabledGroups(cmd, S);
                if ((groups & ~profile.aenqSupportedGroups()) != 0) {
                    yield ILLEGAL;
                }
                fs.aenqEnabledGroups = groups;
                yield OK;
            }
            case HOST_ATTR_CONFIG -> setHostAttr(cmd);
            case PHC_CONFIG -> setPhc(cmd);
            case FLOW_STEERING_CONFIG -> setFlowSteering(cmd, resp, len, addr);
            case HW_TIMESTAMP -> {
                int tx = HwTimestamp.tx(cmd, S);
                int rx = HwTimestamp.rx(cmd, S);
                if (tx > profile.hwTimestamp().tx() || rx > profile.hwTimestamp().rx()) {
                    yield ILLEGAL;
                }
                fs.hwTimestampTx = tx;
                fs.hwTimestampRx = rx;
                yield OK;
            }
            case DEVICE_ATTRIBUTES, MAX_QUEUES_NUM, HW_HINTS, EXTRA_PROPERTIES_STRINGS, EXTRA_PROPERTIES_FLAGS,
                 MAX_QUEUES_EXT, STATELESS_OFFLOAD_CONFIG, INTERRUPT_MODERATION, LINK_CONFIG -> UNSUPPORTED;
        };
    }

    private int republishIfOk(int status) {
        if (status == OK) {
            dataPlaneChanged.run();
        }
        return status;
    }

    /**
     * SET(LLQ) (§8.5): each enabled code must be a defined code the device advertises; inline headers need a defined
     * stride and 1/2/4/8 descriptors before the header leaving header room in the entry. Accel flags the device does
     * not support are ignored, not refused [decision: the Linux driver always requests both, §8.5 step 8].
     * Reconfiguring while LLQ SQs exist → RESOURCE_BUSY [decision]. No BAR 2 → UNSUPPORTED_OPCODE.
     */
    private int setLlq(MemorySegment cmd) {
        DeviceProfile.Llq l = profile.llq();
        if (!profile.pci().bar2Present() || l.maxLlqNum() == 0) {
            return UNSUPPORTED;
        }
        int hl = LlqFeature.headerLocationCtrlEnabled(cmd, S);
        int es = LlqFeature.entrySizeCtrlEnabled(cmd, S);
        int dbh = LlqFeature.descNumBeforeHeaderEnabled(cmd, S);
        int stride = LlqFeature.descriptorsStrideCtrlEnabled(cmd, S);
        int accel = LlqFeature.accelModeEnabledFlags(cmd, S);
        boolean inline = hl == LlqFeature.HeaderLocation.INLINE;
        if (!inline && hl != LlqFeature.HeaderLocation.HEADER_RING || (l.headerLocationSupported() & hl) == 0) {
            return ILLEGAL;
        }
        int entryBytes = LlqFeature.EntrySize.bytes(es);
        if (entryBytes == 0 || (l.entrySizeSupported() & es) == 0) {
            return ILLEGAL;
        }
        if (inline) {
            boolean strideOk = (stride == LlqFeature.Stride.SINGLE_DESC_PER_ENTRY
                    || stride == LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY) && (l.strideSupported() & stride) != 0;
            boolean dbhOk = (dbh == 1 || dbh == 2 || dbh == 4 || dbh == 8) && (l.descsBeforeHeaderSupported() & dbh) != 0
                    && entryBytes - 16 * dbh > 0;
            if (!strideOk || !dbhOk) {
                return ILLEGAL;
            }
        }
        for (SubmissionQueue sq : queues.submissionQueues()) {
            if (sq.isLlq()) {
                return AdminStatus.RESOURCE_BUSY.code();
            }
        }
        fs.llqConfigured = true;
        fs.llqHeaderLocation = hl;
        fs.llqEntrySizeCode = es;
        fs.llqDescsBeforeHeader = dbh;
        fs.llqStride = stride;
        fs.llqAccelFlags = accel & l.accelSupportedFlags();
        return OK;
    }

    /**
     * SET(RSS_HASH_FUNCTION) (§8.10): selected_func must name exactly one supported function; the 48-byte key buffer
     * is required and must carry key_parts = 10.
     */
    private int setRssHashFunction(MemorySegment cmd, int len, long addr) {
        int selected = RssHashFunction.selectedFunc(cmd, S);
        if (Integer.bitCount(selected) != 1 || (selected & profile.rss().supportedFunctions()) == 0) {
            return ILLEGAL;
        }
        if (len == 0 || Integer.toUnsignedLong(len) < RssHashKey.SIZE) {
            return MALFORMED;
        }
        MemorySegment in = clearBuf((int) RssHashKey.SIZE);
        if (!dma.read("RSS hash key buffer", addr, in, 0, RssHashKey.SIZE)) {
            return QueueManager.FAULT;
        }
        if (RssHashKey.keyParts(in, 0) != RssHashKey.KEY_PARTS) {
            return ILLEGAL;
        }
        fs.rssFunction = Integer.numberOfTrailingZeros(selected);
        fs.rssInitVal = RssHashFunction.initVal(cmd, S);
        fs.rssKey = RssHashKey.key(in, 0);
        return OK;
    }

    /**
     * SET(RSS_INDIRECTION_TABLE_CONFIG) (§8.11): either a single-entry update (inline_index ≠ 0xFFFFFFFF, only if the
     * device advertises ONE_ENTRY_UPDATE) or a whole table of {@code 2^size} entries, size within [min, max]; every
     * entry must name a live Rx SQ (the field is called cq_idx but carries the Rx sq_idx, §7.2 note).
     */
    private int setRssTable(MemorySegment cmd, int len, long addr) {
        DeviceProfile.Rss r = profile.rss();
        int inlineIndex = RssIndirectionTable.inlineIndex(cmd, S);
        if (inlineIndex != RssIndirectionTable.INLINE_INDEX_NONE) {
            int entry = RssIndirectionTable.inlineEntryCqIdx(cmd, S);
            if (!r.oneEntryUpdate() || Integer.toUnsignedLong(inlineIndex) >= fs.rssTable.length
                    || !queues.isRxSq(entry)) {
                return ILLEGAL;
            }
            fs.rssTable[inlineIndex] = entry;
            fs.rssTableConfigured = true;
            return OK;
        }
        int log = RssIndirectionTable.size(cmd, S);
        if (log < r.tableMinLog2() || log > r.tableMaxLog2()) {
            return ILLEGAL;
        }
        int entries = 1 << log;
        int bytes = entries * (int) RssIndirectionEntry.SIZE;
        if (len == 0 || Integer.toUnsignedLong(len) < bytes) {
            return MALFORMED;
        }
        MemorySegment in = clearBuf(bytes);
        if (!dma.read("RSS indirection table buffer", addr, in, 0, bytes)) {
            return QueueManager.FAULT;
        }
        int[] table = new int[entries];
        for (int i = 0; i < entries; i++) {
            table[i] = RssIndirectionEntry.cqIdx(in, RssIndirectionEntry.offset(i));
            if (!queues.isRxSq(table[i])) {
                return ILLEGAL;
            }
        }
        fs.rssTableLog2 = log;
        fs.rssTable = table;
        fs.rssTableConfigured = true;
        return OK;
    }

    /**
     * SET(RSS_HASH_INPUT) (§8.13): enabled_input_sort ⊆ supported; the 256-byte buffer is required and every
     * selected field set must be ⊆ the device's supported set for that protocol (the buffer's own "supported" words
     * are the driver's echo and are ignored).
     */
    private int setRssHashInput(MemorySegment cmd, int len, long addr) {
        int sort = RssHashInput.enabledInputSort(cmd, S);
        if ((sort & ~profile.rss().supportedInputSort()) != 0) {
            return ILLEGAL;
        }
        if (len == 0 || Integer.toUnsignedLong(len) < RssHashInputTable.SIZE) {
            return MALFORMED;
        }
        MemorySegment in = clearBuf((int) RssHashInputTable.SIZE);
        if (!dma.read("RSS hash input buffer", addr, in, 0, RssHashInputTable.SIZE)) {
            return QueueManager.FAULT;
        }
        int[] supported = profile.rss().supportedFields();
        int[] selected = new int[RssHashInputTable.PROTO_SLOTS];
        for (int p = 0; p < selected.length; p++) {
            selected[p] = RssHashInputTable.selectedFields(in, 0, p);
            if ((selected[p] & ~supported[p]) != 0) {
                return ILLEGAL;
            }
        }
        fs.rssInputSort = sort;
        fs.rssSelectedFields = selected;
        return OK;
    }

    /**
     * SET(HOST_ATTR_CONFIG) (§8.17, §12): the host-info page (4 KiB) and the debug area must be reachable through the
     * IOMMU. [decision] An unreachable one is refused with ILLEGAL_PARAMETER and counted
     * ({@link ModelCounters#unreachableHostAddresses()}), not treated as a fatal DMA fault: the device only keeps the
     * pointer (it reads the page lazily) and the driver tolerates this command failing (§13.1 step 9).
     * An address of 0 clears the pointer.
     */
    private int setHostAttr(MemorySegment cmd) {
        long info = HostAttrConfig.osInfoBa(cmd, S);
        long debug = HostAttrConfig.debugBa(cmd, S);
        int debugSize = HostAttrConfig.debugAreaSize(cmd, S);
        if (info != 0 && !dma.reachable(info, HostInfo.PAGE_SIZE)
                || debug != 0 && debugSize != 0 && !dma.reachable(debug, Integer.toUnsignedLong(debugSize))) {
            counters.unreachableHostAddress();
            return ILLEGAL;
        }
        fs.hostInfoAddress = info;
        fs.debugAreaAddress = debugSize == 0 ? 0 : debug;
        fs.debugAreaSize = debugSize;
        return OK;
    }

    /**
     * SET(PHC_CONFIG) (§8.18, §10.1): output buffer must be reachable and at least 32 bytes (the fields the device
     * writes); address 0 with length 0 disables the PHC [decision: the driver never disables it, §10.1 step 4].
     * Unreachable → ILLEGAL_PARAMETER, as for the host-info page.
     */
    private int setPhc(MemorySegment cmd) {
        long out = PhcConfig.outputAddress(cmd, S);
        int length = PhcConfig.outputLength(cmd, S);
        if (out == 0 && length == 0) {
            fs.phcEnabled = false;
            fs.phcOutputAddress = 0;
            fs.phcOutputLength = 0;
            return OK;
        }
        if (Integer.toUnsignedLong(length) < PHC_MIN_OUTPUT) {
            return ILLEGAL;
        }
        if (!dma.reachable(out, Integer.toUnsignedLong(length))) {
            counters.unreachableHostAddress();
            return ILLEGAL;
        }
        fs.phcEnabled = true;
        fs.phcOutputAddress = out;
        fs.phcOutputLength = length;
        return OK;
    }

    /**
     * SET(FLOW_STEERING_CONFIG) (§8.19). Add: flow type 1..6, rx_q_idx below the Rx queue limit (rules are re-added
     * before queues exist during restore, so the queue need not exist), location below flow_steering_max_entries or
     * 0xFFFF = first free slot (none → RESOURCE_ALLOCATION_FAILURE), 128-byte rule buffer required. Remove: the slot
     * must hold a rule. The chosen / removed location is returned at response offset 8.
     */
    private int setFlowSteering(MemorySegment cmd, MemorySegment resp, int len, long addr) {
        int action = FlowSteering.action(cmd, S);
        int location = FlowSteering.ruleLocation(cmd, S);
        FeatureState.FlowRule[] rules = fs.flowRules;
        switch (action) {
            case FlowSteering.ACTION_ADD -> {
                int type = FlowSteering.flowType(cmd, S);
                int rxq = FlowSteering.rxQIdx(cmd, S);
                if (type < FlowSteering.FLOW_TYPE_IPV4 || type > FlowSteering.FLOW_TYPE_UDP_IPV6
                        || rxq >= profile.queues().maxRxSqNum()) {
                    return ILLEGAL;
                }
                if (location == FlowSteering.RULE_LOCATION_ANY) {
                    location = -1;
                    for (int i = 0; i < rules.length && location < 0; i++) {
                        location = rules[i] == null ? i : -1;
                    }
                    if (location < 0) {
                        return AdminStatus.RESOURCE_ALLOCATION_FAILURE.code();
                    }
                } else if (location >= rules.length) {
                    return ILLEGAL;
                }
                if (len == 0 || Integer.toUnsignedLong(len) < FlowSteeringRule.SIZE) {
                    return MALFORMED;
                }
                MemorySegment in = clearBuf((int) FlowSteeringRule.SIZE);
                if (!dma.read("flow steering rule buffer", addr, in, 0, FlowSteeringRule.SIZE)) {
                    return QueueManager.FAULT;
                }
                rules[location] = new FeatureState.FlowRule(location, type, rxq,
                        in.asSlice(0, FlowSteeringRule.SIZE).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            }
            case FlowSteering.ACTION_REMOVE -> {
                if (location >= rules.length || rules[location] == null) {
                    return ILLEGAL;
                }
                rules[location] = null;
            }
            case FlowSteering.ACTION_REMOVE_ALL -> {
                java.util.Arrays.fill(rules, null);
                location = 0;
            }
            default -> {
                return ILLEGAL;
            }
        }
        FlowSteering.responseRuleLocation(resp, G, location);
        return OK;
    }

    private MemorySegment clearBuf(int bytes) {
        MemorySegment s = buf.asSlice(0, bytes);
        s.fill((byte) 0);
        return s;
    }
}
