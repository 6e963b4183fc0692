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
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.regs.ResetReason;
import io.ena4j.testkit.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every line of {@code tx_host.jsonl} ({@code ena_com_prepare_tx}, host placement, depth 256) on a real
 * DMA ring: rc, nb_hw_desc, every descriptor written (and that no other slot was), and the full state after.
 */
class TxHostVectorTest {

    private static final List<JsonNode> LINES = Vectors.lines("tx_host.jsonl");

    private final DmaBuffer ring = EthTestSupport.dma(256 * 16);
    private final EthTestSupport.RecordingBar bar = new EthTestSupport.RecordingBar();

    @Test
    void fileHasTheDocumentedLineCount() {
        assertThat(LINES).hasSize(47);
    }

    @TestFactory
    List<DynamicTest> replayEveryLine() {
        List<DynamicTest> tests = new ArrayList<>();
        // One SQ for the whole file: the meta-caching chain (meta_cached*, meta_changed*, meta_valid0*) continues on
        // the SQ the previous line left behind; every other line restores the complete state_before.
        IoSq[] sq = new IoSq[1];
        JsonNode[] prev = new JsonNode[1];
        for (JsonNode line : LINES) {
            String name = line.get("case").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                boolean chained = name.startsWith("meta_cached") || name.startsWith("meta_changed")
                        || name.startsWith("meta_valid0");
                if (sq[0] == null || !chained) {
                    sq[0] = IoSq.txHost(ring, i(line, "q_depth"), 128, 48, bar, VECTOR_DOORBELL, new RingStats());
                } else {
                    // The carried state must be what the recorder saw before this line (it only acks in between).
                    assertStateExceptNextToComp(sq[0], line.get("state_before"));
                    assertThat(prev[0]).isNotNull();
                }
                replay(sq[0], line);
                prev[0] = line;
            }));
        }
        return tests;
    }

    private void replay(IoSq sq, JsonNode line) {
        JsonNode before = line.get("state_before");
        JsonNode txCtx = line.get("tx_ctx");
        int bits = i(before, "dma_addr_bits");
        restore(sq, before);
        if (EthTestSupport.addressExceeds(txCtx, bits)) {
            // ena4j default: an address wider than the DMA width is refused, not masked (datapath.md §1.1).
            long badBefore = sq.stats().get(RingCounter.BAD_DMA_ADDR);
            EthTestSupport.fill(ring.segment(), SENTINEL);
            TxContext ctx = EthTestSupport.txContext(txCtx);
            assertThat(TxPrepare.prepareTx(sq, ctx)).isEqualTo(EnaErrno.EINVAL);
            assertThat(ctx.nbHwDesc).isEqualTo(-1);
            assertThat(allBytes(ring.segment(), 0, ring.size(), SENTINEL)).as("nothing written").isTrue();
            assertState(sq, before);
            assertThat(sq.stats().get(RingCounter.BAD_DMA_ADDR)).isEqualTo(badBefore + 1);
            assertThat(sq.stats().resetReason()).isEqualTo(ResetReason.DRIVER_INVALID_STATE);
            // The reference masks: replay that too, bit for bit, with the MASK policy.
            sq.dmaAddressCheck(DmaAddressCheck.MASK);
            restore(sq, before);
        }
        sq.stats().clearResetReason();
        long errBefore = sq.stats().get(RingCounter.PREPARE_CTX_ERR);

        EthTestSupport.fill(ring.segment(), SENTINEL);
        TxContext ctx = EthTestSupport.txContext(txCtx);
        int rc = TxPrepare.prepareTx(sq, ctx);

        int expectedRc = i(line, "rc");
        assertThat(rc).as("rc").isEqualTo(expectedRc);
        int expectedNb = i(line, "nb_hw_desc");
        if (expectedNb < 0 && expectedRc == 0) {
            // u16_wrap_tail65535: the reference stores the int difference 2 - 65535 = -65533; we report the slot count
            // as a u16 difference (3), the same value modulo 2^16 that the completion path adds to next_to_comp.
            assertThat(ctx.nbHwDesc).isEqualTo(expectedNb & 0xFFFF).isEqualTo(3);
        } else {
            assertThat(ctx.nbHwDesc).as("nb_hw_desc").isEqualTo(expectedNb);
        }

        Map<Integer, String> written = new HashMap<>();
        for (JsonNode d : line.get("descs")) {
            written.put(i(d, "idx"), d.get("bytes").asText());
        }
        for (int slot = 0; slot < 256; slot++) {
            if (written.containsKey(slot)) {
                assertThat(hex(ring.segment(), slot * 16L, 16)).as("descriptor at slot %d", slot)
                        .isEqualTo(written.get(slot));
            } else {
                assertThat(allBytes(ring.segment(), slot * 16L, 16, SENTINEL)).as("slot %d untouched", slot).isTrue();
            }
        }
        assertState(sq, line.get("state_after"));

        if (expectedRc == 0) {
            assertThat(sq.stats().get(RingCounter.PREPARE_CTX_ERR)).isEqualTo(errBefore);
            assertThat(sq.stats().resetReason()).isNull();
        } else {
            assertThat(sq.stats().get(RingCounter.PREPARE_CTX_ERR)).isEqualTo(errBefore + 1);
            // Lack of space drops the packet without a reset; anything else requests DRIVER_INVALID_STATE (§10).
            assertThat(sq.stats().resetReason())
                    .isEqualTo(expectedRc == EnaErrno.ENOMEM ? null : ResetReason.DRIVER_INVALID_STATE);
        }
        sq.dmaAddressCheck(DmaAddressCheck.REJECT);
        assertThat(bar.writes).as("prepare_tx never rings the doorbell").isZero();
    }

    static void restore(IoSq sq, JsonNode st) {
        sq.restoreState(i(st, "tail"), i(st, "phase"), i(st, "next_to_comp"));
        sq.txMaxHeaderSize(i(st, "tx_max_header_size"));
        sq.dmaAddressBits(i(st, "dma_addr_bits"));
        JsonNode m = st.get("cached_tx_meta");
        sq.restoreMetaCache(i(m, "mss"), i(m, "l3_hdr_len"), i(m, "l3_hdr_offset"), i(m, "l4_hdr_len"),
                b(st, "disable_meta_caching"));
    }

    static void assertState(IoSq sq, JsonNode st) {
        assertThat(sq.nextToComp()).as("next_to_comp").isEqualTo(i(st, "next_to_comp"));
        assertStateExceptNextToComp(sq, st);
    }

    static void assertStateExceptNextToComp(IoSq sq, JsonNode st) {
        assertThat(sq.tail()).as("tail").isEqualTo(i(st, "tail"));
        assertThat(sq.phase()).as("phase").isEqualTo(i(st, "phase"));
        assertThat(sq.txMaxHeaderSize()).as("tx_max_header_size").isEqualTo(i(st, "tx_max_header_size"));
        if (st.has("dma_addr_bits")) {
            assertThat(sq.dmaAddressBits()).as("dma_addr_bits").isEqualTo(i(st, "dma_addr_bits"));
        }
        JsonNode m = st.get("cached_tx_meta");
        assertThat(new int[] {sq.cachedMss(), sq.cachedL3HdrLen(), sq.cachedL3HdrOffset(), sq.cachedL4HdrLen()})
                .as("cached_tx_meta")
                .containsExactly(i(m, "mss"), i(m, "l3_hdr_len"), i(m, "l3_hdr_offset"), i(m, "l4_hdr_len"));
        assertThat(sq.disableMetaCaching()).as("disable_meta_caching").isEqualTo(b(st, "disable_meta_caching"));
    }
}
