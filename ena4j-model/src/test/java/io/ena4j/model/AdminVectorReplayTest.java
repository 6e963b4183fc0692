package io.ena4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.AqEntry;
import io.ena4j.spec.admin.CreateCqCmd;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.HostAttrConfig;
import io.ena4j.spec.admin.MemAddr;
import io.ena4j.spec.admin.PhcConfig;
import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.testkit.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ena4j.model.DeviceStatistics.Stat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays {@code vectors/admin.jsonl} against the model: every recorded {@code aq_entry} (its first {@code cmd_len}
 * bytes) is copied into the same AQ slot of a model with {@link DeviceProfile#referenceVectors()}, recorded DMA
 * addresses (control buffers, referenced buffers, ring bases of CREATE commands) are remapped to buffers allocated
 * from the model's IOMMU and filled with the recorded contents, the recorded doorbell value is rung, and the
 * completion is compared with {@code acq_entry}.
 *
 * <p><b>Byte-exact comparison</b>: all 64 bytes of every completion except bytes 6–7 ({@code sq_head_indx}): the
 * vectors' device always wrote 0 there, the model reports its AQ head (§6.4 says the driver ignores it). Control
 * buffers of the main session are compared byte-exactly too ({@code after_device_write}, or the submitted content
 * when the device left it unchanged).
 *
 * <p>Values the vectors' device chose arbitrarily are reproduced through the model's own controls rather than
 * skipped: basic / ENI / SRD / customer-metric counters (lines seq 32–35) are set with {@link DeviceStatistics} to the
 * recorded values, and the forced statuses 1..8 of lines seq 37–44 ({@code args.device_completion_status}) with
 * {@link FaultInjector#forceNextStatus}.
 *
 * <p>Lines whose recorded device differs from the session's device are replayed on fresh models of a variant profile
 * (the session's ACQ phase on those slots is 1, as on a fresh ACQ, so the bytes still compare exactly): seq 53
 * (supported_func = Toeplitz only), seq 54 (profile B: legacy MAX_QUEUES_NUM, features 1, 2, 11, 14, 26,
 * capabilities 0; the recorded device had AENQ groups 0xDF enabled since seq 3, restored with one SET first) and
 * seq 55 (profile C: B plus feature 7 answering version 0). Their control buffers are not compared: the recorded
 * buffer content depends on session state those fresh devices do not have.
 */
class AdminVectorReplayTest {

    private static final int SQ_HEAD_LO = 6;
    private static final int SQ_HEAD_HI = 7;

    /** One replay target: a host plus the remapped buffers. */
    private static final class Session {
        final TestHost host;
        final Map<Long, DmaBuffer> remap = new HashMap<>();
        final boolean compareBuffers;

        Session(DeviceProfile profile, boolean compareBuffers) {
            host = TestHost.ready(profile);
            this.compareBuffers = compareBuffers;
        }

        DmaBuffer buffer(long recorded, long len) {
            DmaBuffer b = remap.get(recorded);
            if (b == null || b.size() < len) {
                b = host.dma.allocate(Math.max(len, 1));
                remap.put(recorded, b);
            }
            return b;
        }
    }

    @TestFactory
    List<DynamicTest> replayAdminVectors() {
        List<JsonNode> lines = Vectors.lines("admin.jsonl");
        JsonNode setup = lines.getFirst();
        assertThat(setup.get("func").asText()).isEqualTo("session_setup");
        assertThat(setup.get("aq_depth").asInt()).isEqualTo(32);
        Session main = new Session(DeviceProfile.referenceVectors(), true);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode line : lines.subList(1, lines.size())) {
            int seq = line.get("seq").asInt();
            String name = "seq " + seq + " " + line.get("func").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Session s = switch (seq) {
                    case 53 -> new Session(toeplitzOnly(), false);
                    case 54 -> withGroups(new Session(profileB(), false));
                    case 55 -> new Session(profileC(), false);
                    default -> main;
                };
                prepareDeviceChoices(s, line);
                for (JsonNode cmd : line.get("aq")) {
                    replay(s, seq, cmd);
                }
                if (seq == 1) {
                    EnaDeviceModel.HostInfoView hi = s.host.model.hostInfo();
                    assertThat(hi.osType()).isEqualTo(1);
                    assertThat(hi.osDistStr()).isEqualTo("6.1.0-generic");
                    assertThat(hi.enaSpecVersion()).isEqualTo(0x0200);
                    assertThat(hi.driverSupportedFeatures()).isEqualTo(0x3DE);
                }
                if (s != main) {
                    s.host.close();
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("session state after replay", () -> {
            assertThat(main.host.model.submissionQueues()).isEmpty();
            assertThat(main.host.model.mtu()).isEqualTo(9001);
            assertThat(main.host.model.enabledAenqGroups()).isEqualTo(0xDF);
            assertThat(main.host.model.rssConfig().function()).isEqualTo(RssHashFunction.CRC32);
            assertThat(main.host.model.counters().dmaFaults()).isZero();
            assertThat(main.host.model.counters().adminCommands()).isEqualTo(82);
            main.host.close();
        }));
        return tests;
    }

    /** Sets what the vectors' device chose: statistics values and forced completion statuses. */
    private static void prepareDeviceChoices(Session s, JsonNode line) {
        JsonNode out = line.get("out");
        DeviceStatistics st = s.host.model.statistics();
        switch (line.get("func").asText()) {
            case "ena_com_get_dev_basic_stats" -> {
                st.set(Stat.TX_BYTES, out.get("tx_bytes").asLong());
                st.set(Stat.TX_PKTS, out.get("tx_pkts").asLong());
                st.set(Stat.RX_BYTES, out.get("rx_bytes").asLong());
                st.set(Stat.RX_PKTS, out.get("rx_pkts").asLong());
                st.set(Stat.RX_DROPS, out.get("rx_drops").asLong());
                st.set(Stat.TX_DROPS, out.get("tx_drops").asLong());
                st.set(Stat.RX_OVERRUNS, out.get("rx_overruns").asLong());
            }
            case "ena_com_get_eni_stats" -> {
                st.set(Stat.BW_IN_ALLOWANCE_EXCEEDED, out.get("bw_in_allowance_exceeded").asLong());
                st.set(Stat.BW_OUT_ALLOWANCE_EXCEEDED, out.get("bw_out_allowance_exceeded").asLong());
                st.set(Stat.PPS_ALLOWANCE_EXCEEDED, out.get("pps_allowance_exceeded").asLong());
                st.set(Stat.CONNTRACK_ALLOWANCE_EXCEEDED, out.get("conntrack_allowance_exceeded").asLong());
                st.set(Stat.LINKLOCAL_ALLOWANCE_EXCEEDED, out.get("linklocal_allowance_exceeded").asLong());
            }
            case "ena_com_get_ena_srd_info" -> {
                st.set(Stat.SRD_FLAGS, out.get("flags").asLong());
                st.set(Stat.SRD_TX_PKTS, out.get("ena_srd_tx_pkts").asLong());
                st.set(Stat.SRD_ELIGIBLE_TX_PKTS, out.get("ena_srd_eligible_tx_pkts").asLong());
                st.set(Stat.SRD_RX_PKTS, out.get("ena_srd_rx_pkts").asLong());
                st.set(Stat.SRD_RESOURCE_UTILIZATION, out.get("ena_srd_resource_utilization").asLong());
            }
            case "ena_com_get_customer_metrics" -> {
                MemorySegment values = MemorySegment.ofArray(Vectors.bytes(out.get("buffer")));
                for (int id = 0; id < 6; id++) {
                    st.set(Stat.customerMetric(id), values.get(io.ena4j.spec.Le.U64, 8L * id));
                }
            }
            default -> {
                // no arbitrary device values in this line
            }
        }
        JsonNode forced = line.path("args").get("device_completion_status");
        if (forced != null) {
            s.host.model.faults().forceNextStatus(forced.asInt(), 1);
        }
    }

    private static void replay(Session s, int seq, JsonNode cmd) {
        TestHost h = s.host;
        byte[] entry = Vectors.bytes(cmd.get("aq_entry"));
        int len = cmd.get("cmd_len").asInt();
        MemorySegment e = MemorySegment.ofArray(Arrays.copyOf(entry, 64));
        List<Runnable> bufferChecks = new ArrayList<>();
        remapAddresses(s, cmd, e, bufferChecks);

        int slot = h.aqTail & (h.aqDepth - 1);
        if (s.compareBuffers) {
            assertThat(slot).as("seq %d AQ slot", seq).isEqualTo(cmd.get("aq_slot").asInt());
        }
        MemorySegment.copy(e, 0, h.aq.segment(), slot * 64L, len);
        h.aqTail = (h.aqTail + 1) & 0xFFFF;
        if (s.compareBuffers) {
            assertThat(h.aqTail).as("seq %d doorbell", seq).isEqualTo(cmd.get("doorbell_value").asInt());
        }
        h.ringAq();
        h.step();
        MemorySegment c = h.nextCompletion();
        assertThat(c).as("seq %d: completion for opcode %d", seq, cmd.get("opcode").asInt()).isNotNull();

        byte[] expected = Vectors.bytes(cmd.get("acq_entry"));
        byte[] actual = c.toArray(ValueLayout.JAVA_BYTE);
        assertThat(actual[2]).as("seq %d status", seq).isEqualTo(expected[2]);
        expected[SQ_HEAD_LO] = 0;
        expected[SQ_HEAD_HI] = 0;
        actual[SQ_HEAD_LO] = 0;
        actual[SQ_HEAD_HI] = 0;
        assertThat(Vectors.hex(actual)).as("seq %d opcode %d feature %s completion", seq,
                cmd.get("opcode").asInt(), cmd.path("feature_id").asText("-")).isEqualTo(Vectors.hex(expected));
        if (s.compareBuffers) {
            bufferChecks.forEach(Runnable::run);
        }
    }

    /** Rewrites every recorded IO address in the entry to a buffer of ours holding the recorded content. */
    private static void remapAddresses(Session s, JsonNode cmd, MemorySegment e, List<Runnable> checks) {
        int opcode = AqEntry.opcode(e, 0);
        JsonNode cb = cmd.get("ctrl_buf");
        if (cb != null && !cb.isNull()) {
            long recorded = cb.get("addr").asLong();
            int len = cb.get("len").asInt();
            DmaBuffer b = s.buffer(recorded, len);
            byte[] submitted = Vectors.bytes(cb.get("submitted"));
            MemorySegment.copy(MemorySegment.ofArray(submitted), 0, b.segment(), 0, submitted.length);
            assertThat(AqEntry.ctrlBufferAddress(e, 0)).isEqualTo(recorded);
            AqEntry.ctrlBufferAddress(e, 0, b.ioAddress());
            byte[] after = cb.has("after_device_write") && !cb.get("after_device_write").isNull()
                    ? Vectors.bytes(cb.get("after_device_write")) : submitted;
            checks.add(() -> assertThat(Vectors.hex(b.segment(), 0, after.length))
                    .as("control buffer of opcode %d", opcode).isEqualTo(Vectors.hex(after)));
        }
        for (JsonNode ref : cmd.path("referenced_buffers")) {
            long recorded = ref.get("addr").asLong();
            byte[] bytes = Vectors.bytes(ref.get("bytes"));
            DmaBuffer b = s.buffer(recorded, Math.max(ref.get("len").asLong(), 4096));
            MemorySegment.copy(MemorySegment.ofArray(bytes), 0, b.segment(), 0, bytes.length);
            long field = switch (ref.get("field").asText()) {
                case "os_info_ba" -> FeatureCmd.SET_PAYLOAD + HostAttrConfig.OS_INFO_BA_OFFSET;
                case "debug_ba" -> FeatureCmd.SET_PAYLOAD + HostAttrConfig.DEBUG_BA_OFFSET;
                case "phc_output_address" -> FeatureCmd.SET_PAYLOAD + PhcConfig.OUTPUT_ADDRESS_OFFSET;
                default -> throw new AssertionError("unknown referenced buffer " + ref.get("field"));
            };
            assertThat(MemAddr.address(e, field)).isEqualTo(recorded);
            MemAddr.address(e, field, b.ioAddress());
        }
        if (opcode == AdminOpcode.CREATE_CQ.code()) {
            long ba = CreateCqCmd.cqBa(e, 0);
            long bytes = (long) CreateCqCmd.cqDepth(e, 0) * CreateCqCmd.cqEntrySizeWords(e, 0) * 4;
            CreateCqCmd.cqBa(e, 0, s.buffer(ba, bytes).ioAddress());
        } else if (opcode == AdminOpcode.CREATE_SQ.code() && CreateSqCmd.sqBa(e, 0) != 0) {
            long ba = CreateSqCmd.sqBa(e, 0);
            CreateSqCmd.sqBa(e, 0, s.buffer(ba, (long) CreateSqCmd.sqDepth(e, 0) * 16).ioAddress());
        }
    }

    // ---- variant devices of the lines recorded against a differently configured device ----

    /** The session device with supported_func = Toeplitz only (seq 53). */
    private static DeviceProfile toeplitzOnly() {
        DeviceProfile p = DeviceProfile.referenceVectors();
        DeviceProfile.Rss r = p.rss();
        return p.toBuilder().rss(new DeviceProfile.Rss(RssHashFunction.funcMask(RssHashFunction.TOEPLITZ),
                RssHashFunction.TOEPLITZ, 0, r.defaultKey(), r.tableMinLog2(), r.tableMaxLog2(), r.tableDefaultLog2(),
                r.oneEntryUpdate(), r.supportedInputSort(), r.defaultInputSort(), r.supportedFields(),
                r.defaultSelectedFields())).build();
    }

    /** Profile B of seq 54: features 1, 2, 11, 14, 26, capabilities 0, legacy queues 32 × 4096, 19 descs. */
    private static DeviceProfile profileB() {
        return DeviceProfile.referenceVectors().toBuilder()
                .supportedFeatures(0x0400_4806).capabilities(0)
                .queues(new DeviceProfile.QueueLimits(1, 32, 32, 32, 32, 4096, 4096, 4096, 4096, 128, 19, 19, 0, 0))
                .build();
    }

    /** Profile C of seq 55: B plus feature 7, whose MAX_QUEUES_EXT answer carries version 0 (profile A numbers). */
    private static DeviceProfile profileC() {
        DeviceProfile.QueueLimits a = DeviceProfile.referenceVectors().queues();
        return DeviceProfile.referenceVectors().toBuilder()
                .supportedFeatures(0x0400_4806 | FeatureId.MAX_QUEUES_EXT.mask()).capabilities(0)
                .queues(new DeviceProfile.QueueLimits(0, a.maxTxSqNum(), a.maxTxCqNum(), a.maxRxSqNum(),
                        a.maxRxCqNum(), a.maxTxSqDepth(), a.maxTxCqDepth(), a.maxRxSqDepth(), a.maxRxCqDepth(),
                        a.maxTxHeaderSize(), a.maxPerPacketTxDescs(), a.maxPerPacketRxDescs(), 0, 0))
                .build();
    }

    /** Restores the AENQ groups the recorded device had enabled since seq 3 (0xDF). */
    private static Session withGroups(Session s) {
        MemorySegment set = TestHost.setFeature(FeatureId.AENQ_CONFIG.code());
        AenqConfig.enabledGroups(set, FeatureCmd.SET_PAYLOAD, 0xDF);
        s.host.exec(set, 0);
        return s;
    }
}
