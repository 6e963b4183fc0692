package io.ena4j.spec.eth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot-path constants are consistent: each SHIFT is the low bit of its MASK, and the masks of every word
 * (fields + reserved/MBZ) are pairwise disjoint and cover all 32 (or 8) bits, so a word built from the constants
 * can never smear one field into another (datapath.md §2–§6).
 */
class EthConstantsTest {

    @Test
    void shiftsAreTheLowBitOfTheirMasks() {
        int[][] pairs = {
                {TxDesc.LEN_CTRL_LENGTH_MASK, TxDesc.LEN_CTRL_LENGTH_SHIFT},
                {TxDesc.LEN_CTRL_REQ_ID_HI_MASK, TxDesc.LEN_CTRL_REQ_ID_HI_SHIFT},
                {TxDesc.LEN_CTRL_META_DESC_MASK, TxDesc.LEN_CTRL_META_DESC_SHIFT},
                {TxDesc.LEN_CTRL_PHASE_MASK, TxDesc.LEN_CTRL_PHASE_SHIFT},
                {TxDesc.LEN_CTRL_FIRST_MASK, TxDesc.LEN_CTRL_FIRST_SHIFT},
                {TxDesc.LEN_CTRL_LAST_MASK, TxDesc.LEN_CTRL_LAST_SHIFT},
                {TxDesc.LEN_CTRL_COMP_REQ_MASK, TxDesc.LEN_CTRL_COMP_REQ_SHIFT},
                {TxDesc.META_CTRL_L3_PROTO_IDX_MASK, TxDesc.META_CTRL_L3_PROTO_IDX_SHIFT},
                {TxDesc.META_CTRL_DF_MASK, TxDesc.META_CTRL_DF_SHIFT},
                {TxDesc.META_CTRL_TSO_EN_MASK, TxDesc.META_CTRL_TSO_EN_SHIFT},
                {TxDesc.META_CTRL_L4_PROTO_IDX_MASK, TxDesc.META_CTRL_L4_PROTO_IDX_SHIFT},
                {TxDesc.META_CTRL_L3_CSUM_EN_MASK, TxDesc.META_CTRL_L3_CSUM_EN_SHIFT},
                {TxDesc.META_CTRL_L4_CSUM_EN_MASK, TxDesc.META_CTRL_L4_CSUM_EN_SHIFT},
                {TxDesc.META_CTRL_ETHERNET_FCS_DIS_MASK, TxDesc.META_CTRL_ETHERNET_FCS_DIS_SHIFT},
                {TxDesc.META_CTRL_L4_CSUM_PARTIAL_MASK, TxDesc.META_CTRL_L4_CSUM_PARTIAL_SHIFT},
                {TxDesc.META_CTRL_REQ_ID_LO_MASK, TxDesc.META_CTRL_REQ_ID_LO_SHIFT},
                {TxDesc.ADDR_HI_MASK, TxDesc.ADDR_HI_SHIFT},
                {TxDesc.HEADER_LENGTH_MASK, TxDesc.HEADER_LENGTH_SHIFT},
                {TxMetaDesc.LEN_CTRL_EXT_VALID_MASK, TxMetaDesc.LEN_CTRL_EXT_VALID_SHIFT},
                {TxMetaDesc.LEN_CTRL_MSS_HI_MASK, TxMetaDesc.LEN_CTRL_MSS_HI_SHIFT},
                {TxMetaDesc.LEN_CTRL_ETH_META_TYPE_MASK, TxMetaDesc.LEN_CTRL_ETH_META_TYPE_SHIFT},
                {TxMetaDesc.LEN_CTRL_META_STORE_MASK, TxMetaDesc.LEN_CTRL_META_STORE_SHIFT},
                {TxMetaDesc.LEN_CTRL_META_DESC_MASK, TxMetaDesc.LEN_CTRL_META_DESC_SHIFT},
                {TxMetaDesc.LEN_CTRL_PHASE_MASK, TxMetaDesc.LEN_CTRL_PHASE_SHIFT},
                {TxMetaDesc.LEN_CTRL_FIRST_MASK, TxMetaDesc.LEN_CTRL_FIRST_SHIFT},
                {TxMetaDesc.LEN_CTRL_LAST_MASK, TxMetaDesc.LEN_CTRL_LAST_SHIFT},
                {TxMetaDesc.LEN_CTRL_COMP_REQ_MASK, TxMetaDesc.LEN_CTRL_COMP_REQ_SHIFT},
                {TxMetaDesc.WORD2_L3_HDR_LEN_MASK, TxMetaDesc.WORD2_L3_HDR_LEN_SHIFT},
                {TxMetaDesc.WORD2_L3_HDR_OFF_MASK, TxMetaDesc.WORD2_L3_HDR_OFF_SHIFT},
                {TxMetaDesc.WORD2_L4_HDR_LEN_IN_WORDS_MASK, TxMetaDesc.WORD2_L4_HDR_LEN_IN_WORDS_SHIFT},
                {TxMetaDesc.WORD2_MSS_LO_MASK, TxMetaDesc.WORD2_MSS_LO_SHIFT},
                {TxCdesc.FLAGS_PHASE_MASK, TxCdesc.FLAGS_PHASE_SHIFT},
                {TxCdesc.FLAGS_MBZ_MASK, TxCdesc.FLAGS_MBZ_SHIFT},
                {TxCdesc.WORD0_REQ_ID_MASK, TxCdesc.WORD0_REQ_ID_SHIFT},
                {TxCdesc.WORD0_STATUS_MASK, TxCdesc.WORD0_STATUS_SHIFT},
                {TxCdesc.WORD0_PHASE_MASK, TxCdesc.WORD0_PHASE_SHIFT},
                {RxDesc.CTRL_PHASE_MASK, RxDesc.CTRL_PHASE_SHIFT},
                {RxDesc.CTRL_FIRST_MASK, RxDesc.CTRL_FIRST_SHIFT},
                {RxDesc.CTRL_LAST_MASK, RxDesc.CTRL_LAST_SHIFT},
                {RxDesc.CTRL_COMP_REQ_MASK, RxDesc.CTRL_COMP_REQ_SHIFT},
                {RxDesc.CTRL_RESERVED5_MASK, RxDesc.CTRL_RESERVED5_SHIFT},
                {RxCdescBase.STATUS_L3_PROTO_IDX_MASK, RxCdescBase.STATUS_L3_PROTO_IDX_SHIFT},
                {RxCdescBase.STATUS_SRC_VLAN_CNT_MASK, RxCdescBase.STATUS_SRC_VLAN_CNT_SHIFT},
                {RxCdescBase.STATUS_MBZ7_MASK, RxCdescBase.STATUS_MBZ7_SHIFT},
                {RxCdescBase.STATUS_L4_PROTO_IDX_MASK, RxCdescBase.STATUS_L4_PROTO_IDX_SHIFT},
                {RxCdescBase.STATUS_L3_CSUM_ERR_MASK, RxCdescBase.STATUS_L3_CSUM_ERR_SHIFT},
                {RxCdescBase.STATUS_L4_CSUM_ERR_MASK, RxCdescBase.STATUS_L4_CSUM_ERR_SHIFT},
                {RxCdescBase.STATUS_IPV4_FRAG_MASK, RxCdescBase.STATUS_IPV4_FRAG_SHIFT},
                {RxCdescBase.STATUS_L4_CSUM_CHECKED_MASK, RxCdescBase.STATUS_L4_CSUM_CHECKED_SHIFT},
                {RxCdescBase.STATUS_MBZ17_MASK, RxCdescBase.STATUS_MBZ17_SHIFT},
                {RxCdescBase.STATUS_PHASE_MASK, RxCdescBase.STATUS_PHASE_SHIFT},
                {RxCdescBase.STATUS_L3_CSUM2_MASK, RxCdescBase.STATUS_L3_CSUM2_SHIFT},
                {RxCdescBase.STATUS_FIRST_MASK, RxCdescBase.STATUS_FIRST_SHIFT},
                {RxCdescBase.STATUS_LAST_MASK, RxCdescBase.STATUS_LAST_SHIFT},
                {RxCdescBase.STATUS_BUFFER_MASK, RxCdescBase.STATUS_BUFFER_SHIFT},
        };
        for (int[] p : pairs) {
            assertThat(Integer.numberOfTrailingZeros(p[0])).as("mask 0x%08X", p[0]).isEqualTo(p[1]);
            // Contiguous: the mask shifted down is 2^n - 1.
            int low = p[0] >>> p[1];
            assertThat(low & (low + 1)).as("mask 0x%08X contiguous", p[0]).isZero();
        }
    }

