package io.ena4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.eth.TxDesc;
import io.ena4j.testkit.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every accepted line ({@code rc == 0}) of the reference Tx vectors ({@code tx_host.jsonl},
 * {@code tx_llq.jsonl}) against the device model: the recorded descriptors (or LLQ entries) are placed in a Tx queue,
 * the recorded buffer addresses are mapped in the IOMMU over memory filled with an address-dependent pattern, the
 * doorbell is rung with the recorded tail, and the frame the model puts on the wire must be exactly the pushed header
 * (LLQ) followed by the buffers' bytes in order, with one completion carrying the line's req_id. Lines continuing a
 * meta-caching (or accelerated-LLQ) sequence run in order on one queue; a fresh line starts a fresh device whose queue
 * is first advanced to the line's starting tail with filler packets (so the u16 wrap and phase-0 laps are real).
 */
class TxVectorReplayTest {

    /** Buffers' content: a byte that depends on the IO address, so any misplaced byte shows. */
    static byte pattern(long io) {
        long x = (io + 0x1234) * 0x9E37_79B9_7F4A_7C15L;
        return (byte) (x >>> 56);
    }

    private static DeviceProfile profile() {
        DeviceProfile p = DeviceProfile.referenceVectors();
        DeviceProfile.QueueLimits q = p.queues();
        // 254-buffer packets need a generous per-packet limit; offloads off so the frame stays the buffers' bytes
        return p.toBuilder()
                .queues(new DeviceProfile.QueueLimits(q.extVersion(), q.maxTxSqNum(), q.maxTxCqNum(), q.maxRxSqNum(),
                        q.maxRxCqNum(), q.maxTxSqDepth(), q.maxTxCqDepth(), q.maxRxSqDepth(), q.maxRxCqDepth(),
                        q.maxTxHeaderSize(), 256, q.maxPerPacketRxDescs(), q.maxLegacyLlqNum(), q.maxLegacyLlqDepth()))
                .offloads(new DeviceProfile.Offloads(0, 0x0F, 0x0F))
                .maxMtu(65000)
                .build();
    }

    private static boolean continuesHost(String name) {
        return name.startsWith("meta_cached") || name.startsWith("meta_changed") || name.startsWith("meta_valid0");
    }

    private static boolean continuesLlq(String name) {
        return name.contains("meta_cached") || name.startsWith("accel_pkt") || name.startsWith("burst3_");
    }

    @TestFactory
    Stream<DynamicTest> hostPlacement() {
        List<List<JsonNode>> chains = new ArrayList<>();
        for (JsonNode l : Vectors.lines("tx_host.jsonl")) {
            if (l.get("rc").asInt() != 0) {
                continue;
            }
            if (continuesHost(l.get("case").asText()) && !chains.isEmpty()) {
                chains.getLast().add(l);
            } else {
                chains.add(new ArrayList<>(List.of(l)));
            }
        }
        assertThat(chains.stream().mapToInt(List::size).sum()).isEqualTo(42);
        return chains.stream().map(c -> DynamicTest.dynamicTest(names(c), () -> replay(c, false)));
    }

    @TestFactory
    Stream<DynamicTest> llqPlacement() {
        List<List<JsonNode>> chains = new ArrayList<>();
        for (JsonNode l : Vectors.lines("tx_llq.jsonl")) {
            String op = l.get("op").asText();
            if (!op.equals("prepare_tx") || l.get("rc").asInt() != 0) {
                continue;
            }
            if (continuesLlq(l.get("case").asText()) && !chains.isEmpty()
                    && chains.getLast().getLast().get("llq_config").equals(l.get("llq_config"))) {
                chains.getLast().add(l);
            } else {
                chains.add(new ArrayList<>(List.of(l)));
            }
        }
        assertThat(chains.stream().mapToInt(List::size).sum()).isGreaterThan(180);
        return chains.stream().map(c -> DynamicTest.dynamicTest(names(c), () -> replay(c, true)));
    }

