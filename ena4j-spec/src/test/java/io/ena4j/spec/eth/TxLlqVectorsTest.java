package io.ena4j.spec.eth;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses every LLQ entry of {@code tx_llq.jsonl} with the {@link LlqEntry} layout helpers: descriptor slots,
 * pushed header position, entry count per packet, per-entry phase; descriptors are checked against
 * {@code tx_ctx} and re-encoded byte for byte (datapath.md §9.2, §9.4, §8.2).
 */
class TxLlqVectorsTest {

    @Test
    void entriesFollowTheLlqLayout() {
        SoftAssertions soft = new SoftAssertions();
        int packets = 0;
        int multiEntryPackets = 0;
        for (MiniJson.Node line : EthVectors.lines("tx_llq.jsonl")) {
            if (!line.get("op").asString().equals("prepare_tx") || line.get("rc").asInt() != 0) {
                continue;
            }
            String name = line.get("case").asString();
            MiniJson.Node cfg = line.get("llq_config");
            int entrySize = cfg.get("entry_size").asInt();
            int d = cfg.get("descs_num_before_header").asInt();
            int depth = cfg.get("q_depth").asInt();
            boolean multiple = cfg.get("desc_stride_ctrl").asInt() == 2;
            int dpe = LlqEntry.descsPerEntry(entrySize, multiple);
            soft.assertThat(dpe).as(name + " descs_per_entry").isEqualTo(cfg.get("descs_per_entry").asInt());
            soft.assertThat(LlqEntry.isValidEntrySize(entrySize)).as(name + " entry size").isTrue();

            MiniJson.Node before = line.get("state_before");
            int tail = before.get("tail").asInt();
            int phase = before.get("phase").asInt();
            MiniJson.Node ctx = line.get("tx_ctx");
            List<MiniJson.Node> writes = line.get("llq_writes").items();

            // Collect descriptor slots in order; the packet ends at the data descriptor with last = 1 or at an
            // unused (zero) slot (a meta-only packet has no last bit).
            List<byte[]> descs = new ArrayList<>();
            List<Integer> descPhase = new ArrayList<>();
            boolean ended = false;
            for (int e = 0; e < writes.size() && !ended; e++) {
                MiniJson.Node w = writes.get(e);
                byte[] entry = EthVectors.bytes(w.get("bytes").asString());
                soft.assertThat(entry.length).as(name + " entry length").isEqualTo(entrySize);
                soft.assertThat(w.get("entry_idx").asInt()).as(name + " entry idx")
                        .isEqualTo((tail + e) & (depth - 1));
                soft.assertThat(LlqEntry.entryOffset(tail + e, depth, entrySize)).as(name + " entry offset")
                        .isEqualTo((long) w.get("entry_idx").asInt() * entrySize);
                int slots = e == 0 ? d : dpe;
                for (int slot = 0; slot < slots && !ended; slot++) {
                    byte[] desc = Arrays.copyOfRange(entry, LlqEntry.slotOffset(slot),
                            LlqEntry.slotOffset(slot) + LlqEntry.DESC_SLOT_BYTES);
                    MemorySegment s = MemorySegment.ofArray(desc);
                    if (isZero(desc)) {
                        ended = true;
                        break;
                    }
                    descs.add(desc);
                    descPhase.add(EthVectors.phaseAfter(phase, tail, e, depth));
                    ended = TxDesc.metaDesc(s, 0) == 0 && TxDesc.last(s, 0) == 1;
                }
            }
            int n = descs.size();
            soft.assertThat(LlqEntry.entriesForPacket(n, d, dpe)).as(name + " entriesForPacket(" + n + ")")
                    .isEqualTo(writes.size())
                    .isEqualTo(line.get("nb_hw_desc").asInt());
            if (writes.size() > 1) {
                multiEntryPackets++;
            }

            // Pushed header right after the D leading slots of the first entry, zero after it.
            int hdr = ctx.get("header_len").asInt();
            if (!writes.isEmpty()) {
                byte[] first = EthVectors.bytes(writes.get(0).get("bytes").asString());
                int off = LlqEntry.headerOffset(d);
                soft.assertThat(hdr).as(name + " header fits")
                        .isLessThanOrEqualTo(LlqEntry.maxHeaderSize(entrySize, d));
                String pushed = ctx.get("push_header").isNull() ? "" : ctx.get("push_header").asString();
                soft.assertThat(EthVectors.hex(Arrays.copyOfRange(first, off, off + hdr))).as(name + " header")
                        .isEqualTo(pushed.substring(0, 2 * hdr));
                soft.assertThat(isZero(Arrays.copyOfRange(first, off + hdr, entrySize))).as(name + " after header")
                        .isTrue();
            }

            boolean meta = n > 0 && TxDesc.metaDesc(MemorySegment.ofArray(descs.get(0)), 0) == 1;
            int numData = n - (meta ? 1 : 0);
            for (int k = 0; k < n; k++) {
                String at = name + " desc " + k;
                MemorySegment s = MemorySegment.ofArray(descs.get(k));
                String actual = EthVectors.hex(descs.get(k));
                if (meta && k == 0) {
                    TxHostVectorsTest.checkMeta(soft, at, s, ctx, descPhase.get(k));
                    soft.assertThat(EthVectors.hex(TxEncoding.metaDesc(ctx, descPhase.get(k))))
                            .as(at + " re-encoded").isEqualTo(actual);
                } else {
                    int i = k - (meta ? 1 : 0);
                    TxHostVectorsTest.checkData(soft, at, s, ctx, i, numData, meta, descPhase.get(k),
                            EthVectors.addrMask(48));
                    soft.assertThat(EthVectors.hex(TxEncoding.dataDesc(ctx, i, numData, meta, descPhase.get(k),
                            EthVectors.addrMask(48)))).as(at + " re-encoded").isEqualTo(actual);
                }
            }
            packets++;
        }
        soft.assertAll();
        assertThat(packets).isGreaterThan(150);
        assertThat(multiEntryPackets).isGreaterThan(20);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void headerOffsetMatchesSlotCount() {
        // The header starts exactly where slot D would start (§9.2).
        for (int d : new int[] {0, 1, 2, 4, 8}) {
            assertThat(LlqEntry.headerOffset(d)).isEqualTo(LlqEntry.slotOffset(d));
            assertThat(LlqEntry.maxHeaderSize(256, d) + LlqEntry.headerOffset(d)).isEqualTo(256);
        }
        assertThat(ValueLayout.JAVA_LONG.byteSize()).isEqualTo(LlqEntry.MMIO_WRITE_BYTES);
    }
}
