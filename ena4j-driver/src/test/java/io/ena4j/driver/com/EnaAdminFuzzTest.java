package io.ena4j.driver.com;

import static io.ena4j.driver.fuzz.Fuzz.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ena4j.driver.eth.IoCq;
import io.ena4j.driver.eth.IoSq;
import io.ena4j.driver.eth.LlqInfo;
import io.ena4j.driver.eth.RingStats;
import io.ena4j.driver.fuzz.ExactDma;
import io.ena4j.driver.fuzz.FuzzPci;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.DmaException;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.AdminStatus;
import io.ena4j.spec.admin.AqEntry;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.CustomerMetrics;
import io.ena4j.spec.admin.FlowSteering;
import io.ena4j.spec.admin.FlowSteeringRule;
import io.ena4j.spec.admin.HostInfo;
import io.ena4j.spec.admin.HwTimestamp;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.admin.PhcConfig;
import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.spec.admin.RssHashInputTable;
import io.ena4j.spec.admin.RssHashKey;
import io.ena4j.spec.admin.RssIndirectionTable;
import io.ena4j.spec.regs.EnaRegs;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Fuzzes every parser of device-written admin responses in {@link EnaAdmin}: the GET_FEATURE replies (device
 * attributes, MAX_QUEUES_EXT / MAX_QUEUES_NUM, AENQ config, stateless offloads, HW hints, LLQ, link, interrupt
 * moderation, HW timestamping, PHC, RSS indirection table / hash function and key / hash inputs, the latter three
 * through their control buffers), the CREATE_CQ / CREATE_SQ responses, the flow-steering slot, the GET_STATS
 * replies and the customer-metrics buffer; and what is derived from them: {@link DeviceFeatures},
 * {@link LlqNegotiation} ({@code choose}, {@code negotiate}) and the data-path objects the driver builds from the
 * results ({@link LlqInfo}, {@link IoCq#registers}, {@link IoSq#rx}, {@link IoSq#txLlq}). See docs/FUZZING.md.
 *
 * <p>Every command is answered by {@link FuzzExecutor}: a status (mostly success) and response bytes, and for
 * commands with a control buffer the buffer contents, all from the input. The input picks a sequence of admin
 * calls with fuzzed arguments, BAR sizes and DMA width, and sometimes makes DMA allocations fail.
 *
 * <p>Properties: nothing throws (responses and control buffers are exactly sized: an out-of-bounds read is an
 * exception); a failed call returns a negative errno and no value; every value returned with rc 0 is within its
 * documented range (queue maxima that pass {@link MaxQueuesInfo#validate}, ring sizes powers of two in
 * [256, 32768], 1..19 buffers per packet, header size ≤ 256, an LLQ configuration the device offered and the data
 * path accepts, a Tx burst limit that fits the device's byte limit, HW timestamp support 0/1, a PHC doorbell in
 * the run-time register window and expire ≤ block, an RSS table of 2^log entries with log ≤ 16, a hash function
 * 1 or 2 with a key of at most 40 bytes, an interrupt-delay resolution ≥ 1, register offsets the data-path
 * constructors accept, an LLQ region inside BAR 2, a flow-steering slot below the maximum, a customer-metrics
 * subset of the supported set); no control buffer leaks or is freed twice.
 */
class EnaAdminFuzzTest {

    static {
        // Rejected responses are logged at WARN by design; at fuzzing speed that is millions of lines.
        System.setProperty("org.slf4j.simpleLogger.log.io.ena4j.driver.com.EnaAdmin", "off");
    }

    /** Answers every admin command from the input. */
    static final class FuzzExecutor implements AdminExecutor {
        private final FuzzedDataProvider data;
        private final ExactDma dma;

        FuzzExecutor(FuzzedDataProvider data, ExactDma dma) {
            this.data = data;
            this.dma = dma;
        }

        @Override
        public int execute(MemorySegment cmd, int cmdLen, MemorySegment resp, int respLen) {
            check(cmdLen >= 4 && cmdLen <= 64 && respLen >= 8 && respLen <= 64, "command / response length");
            AdminOpcode op = AdminOpcode.of(AqEntry.opcode(cmd, 0));
            check(op != null && op.commandSize() == cmdLen && op.responseSize() == respLen, "opcode / lengths");
            int ctrlLen = AqEntry.ctrlBufferLength(cmd, 0);
            if (ctrlLen != 0 && (op == AdminOpcode.GET_FEATURE || op == AdminOpcode.SET_FEATURE
                    || op == AdminOpcode.GET_STATS)) {
                long addr = Integer.toUnsignedLong(cmd.get(ValueLayout.JAVA_INT_UNALIGNED,
                        AqEntry.CTRL_BUFFER_ADDRESS_OFFSET))
                        | (cmd.get(ValueLayout.JAVA_SHORT_UNALIGNED, AqEntry.CTRL_BUFFER_ADDRESS_OFFSET + 4)
                        & 0xFFFFL) << 32;
                MemorySegment ctrl = dma.slice(addr, Integer.toUnsignedLong(ctrlLen));
                check(ctrl != null, "control buffer is not DMA memory of the announced length");
                if (op != AdminOpcode.SET_FEATURE && data.consumeBoolean()) {
                    byte[] b = data.consumeBytes(ctrlLen);
                    MemorySegment.copy(b, 0, ctrl, ValueLayout.JAVA_BYTE, 0, b.length);
                }
            }
            byte[] r = data.consumeBytes(respLen);
            MemorySegment.copy(r, 0, resp, ValueLayout.JAVA_BYTE, 0, r.length);
            int s = data.consumeInt(0, 15);
            return s < 9 ? 0 : s < 14 ? AdminStatus.errnoOf(s - 8) : s == 14 ? EnaErrno.ETIME : EnaErrno.ENODEV;
        }
    }

    @FuzzTest(maxDuration = "10m")
    void getFeatureReplies(FuzzedDataProvider data) {
        FuzzPci pci = new FuzzPci();
        ExactDma dma = pci.exactDma();
        long bar0 = data.pickValue(new Long[] {EnaAdmin.UNKNOWN_BAR_SIZE, (long) FuzzPci.BAR0_SIZE});
        long bar2 = data.pickValue(new Long[] {EnaAdmin.UNKNOWN_BAR_SIZE, 0L, 1L << 16, 1L << 20});
        int dmaBits = data.consumeBoolean() ? EnaRegs.DMA_WIDTH_MAX
                : data.consumeInt(EnaRegs.DMA_WIDTH_MIN, EnaRegs.DMA_WIDTH_MAX);
        EnaAdmin admin = new EnaAdmin(new FuzzExecutor(data, dma), dma, dmaBits, bar0, bar2);
        DmaBuffer phcShared = dma.allocate(PhcConfig.OUTPUT_LENGTH);
        DmaBuffer hostInfo = dma.allocate(HostInfo.PAGE_SIZE);
        LlqConfig llq = null;
        long invalid = 0;

        int ops = 0;
        while (data.remainingBytes() > 0 && ops++ < 40) {
            switch (data.consumeInt(0, 16)) {
                case 0, 1 -> llq = deviceFeatures(admin, data, pci, bar2, llq);
                case 2 -> {
                    AdminResult<AenqGroups> r = admin.getAenqConfig();
                    failedHasNoValue(r);
                    admin.setAenqConfig(data.consumeInt());
                }
                case 3 -> {
                    failedHasNoValue(admin.getOffloadSettings());
                    AdminResult<LinkParams> l = admin.getLinkParams();
                    failedHasNoValue(l);
                    if (l.ok()) {
                        check(l.value().speedMbps() >= 0 && l.value().speedMbps() <= 0xFFFF_FFFFL, "link speed");
                    }
                }
                case 4 -> {
                    AdminResult<Integer> r = admin.getInterruptDelayResolution();
                    failedHasNoValue(r);
                    if (r.ok()) {
                        check(r.value() >= 1 && r.value() <= 0xFFFF, "interrupt delay resolution %d", r.value());
                    }
                }
                case 5 -> {
                    AdminResult<HwTimestampCaps> r = admin.getHwTimestamping();
                    failedHasNoValue(r);
                    if (r.ok()) {
                        check(r.value().tx() >= HwTimestamp.NONE && r.value().tx() <= HwTimestamp.ALL
                                && r.value().rx() >= HwTimestamp.NONE && r.value().rx() <= HwTimestamp.ALL,
                                "HW timestamp support tx %d rx %d", r.value().tx(), r.value().rx());
                    }
                    admin.setHwTimestamping(data.consumeBoolean(), data.consumeBoolean());
                }
                case 6 -> {
                    AdminResult<PhcConfigInfo> r = admin.configurePhc(phcShared);
                    failedHasNoValue(r);
                    if (r.ok()) {
                        checkRegister(r.value().doorbellOffset(), bar0, "PHC doorbell");
                        check(r.value().expireTimeoutUsec() > 0 && r.value().blockTimeoutUsec() > 0
                                && r.value().expireTimeoutUsec() <= r.value().blockTimeoutUsec(),
                                "PHC timeouts expire %d block %d", r.value().expireTimeoutUsec(),
                                r.value().blockTimeoutUsec());
                    }
                }
                case 7 -> {
                    int want = data.consumeInt(-2, RssIndirectionTable.MAX_LOG_SIZE + 1);
                    AdminResult<Integer> r = admin.rssInit(want, data.consumeBoolean() ? null
                            : data.consumeBytes(RssHashKey.KEY_SIZE));
                    failedHasNoValue(r);
                    if (r.ok()) {
                        check(r.value() >= 0 && r.value() <= RssIndirectionTable.MAX_LOG_SIZE
                                && (want < 0 || r.value() == want), "RSS table log size %d (asked %d)", r.value(),
                                want);
                        check(admin.rssTableLogSize() == r.value(), "RSS log size not recorded");
                    }
                }
                case 8 -> {
                    int log = admin.rssTableLogSize();
                    if (log >= 0 && data.consumeBoolean()) {
                        int[] table = new int[1 << log];
                        for (int i = 0; i < table.length; i++) {
                            table[i] = data.consumeInt(0, 0xFFFF);
                        }
                        admin.setIndirectionTable(table);
                    }
                    AdminResult<int[]> r = admin.getIndirectionTable();
                    failedHasNoValue(r);
                    if (r.ok()) {
                        check(r.value().length == 1 << log, "indirection table of %d entries, log %d",
                                r.value().length, log);
                        for (int v : r.value()) {
                            check(v >= 0 && v <= 0xFFFF, "indirection entry %d", v);
                        }
                    }
                }
                case 9 -> {
                    AdminResult<RssHashFunctionInfo> r = admin.getHashFunction();
                    failedHasNoValue(r);
                    if (r.ok()) {
                        int f = r.value().function();
                        check(f == RssHashFunction.TOEPLITZ || f == RssHashFunction.CRC32, "hash function %d", f);
                        int k = r.value().key().length;
                        check(k % 4 == 0 && k <= RssHashKey.KEY_SIZE, "hash key of %d bytes", k);
                    }
                    int func = data.consumeInt(0, 3);
                    admin.fillHashFunction(func, data.consumeBoolean() ? null
                            : data.consumeBytes(data.consumeInt(0, 48)), data.consumeInt());
                }
                case 10 -> {
                    int proto = data.consumeInt(-1, RssHashInputTable.PROTO_SLOTS);
                    AdminResult<Integer> r = admin.getHashInput(proto);
                    failedHasNoValue(r);
                    if (r.ok()) {
                        check(r.value() >= 0 && r.value() <= 0xFFFF, "hash fields %d", r.value());
                    }
                    switch (data.consumeInt(0, 2)) {
                        case 0 -> admin.setDefaultHashInput();
                        case 1 -> admin.fillHashInput(proto, data.consumeInt(0, 0x1FFFF));
                        default -> {
                            int[] fields = new int[RssHashInputTable.PROTO_SLOTS];
                            for (int i = 0; i < fields.length; i++) {
                                fields[i] = data.consumeInt(0, 0xFFFF);
                            }
                            admin.setHashInput(fields);
                        }
                    }
                }
                case 11, 12 -> ioQueue(admin, data, pci, bar0, bar2, llq);
                case 13 -> {
                    DeviceFeatures f = admin.deviceFeatures();
                    int max = f == null ? 0 : f.attributes().flowSteeringMaxEntries();
                    int location = data.consumeBoolean() ? FlowSteering.RULE_LOCATION_ANY
                            : data.consumeInt(-1, max + 1);
                    byte[] ip = new byte[FlowSteeringRule.DST_IP_LENGTH];
                    FlowSteeringRuleInfo rule = new FlowSteeringRuleInfo(data.consumeInt(1, 6),
                            data.consumeInt(0, 0xFFFF), ip, ip, ip, ip, 0, 0, 0, 0, 0, 0);
                    AdminResult<Integer> r = admin.addFlowSteeringRule(rule, location);
                    failedHasNoValue(r);
                    if (r.ok()) {
                        check(r.value() >= 0 && r.value() < max, "flow-steering slot %d, max %d", r.value(), max);
                    }
                    if (data.consumeBoolean()) {
                        admin.removeFlowSteeringRule(data.consumeInt(-1, max));
                    } else {
                        admin.removeAllFlowSteeringRules();
                    }
                }
                case 14 -> {
                    failedHasNoValue(admin.getBasicStats());
                    failedHasNoValue(admin.getEniStats());
                    failedHasNoValue(admin.getEnaSrdInfo());
                    AdminResult<CustomerMetricsInfo> r = admin.getCustomerMetrics();
                    failedHasNoValue(r);
                    if (r.ok()) {
                        check((r.value().metrics() & ~admin.customerMetricsSupported()) == 0
                                && (r.value().metrics() & ~CustomerMetrics.ALL_METRICS) == 0,
                                "customer metrics 0x%x, supported 0x%x", r.value().metrics(),
                                admin.customerMetricsSupported());
                    }
                }
                case 15 -> {
                    admin.setMtu(data.consumeInt());
                    admin.setFragBypass(data.consumeBoolean());
                    admin.setHostAttributes(hostInfo, null, 0);
                    admin.getInterruptDelayResolution();
                }
                default -> dma.failAllocationsAfter(data.consumeBoolean() ? Integer.MAX_VALUE
                        : data.consumeInt(0, 2));
            }
            check(admin.invalidResponseCount() >= invalid, "invalid-response count went down");
            invalid = admin.invalidResponseCount();
        }
        admin.close();
        dma.free(phcShared);
        dma.free(hostInfo);
        check(dma.liveBuffers() == 0, "%d control buffers leaked", dma.liveBuffers());
        check(dma.doubleFrees() == 0, "%d buffers freed twice", dma.doubleFrees());
    }

    /** getDeviceFeatures and the LLQ negotiation on its result; returns the LLQ configuration in force. */
    private static LlqConfig deviceFeatures(EnaAdmin admin, FuzzedDataProvider data, FuzzPci pci, long bar2,
            LlqConfig previous) {
        AdminResult<DeviceFeatures> r = admin.getDeviceFeatures();
        failedHasNoValue(r);
        if (!r.ok()) {
            return previous;
        }
        DeviceFeatures f = r.value();
        check(admin.deviceFeatures() == f, "features not recorded");
        MaxQueuesInfo mq = f.maxQueues();
        LlqCaps caps = f.llq();
        check(mq.validate(caps.maxLlqNum() != 0) == null, "accepted queue maxima fail validation");
        check(ringSize(mq.maxRxRingSize()), "Rx ring size %d", mq.maxRxRingSize());
        if (caps.maxLlqNum() == 0) {
            check(ringSize(mq.maxTxRingSizeHost()), "Tx ring size %d", mq.maxTxRingSizeHost());
        }
        check(mq.maxRxSgEntries() >= 1 && mq.maxRxSgEntries() <= MaxQueuesInfo.MAX_SG_ENTRIES
                && mq.maxTxSgEntries() >= 1 && mq.maxTxSgEntries() <= MaxQueuesInfo.MAX_SG_ENTRIES,
                "buffers per packet Rx %d Tx %d", mq.maxRxSgEntries(), mq.maxTxSgEntries());
        check(mq.maxRxQueues() >= 1, "Rx queues %d", mq.maxRxQueues());
        check(f.txMaxHeaderSize() >= 0 && f.txMaxHeaderSize() <= MaxQueuesInfo.MAX_TX_HEADER_SIZE,
                "Tx header size %d", f.txMaxHeaderSize());
        check((f.customerMetricsSupported() & ~CustomerMetrics.ALL_METRICS) == 0, "customer metrics 0x%x",
                f.customerMetricsSupported());
        check(f.attributes().mac().length == 6, "MAC length");

        Boolean large = data.pickValue(new Boolean[] {null, Boolean.TRUE, Boolean.FALSE});
        LlqNegotiation.Preference pref = LlqNegotiation.defaultPreference(caps, large);
        LlqNegotiation.Choice choice = LlqNegotiation.choose(caps, pref);
        check((choice.config() == null) != (choice.fallback() == null), "choice with both or neither outcome");
        if (choice.config() != null) {
            checkLlqConfig(choice.config(), caps, pci);
        }
        boolean bar2Present = bar2 != 0 && data.consumeBoolean();
        LlqNegotiation.Result res = LlqNegotiation.negotiate(admin, caps, bar2Present, pref);
        check(res.rc() <= 0, "negotiation rc %d", res.rc());
        if (res.devicePlacement()) {
            check(res.rc() == 0 && res.config() != null && res.config().equals(choice.config()) && bar2Present,
                    "device placement without the chosen configuration");
            return res.config();
        }
        check(res.config() == null && res.fallback() != null && res.placement() == CreateSqCmd.PLACEMENT_HOST,
                "host placement result inconsistent");
        return null;
    }

    /** A negotiated LLQ configuration: offered by the device, consistent, and accepted by the data path. */
    private static void checkLlqConfig(LlqConfig c, LlqCaps caps, FuzzPci pci) {
        check((caps.headerLocationSupported() & c.headerLocation()) != 0
                && (caps.strideSupported() & c.descStride()) != 0
                && (caps.entrySizeSupported() & c.entrySizeCtrl()) != 0
                && (caps.descsBeforeHeaderSupported() & c.descsBeforeHeader()) != 0,
                "LLQ configuration the device did not offer");
        check(c.entrySize() == 128 || c.entrySize() == 192 || c.entrySize() == 256, "entry size %d", c.entrySize());
        check(c.txMaxHeaderSize() > 0 && c.txMaxHeaderSize() <= c.entrySize(), "header room %d",
                c.txMaxHeaderSize());
        check(c.descsPerEntry() >= 1 && c.descsPerEntry() * 16 <= c.entrySize(), "descs per entry %d",
                c.descsPerEntry());
        if ((caps.accelSupportedFlags() & LlqFeature.AccelFlags.LIMIT_TX_BURST) != 0) {
            check(c.maxEntriesInTxBurst() >= 1
                    && (long) c.maxEntriesInTxBurst() * c.entrySize() <= caps.maxTxBurstSize(),
                    "burst of %d entries, device limit %d bytes", c.maxEntriesInTxBurst(), caps.maxTxBurstSize());
        } else {
            check(c.maxEntriesInTxBurst() == 0, "burst limit %d without LIMIT_TX_BURST", c.maxEntriesInTxBurst());
        }
        int depth = caps.maxTxSqDepth(c);
        check(depth == 0 || (Integer.bitCount(depth) == 1 && depth <= MaxQueuesInfo.MAX_RING_SIZE),
                "LLQ depth %d", depth);
        // What the driver builds from it (QueueSetup): must not refuse a configuration the negotiation chose.
        LlqInfo info = LlqInfo.of(c.entrySize(), c.descsBeforeHeader(), c.descStride(), c.maxEntriesInTxBurst(),
                c.disableMetaCaching());
        check(info.txMaxHeaderSize() == c.txMaxHeaderSize(), "data-path header limit differs");
        int n = Math.max(2, Math.min(depth, 16));
        IoSq.txLlq(MemorySegment.ofArray(new long[n * c.entrySize() / 8]), 0, n, info, 48, pci, 0x1000,
                new RingStats());
    }

    /** CREATE_CQ / CREATE_SQ with fuzzed parameters; accepted responses must be usable by the data path. */
    private static void ioQueue(EnaAdmin admin, FuzzedDataProvider data, FuzzPci pci, long bar0, long bar2,
            LlqConfig llq) {
        int depth = 1 << data.consumeInt(1, 10);
        int kind = data.consumeInt(0, 2);
        boolean ext = data.consumeBoolean();
        int dir = kind == 2 ? CreateSqCmd.DIRECTION_RX : CreateSqCmd.DIRECTION_TX;
        int placement = kind == 1 && llq != null ? CreateSqCmd.PLACEMENT_DEV : CreateSqCmd.PLACEMENT_HOST;
        IoQueueParams p = new IoQueueParams(dir, placement, depth, data.consumeInt(0, 64), data.consumeBoolean(),
                ext, placement == CreateSqCmd.PLACEMENT_DEV ? llq.entrySize() : 0);
        ExactDma dma = pci.exactDma();
        DmaBuffer cqRing;
        DmaBuffer sqRing;
        try {
            cqRing = dma.allocate(p.cqRingBytes());
        } catch (DmaException e) {
            return; // the fuzzer made allocations fail; nothing to test here
        }
        try {
            sqRing = p.sqRingBytes() > 0 ? dma.allocate(p.sqRingBytes()) : null;
        } catch (DmaException e) {
            dma.free(cqRing);
            return;
        }
        try {
            if (data.consumeBoolean()) {
                AdminResult<IoQueue> r = admin.createIoQueue(p, cqRing, sqRing);
                failedHasNoValue(r);
                if (r.ok()) {
                    checkCq(r.value().cq(), p, cqRing, pci, bar0);
                    checkSq(r.value().sq(), p, sqRing, pci, bar0, bar2);
                    admin.destroyIoQueue(r.value());
                }
                return;
            }
            AdminResult<CqInfo> cq = admin.createCq(p, cqRing);
            failedHasNoValue(cq);
            if (!cq.ok()) {
                return;
            }
            checkCq(cq.value(), p, cqRing, pci, bar0);
            AdminResult<SqInfo> sq = admin.createSq(p, cq.value(), sqRing);
            failedHasNoValue(sq);
            if (sq.ok()) {
                checkSq(sq.value(), p, sqRing, pci, bar0, bar2);
                admin.destroySq(sq.value());
            }
            admin.destroyCq(cq.value());
        } finally {
            dma.free(cqRing);
            if (sqRing != null) {
                dma.free(sqRing);
            }
        }
    }

    private static void checkCq(CqInfo cq, IoQueueParams p, DmaBuffer ring, FuzzPci pci, long bar0) {
        checkRegister(cq.unmaskRegOffset(), bar0, "CQ unmask register");
        if (cq.numaRegOffset() != 0) {
            checkRegister(cq.numaRegOffset(), bar0, "CQ NUMA register");
        }
        check(cq.depth() == p.depth() && cq.ringIoAddress() == ring.ioAddress(), "CQ info does not match the request");
        if (bar0 == FuzzPci.BAR0_SIZE && p.depth() >= IoSq.MIN_DEPTH) {
            IoCq c = p.direction() == CreateSqCmd.DIRECTION_TX
                    ? IoCq.tx(ring, p.depth(), p.cqEntrySize(), true, new RingStats())
                    : IoCq.rx(ring, p.depth(), p.cqEntrySize(), true, new RingStats());
            c.registers(pci, cq.unmaskRegOffset(), cq.numaRegOffset()); // must accept what createCq accepted
        }
    }

    private static void checkSq(SqInfo sq, IoQueueParams p, DmaBuffer ring, FuzzPci pci, long bar0, long bar2) {
        checkRegister(sq.doorbellOffset(), bar0, "SQ doorbell");
        if (p.placement() == CreateSqCmd.PLACEMENT_DEV) {
            long off = Integer.toUnsignedLong(sq.llqDescriptorsOffset());
            long bytes = (long) p.depth() * p.llqEntrySize();
            check(off % 8 == 0, "LLQ region offset 0x%x not 8-byte aligned", off);
            check(bar2 < 0 || off + bytes <= bar2, "LLQ region 0x%x+%d outside BAR 2 of %d bytes", off, bytes, bar2);
        }
        if (bar0 == FuzzPci.BAR0_SIZE && p.direction() == CreateSqCmd.DIRECTION_RX && p.depth() >= IoSq.MIN_DEPTH) {
            IoSq.rx(ring, p.depth(), 48, pci, sq.doorbellOffset(), new RingStats()); // must not refuse the offset
        }
    }

    /** A run-time register offset as the admin layer promises it (§3.1). */
    private static void checkRegister(int offset, long bar0, String what) {
        long off = Integer.toUnsignedLong(offset);
        check((off & 3) == 0 && off >= EnaAdmin.FIXED_REGISTER_END && (bar0 < 0 || off + 4 <= bar0),
                what + " 0x%x accepted (BAR 0 size %d)", off, bar0);
    }

    private static boolean ringSize(int n) {
        return Integer.bitCount(n) == 1 && n >= MaxQueuesInfo.MIN_RING_SIZE && n <= MaxQueuesInfo.MAX_RING_SIZE;
    }

    private static void failedHasNoValue(AdminResult<?> r) {
        check(r.ok() ? r.rc() == 0 && r.value() != null : r.rc() < 0 && r.value() == null,
                "result rc %d with value present = %d", r.rc(), r.value() == null ? 0 : 1);
    }
}
