package io.ena4j.spec.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.spec.TestBytes;
import io.ena4j.spec.VectorFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes the reference admin session ({@code admin.jsonl}) with the accessors and re-encodes every command from the
 * line's {@code args}/{@code out} with the setters, comparing against the recorded slot bytes (management.md §6, §7,
 * §8). All lines are one session: command k sits in slot {@code k % 32} with id {@code k % 32} and phase 1 on
 * the 1st and 3rd pass, 0 on the 2nd (§6.3).
 */
class AdminVectorsTest {

    /** One submitted command with its session index. */
    private record Cmd(int k, JsonNode line, JsonNode aq) {
        MemorySegment aqEntry() {
            return TestBytes.of(TestBytes.hex(aq.path("aq_entry").asText()));
        }

        MemorySegment acqEntry() {
            return TestBytes.of(TestBytes.hex(aq.path("acq_entry").asText()));
        }

        int cmdLen() {
            return aq.path("cmd_len").asInt();
        }

        int phase() {
            return 1 - (k / 32) % 2;
        }

        String func() {
            return line.path("func").asText();
        }

        JsonNode args() {
            return line.path("args");
        }

        JsonNode out() {
            return line.path("out");
        }
    }

    private static List<JsonNode> lines;
    private static List<Cmd> cmds;
    private static final Map<Integer, Integer> DIRECTION_BY_QID = new HashMap<>();

    @BeforeAll
    static void load() {
        lines = VectorFiles.lines("admin.jsonl");
        cmds = new ArrayList<>();
        int k = 0;
        for (JsonNode line : lines) {
            for (JsonNode aq : line.path("aq")) {
                cmds.add(new Cmd(k++, line, aq));
            }
            if (line.path("func").asText().equals("ena_com_create_io_queue")) {
                boolean tx = line.path("args").path("direction").asText().equals("tx");
                DIRECTION_BY_QID.put(line.path("args").path("qid").asInt(),
                        tx ? CreateSqCmd.DIRECTION_TX : CreateSqCmd.DIRECTION_RX);
            }
        }
    }

    private static JsonNode line(int seq) {
        JsonNode l = lines.get(seq);
        assertThat(l.path("seq").asInt()).isEqualTo(seq);
        return l;
    }

    private static MemorySegment acq(JsonNode line, int i) {
        return TestBytes.of(TestBytes.hex(line.path("aq").get(i).path("acq_entry").asText()));
    }

    private static MemorySegment aq(JsonNode line, int i) {
        return TestBytes.of(TestBytes.hex(line.path("aq").get(i).path("aq_entry").asText()));
    }

    private static MemorySegment ctrlSubmitted(JsonNode line, int i) {
        return TestBytes.of(TestBytes.hex(line.path("aq").get(i).path("ctrl_buf").path("submitted").asText()));
    }

    // ---------------------------------------------------------------- headers

    @Test
    void everyHeaderDecodes() {
        assertThat(cmds).hasSizeGreaterThan(64);
        for (Cmd c : cmds) {
            MemorySegment e = c.aqEntry();
            String what = "cmd " + c.k() + " " + c.func();
            assertThat(c.aq().path("aq_slot").asInt()).as(what).isEqualTo(c.k() % 32);
            assertThat(AqEntry.commandId(e, 0)).as(what).isEqualTo(c.k() % 32);
            assertThat(AqEntry.opcode(e, 0)).as(what).isEqualTo(c.aq().path("opcode").asInt());
            assertThat(AqEntry.phase(e, 0)).as(what).isEqualTo(c.phase());
            assertThat(AqEntry.ctrlData(e, 0)).as("drivers never set CTRL_DATA").isZero();
            AdminOpcode op = AdminOpcode.of(AqEntry.opcode(e, 0));
            assertThat(op).as(what).isNotNull();
            assertThat(op.commandSize()).as(what).isEqualTo(c.cmdLen());
            assertThat(c.aq().path("doorbell_value").asInt()).as(what).isEqualTo(c.k() + 1);

            JsonNode cb = c.aq().path("ctrl_buf");
            if (op == AdminOpcode.GET_FEATURE || op == AdminOpcode.SET_FEATURE) {
                assertThat(FeatureCmd.featureId(e, 0)).as(what).isEqualTo(c.aq().path("feature_id").asInt());
                assertThat(FeatureId.of(FeatureCmd.featureId(e, 0))).as(what).isNotNull();
                assertThat(AqEntry.ctrlDataIndirect(e, 0)).as(what).isEqualTo(cb.isObject() ? 1 : 0);
            }
            if (op == AdminOpcode.GET_STATS) {
                assertThat(AqEntry.flags(e, 0)).as("GET_STATS flags 0 even with a buffer").isEqualTo(c.phase());
            }
            if (cb.isObject()) {
                assertThat(AqEntry.ctrlBufferLength(e, 0)).as(what).isEqualTo(cb.path("len").asInt());
                assertThat(AqEntry.ctrlBufferAddress(e, 0)).as(what).isEqualTo(cb.path("addr").asLong());
                assertThat(FeatureCmd.ctrlBufferAddress(e, 0)).isEqualTo(cb.path("addr").asLong());
            } else if (op == AdminOpcode.GET_FEATURE || op == AdminOpcode.SET_FEATURE || op == AdminOpcode.GET_STATS) {
                assertThat(AqEntry.ctrlBufferLength(e, 0)).as(what).isZero();
                assertThat(AqEntry.ctrlBufferAddress(e, 0)).as(what).isZero();
            }

            MemorySegment r = c.acqEntry();
            assertThat(c.aq().path("acq_slot").asInt()).isEqualTo(c.k() % 32);
            assertThat(AcqEntry.commandId(r, 0)).as(what).isEqualTo(AqEntry.commandId(e, 0));
            assertThat(AcqEntry.phase(r, 0)).as(what).isEqualTo(c.phase());
            assertThat(AcqEntry.status(r, 0)).as(what)
                    .isEqualTo(c.args().path("device_completion_status").asInt(0));
            assertThat(AcqEntry.extendedStatus(r, 0)).isZero();
            assertThat(AcqEntry.sqHeadIndx(r, 0)).isZero();
        }
    }

