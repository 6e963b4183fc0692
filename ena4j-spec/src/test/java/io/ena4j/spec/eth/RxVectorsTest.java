package io.ena4j.spec.eth;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes {@code rx.jsonl}: Rx completion entries (ena_com_rx_pkt) against the recorded result, the error causes
 * of rejected packets as seen through the accessors, and Rx descriptors (ena_com_add_single_rx_desc) decoded and
 * re-encoded (datapath.md §5, §6.1, §11.3).
 */
class RxVectorsTest {

    private static final int EIO = -5;
    private static final int EFAULT = -14;
    private static final int ENOSPC = -28;

    @Test
    void completionsDecodeToTheRecordedPacket() {
        SoftAssertions soft = new SoftAssertions();
        int packets = 0;
        for (MiniJson.Node line : EthVectors.lines("rx.jsonl")) {
            if (!line.get("op").asString().equals("rx_pkt") || line.get("rc").asInt() != 0) {
                continue;
            }
            MiniJson.Node result = line.get("result");
            int descs = result.get("descs").asInt();
            if (descs == 0) {
                continue;
            }
            String name = line.get("case").asString();
            int depth = line.get("q_depth").asInt();
            MiniJson.Node before = line.get("state_before");
            int head = before.get("cq_head").asInt();
            int phase = before.get("cq_phase").asInt();
            int already = before.get("cur_rx_pkt_cdesc_count").asInt();
            Map<Integer, String> ring = ring(line);
            for (int i = 0; i < descs; i++) {
                String at = name + " cdesc " + i;
                int rel = i - already;
                int idx = Math.floorMod(head + rel, depth);
                MemorySegment s = EthVectors.segment(ring.get(idx));
                MiniJson.Node buf = result.get("bufs").at(i);
                soft.assertThat(RxCdescBase.reqId(s, 0)).as(at + " req_id").isEqualTo(buf.get("req_id").asInt());
                soft.assertThat(RxCdescBase.length(s, 0)).as(at + " length").isEqualTo(buf.get("len").asInt());
                soft.assertThat(RxCdescBase.phase(s, 0)).as(at + " phase")
                        .isEqualTo(EthVectors.phaseAfter(phase, head, rel, depth));
                soft.assertThat(RxCdescBase.last(s, 0)).as(at + " last").isEqualTo(i == descs - 1 ? 1 : 0);
                if (i > 0) {
                    soft.assertThat(RxCdescBase.first(s, 0)).as(at + " first").isZero();
                } else {
                    soft.assertThat(RxCdescBase.offset(s, 0)).as(at + " offset")
                            .isEqualTo(result.get("pkt_offset").asInt());
                }
                if (i == descs - 1) {
                    soft.assertThat(RxCdescBase.l3ProtoIdx(s, 0)).as(at + " l3")
                            .isEqualTo(result.get("l3_proto").asInt());
                    soft.assertThat(RxCdescBase.l4ProtoIdx(s, 0)).as(at + " l4")
                            .isEqualTo(result.get("l4_proto").asInt());
                    soft.assertThat(RxCdescBase.l3CsumErr(s, 0)).as(at + " l3 err")
                            .isEqualTo(result.get("l3_csum_err").asFlag());
                    soft.assertThat(RxCdescBase.l4CsumErr(s, 0)).as(at + " l4 err")
                            .isEqualTo(result.get("l4_csum_err").asFlag());
                    soft.assertThat(RxCdescBase.l4CsumChecked(s, 0)).as(at + " l4 checked")
                            .isEqualTo(result.get("l4_csum_checked").asFlag());
                    soft.assertThat(RxCdescBase.ipv4Frag(s, 0)).as(at + " frag").isEqualTo(result.get("frag").asFlag());
                    soft.assertThat(Integer.toUnsignedLong(RxCdescBase.hash(s, 0))).as(at + " hash")
                            .isEqualTo(result.get("hash").asLong());
                }
                if (line.get("cap_cdesc_mbz").asBool()) {
                    soft.assertThat(RxCdescBase.status(s, 0) & RxCdescBase.STATUS_MBZ_MASK).as(at + " MBZ").isZero();
                }
            }
            packets++;
        }
        soft.assertAll();
        assertThat(packets).isGreaterThan(30);
    }

