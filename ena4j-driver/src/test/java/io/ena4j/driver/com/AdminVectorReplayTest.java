package io.ena4j.driver.com;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.CustomerMetrics;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.HostInfo;
import io.ena4j.spec.admin.PhcConfig;
import io.ena4j.spec.admin.RssHashKey;
import io.ena4j.testkit.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every line of {@code vectors/admin.jsonl} (one admin session of the DPDK copy of ena_com) through
 * {@link EnaAdmin} and a {@link ReplayExecutor}: each command our layer submits must equal the recorded one
 * byte for byte (addresses compared by role), control buffers must match, and our {@code rc} and parsed
 * outputs must equal the recorded {@code rc} and {@code out}.
 *
 * <p>Deliberate differences from the DPDK copy, checked as our values instead:
 * <ul>
 *   <li>RSS sizing GET (seq 20) uses feature_version 1 like the Linux copy; the recording has 0.</li>
 *   <li>Host info content (seq 1, 36): ena4j's os_type 3, own driver version and feature bits, instead of the
 *       Linux-like values recorded.</li>
 *   <li>Toeplitz key of the wrong length (seq 26) is refused before the GET is sent.</li>
 *   <li>Indirection-table read-back (seq 22) returns the device's table (SQ indexes), mapped back to the
 *       recorded queue ids here; the reference returns its host copy.</li>
 *   <li>Outputs that are reference driver state, not command results, are not produced by this layer:
 *       interrupt moderation intervals (seq 7) and the per-SQ {@code tx_max_header_size} (seq 12–19; ours comes
 *       from {@link LlqConfig} / {@link DeviceFeatures}).</li>
 * </ul>
 */
class AdminVectorReplayTest {

    private final Iommu iommu = new Iommu();
    private final IommuDmaAllocator dma = new IommuDmaAllocator(iommu);
    private final ReplayExecutor replay = new ReplayExecutor(iommu);
    private EnaAdmin admin;
    private DeviceFeatures profileA;
    private LlqConfig llq;
    private DmaBuffer hostInfo;
    private HostInfoWriter.Content hostInfoContent;
    private final Map<Integer, IoQueue> queues = new HashMap<>();