    @Test
    void txDescWordsArePartitioned() {
        assertPartition(32, TxDesc.LEN_CTRL_LENGTH_MASK, TxDesc.LEN_CTRL_REQ_ID_HI_MASK, TxDesc.LEN_CTRL_META_DESC_MASK,
                TxDesc.LEN_CTRL_PHASE_MASK, TxDesc.LEN_CTRL_FIRST_MASK, TxDesc.LEN_CTRL_LAST_MASK,
                TxDesc.LEN_CTRL_COMP_REQ_MASK, TxDesc.LEN_CTRL_RESERVED_MASK);
        assertPartition(32, TxDesc.META_CTRL_L3_PROTO_IDX_MASK, TxDesc.META_CTRL_DF_MASK, TxDesc.META_CTRL_TSO_EN_MASK,
                TxDesc.META_CTRL_L4_PROTO_IDX_MASK, TxDesc.META_CTRL_L3_CSUM_EN_MASK, TxDesc.META_CTRL_L4_CSUM_EN_MASK,
                TxDesc.META_CTRL_ETHERNET_FCS_DIS_MASK, TxDesc.META_CTRL_L4_CSUM_PARTIAL_MASK,
                TxDesc.META_CTRL_REQ_ID_LO_MASK, TxDesc.META_CTRL_RESERVED_MASK);
        assertPartition(32, TxDesc.ADDR_HI_MASK, TxDesc.ADDR_HI_HDR_SZ_RESERVED_MASK, TxDesc.HEADER_LENGTH_MASK);
    }

