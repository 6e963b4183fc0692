package io.ena4j.spec.eth;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes {@code tx_cq.jsonl} (ena_com_tx_comp_req_id_get): each line's outcome must follow from the entry at the
 * CQ head as read through {@link TxCdesc} — phase (plain and acquire read), MBZ bits, req_id range
 * (datapath.md §4.1, §8.2, §12.2).
 */
class TxCqVectorsTest {

    private static final int EAGAIN = -11;
    private static final int EFAULT = -14;
    private static final int EINVAL = -22;

    @Test
    void outcomeFollowsFromTheHeadEntry() {
        SoftAssertions soft = new SoftAssertions();
        int lines = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment aligned = arena.allocate(TxCdesc.SIZE, 8);
            for (MiniJson.Node line : EthVectors.lines("tx_cq.jsonl")) {
                lines++;
                String name = line.get("case").asString();
                int depth = line.get("q_depth").asInt();
                boolean cap = line.get("cap_cdesc_mbz").asBool();
                int head = line.get("state_before").get("cq_head").asInt();
                int phase = line.get("state_before").get("cq_phase").asInt();
                Map<Integer, String> ring = new HashMap<>();
                for (MiniJson.Node c : line.get("cdescs").items()) {
                    ring.put(c.get("idx").asInt(), c.get("bytes").asString());
                }
                String hex = ring.get(head & (depth - 1));
                int rc = line.get("rc").asInt();
                if (hex == null) {
                    soft.assertThat(rc).as(name + " empty slot").isEqualTo(EAGAIN);
                    continue;
                }
                MemorySegment s = EthVectors.segment(hex);
                aligned.copyFrom(s);
                int w0 = TxCdesc.word0Acquire(aligned, 0);
                soft.assertThat(w0).as(name + " word0 acquire = plain").isEqualTo(TxCdesc.word0(s, 0));
                soft.assertThat((w0 & TxCdesc.WORD0_PHASE_MASK) >>> TxCdesc.WORD0_PHASE_SHIFT).as(name + " phase")
                        .isEqualTo(TxCdesc.phase(s, 0));
                soft.assertThat(w0 & TxCdesc.WORD0_REQ_ID_MASK).as(name + " req_id").isEqualTo(TxCdesc.reqId(s, 0));
                soft.assertThat((w0 & TxCdesc.WORD0_MBZ_MASK) != 0).as(name + " mbz word")
                        .isEqualTo(TxCdesc.mbz6(s, 0) != 0);
                boolean phaseOk = TxCdesc.phase(s, 0) == phase;
                boolean mbzBad = cap && (TxCdesc.flags(s, 0) & TxCdesc.FLAGS_MBZ_MASK) != 0;
                boolean reqIdBad = TxCdesc.reqId(s, 0) >= depth;
                int expected = !phaseOk ? EAGAIN : mbzBad ? EFAULT : reqIdBad ? EINVAL : 0;
                soft.assertThat(rc).as(name + " rc").isEqualTo(expected);
                if (rc == 0 || rc == EINVAL) {
                    soft.assertThat(TxCdesc.reqId(s, 0)).as(name + " req_id").isEqualTo(line.get("req_id").asInt());
                }
                if (rc == 0) {
                    soft.assertThat(TxCompletionStatus.isOk(TxCdesc.status(s, 0))).as(name + " status").isTrue();
                }
            }
        }
        soft.assertAll();
        assertThat(lines).isEqualTo(17);
    }
}