    @TestFactory
    Stream<DynamicTest> adminJsonl() {
        List<JsonNode> lines = Vectors.lines("admin.jsonl");
        assertThat(lines).hasSize(56);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode line : lines) {
            String name = "seq " + line.get("seq").asInt() + " " + line.get("func").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> replayLine(line)));
        }
        return tests.stream();
    }

    private void replayLine(JsonNode line) {
        replay.expect(line);
        JsonNode args = line.get("args");
        JsonNode out = line.get("out");
        switch (line.get("func").asText()) {
            case "session_setup" -> sessionSetup(line);
            case "ena_com_set_host_attributes" -> setHostAttributes(line, args);
            case "ena_com_get_dev_attr_feat" -> getDevAttrFeat(line, out);
            case "ena_com_set_aenq_config" -> assertRc(line, admin.setAenqConfig(args.get("groups_flag").asInt()));
            case "ena_com_get_offload_settings" -> {
                AdminResult<OffloadSettings> r = admin.getOffloadSettings();
                assertRc(line, r.rc());
                assertThat(r.value()).isEqualTo(new OffloadSettings(out.get("tx").asInt(),
                        out.get("rx_supported").asInt(), out.get("rx_enabled").asInt()));
            }
            case "ena_com_get_link_params" -> {
                AdminResult<LinkParams> r = admin.getLinkParams();
                assertRc(line, r.rc());
                assertThat(r.value()).isEqualTo(new LinkParams(out.get("speed").asLong(), out.get("supported").asInt(),
                        out.get("flags").asInt()));
                assertThat(r.value().fullDuplex()).isTrue();
                assertThat(r.value().autoneg()).isFalse();
            }
            case "ena_com_init_interrupt_moderation" -> {
                AdminResult<Integer> r = admin.getInterruptDelayResolution();
                assertRc(line, r.rc());
                assertThat(r.value()).isEqualTo(out.get("intr_delay_resolution").asInt());
            }
            case "ena_com_config_dev_mode" -> configDevMode(line, args, out);
            case "ena_com_phc_config" -> phcConfig(line, out);
            case "ena_com_create_io_queue" -> createIoQueue(line, args, out);
            case "ena_com_rss_init" -> rssInit(line, args, out);
            case "ena_com_indirect_table_set" -> indirectTableSet(line, args);
            case "ena_com_indirect_table_get" -> indirectTableGet(line, out);
            case "ena_com_fill_hash_function" -> fillHashFunction(line, args);
            case "ena_com_get_hash_function" -> {
                AdminResult<RssHashFunctionInfo> r = admin.getHashFunction();
                assertRc(line, r.rc());
                assertThat(r.value().function()).isEqualTo(out.get("func").asInt());
                assertThat(Vectors.hex(r.value().key())).isEqualTo(out.get("key_from_ena_com_get_hash_key").asText());
            }
            case "ena_com_set_default_hash_ctrl" -> assertRc(line, admin.setDefaultHashInput());
            case "ena_com_fill_hash_ctrl" -> assertRc(line, admin.fillHashInput(args.get("proto").asInt(),
                    args.get("hash_fields").asInt()));
            case "ena_com_get_hash_ctrl" -> {
                AdminResult<Integer> r = admin.getHashInput(args.get("proto").asInt());
                assertRc(line, r.rc());
                assertThat(r.value()).isEqualTo(out.get("fields").asInt());
            }
            case "ena_com_set_dev_mtu" -> assertRc(line, admin.setMtu(args.get("mtu").asInt()));
            case "ena_com_get_dev_basic_stats" -> {
                AdminResult<BasicStatsInfo> r = admin.getBasicStats();
                assertRc(line, r.rc());
                assertThat(r.value()).isEqualTo(new BasicStatsInfo(out.get("tx_bytes").asLong(),
                        out.get("tx_pkts").asLong(),
                        out.get("rx_bytes").asLong(), out.get("rx_pkts").asLong(), out.get("rx_drops").asLong(),
                        out.get("tx_drops").asLong(), out.get("rx_overruns").asLong()));
            }
            case "ena_com_get_eni_stats" -> {
                AdminResult<EniStatsInfo> r = admin.getEniStats();
                assertRc(line, r.rc());
                assertThat(r.value()).isEqualTo(new EniStatsInfo(out.get("bw_in_allowance_exceeded").asLong(),
                        out.get("bw_out_allowance_exceeded").asLong(), out.get("pps_allowance_exceeded").asLong(),
                        out.get("conntrack_allowance_exceeded").asLong(),
                        out.get("linklocal_allowance_exceeded").asLong()));
            }
            case "ena_com_get_ena_srd_info" -> {
                AdminResult<EnaSrdInfo> r = admin.getEnaSrdInfo();
                assertRc(line, r.rc());
                assertThat(r.value()).isEqualTo(new EnaSrdInfo(out.get("flags").asLong(),
                        out.get("ena_srd_tx_pkts").asLong(),
                        out.get("ena_srd_eligible_tx_pkts").asLong(), out.get("ena_srd_rx_pkts").asLong(),
                        out.get("ena_srd_resource_utilization").asLong()));
            }
            case "ena_com_get_customer_metrics" -> customerMetrics(line, args, out);
            case "ena_com_destroy_io_queue" -> {
                IoQueue q = queues.remove(args.get("qid").asInt());
                assertThat(q.sq().sqIdx()).isEqualTo(args.get("sq_idx").asInt());
                assertThat(q.cq().cqIdx()).isEqualTo(args.get("cq_idx").asInt());
                // The reference returns nothing (rc null); both commands must succeed.
                assertThat(line.get("rc").isNull()).isTrue();
                assertThat(admin.destroyIoQueue(q)).isZero();
            }
            default -> throw new AssertionError("no replay for " + line.get("func").asText());
        }
        assertThat(replay.remaining()).as("recorded commands not sent").isZero();
    }

    private void assertRc(JsonNode line, int rc) {
        assertThat(EnaErrno.name(rc)).as("rc (%s)", admin.lastError()).isEqualTo(EnaErrno.name(line.get("rc").asInt()));
        assertThat(rc).isEqualTo(line.get("rc").asInt());
    }

    private void sessionSetup(JsonNode line) {
        assertThat(line.get("aq_depth").asInt()).isEqualTo(32);
        admin = new EnaAdmin(replay, dma, line.get("dma_addr_bits").asInt());
        assertThat(admin.dmaAddrBits()).isEqualTo(48);
        assertThat(admin.supportedFeatures()).isZero();
    }

    private void setHostAttributes(JsonNode line, JsonNode args) {
        if (hostInfo == null) {
            hostInfo = dma.allocate(HostInfo.PAGE_SIZE);
            // The recorded BDF (0x28) is device 5 on bus 0; the rest is ena4j's own host info.
            hostInfoContent = HostInfoWriter.forThisHost(HostInfoWriter.bdfOf("0000:00:05.0"),
                    HostInfoWriter.ENA4J_FEATURES);
            HostInfoWriter.write(hostInfo.segment(), hostInfoContent);
        }
        replay.map(args.get("host_info_addr").asLong(), hostInfo.ioAddress());
        DmaBuffer debug = null;
        int debugSize = args.get("debug_area_size").asInt();
        JsonNode refs = line.get("aq").get(0).get("referenced_buffers");
        if (args.get("debug_area_addr").asLong() != 0) {
            debug = dma.allocate(debugSize);
            byte[] content = Vectors.bytes(refs.get(1).get("bytes").asText());
            MemorySegment.copy(MemorySegment.ofArray(content), 0, debug.segment(), 0, content.length);
            replay.map(args.get("debug_area_addr").asLong(), debug.ioAddress());
        }
        assertRc(line, admin.setHostAttributes(hostInfo, debug, debugSize));

        byte[] recorded = Vectors.bytes(refs.get(0).get("bytes").asText());
        MemorySegment rec = MemorySegment.ofArray(recorded);
        MemorySegment page = hostInfo.segment();
        // Same structure and spec version as recorded ...
        assertThat(recorded).hasSize((int) HostInfo.SIZE);
        assertThat(Le.u16(page, HostInfo.ENA_SPEC_VERSION_OFFSET))
                .isEqualTo(Le.u16(rec, HostInfo.ENA_SPEC_VERSION_OFFSET)).isEqualTo(0x0200);
        assertThat(Le.u16(page, HostInfo.BDF_OFFSET)).isEqualTo(Le.u16(rec, HostInfo.BDF_OFFSET));
        // ... but ena4j's identity: the recording is Linux-like (os_type 1, 2.17.0 'g', 0x3DE).
        assertThat(Le.u32(rec, HostInfo.OS_TYPE_OFFSET)).isEqualTo(HostInfo.OS_LINUX);
        assertThat(Le.u32(page, HostInfo.OS_TYPE_OFFSET)).isEqualTo(HostInfo.OS_DPDK);
        assertThat(Le.u32(rec, HostInfo.DRIVER_VERSION_OFFSET)).isEqualTo(0x67001102);
        assertThat(Le.u32(page, HostInfo.DRIVER_VERSION_OFFSET)).isEqualTo(0x6A000100);
        assertThat(Le.u32(page, HostInfo.DRIVER_SUPPORTED_FEATURES_OFFSET)).isEqualTo(0x12);
        assertThat(Le.u16(page, HostInfo.NUM_CPUS_OFFSET)).isEqualTo(hostInfoContent.numCpus());
        assertThat(Vectors.hex(page, (int) HostInfo.SIZE,
                HostInfo.PAGE_SIZE - (int) HostInfo.SIZE))
                .as("rest of the page").matches("0+");
        if (debug != null) {
            assertThat(Vectors.hex(debug.segment(), 0, debugSize)).isEqualTo(refs.get(1).get("bytes").asText());
        }
    }

    private void getDevAttrFeat(JsonNode line, JsonNode out) {
        long invalidBefore = admin.invalidResponseCount();
        AdminResult<DeviceFeatures> r = admin.getDeviceFeatures();
        assertRc(line, r.rc());
        if (!r.ok()) {
            // Profile C: MAX_QUEUES_EXT answered with version 0; the new feature bits are in force regardless.
            assertThat(admin.invalidResponseCount()).isEqualTo(invalidBefore + 1);
            assertThat(admin.lastError()).contains("MAX_QUEUES_EXT version 0");
            assertThat(admin.isFeatureSupported(FeatureId.MAX_QUEUES_EXT.code())).isTrue();
            return;
        }
        DeviceFeatures f = r.value();
        assertThat(admin.supportedFeatures()).isEqualTo(out.get("ena_dev_supported_features").asInt());
        assertThat(admin.capabilities()).isEqualTo(out.get("ena_dev_capabilities").asInt());
        assertThat(f.txMaxHeaderSize()).isEqualTo(out.get("ena_dev_tx_max_header_size").asInt());
        assertThat(f.customerMetricsSupported()).isEqualTo(out.get("customer_metrics_supported").asInt());
        assertThat(admin.customerMetricsSupported()).isEqualTo(f.customerMetricsSupported());
        JsonNode a = out.get("dev_attr");
        DeviceAttributesInfo attr = f.attributes();
        assertThat(attr.implId()).isEqualTo(a.get("impl_id").asInt());
        assertThat(attr.deviceVersion()).isEqualTo(a.get("device_version").asInt());
        assertThat(attr.supportedFeatures()).isEqualTo(a.get("supported_features").asInt());
        assertThat(attr.capabilities()).isEqualTo(a.get("capabilities").asInt());
        assertThat(attr.physAddrWidth()).isEqualTo(a.get("phys_addr_width").asInt());
        assertThat(attr.virtAddrWidth()).isEqualTo(a.get("virt_addr_width").asInt());
        assertThat(attr.macHex()).isEqualTo(a.get("mac_addr").asText());
        assertThat(attr.maxMtu()).isEqualTo(a.get("max_mtu").asLong());
        assertThat(attr.macIsValidUnicast()).isTrue();

        MaxQueuesInfo q = f.maxQueues();
        MemorySegment ext = seg(out.get("max_queue_ext_struct"));
        MemorySegment legacy = seg(out.get("max_queues_struct"));
        if (q.extended()) {
            assertThat(Le.u8(ext, 0)).isEqualTo(1);
            assertThat(new long[] {q.maxTxSqNum(), q.maxTxCqNum(), q.maxRxSqNum(), q.maxRxCqNum(), q.maxTxSqDepth(),
                q.maxTxCqDepth(), q.maxRxSqDepth(), q.maxRxCqDepth(), q.maxTxHeaderSize()})
                    .containsExactly(u32s(ext, 4, 9));
            assertThat(q.maxPerPacketTxDescs()).isEqualTo(Le.u16(ext, 40));
            assertThat(q.maxPerPacketRxDescs()).isEqualTo(Le.u16(ext, 42));
            assertThat(Vectors.hex(legacy, 0, legacy.byteSize())).matches("0+");
        } else {
            assertThat(new long[] {q.maxTxSqNum(), q.maxTxSqDepth(), q.maxTxCqNum(), q.maxTxCqDepth(), q.legacyLlqNum(),
                q.legacyLlqDepth(), q.maxTxHeaderSize()}).containsExactly(u32s(legacy, 0, 7));
            assertThat(q.maxRxSqNum()).isEqualTo(q.maxTxSqNum());
            assertThat(q.maxRxCqDepth()).isEqualTo(q.maxTxCqDepth());
            assertThat(q.maxPerPacketTxDescs()).isEqualTo(Le.u16(legacy, 28));
            assertThat(q.maxPerPacketRxDescs()).isEqualTo(Le.u16(legacy, 30));
            assertThat(Vectors.hex(ext, 0, ext.byteSize())).matches("0+");
        }
        assertThat(f.aenq()).isEqualTo(new AenqGroups(out.get("aenq").get("supported_groups").asInt(),
                out.get("aenq").get("enabled_groups").asInt()));
        JsonNode o = out.get("offload");
        assertThat(f.offloads()).isEqualTo(new OffloadSettings(o.get("tx").asInt(), o.get("rx_supported").asInt(),
                o.get("rx_enabled").asInt()));
        assertThat(f.hwHints()).isEqualTo(HwHintsInfo.parse(seg(out.get("hw_hints_struct")), 0));
        MemorySegment l = seg(out.get("llq_struct"));
        assertThat(f.llq()).isEqualTo(new LlqCaps(Integer.toUnsignedLong(Le.u32(l, 0)),
                Integer.toUnsignedLong(Le.u32(l, 4)), Le.u16(l, 8), Le.u16(l, 10),
                Le.u16(l, 12), Le.u16(l, 14), Le.u16(l, 16), Le.u16(l, 18),
                Le.u16(l, 20), Le.u16(l, 22), Le.u8(l, 24), Le.u8(l, 25),
                Le.u16(l, 26), Le.u16(l, 28), Le.u16(l, 30)));
        if (line.get("seq").asInt() == 2) {
            profileA = f;
            assertThat(f.hwHints().driverWatchdogTimeoutMs()).isEqualTo(6000);
            assertThat(f.llq().maxTxBurstSize()).isEqualTo(2048);
        } else {
            assertThat(f.hwHints()).isEqualTo(HwHintsInfo.NONE);
            assertThat(f.llq()).isEqualTo(LlqCaps.NONE);
        }
    }

    private void configDevMode(JsonNode line, JsonNode args, JsonNode out) {
        JsonNode d = args.get("llq_default_config");
        LlqNegotiation.Preference pref = new LlqNegotiation.Preference(d.get("llq_header_location").asInt(),
                d.get("llq_stride_ctrl").asInt(), d.get("llq_ring_entry_size").asInt(),
                d.get("llq_num_decs_before_header").asInt());
        assertThat(pref.entrySize()).isEqualTo(d.get("llq_ring_entry_size_value").asInt());
        LlqNegotiation.Result r = LlqNegotiation.negotiate(admin, profileA.llq(), true, pref);
        assertRc(line, r.rc());
        assertThat(r.placement()).isEqualTo(out.get("tx_mem_queue_type").asInt());
        JsonNode i = out.get("llq_info");
        llq = r.config();
        assertThat(llq).isEqualTo(new LlqConfig(i.get("header_location_ctrl").asInt(),
                i.get("desc_stride_ctrl").asInt(),
                i.get("desc_list_entry_size_ctrl").asInt(), i.get("desc_list_entry_size").asInt(),
                i.get("descs_num_before_header").asInt(), i.get("descs_per_entry").asInt(),
                i.get("max_entries_in_tx_burst").asInt(), i.get("disable_meta_caching").asBoolean(),
                out.get("tx_max_header_size").asInt()));
    }

    private void phcConfig(JsonNode line, JsonNode out) {
        DmaBuffer shared = dma.allocate(PhcConfig.OUTPUT_LENGTH);
        replay.map(line.get("args").get("phc_shared_mem_addr").asLong(), shared.ioAddress());
        AdminResult<PhcConfigInfo> r = admin.configurePhc(shared);
        assertRc(line, r.rc());
        assertThat(out.get("active").asBoolean()).isTrue();
        assertThat(r.value()).isEqualTo(new PhcConfigInfo(out.get("doorbell_offset").asInt(),
                out.get("expire_timeout_usec").asLong(), out.get("block_timeout_usec").asLong()));
        JsonNode ref = line.get("aq").get(1).get("referenced_buffers").get(0);
        assertThat(Vectors.hex(shared.segment(), 0, ref.get("len").asInt())).isEqualTo(ref.get("bytes").asText());
    }

    private void createIoQueue(JsonNode line, JsonNode args, JsonNode out) {
        boolean tx = args.get("direction").asText().equals("tx");
        int depth = args.get("queue_size").asInt();
        int vector = args.get("msix_vector").asInt();
        IoQueueParams p;
        if (!tx) {
            p = IoQueueParams.rx(depth, vector);
        } else if (args.get("mem_queue_type").asInt() == CreateSqCmd.PLACEMENT_DEV) {
            p = IoQueueParams.txLlq(depth, vector, llq);
            assertThat(llq.txMaxHeaderSize()).isEqualTo(out.get("tx_max_header_size").asInt());
        } else {
            p = IoQueueParams.txHost(depth, vector);
        }
        assertThat(p.placement()).isEqualTo(args.get("mem_queue_type").asInt());
        DmaBuffer cqRing = dma.allocate(p.cqRingBytes());
        replay.map(out.get("cq_ring_addr").asLong(), cqRing.ioAddress());
        DmaBuffer sqRing = null;
        if (p.sqRingBytes() > 0) {
            sqRing = dma.allocate(p.sqRingBytes());
            replay.map(out.get("sq_ring_addr").asLong(), sqRing.ioAddress());
        }
        AdminResult<IoQueue> r = admin.createIoQueue(p, cqRing, sqRing);
        assertRc(line, r.rc());
        CqInfo cq = r.value().cq();
        SqInfo sq = r.value().sq();
        assertThat(cq.cqIdx()).isEqualTo(out.get("cq_idx").asInt());
        assertThat(cq.entrySize()).isEqualTo(out.get("cdesc_entry_size").asInt());
        assertThat(cq.unmaskRegOffset()).isEqualTo(out.get("cq_unmask_reg_offset").asInt());
        assertThat(cq.numaRegOffset()).isEqualTo(out.get("cq_numa_reg_offset").asInt());
        assertThat(cq.actualDepth()).isEqualTo(depth);
        assertThat(sq.sqIdx()).isEqualTo(out.get("sq_idx").asInt());
        assertThat(sq.cqIdx()).isEqualTo(cq.cqIdx());
        assertThat(sq.doorbellOffset()).isEqualTo(out.get("sq_doorbell_offset").asInt());
        assertThat(sq.ringIoAddress()).isEqualTo(sqRing == null ? 0 : sqRing.ioAddress());
        if (out.has("llq_descriptors_offset")) {
            assertThat(sq.llqDescriptorsOffset()).isEqualTo(out.get("llq_descriptors_offset").asInt());
        }
        queues.put(args.get("qid").asInt(), r.value());
    }

    private void rssInit(JsonNode line, JsonNode args, JsonNode out) {
        byte[] keyStruct = Vectors.bytes(out.get("default_hash_key_struct").asText());
        byte[] key = java.util.Arrays.copyOfRange(keyStruct, 8, 48);
        // Deliberate: the sizing GET carries feature_version 1 (Linux copy); the DPDK recording has 0.
        assertThat(Vectors.bytes(line.get("aq").get(0).get("aq_entry").asText())[18]).isZero();
        replay.patchNext((int) FeatureCmd.FEATURE_VERSION_OFFSET, 1);
        AdminResult<Integer> r = admin.rssInit(args.get("indr_tbl_log_size").asInt(), key);
        assertRc(line, r.rc());
        assertThat(r.value()).isEqualTo(out.get("tbl_log_size").asInt());
        assertThat(admin.rssTableLogSize()).isEqualTo(7);
    }

    private void indirectTableSet(JsonNode line, JsonNode args) {
        JsonNode qids = args.get("host_table_qids");
        int[] table = new int[qids.size()];
        for (int i = 0; i < table.length; i++) {
            int qid = qids.get(i).asInt();
            // ena4j's table holds device Rx SQ indexes: those of the queues created above.
            assertThat(queues.get(qid).sq().sqIdx()).isEqualTo(args.get("rx_qid_to_sq_idx").get("" + qid).asInt());
            table[i] = queues.get(qid).sq().sqIdx();
        }
        assertRc(line, admin.setIndirectionTable(table));
    }

    private void indirectTableGet(JsonNode line, JsonNode out) {
        AdminResult<int[]> r = admin.getIndirectionTable();
        assertRc(line, r.rc());
        Map<Integer, Integer> sqToQid = new HashMap<>();
        queues.forEach((qid, q) -> sqToQid.put(q.sq().sqIdx(), qid));
        int[] qids = new int[r.value().length];
        for (int i = 0; i < qids.length; i++) {
            qids[i] = sqToQid.get(r.value()[i]);
        }
        int[] expected = new int[out.get("ind_tbl").size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = out.get("ind_tbl").get(i).asInt();
        }
        assertThat(qids).containsExactly(expected);
    }

    private void fillHashFunction(JsonNode line, JsonNode args) {
        JsonNode keyNode = args.get("key");
        byte[] key = keyNode.isNull() ? null : Vectors.bytes(keyNode.asText());
        assertThat(key == null ? 0 : key.length).isEqualTo(args.get("key_len").asInt());
        int func = args.get("func").asInt();
        int rc = admin.fillHashFunction(func, key, (int) args.get("init_val").asLong());
        assertRc(line, rc);
        if (key != null && key.length != RssHashKey.KEY_SIZE) {
            // Deliberate: refused before the GET the reference sends first.
            assertThat(replay.remaining()).isEqualTo(1);
            assertThat(admin.lastError()).contains("RSS key length 36");
            replay.skipRemaining();
        }
    }

    private void customerMetrics(JsonNode line, JsonNode args, JsonNode out) {
        assertThat(args.get("buffer_len").asInt()).isEqualTo(CustomerMetrics.BUFFER_SIZE);
        AdminResult<CustomerMetricsInfo> r = admin.getCustomerMetrics();
        assertRc(line, r.rc());
        MemorySegment buf = seg(out.get("buffer"));
        assertThat(buf.byteSize()).isEqualTo(args.get("len").asInt());
        assertThat(r.value().metrics()).isEqualTo(0x3F);
        for (int id = 0; id < CustomerMetricsInfo.METRIC_COUNT; id++) {
            assertThat(r.value().value(id)).as("metric %d", id).isEqualTo(Le.u64(buf, 8L * id));
        }
    }

    private static MemorySegment seg(JsonNode hex) {
        return MemorySegment.ofArray(Vectors.bytes(hex));
    }

    private static long[] u32s(MemorySegment s, int off, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = Integer.toUnsignedLong(Le.u32(s, off + 4L * i));
        }
        return v;
    }
}
