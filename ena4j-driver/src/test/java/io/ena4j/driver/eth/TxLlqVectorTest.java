package io.ena4j.driver.eth;

import static io.ena4j.driver.eth.EthTestSupport.SENTINEL;
import static io.ena4j.driver.eth.EthTestSupport.VECTOR_DOORBELL;
import static io.ena4j.driver.eth.EthTestSupport.allBytes;
import static io.ena4j.driver.eth.EthTestSupport.b;
import static io.ena4j.driver.eth.EthTestSupport.hex;
import static io.ena4j.driver.eth.EthTestSupport.i;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.driver.com.EnaErrno;
import io.ena4j.spec.regs.ResetReason;
import io.ena4j.testkit.Vectors;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every line of {@code tx_llq.jsonl}: {@code prepare_tx} in LLQ placement for every entry size / descriptors
 * before header / stride / accelerated configuration, {@code is_doorbell_needed}, {@code write_sq_doorbell} and the
 * rejected {@code config_dev_mode} layouts. Checks rc, nb_hw_desc, every LLQ entry written to the BAR 2 window
 * (whole entries, at {@code llq_descriptors_offset + idx * entry_size}; no other byte of the window changes),
 * the doorbell decision before and after, register writes and the full state after, including the bounce-buffer
 * bookkeeping.
 */
class TxLlqVectorTest {

    private static final List<JsonNode> LINES = Vectors.lines("tx_llq.jsonl");

    /** The SQ's entries start this far into the window, so a wrong base offset shows. */
    private static final long LLQ_OFFSET = 0x40000;

    private final MemorySegment bar2 = Arena.ofAuto().allocate(LLQ_OFFSET + 256 * 256 + 4096, 4096);
    private final EthTestSupport.RecordingBar bar = new EthTestSupport.RecordingBar();

    @Test
    void fileHasTheDocumentedLineCount() {
        assertThat(LINES).hasSize(253);
    }

