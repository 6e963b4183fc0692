package io.ena4j.spec.eth;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes every descriptor of {@code tx_host.jsonl} (ena_com_prepare_tx, host placement) and checks the fields
 * against the line's {@code tx_ctx}; then re-encodes from {@code tx_ctx} with the setters and compares bytes
 * (datapath.md §2, §3, §8.2).
 */
class TxHostVectorsTest {

    @Test
    void descriptorsDecodeToTheirTxContext() {
        List<MiniJson.Node> lines = EthVectors.lines("tx_host.jsonl");
        assertThat(lines).hasSize(47);
        SoftAssertions soft = new SoftAssertions();
        int checkedDescs = 0;
        int metaDescs = 0;
        for (MiniJson.Node line : lines) {
            String name = line.get("case").asString();
            List<MiniJson.Node> descs = line.get("descs").items();
            if (line.get("rc").asInt() != 0) {
                soft.assertThat(descs).as(name + ": failed call writes nothing").isEmpty();
                continue;
            }
            int depth = line.get("q_depth").asInt();
            MiniJson.Node before = line.get("state_before");
            int tail = before.get("tail").asInt();
            int phase = before.get("phase").asInt();
            long addrMask = EthVectors.addrMask(before.get("dma_addr_bits").asInt());
            MiniJson.Node ctx = line.get("tx_ctx");
            boolean meta = !descs.isEmpty()
                    && TxDesc.metaDesc(EthVectors.segment(descs.get(0).get("bytes").asString()), 0) == 1;
            int numData = descs.size() - (meta ? 1 : 0);
            for (int k = 0; k < descs.size(); k++) {
                MiniJson.Node d = descs.get(k);
                String at = name + " desc " + k;
                MemorySegment s = EthVectors.segment(d.get("bytes").asString());
                int expectedPhase = EthVectors.phaseAfter(phase, tail, k, depth);
                soft.assertThat(d.get("idx").asInt()).as(at + " idx").isEqualTo((tail + k) & (depth - 1));
                if (meta && k == 0) {
                    metaDescs++;
                    checkMeta(soft, at, s, ctx, expectedPhase);
                    soft.assertThat(EthVectors.hex(TxEncoding.metaDesc(ctx, expectedPhase)))
                            .as(at + " re-encoded").isEqualTo(d.get("bytes").asString());
                } else {
                    int i = k - (meta ? 1 : 0);
                    checkData(soft, at, s, ctx, i, numData, meta, expectedPhase, addrMask);
                    soft.assertThat(EthVectors.hex(TxEncoding.dataDesc(ctx, i, numData, meta, expectedPhase,
                            addrMask))).as(at + " re-encoded").isEqualTo(d.get("bytes").asString());
                }
                checkedDescs++;
            }
        }
        soft.assertAll();
        // The file covers hundreds of descriptors including several meta descriptors; guard against a silent skip.
        assertThat(checkedDescs).isGreaterThan(300);
        assertThat(metaDescs).isGreaterThanOrEqualTo(8);
    }

    static void checkMeta(SoftAssertions soft, String at, MemorySegment s, MiniJson.Node ctx, int phase) {
        MiniJson.Node m = ctx.get("meta");
        soft.assertThat(TxMetaDesc.metaDesc(s, 0)).as(at + " meta_desc").isEqualTo(1);
        soft.assertThat(TxMetaDesc.extValid(s, 0)).as(at + " ext_valid").isEqualTo(1);
        soft.assertThat(TxMetaDesc.ethMetaType(s, 0)).as(at + " eth_meta_type").isEqualTo(1);
        soft.assertThat(TxMetaDesc.metaStore(s, 0)).as(at + " meta_store").isEqualTo(1);
        soft.assertThat(TxMetaDesc.first(s, 0)).as(at + " first").isEqualTo(1);
        soft.assertThat(TxMetaDesc.last(s, 0)).as(at + " last").isZero();
        soft.assertThat(TxMetaDesc.compReq(s, 0)).as(at + " comp_req").isZero();
        soft.assertThat(TxMetaDesc.phase(s, 0)).as(at + " phase").isEqualTo(phase);
        soft.assertThat(TxMetaDesc.mss(s, 0)).as(at + " mss").isEqualTo(m.get("mss").asInt() & TxMetaDesc.MSS_MAX);
        soft.assertThat(TxMetaDesc.l3HdrLen(s, 0)).as(at + " l3_hdr_len").isEqualTo(m.get("l3_hdr_len").asInt() & 0xFF);
        soft.assertThat(TxMetaDesc.l3HdrOff(s, 0)).as(at + " l3_hdr_off")
                .isEqualTo(m.get("l3_hdr_offset").asInt() & 0xFF);
        soft.assertThat(TxMetaDesc.l4HdrLenInWords(s, 0)).as(at + " l4_hdr_len")
                .isEqualTo(m.get("l4_hdr_len").asInt() & 0x3F);
        soft.assertThat(TxMetaDesc.word1(s, 0)).as(at + " word1").isZero();
        soft.assertThat(TxMetaDesc.word3(s, 0)).as(at + " word3").isZero();
        soft.assertThat(TxMetaDesc.lenCtrl(s, 0) & TxMetaDesc.LEN_CTRL_RESERVED_MASK).as(at + " reserved").isZero();
    }