    @Test
    void completionStatusMapsToTheRecordedReturnCode() {
        int checked = 0;
        for (JsonNode l : lines) {
            if (!l.path("args").has("device_completion_status")) {
                continue;
            }
            int status = AcqEntry.status(acq(l, 0), 0);
            assertThat(AdminStatus.errnoOf(status)).as("status %d", status).isEqualTo(l.path("rc").asInt());
            checked++;
        }
        assertThat(checked).isEqualTo(8);
    }

    // ---------------------------------------------------------------- re-encode

    @Test
    void everyCommandReEncodesFromArgsAndOut() {
        int checked = 0;
        for (Cmd c : cmds) {
            MemorySegment s = TestBytes.zeroed(64);
            AqEntry.commandId(s, 0, c.k() % 32);
            AqEntry.opcode(s, 0, c.aq().path("opcode").asInt());
            AqEntry.phase(s, 0, c.phase());
            build(c, s);
            int n = c.cmdLen();
            assertThat(TestBytes.hex(TestBytes.prefix(s, n)))
                    .as("cmd %d (seq %d %s opcode %d feature %s)", c.k(), c.line().path("seq").asInt(), c.func(),
                            c.aq().path("opcode").asInt(), c.aq().path("feature_id"))
                    .isEqualTo(TestBytes.hex(TestBytes.prefix(c.aqEntry(), n)));
            checked++;
        }
        assertThat(checked).isEqualTo(cmds.size());
    }

    private static void build(Cmd c, MemorySegment s) {
        JsonNode a = c.args();
        JsonNode o = c.out();
        JsonNode cb = c.aq().path("ctrl_buf");
        switch (AdminOpcode.of(c.aq().path("opcode").asInt())) {
            case CREATE_CQ -> {
                CreateCqCmd.interruptModeEnabled(s, 0, 1);
                CreateCqCmd.cqEntrySizeWords(s, 0, o.path("cdesc_entry_size").asInt() / 4);
                CreateCqCmd.cqDepth(s, 0, a.path("queue_size").asInt());
                CreateCqCmd.msixVector(s, 0, a.path("msix_vector").asInt());
                CreateCqCmd.cqBa(s, 0, o.path("cq_ring_addr").asLong());
            }
            case CREATE_SQ -> {
                boolean tx = a.path("direction").asText().equals("tx");
                CreateSqCmd.sqDirection(s, 0, tx ? CreateSqCmd.DIRECTION_TX : CreateSqCmd.DIRECTION_RX);
                CreateSqCmd.placementPolicy(s, 0, a.path("mem_queue_type").asInt());
                CreateSqCmd.completionPolicy(s, 0, CreateSqCmd.COMPLETION_POLICY_DESC);
                CreateSqCmd.isPhysicallyContiguous(s, 0, 1);
                CreateSqCmd.cqIdx(s, 0, o.path("cq_idx").asInt());
                CreateSqCmd.sqDepth(s, 0, a.path("queue_size").asInt());
                CreateSqCmd.sqBa(s, 0, o.path("sq_ring_addr").asLong());
            }
            case DESTROY_SQ -> {
                DestroySqCmd.sqIdx(s, 0, a.path("sq_idx").asInt());
                DestroySqCmd.sqDirection(s, 0, DIRECTION_BY_QID.get(a.path("qid").asInt()));
            }
            case DESTROY_CQ -> DestroyCqCmd.cqIdx(s, 0, a.path("cq_idx").asInt());
            case GET_FEATURE -> {
                int f = c.aq().path("feature_id").asInt();
                FeatureCmd.featureId(s, 0, f);
                // §8.1 versions sent by the driver; the sizing GET of feature 12 is version 0 in this (DPDK) copy.
                FeatureCmd.featureVersion(s, 0, f == FeatureId.LLQ.code() || f == FeatureId.MAX_QUEUES_EXT.code()
                        ? 1 : 0);
                ctrl(s, cb, true);
            }
            case SET_FEATURE -> {
                int f = c.aq().path("feature_id").asInt();
                FeatureCmd.featureId(s, 0, f);
                ctrl(s, cb, true);
                buildSetPayload(c, FeatureId.of(f), s, FeatureCmd.SET_PAYLOAD);
            }
            case GET_STATS -> {
                int type = switch (c.func()) {
                    case "ena_com_get_dev_basic_stats" -> StatsType.BASIC.code();
                    case "ena_com_get_eni_stats" -> StatsType.ENI.code();
                    case "ena_com_get_ena_srd_info" -> StatsType.ENA_SRD.code();
                    default -> StatsType.CUSTOMER_METRICS.code();
                };
                GetStatsCmd.type(s, 0, type);
                if (type == StatsType.CUSTOMER_METRICS.code()) {
                    GetStatsCmd.requestedMetrics(s, 0, CustomerMetrics.ALL_METRICS);
                }
                ctrl(s, cb, false);
            }
            default -> throw new AssertionError("unexpected opcode in vectors");
        }
    }