    @Test
    void txMetaDescWordsArePartitioned() {
        assertPartition(32, TxMetaDesc.LEN_CTRL_EXT_VALID_MASK, TxMetaDesc.LEN_CTRL_MSS_HI_MASK,
                TxMetaDesc.LEN_CTRL_ETH_META_TYPE_MASK, TxMetaDesc.LEN_CTRL_META_STORE_MASK,
                TxMetaDesc.LEN_CTRL_META_DESC_MASK, TxMetaDesc.LEN_CTRL_PHASE_MASK, TxMetaDesc.LEN_CTRL_FIRST_MASK,
                TxMetaDesc.LEN_CTRL_LAST_MASK, TxMetaDesc.LEN_CTRL_COMP_REQ_MASK, TxMetaDesc.LEN_CTRL_RESERVED_MASK);
        assertPartition(32, TxMetaDesc.WORD2_L3_HDR_LEN_MASK, TxMetaDesc.WORD2_L3_HDR_OFF_MASK,
                TxMetaDesc.WORD2_L4_HDR_LEN_IN_WORDS_MASK, TxMetaDesc.WORD2_MSS_LO_MASK);
        // Shared bits between the two descriptor kinds sit at the same positions (one ring slot, §3).
        assertThat(TxMetaDesc.LEN_CTRL_META_DESC_MASK).isEqualTo(TxDesc.LEN_CTRL_META_DESC_MASK);
        assertThat(TxMetaDesc.LEN_CTRL_PHASE_MASK).isEqualTo(TxDesc.LEN_CTRL_PHASE_MASK);
        assertThat(TxMetaDesc.LEN_CTRL_FIRST_MASK).isEqualTo(TxDesc.LEN_CTRL_FIRST_MASK);
        assertThat(TxMetaDesc.LEN_CTRL_LAST_MASK).isEqualTo(TxDesc.LEN_CTRL_LAST_MASK);
    }

