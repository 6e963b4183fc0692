package io.ena4j.driver.eth;

import static io.ena4j.driver.eth.EthTestSupport.b;
import static io.ena4j.driver.eth.EthTestSupport.i;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.driver.com.EnaErrno;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.regs.ResetReason;
import io.ena4j.testkit.Vectors;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every line of {@code tx_cq.jsonl} ({@code ena_com_tx_comp_req_id_get}, 256 entries of 8 bytes): rc, the
 * req_id stored, head and phase after, plus the counter and reset reason each error records.
 */
class TxCqVectorTest {

    private static final List<JsonNode> LINES = Vectors.lines("tx_cq.jsonl");

    private final DmaBuffer ring = EthTestSupport.dma(256 * 8);

    @Test
    void fileHasTheDocumentedLineCount() {
        assertThat(LINES).hasSize(17);
    }

    @TestFactory
    List<DynamicTest> replayEveryLine() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode line : LINES) {
            tests.add(DynamicTest.dynamicTest(line.get("case").asText(), () -> replay(line)));
        }
        return tests;
    }

    private void replay(JsonNode line) {
        int depth = i(line, "q_depth");
        JsonNode before = line.get("state_before");
        layOutRing(ring.segment(), depth, i(before, "cq_head"), i(before, "cq_phase"), line.get("cdescs"));
        RingStats stats = new RingStats();
        IoCq cq = IoCq.tx(ring, depth, 8, b(line, "cap_cdesc_mbz"), stats);
        cq.restoreState(i(before, "cq_head"), i(before, "cq_phase"), 0, 0);
        boolean pending = cq.hasCompletion();
        TxCompletionInfo out = new TxCompletionInfo();

        int rc = TxCompletion.reqIdGet(cq, out);

        assertThat(rc).as("rc").isEqualTo(i(line, "rc"));
        assertThat(pending).as("hasCompletion agrees").isEqualTo(rc != EnaErrno.EAGAIN);
        JsonNode reqId = line.get("req_id");
        assertThat(out.reqId).as("req_id").isEqualTo(reqId.isNull() ? -1 : reqId.asInt());
        assertThat(out.hasTimestamp).isFalse();
        JsonNode after = line.get("state_after");
        assertThat(cq.head()).as("cq_head").isEqualTo(i(after, "cq_head"));
        assertThat(cq.phase()).as("cq_phase").isEqualTo(i(after, "cq_phase"));
        switch (rc) {
            case EnaErrno.EFAULT -> {
                assertThat(stats.get(RingCounter.TX_DESC_MALFORMED)).isEqualTo(1);
                assertThat(stats.resetReason()).isEqualTo(ResetReason.TX_DESCRIPTOR_MALFORMED);
            }
            case EnaErrno.EINVAL -> {
                assertThat(stats.get(RingCounter.BAD_REQ_ID)).isEqualTo(1);
                assertThat(stats.resetReason()).isEqualTo(ResetReason.INV_TX_REQ_ID);
            }
            default -> {
                assertThat(stats.resetReason()).isNull();
                assertThat(stats.get(RingCounter.BAD_REQ_ID)).isZero();
            }
        }
    }

    /** README ring rule (phase = bit 0 of byte 3, unlisted slots carry the stale phase), then the listed entries. */
    static void layOutRing(MemorySegment ring, int depth, int head, int phase, JsonNode cdescs) {
        ring.fill((byte) 0);
        int headIdx = head & (depth - 1);
        for (int slot = 0; slot < depth; slot++) {
            int expected = slot >= headIdx ? phase : 1 - phase;
            TxCdesc.phase(ring, slot * 8L, 1 - expected);
        }
        for (JsonNode c : cdescs) {
            EthTestSupport.put(ring, i(c, "idx") * 8L, Vectors.bytes(c.get("bytes").asText()));
        }
    }
}
