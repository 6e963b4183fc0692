package io.ena4j.spec.eth;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Every accessor of the data-path structures with its bit position written down from the spec tables (test only).
 * {@code segs} are {start bit, width} pairs, least significant value bits first, with bit 0 = bit 0 of byte 0 of
 * the structure (little-endian); split fields (req_id, MSS) have two segments. {@code wordMask} is the in-place
 * mask constant that ring code uses for the field's 32-bit word (0 if the field has none), so the constants are
 * tested against the accessors.
 */
final class EthFields {

    private EthFields() {
    }

    /** Getter widened to an unsigned long. */
    @FunctionalInterface
    interface Get {
        long get(MemorySegment s, long base);
    }

    /** Setter taking the raw value. */
    @FunctionalInterface
    interface Set {
        void set(MemorySegment s, long base, long v);
    }

    @FunctionalInterface
    interface IntGet {
        int get(MemorySegment s, long base);
    }

    @FunctionalInterface
    interface IntSet {
        void set(MemorySegment s, long base, int v);
    }

    /** One field. */
    record Field(String name, long size, Get get, Set set, int wordMask, int[] segs) {

        /** Total width in bits. */
        int width() {
            int w = 0;
            for (int i = 1; i < segs.length; i += 2) {
                w += segs[i];
            }
            return w;
        }