    private static void ctrl(MemorySegment s, JsonNode cb, boolean indirectFlag) {
        if (!cb.isObject()) {
            return;
        }
        if (indirectFlag) {
            AqEntry.ctrlDataIndirect(s, 0, 1);
        }
        FeatureCmd.ctrlBufferLength(s, 0, cb.path("len").asInt());
        FeatureCmd.ctrlBufferAddress(s, 0, cb.path("addr").asLong());
    }

    private static void buildSetPayload(Cmd c, FeatureId f, MemorySegment s, long p) {
        JsonNode a = c.args();
        JsonNode o = c.out();
        switch (f) {
            case HOST_ATTR_CONFIG -> {
                HostAttrConfig.osInfoBa(s, p, a.path("host_info_addr").asLong());
                HostAttrConfig.debugBa(s, p, a.path("debug_area_addr").asLong());
                HostAttrConfig.debugAreaSize(s, p, a.path("debug_area_size").asInt());
            }
            case AENQ_CONFIG -> {
                // The SET follows a GET in the same call; enabled = requested & supported.
                int supported = AenqConfig.supportedGroups(acq(c.line(), 0), FeatureCmd.GET_PAYLOAD);
                AenqConfig.enabledGroups(s, p, a.path("groups_flag").asInt() & supported);
            }
            case LLQ -> {
                JsonNode llq = o.path("llq_info");
                LlqFeature.headerLocationCtrlEnabled(s, p, llq.path("header_location_ctrl").asInt());
                LlqFeature.entrySizeCtrlEnabled(s, p, llq.path("desc_list_entry_size_ctrl").asInt());
                LlqFeature.descNumBeforeHeaderEnabled(s, p, llq.path("descs_num_before_header").asInt());
                LlqFeature.descriptorsStrideCtrlEnabled(s, p, llq.path("desc_stride_ctrl").asInt());
                LlqFeature.accelModeEnabledFlags(s, p, LlqFeature.AccelFlags.ALL);
            }
            case PHC_CONFIG -> {
                PhcConfig.outputAddress(s, p, a.path("phc_shared_mem_addr").asLong());
                PhcConfig.outputLength(s, p, PhcConfig.OUTPUT_LENGTH);
            }
            case RSS_INDIRECTION_TABLE_CONFIG -> {
                int entries = c.aq().path("ctrl_buf").path("len").asInt() / (int) RssIndirectionEntry.SIZE;
                RssIndirectionTable.size(s, p, Integer.numberOfTrailingZeros(entries));
                RssIndirectionTable.inlineIndex(s, p, RssIndirectionTable.INLINE_INDEX_NONE);
            }
            case RSS_HASH_FUNCTION -> {
                RssHashFunction.selectedFunc(s, p, RssHashFunction.funcMask(a.path("func").asInt()));
                RssHashFunction.initVal(s, p, (int) a.path("init_val").asLong());
            }
            case RSS_HASH_INPUT ->
                    RssHashInput.enabledInputSort(s, p, RssHashInput.L3_SORT | RssHashInput.L4_SORT);
            case MTU -> Mtu.mtu(s, p, a.path("mtu").asInt());
            default -> throw new AssertionError("SET of feature " + f + " not expected in vectors");
        }
    }

    // ---------------------------------------------------------------- responses and payloads

    @Test
    void deviceAttributesResponse() {
        for (int seq : new int[] {2, 54}) {
            JsonNode l = line(seq);
            JsonNode want = l.path("out").path("dev_attr");
            MemorySegment r = acq(l, 0);
            long p = FeatureCmd.GET_PAYLOAD;
            assertThat(DeviceAttributes.implId(r, p)).isEqualTo(want.path("impl_id").asInt());
            assertThat(DeviceAttributes.deviceVersion(r, p)).isEqualTo(want.path("device_version").asInt());
            assertThat(DeviceAttributes.supportedFeatures(r, p)).isEqualTo(want.path("supported_features").asInt());
            assertThat(DeviceAttributes.capabilities(r, p)).isEqualTo(want.path("capabilities").asInt());
            assertThat(DeviceAttributes.physAddrWidth(r, p)).isEqualTo(want.path("phys_addr_width").asInt());
            assertThat(DeviceAttributes.virtAddrWidth(r, p)).isEqualTo(want.path("virt_addr_width").asInt());
            assertThat(DeviceAttributes.macAddr(r, p)).isEqualTo(TestBytes.hex(want.path("mac_addr").asText()));
            assertThat(DeviceAttributes.maxMtu(r, p)).isEqualTo(want.path("max_mtu").asInt());
            assertThat(DeviceAttributes.flowSteeringMaxEntries(r, p)).as("DPDK copy: RSVD").isZero();
        }
        // Profile A: capabilities 0x1f = all five bits.
        MemorySegment r = acq(line(2), 0);
        assertThat(DeviceAttributes.capabilities(r, FeatureCmd.GET_PAYLOAD)).isEqualTo(
                DeviceAttributes.CAP_ENI_STATS | DeviceAttributes.CAP_ENA_SRD_INFO
                        | DeviceAttributes.CAP_CUSTOMER_METRICS | DeviceAttributes.CAP_EXTENDED_RESET_REASONS
                        | DeviceAttributes.CAP_CDESC_MBZ);
    }

