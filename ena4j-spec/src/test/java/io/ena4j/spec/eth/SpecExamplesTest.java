package io.ena4j.spec.eth;

import io.ena4j.spec.regs.IntrUnmask;
import io.ena4j.spec.regs.NumaReg;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins the spec's worked example encodings byte for byte (datapath.md §2, §3, §5, §6.1, §8.5, §8.6, §9). */
class SpecExamplesTest {

    private static MemorySegment zeroed(long size) {
        return MemorySegment.ofArray(new byte[(int) size]);
    }

    private static String hex(MemorySegment s) {
        return EthVectors.hex(s.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }

    @Test
    void txDescSingleBufferExampleViaFieldSetters() {
        // §2: single-buffer packet, no meta, phase 1, req_id 5, length 1418.
        MemorySegment s = zeroed(TxDesc.SIZE);
        TxDesc.length(s, 0, 1418);
        TxDesc.phase(s, 0, 1);
        TxDesc.first(s, 0, 1);
        TxDesc.last(s, 0, 1);
        TxDesc.compReq(s, 0, 1);
        TxDesc.reqId(s, 0, 5);
        assertThat(TxDesc.lenCtrl(s, 0)).isEqualTo(0x1D00058A);
        assertThat(TxDesc.metaCtrl(s, 0)).isEqualTo(0x01400000);
        assertThat(hex(s)).isEqualTo("8a05001d" + "00004001" + "00000000" + "00000000");
    }

    @Test
    void txDescWordsViaConstants() {
        int single = 1418 | TxDesc.LEN_CTRL_PHASE_MASK | TxDesc.LEN_CTRL_FIRST_MASK | TxDesc.LEN_CTRL_LAST_MASK
                | TxDesc.LEN_CTRL_COMP_REQ_MASK | TxDesc.lenCtrlReqIdBits(5);
        assertThat(single).isEqualTo(0x1D00058A);
        assertThat(TxDesc.metaCtrlReqIdBits(5)).isEqualTo(0x01400000);
        // §2: first data descriptor after a meta descriptor, not last.
        assertThat(1418 | TxDesc.LEN_CTRL_PHASE_MASK | TxDesc.LEN_CTRL_COMP_REQ_MASK).isEqualTo(0x1100058A);
        // §2: TSO TCP/IPv4 with DF, req_id 5.
        int tso = (L3Proto.IPV4.code() << TxDesc.META_CTRL_L3_PROTO_IDX_SHIFT) | TxDesc.META_CTRL_DF_MASK
                | TxDesc.META_CTRL_TSO_EN_MASK | (L4Proto.TCP.code() << TxDesc.META_CTRL_L4_PROTO_IDX_SHIFT)
                | TxDesc.META_CTRL_L3_CSUM_EN_MASK | TxDesc.META_CTRL_L4_CSUM_EN_MASK | TxDesc.metaCtrlReqIdBits(5);
        assertThat(tso).isEqualTo(0x01406C98);
        // §2: checksum-only TCP/IPv4 with DF, req_id 0.
        int csum = L3Proto.IPV4.code() | TxDesc.META_CTRL_DF_MASK
                | (L4Proto.TCP.code() << TxDesc.META_CTRL_L4_PROTO_IDX_SHIFT) | TxDesc.META_CTRL_L4_CSUM_EN_MASK
                | TxDesc.META_CTRL_L4_CSUM_PARTIAL_MASK | TxDesc.metaCtrlReqIdBits(0);
        assertThat(csum).isEqualTo(0x00024C18);
    }

    @Test
    void txDescOffloadFieldSettersGiveSpecWord1() {
        MemorySegment s = zeroed(TxDesc.SIZE);
        TxDesc.l3ProtoIdx(s, 0, 8);
        TxDesc.df(s, 0, 1);
        TxDesc.tsoEn(s, 0, 1);
        TxDesc.l4ProtoIdx(s, 0, 12);
        TxDesc.l3CsumEn(s, 0, 1);
        TxDesc.l4CsumEn(s, 0, 1);
        TxDesc.reqIdLo(s, 0, 5);
        assertThat(TxDesc.metaCtrl(s, 0)).isEqualTo(0x01406C98);
        assertThat(TxDesc.META_CTRL_OFFLOAD_MASK & TxDesc.META_CTRL_DF_MASK).isZero();
        assertThat(TxDesc.META_CTRL_OFFLOAD_MASK & TxDesc.META_CTRL_REQ_ID_LO_MASK).isZero();
    }

    @Test
    void txMetaDescExample() {
        // §3: phase 1, MSS 1448, IPv4 20 B at offset 14, TCP header 5 words.
        MemorySegment s = zeroed(TxMetaDesc.SIZE);
        TxMetaDesc.extValid(s, 0, 1);
        TxMetaDesc.ethMetaType(s, 0, 1);
        TxMetaDesc.metaStore(s, 0, 1);
        TxMetaDesc.metaDesc(s, 0, 1);
        TxMetaDesc.first(s, 0, 1);
        TxMetaDesc.phase(s, 0, 1);
        TxMetaDesc.mss(s, 0, 1448);
        TxMetaDesc.l3HdrLen(s, 0, 20);
        TxMetaDesc.l3HdrOff(s, 0, 14);
        TxMetaDesc.l4HdrLenInWords(s, 0, 5);
        assertThat(TxMetaDesc.lenCtrl(s, 0)).isEqualTo(0x05B14000);
        assertThat(TxMetaDesc.word1(s, 0)).isZero();
        assertThat(TxMetaDesc.word2(s, 0)).isEqualTo(0x6A050E14);
        assertThat(TxMetaDesc.word3(s, 0)).isZero();
        assertThat(TxMetaDesc.LEN_CTRL_DRIVER_BASE).isEqualTo(0x04B04000);
        assertThat(TxMetaDesc.LEN_CTRL_DRIVER_BASE | TxMetaDesc.lenCtrlMssBits(1448)
                | TxMetaDesc.LEN_CTRL_PHASE_MASK).isEqualTo(0x05B14000);
        assertThat(TxMetaDesc.word2Of(20, 14, 5, 1448)).isEqualTo(0x6A050E14);
        assertThat(TxMetaDesc.mssOf(0x05B14000, 0x6A050E14)).isEqualTo(1448);
        // A meta descriptor is recognised in the data-descriptor view by the same bit 23.
        assertThat(TxDesc.metaDesc(s, 0)).isEqualTo(1);
    }

    @Test
    void rxDescExample() {
        // §5: 3712-byte buffer, phase 1, req_id 7, address 0x1_2345_6040.
        MemorySegment s = zeroed(RxDesc.SIZE);
        RxDesc.length(s, 0, 3712);
        RxDesc.ctrl(s, 0, RxDesc.CTRL_DRIVER_BASE | 1);
        RxDesc.reqId(s, 0, 7);
        RxDesc.bufferAddress(s, 0, 0x1_2345_6040L);
        assertThat(hex(s)).isEqualTo("800e001d070000004060452301000000");
        assertThat(RxDesc.word0Of(3712, 0x1D)).isEqualTo(RxDesc.word0(s, 0));
        assertThat(RxDesc.CTRL_DRIVER_BASE).isEqualTo(0x1C);
        assertThat(RxDesc.decodeLength(0)).isEqualTo(65536);
        assertThat(RxDesc.decodeLength(3712)).isEqualTo(3712);
    }

    @Test
    void rxCdescStatusExample() {
        // §6.1: IPv4/TCP, L4 checksum verified good, single buffer, phase 1.
        MemorySegment s = zeroed(RxCdescBase.SIZE);
        RxCdescBase.l3ProtoIdx(s, 0, L3Proto.IPV4.code());
        RxCdescBase.l4ProtoIdx(s, 0, L4Proto.TCP.code());
        RxCdescBase.l4CsumChecked(s, 0, 1);
        RxCdescBase.first(s, 0, 1);
        RxCdescBase.last(s, 0, 1);
        RxCdescBase.phase(s, 0, 1);
        assertThat(RxCdescBase.status(s, 0)).isEqualTo(0x0D010C08);
        RxCdescBase.buffer(s, 0, 1);
        assertThat(RxCdescBase.status(s, 0)).isEqualTo(0x4D010C08);
    }

    @Test
    void interruptAndNumaRegisterExamples() {
        // §8.6 (builder lives in io.ena4j.spec.regs.IntrUnmask; pinned here against the data-path spec values).
        assertThat(IntrUnmask.value(20, 64, 0, 0)).isEqualTo(0x00200014);
        assertThat(IntrUnmask.value(20, 64, 1, 0)).isEqualTo(0x40200014);
        assertThat(IntrUnmask.value(20, 64, 1, 1)).isEqualTo(0xC0200014);
        // §8.5: node 1, enabled.
        assertThat(NumaReg.value(1, 1)).isEqualTo(0x80000001);
    }

    @Test
    void llqDerivedValuesAndWorkedExamples() {
        // §9.1 derived values with D = 2.
        assertThat(LlqEntry.maxHeaderSize(LlqEntry.ENTRY_SIZE_128, 2)).isEqualTo(96);
        assertThat(LlqEntry.maxHeaderSize(LlqEntry.ENTRY_SIZE_256, 2)).isEqualTo(224);
        assertThat(LlqEntry.maxHeaderSize(LlqEntry.ENTRY_SIZE_128, 8)).isZero(); // rejected config (-EINVAL)
        assertThat(LlqEntry.descsPerEntry(128, true)).isEqualTo(8);
        assertThat(LlqEntry.descsPerEntry(256, true)).isEqualTo(16);
        assertThat(LlqEntry.descsPerEntry(256, false)).isEqualTo(1);
        assertThat(LlqEntry.headerOffset(2)).isEqualTo(32);
        assertThat(LlqEntry.slotOffset(1)).isEqualTo(16);
        // §9.8: meta + data0 -> 1 entry; TSO with meta + 10 data descriptors (n = 11) -> 3 entries.
        assertThat(LlqEntry.entriesForPacket(2, 2, 8)).isEqualTo(1);
        assertThat(LlqEntry.entriesForPacket(1, 2, 8)).isEqualTo(1);
        assertThat(LlqEntry.entriesForPacket(11, 2, 8)).isEqualTo(3);
        assertThat(LlqEntry.entriesForPacket(10, 2, 8)).isEqualTo(2);
        assertThat(LlqEntry.entriesForPacket(0, 2, 8)).isZero();
        assertThat(LlqEntry.entriesForPacket(3, 2, 1)).isEqualTo(2);
        assertThat(LlqEntry.entriesForPacket(3, 2, 0)).isEqualTo(-1);
        // §9.4: entry address wraps with the ring.
        assertThat(LlqEntry.entryOffset(257, 256, 128)).isEqualTo(128);
        assertThat(LlqEntry.entryOffset(0xFFFF, 256, 256)).isEqualTo(255L * 256);
        assertThat(LlqEntry.isValidEntrySize(192)).isTrue();
        assertThat(LlqEntry.isValidEntrySize(64)).isFalse();
    }
}