    private static String names(List<JsonNode> chain) {
        StringBuilder b = new StringBuilder();
        for (JsonNode l : chain) {
            b.append(b.isEmpty() ? "" : " → ").append(l.get("case").asText());
        }
        JsonNode cfg = chain.getFirst().get("llq_config");
        if (cfg != null) {
            b.append(" [E=").append(cfg.get("entry_size").asInt()).append(" D=")
                    .append(cfg.get("descs_num_before_header").asInt()).append(" stride=")
                    .append(cfg.get("desc_stride_ctrl").asInt()).append(" depth=").append(cfg.get("q_depth").asInt())
                    .append(cfg.get("disable_meta_caching").asBoolean() ? " accel" : "").append(']');
        }
        return b.toString();
    }

    private static long[][] buffers(JsonNode line) {
        int bits = line.get("state_before").path("dma_addr_bits").asInt(48);
        JsonNode bufs = line.get("tx_ctx").get("bufs");
        long[][] out = new long[bufs.size()][];
        for (int i = 0; i < bufs.size(); i++) {
            long a = bufs.get(i).get("paddr").asLong() & ((1L << bits) - 1);
            out[i] = new long[] {a, bufs.get(i).get("len").asLong()};
        }
        return out;
    }

    private void replay(List<JsonNode> chain, boolean llq) {
        JsonNode first = chain.getFirst();
        JsonNode cfg = first.get("llq_config");
        int depth = llq ? cfg.get("q_depth").asInt() : first.get("q_depth").asInt();
        try (TestHost th = TestHost.ready(profile())) {
            DataHost dh = new DataHost(th);
            dh.setMtu(65000);
            int entrySize = 0;
            int d = 0;
            if (llq) {
                entrySize = cfg.get("entry_size").asInt();
                d = cfg.get("descs_num_before_header").asInt();
                boolean accel = cfg.get("disable_meta_caching").asBoolean()
                        || cfg.get("max_entries_in_tx_burst").asInt() != 0;
                dh.setLlq(cfg.get("entry_size_ctrl").asInt(), d, cfg.get("desc_stride_ctrl").asInt(),
                        accel ? LlqFeature.AccelFlags.ALL : 0);
            }
            CaptureWire wire = CaptureWire.on(dh.model);
            DataHost.TxQ q = dh.tx(depth, 1, false, llq);
            mapBuffers(dh, chain);
            DmaBuffer filler = th.dma.allocate(64);
            long dropsBefore;
            int packetsWithoutData = 0;
            for (JsonNode line : chain) {
                String name = line.get("case").asText();
                advanceTo(dh, q, line.get("state_before").get("tail").asInt(), filler, llq, entrySize, d);
                wire.frames.clear();
                dropsBefore = dh.model.statistics().get(DeviceStatistics.Stat.TX_DROPS);
                if (llq) {
                    for (JsonNode w : line.get("llq_writes")) {
                        byte[] bytes = Vectors.bytes(w.get("bytes"));
                        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, dh.model.bar2(),
                                q.llqOffset + (long) w.get("entry_idx").asInt() * entrySize, bytes.length);
                    }
                } else {
                    for (JsonNode desc : line.get("descs")) {
                        MemorySegment.copy(MemorySegment.ofArray(Vectors.bytes(desc.get("bytes"))), 0,
                                q.sqRing.segment(), desc.get("idx").asLong() * TxDesc.SIZE, TxDesc.SIZE);
                    }
                }
                q.tail = line.get("state_after").get("tail").asInt();
                q.ring();
                for (int i = 0; i < 4; i++) {
                    dh.step();
                }

                JsonNode ctx = line.get("tx_ctx");
                boolean dataDescriptor = ctx.get("num_bufs").asInt() > 0 || ctx.get("header_len").asInt() > 0;
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                if (llq) {
                    byte[] push = Vectors.bytes(ctx.get("push_header"));
                    assertThat(push.length).as(name + " push header").isEqualTo(ctx.get("header_len").asInt());
                    expected.writeBytes(push);
                }
                for (long[] b : buffers(line)) {
                    for (long i = 0; i < b[1]; i++) {
                        expected.write(pattern(b[0] + i));
                    }
                }
                List<Integer> completions = q.completedReqIds();
                if (!dataDescriptor) {
                    packetsWithoutData++;
                    assertThat(wire.frames).as(name + ": a packet without data descriptor is not sent").isEmpty();
                    assertThat(completions).as(name + ": nor completed").isEmpty();
                    continue;
                }
                assertThat(completions).as(name + " completion req_id").containsExactly(ctx.get("req_id").asInt());
                if (expected.size() == 0 || expected.size() > 65000 + 18) {
                    assertThat(wire.frames).as(name + ": an empty or over-MTU frame is not sent").isEmpty();
                    assertThat(dh.model.statistics().get(DeviceStatistics.Stat.TX_DROPS)).isEqualTo(dropsBefore + 1);
                } else {
                    assertThat(wire.frames).as(name + " frames").hasSize(1);
                    assertThat(HexFormat.of().formatHex(wire.frames.getFirst())).as(name + " frame bytes")
                            .isEqualTo(HexFormat.of().formatHex(expected.toByteArray()));
                }
            }
            // a lone meta descriptor (no data) is either waited for or, when the next slot is empty, discarded
            assertThat(dh.model.counters().txDescriptorErrors()).as("descriptor errors")
                    .isLessThanOrEqualTo(packetsWithoutData);
            assertThat(dh.model.counters().dmaFaults()).as("DMA faults").isZero();
        }
    }

    /** Maps every recorded buffer address range (merged where they touch) over pattern-filled memory. */
    private static void mapBuffers(DataHost dh, List<JsonNode> chain) {
        TreeMap<Long, Long> ranges = new TreeMap<>();
        for (JsonNode l : chain) {
            for (long[] b : buffers(l)) {
                if (b[1] > 0) {
                    ranges.merge(b[0], b[0] + b[1], Math::max);
                }
            }
        }
        long start = -1;
        long end = -1;
        List<long[]> merged = new ArrayList<>();
        for (var e : ranges.entrySet()) {
            if (start >= 0 && e.getKey() <= end) {
                end = Math.max(end, e.getValue());
            } else {
                if (start >= 0) {
                    merged.add(new long[] {start, end});
                }
                start = e.getKey();
                end = e.getValue();
            }
        }
        if (start >= 0) {
            merged.add(new long[] {start, end});
        }
        for (long[] r : merged) {
            byte[] mem = new byte[(int) (r[1] - r[0])];
            for (int i = 0; i < mem.length; i++) {
                mem[i] = pattern(r[0] + i);
            }
            dh.model.dmaMap(r[0], MemorySegment.ofArray(mem));
        }
    }

    /**
     * Sends filler packets (single 60-byte buffer in host mode, a 14-byte pushed header in LLQ) until the queue's
     * free-running tail reaches {@code target}, and consumes their completions.
     */
    private static void advanceTo(DataHost dh, DataHost.TxQ q, int target, DmaBuffer filler, boolean llq,
                                  int entrySize, int d) {
        while (q.tail != target) {
            int n = Math.min((target - q.tail) & 0xFFFF, q.depth - 1);
            for (int i = 0; i < n; i++) {
                if (llq) {
                    byte[] e = new byte[entrySize];
                    MemorySegment s = MemorySegment.ofArray(e);
                    TxDesc.lenCtrl(s, 0, TxDesc.LEN_CTRL_FIRST_MASK | TxDesc.LEN_CTRL_LAST_MASK
                            | TxDesc.LEN_CTRL_COMP_REQ_MASK | q.phase() << TxDesc.LEN_CTRL_PHASE_SHIFT);
                    TxDesc.buffAddrHiHdrSz(s, 0, 14 << TxDesc.HEADER_LENGTH_SHIFT);
                    q.entry(e);
                } else {
                    q.packet(0x7FF, new long[] {filler.ioAddress()}, new int[] {60});
                }
            }
            q.ring();
            int done = 0;
            while (done < n) {
                dh.step();
                done += q.completedReqIds().size();
            }
        }
    }
}