    @Test
    void maxQueuesExtAndLegacy() {
        JsonNode a = line(2);
        MemorySegment r = acq(a, 1);
        long p = FeatureCmd.GET_PAYLOAD;
        assertThat(TestBytes.hex(r.asSlice(p, MaxQueuesExt.SIZE).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)))
                .isEqualTo(a.path("out").path("max_queue_ext_struct").asText());
        assertThat(MaxQueuesExt.version(r, p)).isEqualTo(MaxQueuesExt.VERSION_1);
        assertThat(MaxQueuesExt.maxTxSqNum(r, p)).isEqualTo(32);
        assertThat(MaxQueuesExt.maxTxCqNum(r, p)).isEqualTo(32);
        assertThat(MaxQueuesExt.maxRxSqNum(r, p)).isEqualTo(32);
        assertThat(MaxQueuesExt.maxRxCqNum(r, p)).isEqualTo(32);
        assertThat(MaxQueuesExt.maxTxSqDepth(r, p)).isEqualTo(4096);
        assertThat(MaxQueuesExt.maxTxCqDepth(r, p)).isEqualTo(4096);
        assertThat(MaxQueuesExt.maxRxSqDepth(r, p)).isEqualTo(16384);
        assertThat(MaxQueuesExt.maxRxCqDepth(r, p)).isEqualTo(16384);
        assertThat(MaxQueuesExt.maxTxHeaderSize(r, p))
                .isEqualTo(a.path("out").path("ena_dev_tx_max_header_size").asInt());
        assertThat(MaxQueuesExt.maxPerPacketTxDescs(r, p)).isEqualTo(32);
        assertThat(MaxQueuesExt.maxPerPacketRxDescs(r, p)).isEqualTo(19);

        JsonNode b = line(54);
        MemorySegment q = acq(b, 1);
        assertThat(MaxQueues.maxSqNum(q, p)).isEqualTo(32);
        assertThat(MaxQueues.maxSqDepth(q, p)).isEqualTo(4096);
        assertThat(MaxQueues.maxCqNum(q, p)).isEqualTo(32);
        assertThat(MaxQueues.maxCqDepth(q, p)).isEqualTo(4096);
        assertThat(MaxQueues.maxLegacyLlqNum(q, p)).isZero();
        assertThat(MaxQueues.maxHeaderSize(q, p))
                .isEqualTo(b.path("out").path("ena_dev_tx_max_header_size").asInt());
        assertThat(MaxQueues.maxPacketTxDescs(q, p)).isEqualTo(19);
        assertThat(MaxQueues.maxPacketRxDescs(q, p)).isEqualTo(19);