    static void checkData(SoftAssertions soft, String at, MemorySegment s, MiniJson.Node ctx, int i, int numData,
                          boolean meta, int phase, long addrMask) {
        int numBufs = ctx.get("num_bufs").asInt();
        long paddr = i < numBufs ? ctx.get("bufs").at(i).get("paddr").asLong() : 0;
        int len = i < numBufs ? ctx.get("bufs").at(i).get("len").asInt() : 0;
        soft.assertThat(TxDesc.metaDesc(s, 0)).as(at + " meta_desc").isZero();
        soft.assertThat(TxDesc.length(s, 0)).as(at + " length").isEqualTo(len);
        soft.assertThat(TxDesc.bufferAddress(s, 0)).as(at + " address").isEqualTo(paddr & addrMask);
        soft.assertThat(TxDesc.phase(s, 0)).as(at + " phase").isEqualTo(phase);
        soft.assertThat(TxDesc.last(s, 0)).as(at + " last").isEqualTo(i == numData - 1 ? 1 : 0);
        soft.assertThat(TxDesc.lenCtrl(s, 0) & TxDesc.LEN_CTRL_RESERVED_MASK).as(at + " len_ctrl MBZ").isZero();
        soft.assertThat(TxDesc.metaCtrl(s, 0) & TxDesc.META_CTRL_RESERVED_MASK).as(at + " meta_ctrl MBZ").isZero();
        if (i == 0) {
            soft.assertThat(TxDesc.first(s, 0)).as(at + " first").isEqualTo(meta ? 0 : 1);
            soft.assertThat(TxDesc.compReq(s, 0)).as(at + " comp_req").isEqualTo(1);
            soft.assertThat(TxDesc.reqId(s, 0)).as(at + " req_id").isEqualTo(ctx.get("req_id").asInt());
            soft.assertThat(TxDesc.headerLength(s, 0)).as(at + " header_length")
                    .isEqualTo(ctx.get("header_len").asInt());
            soft.assertThat(TxDesc.df(s, 0)).as(at + " DF").isEqualTo(ctx.get("df").asFlag());
            boolean metaValid = ctx.get("meta_valid").asFlag() == 1;
            soft.assertThat(TxDesc.l3ProtoIdx(s, 0)).as(at + " l3_proto")
                    .isEqualTo(metaValid ? ctx.get("l3_proto").asInt() & 0xF : 0);
            soft.assertThat(TxDesc.l4ProtoIdx(s, 0)).as(at + " l4_proto")
                    .isEqualTo(metaValid ? ctx.get("l4_proto").asInt() & 0x1F : 0);
            soft.assertThat(TxDesc.tsoEn(s, 0)).as(at + " tso")
                    .isEqualTo(metaValid ? ctx.get("tso_enable").asFlag() : 0);
            soft.assertThat(TxDesc.l3CsumEn(s, 0)).as(at + " l3_csum")
                    .isEqualTo(metaValid ? ctx.get("l3_csum_enable").asFlag() : 0);
            soft.assertThat(TxDesc.l4CsumEn(s, 0)).as(at + " l4_csum")
                    .isEqualTo(metaValid ? ctx.get("l4_csum_enable").asFlag() : 0);
            soft.assertThat(TxDesc.l4CsumPartial(s, 0)).as(at + " l4_partial")
                    .isEqualTo(metaValid ? ctx.get("l4_csum_partial").asFlag() : 0);
            soft.assertThat(TxDesc.ethernetFcsDis(s, 0)).as(at + " fcs_dis").isZero();
        } else {
            soft.assertThat(TxDesc.first(s, 0)).as(at + " first").isZero();
            soft.assertThat(TxDesc.compReq(s, 0)).as(at + " comp_req").isZero();
            soft.assertThat(TxDesc.metaCtrl(s, 0)).as(at + " meta_ctrl").isZero();
            soft.assertThat(TxDesc.headerLength(s, 0)).as(at + " header_length").isZero();
        }
    }
}