    /**
     * For every rx_pkt line, walks the CQ from the head with the accessors the way §11.3 describes and checks
     * that the recorded outcome matches what the fields show: too many buffers → -ENOSPC, a stray first bit or
     * (with CDESC_MBZ) an MBZ bit → -EFAULT, a req_id ≥ depth → -EIO, no entry with last → no packet.
     */
    @Test
    void rejectionCausesAreVisibleThroughTheAccessors() {
        SoftAssertions soft = new SoftAssertions();
        int errors = 0;
        for (MiniJson.Node line : EthVectors.lines("rx.jsonl")) {
            if (!line.get("op").asString().equals("rx_pkt")) {
                continue;
            }
            String name = line.get("case").asString();
            int depth = line.get("q_depth").asInt();
            boolean cap = line.get("cap_cdesc_mbz").asBool();
            MiniJson.Node before = line.get("state_before");
            int head = before.get("cq_head").asInt();
            int phase = before.get("cq_phase").asInt();
            int count = before.get("cur_rx_pkt_cdesc_count").asInt();
            Map<Integer, String> ring = ring(line);
            boolean badReqId = false;
            boolean malformed = false;
            boolean complete = false;
            for (int k = 0; ; k++) {
                int idx = Math.floorMod(head + k, depth);
                String hex = ring.get(idx);
                if (hex == null) {
                    break; // unlisted slots hold the complement of the expected phase
                }
                MemorySegment s = EthVectors.segment(hex);
                if (RxCdescBase.phase(s, 0) != EthVectors.phaseAfter(phase, head, k, depth)) {
                    break;
                }
                boolean firstOfPacket = count == 0;
                count++;
                malformed |= !firstOfPacket && RxCdescBase.first(s, 0) == 1;
                malformed |= cap && (RxCdescBase.status(s, 0) & RxCdescBase.STATUS_MBZ_MASK) != 0;
                badReqId |= RxCdescBase.reqId(s, 0) >= depth;
                if (RxCdescBase.last(s, 0) == 1) {
                    complete = true;
                    break;
                }
            }
            int rc = line.get("rc").asInt();
            int maxBufs = line.get("max_bufs").asInt();
            switch (rc) {
                case 0 -> {
                    soft.assertThat(malformed || badReqId).as(name + " clean").isFalse();
                    soft.assertThat(line.get("result").get("descs").asInt()).as(name + " descs")
                            .isEqualTo(complete ? count : 0);
                }
                case EFAULT -> soft.assertThat(malformed).as(name + " malformed").isTrue();
                case EIO -> soft.assertThat(badReqId).as(name + " bad req_id").isTrue();
                case ENOSPC -> soft.assertThat(count).as(name + " too many").isGreaterThan(maxBufs);
                default -> soft.fail(name + ": unexpected rc " + rc);
            }
            if (rc != 0) {
                errors++;
            }
        }
        soft.assertAll();
        assertThat(errors).isGreaterThanOrEqualTo(5);
    }

    @Test
    void rxDescriptorsDecodeAndReEncode() {
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (MiniJson.Node line : EthVectors.lines("rx.jsonl")) {
            if (!line.get("op").asString().equals("add_single_rx_desc") || line.get("desc").isNull()) {
                continue;
            }
            String name = line.get("case").asString();
            MiniJson.Node before = line.get("state_before");
            int depth = line.has("q_depth") ? line.get("q_depth").asInt() : 256;
            int phase = before.get("phase").asInt();
            long addr = line.get("buf").get("paddr").asLong() & EthVectors.addrMask(before.get("dma_addr_bits").asInt())
                    & EthVectors.addrMask(48);
            int len = line.get("buf").get("len").asInt();
            int reqId = line.get("req_id").asInt();
            String hex = line.get("desc").get("bytes").asString();
            MemorySegment s = EthVectors.segment(hex);
            soft.assertThat(line.get("desc").get("idx").asInt()).as(name + " idx")
                    .isEqualTo(before.get("tail").asInt() & (depth - 1));
            soft.assertThat(RxDesc.length(s, 0)).as(name + " length").isEqualTo(len & 0xFFFF);
            soft.assertThat(RxDesc.reqId(s, 0)).as(name + " req_id").isEqualTo(reqId);
            soft.assertThat(RxDesc.phase(s, 0)).as(name + " phase").isEqualTo(phase);
            soft.assertThat(RxDesc.first(s, 0)).as(name + " first").isEqualTo(1);
            soft.assertThat(RxDesc.last(s, 0)).as(name + " last").isEqualTo(1);
            soft.assertThat(RxDesc.compReq(s, 0)).as(name + " comp_req").isEqualTo(1);
            soft.assertThat(RxDesc.reserved5(s, 0)).as(name + " bit 5 left 0 by the driver").isZero();
            soft.assertThat(RxDesc.ctrl(s, 0)).as(name + " ctrl").isEqualTo(RxDesc.CTRL_DRIVER_BASE | phase);
            soft.assertThat(RxDesc.ctrl(s, 0) & RxDesc.CTRL_MBZ_MASK).as(name + " ctrl MBZ").isZero();
            soft.assertThat(RxDesc.bufferAddress(s, 0)).as(name + " address").isEqualTo(addr);
            soft.assertThat(RxDesc.reserved2(s, 0) | RxDesc.reserved6(s, 0) | RxDesc.reserved16W3(s, 0))
                    .as(name + " reserved").isZero();

            MemorySegment built = MemorySegment.ofArray(new byte[(int) RxDesc.SIZE]);
            RxDesc.word0(built, 0, RxDesc.word0Of(len, RxDesc.CTRL_DRIVER_BASE | phase));
            RxDesc.reqId(built, 0, reqId);
            RxDesc.bufferAddress(built, 0, addr);
            soft.assertThat(EthVectors.hex(built.toArray(ValueLayout.JAVA_BYTE))).as(name + " re-encoded")
                    .isEqualTo(hex);
            checked++;
        }
        soft.assertAll();
        assertThat(checked).isEqualTo(7); // 8 lines, one rejected (no_space_used255)
    }

    private static Map<Integer, String> ring(MiniJson.Node line) {
        Map<Integer, String> ring = new HashMap<>();
        List<MiniJson.Node> cdescs = line.get("cdescs").items();
        for (MiniJson.Node c : cdescs) {
            ring.put(c.get("idx").asInt(), c.get("bytes").asString());
        }
        return ring;
    }
}
