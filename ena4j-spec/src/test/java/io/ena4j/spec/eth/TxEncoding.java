package io.ena4j.spec.eth;

import java.lang.foreign.MemorySegment;

/**
 * Builds the descriptors the reference layer writes for a recorded {@code tx_ctx}, using only the field setters
 * of {@link TxDesc} / {@link TxMetaDesc} (test only). Comparing the result byte for byte with the recorded
 * descriptors proves the setters place every field exactly like the reference (datapath.md §2, §3, §10 step 6).
 */
final class TxEncoding {

    private TxEncoding() {
    }

    /**
     * Data descriptor {@code i} of {@code numData} for {@code ctx}. A packet without buffers still gets one empty
     * descriptor (length 0, address 0) when it has a header; {@code i >= num_bufs} models that.
     */
    static byte[] dataDesc(MiniJson.Node ctx, int i, int numData, boolean metaPresent, int phase, long addrMask) {
        MemorySegment s = MemorySegment.ofArray(new byte[(int) TxDesc.SIZE]);
        int numBufs = ctx.get("num_bufs").asInt();
        long paddr = i < numBufs ? ctx.get("bufs").at(i).get("paddr").asLong() : 0;
        int len = i < numBufs ? ctx.get("bufs").at(i).get("len").asInt() : 0;
        TxDesc.length(s, 0, len);
        TxDesc.phase(s, 0, phase);
        TxDesc.bufferAddress(s, 0, paddr & addrMask);
        if (i == numData - 1) {
            TxDesc.last(s, 0, 1);
        }
        if (i == 0) {
            TxDesc.first(s, 0, metaPresent ? 0 : 1);
            TxDesc.compReq(s, 0, 1);
            TxDesc.headerLength(s, 0, ctx.get("header_len").asInt());
            TxDesc.reqId(s, 0, ctx.get("req_id").asInt());
            TxDesc.df(s, 0, ctx.get("df").asFlag());
            if (ctx.get("meta_valid").asFlag() == 1) {
                TxDesc.l3ProtoIdx(s, 0, ctx.get("l3_proto").asInt());
                TxDesc.l4ProtoIdx(s, 0, ctx.get("l4_proto").asInt());
                TxDesc.tsoEn(s, 0, ctx.get("tso_enable").asFlag());
                TxDesc.l3CsumEn(s, 0, ctx.get("l3_csum_enable").asFlag());
                TxDesc.l4CsumEn(s, 0, ctx.get("l4_csum_enable").asFlag());
                TxDesc.l4CsumPartial(s, 0, ctx.get("l4_csum_partial").asFlag());
            }
        }
        return s.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /** The meta descriptor the driver builds for {@code ctx.meta} (§3: ext_valid, type 1, store, first). */
    static byte[] metaDesc(MiniJson.Node ctx, int phase) {
        MemorySegment s = MemorySegment.ofArray(new byte[(int) TxMetaDesc.SIZE]);
        MiniJson.Node meta = ctx.get("meta");
        TxMetaDesc.extValid(s, 0, 1);
        TxMetaDesc.ethMetaType(s, 0, 1);
        TxMetaDesc.metaStore(s, 0, 1);
        TxMetaDesc.metaDesc(s, 0, 1);
        TxMetaDesc.first(s, 0, 1);
        TxMetaDesc.phase(s, 0, phase);
        TxMetaDesc.mss(s, 0, meta.get("mss").asInt());
        TxMetaDesc.l3HdrLen(s, 0, meta.get("l3_hdr_len").asInt());
        TxMetaDesc.l3HdrOff(s, 0, meta.get("l3_hdr_offset").asInt());
        TxMetaDesc.l4HdrLenInWords(s, 0, meta.get("l4_hdr_len").asInt());
        return s.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