    @Test
    void completionAndRxWordsArePartitioned() {
        assertPartition(8, TxCdesc.FLAGS_PHASE_MASK, TxCdesc.FLAGS_RESERVED_MASK, TxCdesc.FLAGS_MBZ_MASK);
        assertPartition(32, TxCdesc.WORD0_REQ_ID_MASK, TxCdesc.WORD0_STATUS_MASK, TxCdesc.WORD0_PHASE_MASK,
                TxCdesc.WORD0_RESERVED_MASK, TxCdesc.WORD0_MBZ_MASK);
        assertPartition(8, RxDesc.CTRL_PHASE_MASK, RxDesc.CTRL_FIRST_MASK, RxDesc.CTRL_LAST_MASK,
                RxDesc.CTRL_COMP_REQ_MASK, RxDesc.CTRL_RESERVED5_MASK, RxDesc.CTRL_MBZ_MASK);
        assertPartition(32, RxCdescBase.STATUS_L3_PROTO_IDX_MASK, RxCdescBase.STATUS_SRC_VLAN_CNT_MASK,
                RxCdescBase.STATUS_MBZ7_MASK, RxCdescBase.STATUS_L4_PROTO_IDX_MASK, RxCdescBase.STATUS_L3_CSUM_ERR_MASK,
                RxCdescBase.STATUS_L4_CSUM_ERR_MASK, RxCdescBase.STATUS_IPV4_FRAG_MASK,
                RxCdescBase.STATUS_L4_CSUM_CHECKED_MASK, RxCdescBase.STATUS_MBZ17_MASK,
                RxCdescBase.STATUS_RESERVED18_MASK, RxCdescBase.STATUS_PHASE_MASK, RxCdescBase.STATUS_L3_CSUM2_MASK,
                RxCdescBase.STATUS_FIRST_MASK, RxCdescBase.STATUS_LAST_MASK, RxCdescBase.STATUS_RESERVED28_MASK,
                RxCdescBase.STATUS_BUFFER_MASK, RxCdescBase.STATUS_RESERVED31_MASK);
    }

    @Test
    void sizesMatchTheSpec() {
        assertThat(TxDesc.SIZE).isEqualTo(16);
        assertThat(TxMetaDesc.SIZE).isEqualTo(16);
        assertThat(TxCdesc.SIZE).isEqualTo(8);
        assertThat(TxCdescExt.SIZE).isEqualTo(16);
        assertThat(RxDesc.SIZE).isEqualTo(16);
        assertThat(RxCdescBase.SIZE).isEqualTo(16);
        assertThat(RxCdescExt.SIZE).isEqualTo(32);
        assertThat(TxDesc.REQ_ID_MAX).isEqualTo(0xFFFF);
        assertThat(TxMetaDesc.MSS_MAX).isEqualTo(0x3FFF);
        assertThat(TxDesc.ADDRESS_MAX).isEqualTo(0xFFFF_FFFF_FFFFL);
    }

    @Test
    void reqIdAndMssSplitHelpersRoundTrip() {
        for (int id = 0; id <= 0xFFFF; id++) {
            int lc = TxDesc.lenCtrlReqIdBits(id);
            int mc = TxDesc.metaCtrlReqIdBits(id);
            assertThat(lc & ~TxDesc.LEN_CTRL_REQ_ID_HI_MASK).isZero();
            assertThat(mc & ~TxDesc.META_CTRL_REQ_ID_LO_MASK).isZero();
            assertThat(TxDesc.reqIdOf(lc | 0xFFFF, mc | 0x3FFFFF)).isEqualTo(id);
        }
        for (int mss = 0; mss <= TxMetaDesc.MSS_MAX; mss++) {
            assertThat(TxMetaDesc.mssOf(TxMetaDesc.lenCtrlMssBits(mss), TxMetaDesc.word2MssBits(mss))).isEqualTo(mss);
        }
        // Values wider than the field are truncated, never spill into neighbours.
        assertThat(TxDesc.lenCtrlReqIdBits(0x1_0000)).isZero();
        assertThat(TxMetaDesc.lenCtrlMssBits(0x4000)).isZero();
        assertThat(TxMetaDesc.word2Of(511, 511, 127, 65535)).isEqualTo(0xFFFFFFFF);
    }

    private static void assertPartition(int bits, int... masks) {
        long union = 0;
        for (int i = 0; i < masks.length; i++) {
            for (int j = i + 1; j < masks.length; j++) {
                assertThat(masks[i] & masks[j]).as("masks 0x%08X and 0x%08X overlap", masks[i], masks[j]).isZero();
            }
            union |= Integer.toUnsignedLong(masks[i]);
        }
        assertThat(union).as("union of masks").isEqualTo((1L << bits) - 1);
    }
}