        // Profile C: a version-0 MAX_QUEUES_EXT response makes the layer fail with -EINVAL (§8.4).
        JsonNode c = line(55);
        assertThat(MaxQueuesExt.version(acq(c, 1), p)).isNotEqualTo(MaxQueuesExt.VERSION_1);
        assertThat(c.path("rc").asInt()).isEqualTo(-22);
    }

    @Test
    void otherGetPayloadsOfTheAttributeProbe() {
        JsonNode l = line(2);
        JsonNode out = l.path("out");
        long p = FeatureCmd.GET_PAYLOAD;
        MemorySegment aenq = acq(l, 2);
        assertThat(AenqConfig.supportedGroups(aenq, p)).isEqualTo(out.path("aenq").path("supported_groups").asInt());
        assertThat(AenqConfig.enabledGroups(aenq, p)).isEqualTo(out.path("aenq").path("enabled_groups").asInt());

        MemorySegment off = acq(l, 3);
        assertThat(StatelessOffload.tx(off, p)).isEqualTo(out.path("offload").path("tx").asInt());
        assertThat(StatelessOffload.rxSupported(off, p)).isEqualTo(out.path("offload").path("rx_supported").asInt());
        assertThat(StatelessOffload.rxEnabled(off, p)).isEqualTo(out.path("offload").path("rx_enabled").asInt());
        assertThat(StatelessOffload.tx(off, p) & StatelessOffload.TX_TSO_ECN).isZero();        // tx 0x7f
        assertThat(StatelessOffload.tx(off, p) & StatelessOffload.TX_TSO_IPV6).isNotZero();

        MemorySegment hints = acq(l, 4);
        assertThat(TestBytes.hex(hints.asSlice(p, HwHints.SIZE).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)))
                .isEqualTo(out.path("hw_hints_struct").asText());
        assertThat(HwHints.mmioReadTimeout(hints, p)).isZero();
        assertThat(HwHints.driverWatchdogTimeout(hints, p)).isEqualTo(6000);
        assertThat(HwHints.missingTxCompletionTimeout(hints, p)).isEqualTo(5000);
        assertThat(HwHints.missedTxCompletionCountThresholdToReset(hints, p)).isEqualTo(128);
        assertThat(HwHints.adminCompletionTxTimeout(hints, p)).isEqualTo(3000);
        assertThat(HwHints.netdevWdTimeout(hints, p)).isEqualTo(5000);

        MemorySegment llq = acq(l, 5);
        assertThat(TestBytes.hex(llq.asSlice(p, LlqFeature.SIZE).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)))
                .isEqualTo(out.path("llq_struct").asText());
        assertThat(LlqFeature.maxLlqNum(llq, p)).isEqualTo(32);
        assertThat(LlqFeature.maxLlqDepth(llq, p)).isEqualTo(1024);
        assertThat(LlqFeature.headerLocationCtrlSupported(llq, p)).isEqualTo(LlqFeature.HeaderLocation.INLINE);
        assertThat(LlqFeature.entrySizeCtrlSupported(llq, p))
                .isEqualTo(LlqFeature.EntrySize.SIZE_128 | LlqFeature.EntrySize.SIZE_256);
        assertThat(LlqFeature.descNumBeforeHeaderSupported(llq, p)).isEqualTo(0xF);
        assertThat(LlqFeature.descriptorsStrideCtrlSupported(llq, p)).isEqualTo(3);
        assertThat(LlqFeature.featureVersion(llq, p)).isEqualTo(LlqFeature.VERSION_ENTRY_SIZE_RECOMMENDED);
        assertThat(LlqFeature.entrySizeRecommended(llq, p)).isEqualTo(LlqFeature.EntrySize.SIZE_128);
        assertThat(LlqFeature.maxWideLlqDepth(llq, p)).isEqualTo(512);
        assertThat(LlqFeature.accelModeSupportedFlags(llq, p)).isEqualTo(LlqFeature.AccelFlags.ALL);
        // max_entries_in_tx_burst = max_tx_burst_size / entry size (seq 8: 128-byte entries → 16).
        JsonNode info = line(8).path("out").path("llq_info");
        assertThat(LlqFeature.accelModeMaxTxBurstSize(llq, p) / info.path("desc_list_entry_size").asInt())
                .isEqualTo(info.path("max_entries_in_tx_burst").asInt());

        MemorySegment metrics = acq(l, 6);
        assertThat(GetStatsCmd.type(aq(l, 6), 0)).isEqualTo(StatsType.CUSTOMER_METRICS.code());
        assertThat(GetStatsCmd.requestedMetrics(aq(l, 6), 0)).isEqualTo(CustomerMetrics.ALL_METRICS);
        assertThat(CustomerMetrics.reportedMetrics(metrics, 0))
                .isEqualTo(out.path("customer_metrics_supported").asLong());
    }

    @Test
    void linkInterruptModerationAndPhc() {
        long p = FeatureCmd.GET_PAYLOAD;
        JsonNode link = line(6);
        MemorySegment r = acq(link, 0);
        assertThat(LinkConfig.speed(r, p)).isEqualTo(link.path("out").path("speed").asInt());
        assertThat(LinkConfig.supported(r, p)).isEqualTo(link.path("out").path("supported").asInt())
                .isEqualTo(LinkConfig.SPEED_100G);
        assertThat(LinkConfig.flags(r, p)).isEqualTo(link.path("out").path("flags").asInt());
        assertThat(LinkConfig.duplex(r, p)).isEqualTo(1);
        assertThat(LinkConfig.autoneg(r, p)).isZero();

        JsonNode moder = line(7);
        assertThat(InterruptModeration.intrDelayResolution(acq(moder, 0), p))
                .isEqualTo(moder.path("out").path("intr_delay_resolution").asInt());

        JsonNode phc = line(11);
        MemorySegment g = acq(phc, 0);
        assertThat(PhcConfig.version(g, p)).isEqualTo(PhcConfig.VERSION_READLESS_ERROR_BOUND);
        assertThat(PhcConfig.doorbellOffset(g, p)).isEqualTo(phc.path("out").path("doorbell_offset").asInt());
        assertThat(PhcConfig.expireTimeoutUsec(g, p)).isEqualTo(phc.path("out").path("expire_timeout_usec").asInt());
        assertThat(PhcConfig.blockTimeoutUsec(g, p)).isEqualTo(phc.path("out").path("block_timeout_usec").asInt());
        MemorySegment set = aq(phc, 1);
        assertThat(PhcConfig.outputAddress(set, FeatureCmd.SET_PAYLOAD))
                .isEqualTo(phc.path("args").path("phc_shared_mem_addr").asLong());
        assertThat(PhcConfig.outputLength(set, FeatureCmd.SET_PAYLOAD)).isEqualTo(64);
    }

    @Test
    void ioQueueResponses() {
        int checked = 0;
        for (JsonNode l : lines) {
            if (!l.path("func").asText().equals("ena_com_create_io_queue")) {
                continue;
            }
            JsonNode out = l.path("out");
            MemorySegment cq = acq(l, 0);
            int cqIdx = out.path("cq_idx").asInt();
            assertThat(CreateCqResp.cqIdx(cq, 0)).isEqualTo(cqIdx);
            assertThat(CreateCqResp.cqActualDepth(cq, 0)).isEqualTo(l.path("args").path("queue_size").asInt());
            assertThat(CreateCqResp.cqInterruptUnmaskRegisterOffset(cq, 0))
                    .isEqualTo(out.path("cq_unmask_reg_offset").asInt());
            assertThat(CreateCqResp.numaNodeRegisterOffset(cq, 0)).isEqualTo(out.path("cq_numa_reg_offset").asInt());
            assertThat(CreateCqResp.cqHeadDbRegisterOffset(cq, 0)).isEqualTo(0x3000 + 4 * cqIdx);   // README

            MemorySegment sq = acq(l, 1);
            assertThat(CreateSqResp.sqIdx(sq, 0)).isEqualTo(out.path("sq_idx").asInt());
            assertThat(CreateSqResp.sqDoorbellOffset(sq, 0)).isEqualTo(out.path("sq_doorbell_offset").asInt());
            assertThat(CreateSqResp.llqDescriptorsOffset(sq, 0)).isEqualTo(out.path("llq_descriptors_offset").asInt(0));
            assertThat(CreateSqResp.llqHeadersOffset(sq, 0)).isZero();

            MemorySegment cmd = aq(l, 1);
            assertThat(CreateSqCmd.placementPolicy(cmd, 0)).isEqualTo(l.path("args").path("mem_queue_type").asInt());
            assertThat(CreateSqCmd.sqBa(cmd, 0)).isEqualTo(out.path("sq_ring_addr").asLong());
            checked++;
        }
        assertThat(checked).isEqualTo(8);
    }

    @Test
    void rssIndirectionTable() {
        long p = FeatureCmd.GET_PAYLOAD;
        MemorySegment sizing = acq(line(20), 0);
        assertThat(RssIndirectionTable.inlineIndex(sizing, p)).isEqualTo(RssIndirectionTable.INLINE_INDEX_NONE);
        assertThat(RssIndirectionTable.maxSize(sizing, p)).isLessThanOrEqualTo(RssIndirectionTable.MAX_LOG_SIZE);
        assertThat(RssIndirectionTable.minSize(sizing, p)).isLessThanOrEqualTo(RssIndirectionTable.maxSize(sizing, p));

        JsonNode set = line(21);
        MemorySegment cmd = aq(set, 0);
        assertThat(RssIndirectionTable.size(cmd, FeatureCmd.SET_PAYLOAD))
                .isEqualTo(line(20).path("out").path("tbl_log_size").asInt());
        MemorySegment table = ctrlSubmitted(set, 0);
        JsonNode qids = set.path("args").path("host_table_qids");
        JsonNode toSq = set.path("args").path("rx_qid_to_sq_idx");
        assertThat(qids.size()).isEqualTo(128);
        for (int i = 0; i < qids.size(); i++) {
            int expectedSq = toSq.path(qids.get(i).asText()).asInt();
            assertThat(RssIndirectionEntry.cqIdx(table, RssIndirectionEntry.offset(i))).as("entry %d", i)
                    .isEqualTo(expectedSq);
        }
        // Building the table with the setters gives the submitted bytes.
        MemorySegment built = TestBytes.zeroed(512);
        for (int i = 0; i < qids.size(); i++) {
            RssIndirectionEntry.cqIdx(built, RssIndirectionEntry.offset(i), toSq.path(qids.get(i).asText()).asInt());
        }
        assertThat(TestBytes.prefix(built, 512)).isEqualTo(TestBytes.prefix(table, 512));
    }

    @Test
    void rssHashFunctionAndKey() {
        long p = FeatureCmd.GET_PAYLOAD;
        JsonNode fill = line(23);
        MemorySegment get = acq(fill, 0);
        assertThat(RssHashFunction.supportedFunc(get, p)).isEqualTo(
                RssHashFunction.funcMask(RssHashFunction.TOEPLITZ) | RssHashFunction.funcMask(RssHashFunction.CRC32));
        assertThat(RssHashFunction.lowestFunc(RssHashFunction.selectedFunc(get, p)))
                .isEqualTo(RssHashFunction.TOEPLITZ);
        MemorySegment after = TestBytes.of(TestBytes.hex(
                fill.path("aq").get(0).path("ctrl_buf").path("after_device_write").asText()));
        assertThat(RssHashKey.keyParts(after, 0)).isEqualTo(RssHashKey.KEY_PARTS);

        MemorySegment submitted = ctrlSubmitted(fill, 2);
        assertThat(RssHashKey.keyParts(submitted, 0)).isEqualTo(RssHashKey.KEY_PARTS);
        assertThat(RssHashKey.key(submitted, 0)).isEqualTo(TestBytes.hex(fill.path("args").path("key").asText()));
        MemorySegment built = TestBytes.zeroed(RssHashKey.SIZE);
        RssHashKey.keyParts(built, 0, RssHashKey.KEY_PARTS);
        RssHashKey.key(built, 0, TestBytes.hex(fill.path("args").path("key").asText()));
        assertThat(TestBytes.prefix(built, 48)).isEqualTo(TestBytes.prefix(submitted, 48));

        JsonNode getLine = line(24);
        MemorySegment r = acq(getLine, 0);
        assertThat(RssHashFunction.lowestFunc(RssHashFunction.selectedFunc(r, p)))
                .isEqualTo(getLine.path("out").path("func").asInt());
        assertThat(RssHashFunction.initVal(r, p)).isEqualTo((int) fill.path("args").path("init_val").asLong());
        JsonNode keyBuf = getLine.path("aq").get(0).path("ctrl_buf");
        String keyHex = keyBuf.has("after_device_write") ? keyBuf.path("after_device_write").asText()
                : keyBuf.path("submitted").asText();
        MemorySegment key = TestBytes.of(TestBytes.hex(keyHex));
        assertThat(TestBytes.hex(RssHashKey.key(key, 0)))
                .isEqualTo(getLine.path("out").path("key_from_ena_com_get_hash_key").asText());

        // Unsupported function: the device offers Toeplitz only (0x2) and the layer refuses CRC32 (-EOPNOTSUPP).
        JsonNode bad = line(53);
        int supported = RssHashFunction.supportedFunc(acq(bad, 0), p);
        assertThat(supported & RssHashFunction.funcMask(bad.path("args").path("func").asInt())).isZero();
        assertThat(bad.path("rc").asInt()).isEqualTo(AdminStatus.UNSUPPORTED_OPCODE.errno());
    }

    @Test
    void rssHashInput() {
        long p = FeatureCmd.GET_PAYLOAD;
        JsonNode def = line(27);
        MemorySegment get = acq(def, 0);
        assertThat(RssHashInput.supportedInputSort(get, p)).isEqualTo(RssHashInput.L3_SORT | RssHashInput.L4_SORT);
        MemorySegment deviceTable = TestBytes.of(TestBytes.hex(
                def.path("aq").get(0).path("ctrl_buf").path("after_device_write").asText()));
        for (int proto = 0; proto < RssHashInputTable.PROTO_SLOTS; proto++) {
            assertThat(RssHashInputTable.supportedFields(deviceTable, 0, proto)).isEqualTo(0x3F);
        }
        MemorySegment submitted = ctrlSubmitted(def, 1);
        MemorySegment built = TestBytes.of(TestBytes.prefix(deviceTable, 256));
        int[] l4 = {RssHashInputTable.PROTO_TCP4, RssHashInputTable.PROTO_UDP4, RssHashInputTable.PROTO_TCP6,
                    RssHashInputTable.PROTO_UDP6};
        for (int proto : l4) {
            RssHashInputTable.selectedFields(built, 0, proto, RssHashInputTable.DEFAULT_L4);
        }
        for (int proto : new int[] {RssHashInputTable.PROTO_IP4, RssHashInputTable.PROTO_IP6,
                                    RssHashInputTable.PROTO_IP4_FRAG}) {
            RssHashInputTable.selectedFields(built, 0, proto, RssHashInputTable.DEFAULT_L3);
        }
        RssHashInputTable.selectedFields(built, 0, RssHashInputTable.PROTO_NOT_IP, RssHashInputTable.DEFAULT_L2);
        assertThat(TestBytes.hex(TestBytes.prefix(built, 256)))
                .isEqualTo(TestBytes.hex(TestBytes.prefix(submitted, 256)));

        JsonNode one = line(28);
        MemorySegment table = ctrlSubmitted(one, 1);
        int proto = one.path("args").path("proto").asInt();
        assertThat(RssHashInputTable.selectedFields(table, 0, proto))
                .isEqualTo(one.path("args").path("hash_fields").asInt());
        assertThat(RssHashInputTable.selectedFields(table, 0, proto + 16)).as("index reduced modulo 16")
                .isEqualTo(one.path("args").path("hash_fields").asInt());
    }

    @Test
    void statistics() {
        JsonNode basic = line(32);
        MemorySegment r = acq(basic, 0);
        JsonNode o = basic.path("out");
        assertThat(BasicStats.txBytes(r, 0)).isEqualTo(o.path("tx_bytes").asLong());
        assertThat(BasicStats.txPkts(r, 0)).isEqualTo(o.path("tx_pkts").asLong());
        assertThat(BasicStats.rxBytes(r, 0)).isEqualTo(o.path("rx_bytes").asLong());
        assertThat(BasicStats.rxPkts(r, 0)).isEqualTo(o.path("rx_pkts").asLong());
        assertThat(BasicStats.rxDrops(r, 0)).isEqualTo(o.path("rx_drops").asLong());
        assertThat(BasicStats.txDrops(r, 0)).isEqualTo(o.path("tx_drops").asLong());
        assertThat(BasicStats.rxOverruns(r, 0)).isEqualTo(o.path("rx_overruns").asLong());

        JsonNode eni = line(33);
        MemorySegment e = acq(eni, 0);
        o = eni.path("out");
        assertThat(EniStats.bwInAllowanceExceeded(e, 0)).isEqualTo(o.path("bw_in_allowance_exceeded").asLong());
        assertThat(EniStats.bwOutAllowanceExceeded(e, 0)).isEqualTo(o.path("bw_out_allowance_exceeded").asLong());
        assertThat(EniStats.ppsAllowanceExceeded(e, 0)).isEqualTo(o.path("pps_allowance_exceeded").asLong());
        assertThat(EniStats.conntrackAllowanceExceeded(e, 0))
                .isEqualTo(o.path("conntrack_allowance_exceeded").asLong());
        assertThat(EniStats.linklocalAllowanceExceeded(e, 0))
                .isEqualTo(o.path("linklocal_allowance_exceeded").asLong());

        JsonNode srd = line(34);
        MemorySegment d = acq(srd, 0);
        o = srd.path("out");
        assertThat(EnaSrdStats.flags(d, 0)).isEqualTo(o.path("flags").asLong())
                .isEqualTo(EnaSrdStats.FLAG_SRD_ENABLED | EnaSrdStats.FLAG_SRD_UDP_ENABLED);
        assertThat(EnaSrdStats.enaSrdTxPkts(d, 0)).isEqualTo(o.path("ena_srd_tx_pkts").asLong());
        assertThat(EnaSrdStats.enaSrdEligibleTxPkts(d, 0)).isEqualTo(o.path("ena_srd_eligible_tx_pkts").asLong());
        assertThat(EnaSrdStats.enaSrdRxPkts(d, 0)).isEqualTo(o.path("ena_srd_rx_pkts").asLong());
        assertThat(EnaSrdStats.enaSrdResourceUtilization(d, 0))
                .isEqualTo(o.path("ena_srd_resource_utilization").asLong());

        JsonNode cm = line(35);
        MemorySegment cmd = aq(cm, 0);
        assertThat(GetStatsCmd.ctrlBufferLength(cmd, 0)).isEqualTo(cm.path("args").path("buffer_len").asInt());
        assertThat(GetStatsCmd.ctrlBufferAddress(cmd, 0)).isEqualTo(cm.path("args").path("buffer_addr").asLong());
        long requested = GetStatsCmd.requestedMetrics(cmd, 0);
        assertThat(CustomerMetrics.valueBytes(requested)).isEqualTo(cm.path("args").path("len").asLong());
        byte[] buffer = TestBytes.hex(cm.path("out").path("buffer").asText());
        MemorySegment values = TestBytes.of(buffer);
        for (int id = 0; id < 6; id++) {
            long off = CustomerMetrics.valueOffset(requested, id);
            long independent = 0;
            for (int i = 7; i >= 0; i--) {
                independent = (independent << 8) | (buffer[(int) off + i] & 0xFF);
            }
            assertThat(io.ena4j.spec.Le.u64(values, off)).isEqualTo(independent);
        }
    }

    @Test
    void hostInfoPage() {
        JsonNode l = line(1);
        JsonNode ref = l.path("aq").get(0).path("referenced_buffers").get(0);
        assertThat(ref.path("len").asInt()).isEqualTo((int) HostInfo.SIZE);
        MemorySegment h = TestBytes.of(TestBytes.hex(ref.path("bytes").asText()));
        assertThat(HostInfo.enaSpecVersion(h, 0)).isEqualTo(HostInfo.ENA_SPEC_VERSION);
        assertThat(HostInfo.osType(h, 0)).isEqualTo(HostInfo.OS_LINUX);
        assertThat(HostInfo.osDistStr(h, 0)).isNotEmpty().doesNotContain("\0");
        assertThat(HostInfo.driverSupportedFeatures(h, 0)).isEqualTo(HostInfo.LINUX_DRIVER_SUPPORTED_FEATURES);
        int dv = HostInfo.driverVersion(h, 0);
        assertThat(HostInfo.driverVersionValue(HostInfo.driverVersionMajor(h, 0), HostInfo.driverVersionMinor(h, 0),
                HostInfo.driverVersionSubMinor(h, 0), HostInfo.driverVersionModuleType(h, 0))).isEqualTo(dv);
        assertThat(HostAttrConfig.osInfoBa(aq(l, 0), FeatureCmd.SET_PAYLOAD)).isEqualTo(ref.path("addr").asLong());

        // Rebuild the page field by field from the decoded values: same 196 bytes.
        MemorySegment b = TestBytes.zeroed(HostInfo.SIZE);
        HostInfo.osType(b, 0, HostInfo.osType(h, 0));
        HostInfo.osDistStr(b, 0, HostInfo.osDistStr(h, 0));
        HostInfo.osDist(b, 0, HostInfo.osDist(h, 0));
        HostInfo.kernelVerStr(b, 0, HostInfo.kernelVerStr(h, 0));
        HostInfo.kernelVer(b, 0, HostInfo.kernelVer(h, 0));
        HostInfo.driverVersion(b, 0, dv);
        HostInfo.supportedNetworkFeatures(b, 0, HostInfo.supportedNetworkFeatures(h, 0));
        HostInfo.enaSpecVersion(b, 0, HostInfo.enaSpecVersion(h, 0));
        HostInfo.bdfBus(b, 0, HostInfo.bdfBus(h, 0));
        HostInfo.bdfDevice(b, 0, HostInfo.bdfDevice(h, 0));
        HostInfo.bdfFunction(b, 0, HostInfo.bdfFunction(h, 0));
        HostInfo.numCpus(b, 0, HostInfo.numCpus(h, 0));
        HostInfo.driverSupportedFeatures(b, 0, HostInfo.driverSupportedFeatures(h, 0));
        assertThat(TestBytes.hex(TestBytes.prefix(b, 196))).isEqualTo(TestBytes.hex(TestBytes.prefix(h, 196)));
    }
}