    @TestFactory
    List<DynamicTest> replayEveryLine() {
        List<DynamicTest> tests = new ArrayList<>();
        IoSq[] sq = new IoSq[1];
        String[] prevCase = new String[1];
        JsonNode[] prevConfig = new JsonNode[1];
        int n = 0;
        for (JsonNode line : LINES) {
            String op = line.get("op").asText();
            String name = (n++) + "_" + op + "_" + line.get("case").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (op.equals("config_dev_mode")) {
                    replayConfig(line);
                    prevCase[0] = null;
                    return;
                }
                JsonNode cfg = line.get("llq_config");
                String c = line.get("case").asText();
                boolean chained = sq[0] != null && cfg.equals(prevConfig[0]) && continues(prevCase[0], c);
                if (chained) {
                    // Bounce buffers and bookkeeping carry over; the recorder may only have acked in between.
                    assertLlqStateExceptNextToComp(sq[0], line.get("state_before"));
                } else {
                    sq[0] = newSq(cfg);
                }
                restore(sq[0], line.get("state_before"));
                switch (op) {
                    case "prepare_tx" -> replayPrepare(sq[0], line);
                    case "is_doorbell_needed" -> assertThat(TxPrepare.isDoorbellNeeded(sq[0],
                            EthTestSupport.txContext(line.get("tx_ctx")))).isEqualTo(b(line, "doorbell_needed"));
                    case "write_sq_doorbell" -> replayDoorbell(sq[0], line);
                    default -> throw new AssertionError("unknown op " + op);
                }
                prevCase[0] = c;
                prevConfig[0] = cfg;
            }));
        }
        return tests;
    }

    /** Lines that continue the previous one (vectors README): meta_cached*, the accel_pkt* and burst3_* sequences. */
    private static boolean continues(String prev, String c) {
        if (prev == null) {
            return false;
        }
        if (c.contains("meta_cached") && !c.startsWith("burst3_")) {
            return true;
        }
        if (c.startsWith("accel_") && !c.startsWith("accel_fresh") && !c.equals("accel_initial_doorbell")) {
            return prev.startsWith("accel_");
        }
        return c.startsWith("burst3_") && !c.equals("burst3_pkt1_meta_changed_2descs") && prev.startsWith("burst3_");
    }

    private IoSq newSq(JsonNode cfg) {
        LlqInfo llq = LlqInfo.of(i(cfg, "entry_size"), i(cfg, "descs_num_before_header"), i(cfg, "desc_stride_ctrl"),
                i(cfg, "max_entries_in_tx_burst"), b(cfg, "disable_meta_caching"));
        assertThat(llq.descsPerEntry()).isEqualTo(i(cfg, "descs_per_entry"));
        assertThat(llq.headerLocationCtrl()).isEqualTo(i(cfg, "header_location_ctrl"));
        IoSq sq = IoSq.txLlq(bar2, LLQ_OFFSET, i(cfg, "q_depth"), llq, 48, bar, VECTOR_DOORBELL, new RingStats());
        // A fresh SQ starts exactly in the documented clean state.
        assertThat(sq.bounceNextToUse()).isEqualTo(1);
        assertThat(sq.bounceCurrIndex()).isZero();
        assertThat(sq.pktDescIdx()).isZero();
        assertThat(sq.descsLeftInLine()).isEqualTo(llq.descsNumBeforeHeader());
        assertThat(sq.entriesInTxBurstLeft()).isEqualTo(llq.maxEntriesInTxBurst());
        assertThat(allBytes(sq.bounceBuffers(), 0, sq.bounceBuffers().byteSize(), (byte) 0)).isTrue();
        return sq;
    }

    private void replayPrepare(IoSq sq, JsonNode line) {
        JsonNode cfg = line.get("llq_config");
        int entrySize = i(cfg, "entry_size");
        int depth = i(cfg, "q_depth");
        TxContext ctx = EthTestSupport.txContext(line.get("tx_ctx"));
        assertThat(TxPrepare.isDoorbellNeeded(sq, ctx)).as("doorbell_needed_before")
                .isEqualTo(b(line, "doorbell_needed_before"));
        long errBefore = sq.stats().get(RingCounter.PREPARE_CTX_ERR);
        sq.stats().clearResetReason();
        EthTestSupport.fill(bar2, SENTINEL);
        bar.clear();

        int rc = TxPrepare.prepareTx(sq, ctx);

        int expectedRc = i(line, "rc");
        assertThat(rc).as("rc").isEqualTo(expectedRc);
        assertThat(ctx.nbHwDesc).as("nb_hw_desc").isEqualTo(i(line, "nb_hw_desc"));
        Map<Integer, String> written = new HashMap<>();
        for (JsonNode w : line.get("llq_writes")) {
            written.put(i(w, "entry_idx"), w.get("bytes").asText());
        }
        for (int e = 0; e < depth; e++) {
            long off = LLQ_OFFSET + (long) e * entrySize;
            if (written.containsKey(e)) {
                assertThat(hex(bar2, off, entrySize)).as("LLQ entry %d", e).isEqualTo(written.get(e));
            } else {
                assertThat(allBytes(bar2, off, entrySize, SENTINEL)).as("LLQ entry %d untouched", e).isTrue();
            }
        }
        assertThat(allBytes(bar2, 0, LLQ_OFFSET, SENTINEL)).as("below the SQ's region").isTrue();
        long end = LLQ_OFFSET + (long) depth * entrySize;
        assertThat(allBytes(bar2, end, bar2.byteSize() - end, SENTINEL)).as("above the SQ's region").isTrue();
        assertThat(bar.writes).as("prepare_tx never rings the doorbell").isZero();

        assertThat(TxPrepare.isDoorbellNeeded(sq, ctx)).as("doorbell_needed_after")
                .isEqualTo(b(line, "doorbell_needed_after"));
        assertLlqState(sq, line.get("state_after"));
        if (expectedRc == 0) {
            assertThat(sq.stats().get(RingCounter.PREPARE_CTX_ERR)).isEqualTo(errBefore);
            assertThat(sq.stats().resetReason()).isNull();
        } else {
            assertThat(sq.stats().get(RingCounter.PREPARE_CTX_ERR)).isEqualTo(errBefore + 1);
            assertThat(sq.stats().resetReason())
                    .isEqualTo(expectedRc == EnaErrno.ENOMEM ? null : ResetReason.DRIVER_INVALID_STATE);
        }
    }

    private void replayDoorbell(IoSq sq, JsonNode line) {
        bar.clear();
        long before = sq.stats().get(RingCounter.DOORBELLS);
        assertThat(sq.writeDoorbell()).isZero();
        List<int[]> expected = new ArrayList<>();
        for (JsonNode w : line.get("register_writes")) {
            expected.add(new int[] {i(w, "offset"), i(w, "value")});
        }
        assertThat(bar.recorded()).as("register writes").containsExactlyElementsOf(expected);
        assertThat(sq.stats().get(RingCounter.DOORBELLS)).isEqualTo(before + 1);
        assertLlqState(sq, line.get("state_after"));
    }

    private static void replayConfig(JsonNode line) {
        JsonNode cfg = line.get("llq_default_config");
        int entrySize = i(cfg, "entry_size");
        int before = i(cfg, "descs_num_before_header");
        int stride = i(cfg, "desc_stride_ctrl");
        assertThat(LlqInfo.check(entrySize, before, stride)).isEqualTo(i(line, "rc"));
        assertThat(entrySize - before * 16).isEqualTo(i(line, "tx_max_header_size_computed"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LlqInfo.of(entrySize, before, stride, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(before));
    }

    static void restore(IoSq sq, JsonNode st) {
        sq.restoreState(i(st, "tail"), i(st, "phase"), i(st, "next_to_comp"));
        sq.txMaxHeaderSize(i(st, "tx_max_header_size"));
        JsonNode m = st.get("cached_tx_meta");
        sq.restoreMetaCache(i(m, "mss"), i(m, "l3_hdr_len"), i(m, "l3_hdr_offset"), i(m, "l4_hdr_len"),
                b(st, "disable_meta_caching"));
        sq.restoreLlqState(i(st, "entries_in_tx_burst_left"), i(st, "bounce_next_to_use"),
                i(st, "bounce_curr_index"), i(st, "pkt_desc_idx"), i(st, "descs_left_in_line"));
    }

    static void assertLlqState(IoSq sq, JsonNode st) {
        assertThat(sq.nextToComp()).as("next_to_comp").isEqualTo(i(st, "next_to_comp"));
        assertLlqStateExceptNextToComp(sq, st);
    }

    static void assertLlqStateExceptNextToComp(IoSq sq, JsonNode st) {
        TxHostVectorTest.assertStateExceptNextToComp(sq, st);
        assertThat(sq.entriesInTxBurstLeft()).as("entries_in_tx_burst_left")
                .isEqualTo(i(st, "entries_in_tx_burst_left"));
        assertThat(sq.bounceNextToUse()).as("bounce_next_to_use").isEqualTo(i(st, "bounce_next_to_use"));
        assertThat(sq.bounceCurrIndex()).as("bounce_curr_index").isEqualTo(i(st, "bounce_curr_index"));
        assertThat(sq.pktDescIdx()).as("pkt_desc_idx").isEqualTo(i(st, "pkt_desc_idx"));
        assertThat(sq.descsLeftInLine()).as("descs_left_in_line").isEqualTo(i(st, "descs_left_in_line"));
    }
}