        /** Largest value. */
        long max() {
            return width() >= 64 ? -1L : (1L << width()) - 1;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Field i(String name, long size, IntGet g, IntSet s, int wordMask, int... segs) {
        return new Field(name, size, (m, b) -> Integer.toUnsignedLong(g.get(m, b)), (m, b, v) -> s.set(m, b, (int) v),
                wordMask, segs);
    }

    private static Field l(String name, long size, Get g, Set s, int... segs) {
        return new Field(name, size, g, s, 0, segs);
    }

    static final List<Field> ALL = List.of(
            // ---- TxDesc §2 ----
            i("TxDesc.lenCtrl", 16, TxDesc::lenCtrl, TxDesc::lenCtrl, 0, 0, 32),
            i("TxDesc.metaCtrl", 16, TxDesc::metaCtrl, TxDesc::metaCtrl, 0, 32, 32),
            i("TxDesc.buffAddrLo", 16, TxDesc::buffAddrLo, TxDesc::buffAddrLo, 0, 64, 32),
            i("TxDesc.buffAddrHiHdrSz", 16, TxDesc::buffAddrHiHdrSz, TxDesc::buffAddrHiHdrSz, 0, 96, 32),
            i("TxDesc.length", 16, TxDesc::length, TxDesc::length, TxDesc.LEN_CTRL_LENGTH_MASK, 0, 16),
            i("TxDesc.reqIdHi", 16, TxDesc::reqIdHi, TxDesc::reqIdHi, TxDesc.LEN_CTRL_REQ_ID_HI_MASK, 16, 6),
            i("TxDesc.metaDesc", 16, TxDesc::metaDesc, TxDesc::metaDesc, TxDesc.LEN_CTRL_META_DESC_MASK, 23, 1),
            i("TxDesc.phase", 16, TxDesc::phase, TxDesc::phase, TxDesc.LEN_CTRL_PHASE_MASK, 24, 1),
            i("TxDesc.first", 16, TxDesc::first, TxDesc::first, TxDesc.LEN_CTRL_FIRST_MASK, 26, 1),
            i("TxDesc.last", 16, TxDesc::last, TxDesc::last, TxDesc.LEN_CTRL_LAST_MASK, 27, 1),
            i("TxDesc.compReq", 16, TxDesc::compReq, TxDesc::compReq, TxDesc.LEN_CTRL_COMP_REQ_MASK, 28, 1),
            i("TxDesc.l3ProtoIdx", 16, TxDesc::l3ProtoIdx, TxDesc::l3ProtoIdx, TxDesc.META_CTRL_L3_PROTO_IDX_MASK,
                    32, 4),
            i("TxDesc.df", 16, TxDesc::df, TxDesc::df, TxDesc.META_CTRL_DF_MASK, 36, 1),
            i("TxDesc.tsoEn", 16, TxDesc::tsoEn, TxDesc::tsoEn, TxDesc.META_CTRL_TSO_EN_MASK, 39, 1),
            i("TxDesc.l4ProtoIdx", 16, TxDesc::l4ProtoIdx, TxDesc::l4ProtoIdx, TxDesc.META_CTRL_L4_PROTO_IDX_MASK,
                    40, 5),
            i("TxDesc.l3CsumEn", 16, TxDesc::l3CsumEn, TxDesc::l3CsumEn, TxDesc.META_CTRL_L3_CSUM_EN_MASK, 45, 1),
            i("TxDesc.l4CsumEn", 16, TxDesc::l4CsumEn, TxDesc::l4CsumEn, TxDesc.META_CTRL_L4_CSUM_EN_MASK, 46, 1),
            i("TxDesc.ethernetFcsDis", 16, TxDesc::ethernetFcsDis, TxDesc::ethernetFcsDis,
                    TxDesc.META_CTRL_ETHERNET_FCS_DIS_MASK, 47, 1),
            i("TxDesc.l4CsumPartial", 16, TxDesc::l4CsumPartial, TxDesc::l4CsumPartial,
                    TxDesc.META_CTRL_L4_CSUM_PARTIAL_MASK, 49, 1),
            i("TxDesc.reqIdLo", 16, TxDesc::reqIdLo, TxDesc::reqIdLo, TxDesc.META_CTRL_REQ_ID_LO_MASK, 54, 10),
            i("TxDesc.reqId", 16, TxDesc::reqId, TxDesc::reqId, 0, 54, 10, 16, 6),
            i("TxDesc.addrHi", 16, TxDesc::addrHi, TxDesc::addrHi, TxDesc.ADDR_HI_MASK, 96, 16),
            i("TxDesc.headerLength", 16, TxDesc::headerLength, TxDesc::headerLength, TxDesc.HEADER_LENGTH_MASK,
                    120, 8),
            l("TxDesc.bufferAddress", 16, TxDesc::bufferAddress, TxDesc::bufferAddress, 64, 32, 96, 16),

            // ---- TxMetaDesc §3 ----
            i("TxMetaDesc.lenCtrl", 16, TxMetaDesc::lenCtrl, TxMetaDesc::lenCtrl, 0, 0, 32),
            i("TxMetaDesc.word1", 16, TxMetaDesc::word1, TxMetaDesc::word1, 0, 32, 32),
            i("TxMetaDesc.word2", 16, TxMetaDesc::word2, TxMetaDesc::word2, 0, 64, 32),
            i("TxMetaDesc.word3", 16, TxMetaDesc::word3, TxMetaDesc::word3, 0, 96, 32),
            i("TxMetaDesc.extValid", 16, TxMetaDesc::extValid, TxMetaDesc::extValid,
                    TxMetaDesc.LEN_CTRL_EXT_VALID_MASK, 14, 1),
            i("TxMetaDesc.mssHi", 16, TxMetaDesc::mssHi, TxMetaDesc::mssHi, TxMetaDesc.LEN_CTRL_MSS_HI_MASK, 16, 4),
            i("TxMetaDesc.ethMetaType", 16, TxMetaDesc::ethMetaType, TxMetaDesc::ethMetaType,
                    TxMetaDesc.LEN_CTRL_ETH_META_TYPE_MASK, 20, 1),
            i("TxMetaDesc.metaStore", 16, TxMetaDesc::metaStore, TxMetaDesc::metaStore,
                    TxMetaDesc.LEN_CTRL_META_STORE_MASK, 21, 1),
            i("TxMetaDesc.metaDesc", 16, TxMetaDesc::metaDesc, TxMetaDesc::metaDesc,
                    TxMetaDesc.LEN_CTRL_META_DESC_MASK, 23, 1),
            i("TxMetaDesc.phase", 16, TxMetaDesc::phase, TxMetaDesc::phase, TxMetaDesc.LEN_CTRL_PHASE_MASK, 24, 1),
            i("TxMetaDesc.first", 16, TxMetaDesc::first, TxMetaDesc::first, TxMetaDesc.LEN_CTRL_FIRST_MASK, 26, 1),
            i("TxMetaDesc.last", 16, TxMetaDesc::last, TxMetaDesc::last, TxMetaDesc.LEN_CTRL_LAST_MASK, 27, 1),
            i("TxMetaDesc.compReq", 16, TxMetaDesc::compReq, TxMetaDesc::compReq,
                    TxMetaDesc.LEN_CTRL_COMP_REQ_MASK, 28, 1),
            i("TxMetaDesc.l3HdrLen", 16, TxMetaDesc::l3HdrLen, TxMetaDesc::l3HdrLen,
                    TxMetaDesc.WORD2_L3_HDR_LEN_MASK, 64, 8),
            i("TxMetaDesc.l3HdrOff", 16, TxMetaDesc::l3HdrOff, TxMetaDesc::l3HdrOff,
                    TxMetaDesc.WORD2_L3_HDR_OFF_MASK, 72, 8),
            i("TxMetaDesc.l4HdrLenInWords", 16, TxMetaDesc::l4HdrLenInWords, TxMetaDesc::l4HdrLenInWords,
                    TxMetaDesc.WORD2_L4_HDR_LEN_IN_WORDS_MASK, 80, 6),
            i("TxMetaDesc.mssLo", 16, TxMetaDesc::mssLo, TxMetaDesc::mssLo, TxMetaDesc.WORD2_MSS_LO_MASK, 86, 10),
            i("TxMetaDesc.mss", 16, TxMetaDesc::mss, TxMetaDesc::mss, 0, 86, 10, 16, 4),

            // ---- TxCdesc §4.1, TxCdescExt §4.2 ----
            i("TxCdesc.word0", 8, TxCdesc::word0, TxCdesc::word0, 0, 0, 32),
            i("TxCdesc.reqId", 8, TxCdesc::reqId, TxCdesc::reqId, TxCdesc.WORD0_REQ_ID_MASK, 0, 16),
            i("TxCdesc.status", 8, TxCdesc::status, TxCdesc::status, TxCdesc.WORD0_STATUS_MASK, 16, 8),
            i("TxCdesc.flags", 8, TxCdesc::flags, TxCdesc::flags, 0, 24, 8),
            i("TxCdesc.phase", 8, TxCdesc::phase, TxCdesc::phase, TxCdesc.WORD0_PHASE_MASK, 24, 1),
            i("TxCdesc.reserved1", 8, TxCdesc::reserved1, TxCdesc::reserved1, TxCdesc.WORD0_RESERVED_MASK, 25, 5),
            i("TxCdesc.mbz6", 8, TxCdesc::mbz6, TxCdesc::mbz6, TxCdesc.WORD0_MBZ_MASK, 30, 2),
            i("TxCdesc.subQid", 8, TxCdesc::subQid, TxCdesc::subQid, 0, 32, 16),
            i("TxCdesc.sqHeadIdx", 8, TxCdesc::sqHeadIdx, TxCdesc::sqHeadIdx, 0, 48, 16),
            i("TxCdescExt.timestampLow", 16, TxCdescExt::timestampLow, TxCdescExt::timestampLow, 0, 64, 32),
            i("TxCdescExt.timestampHigh", 16, TxCdescExt::timestampHigh, TxCdescExt::timestampHigh, 0, 96, 32),
            l("TxCdescExt.timestamp", 16, TxCdescExt::timestamp, TxCdescExt::timestamp, 64, 64),

            // ---- RxDesc §5 ----
            i("RxDesc.word0", 16, RxDesc::word0, RxDesc::word0, 0, 0, 32),
            i("RxDesc.length", 16, RxDesc::length, RxDesc::length, RxDesc.WORD0_LENGTH_MASK, 0, 16),
            i("RxDesc.reserved2", 16, RxDesc::reserved2, RxDesc::reserved2, RxDesc.WORD0_RESERVED2_MASK, 16, 8),
            i("RxDesc.ctrl", 16, RxDesc::ctrl, RxDesc::ctrl, 0, 24, 8),
            i("RxDesc.phase", 16, RxDesc::phase, RxDesc::phase, RxDesc.CTRL_PHASE_MASK << RxDesc.WORD0_CTRL_SHIFT,
                    24, 1),
            i("RxDesc.first", 16, RxDesc::first, RxDesc::first, RxDesc.CTRL_FIRST_MASK << RxDesc.WORD0_CTRL_SHIFT,
                    26, 1),
            i("RxDesc.last", 16, RxDesc::last, RxDesc::last, RxDesc.CTRL_LAST_MASK << RxDesc.WORD0_CTRL_SHIFT, 27, 1),
            i("RxDesc.compReq", 16, RxDesc::compReq, RxDesc::compReq,
                    RxDesc.CTRL_COMP_REQ_MASK << RxDesc.WORD0_CTRL_SHIFT, 28, 1),
            i("RxDesc.reserved5", 16, RxDesc::reserved5, RxDesc::reserved5,
                    RxDesc.CTRL_RESERVED5_MASK << RxDesc.WORD0_CTRL_SHIFT, 29, 1),
            i("RxDesc.reqId", 16, RxDesc::reqId, RxDesc::reqId, 0, 32, 16),
            i("RxDesc.reserved6", 16, RxDesc::reserved6, RxDesc::reserved6, 0, 48, 16),
            i("RxDesc.buffAddrLo", 16, RxDesc::buffAddrLo, RxDesc::buffAddrLo, 0, 64, 32),
            i("RxDesc.buffAddrHi", 16, RxDesc::buffAddrHi, RxDesc::buffAddrHi, 0, 96, 16),
            i("RxDesc.reserved16W3", 16, RxDesc::reserved16W3, RxDesc::reserved16W3, 0, 112, 16),
            l("RxDesc.bufferAddress", 16, RxDesc::bufferAddress, RxDesc::bufferAddress, 64, 48),

            // ---- RxCdescBase §6.1 ----
            i("RxCdescBase.status", 16, RxCdescBase::status, RxCdescBase::status, 0, 0, 32),
            i("RxCdescBase.l3ProtoIdx", 16, RxCdescBase::l3ProtoIdx, RxCdescBase::l3ProtoIdx,
                    RxCdescBase.STATUS_L3_PROTO_IDX_MASK, 0, 5),
            i("RxCdescBase.srcVlanCnt", 16, RxCdescBase::srcVlanCnt, RxCdescBase::srcVlanCnt,
                    RxCdescBase.STATUS_SRC_VLAN_CNT_MASK, 5, 2),
            i("RxCdescBase.mbz7", 16, RxCdescBase::mbz7, RxCdescBase::mbz7, RxCdescBase.STATUS_MBZ7_MASK, 7, 1),
            i("RxCdescBase.l4ProtoIdx", 16, RxCdescBase::l4ProtoIdx, RxCdescBase::l4ProtoIdx,
                    RxCdescBase.STATUS_L4_PROTO_IDX_MASK, 8, 5),
            i("RxCdescBase.l3CsumErr", 16, RxCdescBase::l3CsumErr, RxCdescBase::l3CsumErr,
                    RxCdescBase.STATUS_L3_CSUM_ERR_MASK, 13, 1),
            i("RxCdescBase.l4CsumErr", 16, RxCdescBase::l4CsumErr, RxCdescBase::l4CsumErr,
                    RxCdescBase.STATUS_L4_CSUM_ERR_MASK, 14, 1),
            i("RxCdescBase.ipv4Frag", 16, RxCdescBase::ipv4Frag, RxCdescBase::ipv4Frag,
                    RxCdescBase.STATUS_IPV4_FRAG_MASK, 15, 1),
            i("RxCdescBase.l4CsumChecked", 16, RxCdescBase::l4CsumChecked, RxCdescBase::l4CsumChecked,
                    RxCdescBase.STATUS_L4_CSUM_CHECKED_MASK, 16, 1),
            i("RxCdescBase.mbz17", 16, RxCdescBase::mbz17, RxCdescBase::mbz17, RxCdescBase.STATUS_MBZ17_MASK, 17, 1),
            i("RxCdescBase.reserved18", 16, RxCdescBase::reserved18, RxCdescBase::reserved18,
                    RxCdescBase.STATUS_RESERVED18_MASK, 18, 6),
            i("RxCdescBase.phase", 16, RxCdescBase::phase, RxCdescBase::phase, RxCdescBase.STATUS_PHASE_MASK, 24, 1),
            i("RxCdescBase.l3Csum2", 16, RxCdescBase::l3Csum2, RxCdescBase::l3Csum2,
                    RxCdescBase.STATUS_L3_CSUM2_MASK, 25, 1),
            i("RxCdescBase.first", 16, RxCdescBase::first, RxCdescBase::first, RxCdescBase.STATUS_FIRST_MASK, 26, 1),
            i("RxCdescBase.last", 16, RxCdescBase::last, RxCdescBase::last, RxCdescBase.STATUS_LAST_MASK, 27, 1),
            i("RxCdescBase.reserved28", 16, RxCdescBase::reserved28, RxCdescBase::reserved28,
                    RxCdescBase.STATUS_RESERVED28_MASK, 28, 2),
            i("RxCdescBase.buffer", 16, RxCdescBase::buffer, RxCdescBase::buffer, RxCdescBase.STATUS_BUFFER_MASK,
                    30, 1),
            i("RxCdescBase.reserved31", 16, RxCdescBase::reserved31, RxCdescBase::reserved31,
                    RxCdescBase.STATUS_RESERVED31_MASK, 31, 1),
            i("RxCdescBase.length", 16, RxCdescBase::length, RxCdescBase::length, 0, 32, 16),
            i("RxCdescBase.reqId", 16, RxCdescBase::reqId, RxCdescBase::reqId, 0, 48, 16),
            i("RxCdescBase.hash", 16, RxCdescBase::hash, RxCdescBase::hash, 0, 64, 32),
            i("RxCdescBase.subQid", 16, RxCdescBase::subQid, RxCdescBase::subQid, 0, 96, 16),
            i("RxCdescBase.offset", 16, RxCdescBase::offset, RxCdescBase::offset, 0, 112, 8),
            i("RxCdescBase.reserved", 16, RxCdescBase::reserved, RxCdescBase::reserved, 0, 120, 8),

            // ---- RxCdescExt §6.2 ----
            i("RxCdescExt.buffAddrLo", 32, RxCdescExt::buffAddrLo, RxCdescExt::buffAddrLo, 0, 128, 32),
            i("RxCdescExt.buffAddrHi", 32, RxCdescExt::buffAddrHi, RxCdescExt::buffAddrHi, 0, 160, 16),
            i("RxCdescExt.reserved16", 32, RxCdescExt::reserved16, RxCdescExt::reserved16, 0, 176, 16),
            l("RxCdescExt.bufferAddress", 32, RxCdescExt::bufferAddress, RxCdescExt::bufferAddress, 128, 48),
            i("RxCdescExt.timestampLow", 32, RxCdescExt::timestampLow, RxCdescExt::timestampLow, 0, 192, 32),
            i("RxCdescExt.timestampHigh", 32, RxCdescExt::timestampHigh, RxCdescExt::timestampHigh, 0, 224, 32),
            l("RxCdescExt.timestamp", 32, RxCdescExt::timestamp, RxCdescExt::timestamp, 192, 64));
}
