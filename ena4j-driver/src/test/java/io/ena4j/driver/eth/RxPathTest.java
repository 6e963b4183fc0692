package io.ena4j.driver.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.RxCdescExt;
import io.ena4j.spec.eth.RxDesc;
import io.ena4j.spec.regs.ResetReason;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rx assembly and posting edges beyond the reference vectors (datapath.md §5, §6, §11.3). */
class RxPathTest {

    private static final int DEPTH = 16;
    private static final int FIRST = RxCdescBase.STATUS_FIRST_MASK;
    private static final int LAST = RxCdescBase.STATUS_LAST_MASK;

    private final EthTestSupport.RecordingBar bar = new EthTestSupport.RecordingBar();
    private final DmaBuffer sqRing = EthTestSupport.dma(DEPTH * 16);
    private final DmaBuffer cqRing = EthTestSupport.dma(DEPTH * 32);
    private RingStats stats;
    private IoSq sq;
    private IoCq cq;
    private final RxContext ctx = new RxContext(8);

    @BeforeEach
    void setUp() {
        cqRing.segment().fill((byte) 0);
        stats = new RingStats();
        sq = IoSq.rx(sqRing, DEPTH, 48, bar, 0x1000, stats);
        cq = IoCq.rx(cqRing, DEPTH, 16, true, stats);
        ctx.maxBufs = 4;
    }

    private void post(int n) {
        for (int i = 0; i < n; i++) {
            assertThat(RxPath.addRxDesc(sq, 0x8000_0000L + i * 4096L, 3712, i)).isZero();
        }
        sq.writeDoorbell();
    }

    private void cdesc(MemorySegment ring, int entry, int idx, int status, int reqId, int len) {
        long off = (long) idx * entry;
        RxCdescBase.length(ring, off, len);
        RxCdescBase.reqId(ring, off, reqId);
        RxCdescBase.statusRelease(ring, off, status | RxCdescBase.STATUS_PHASE_MASK);
    }

    @Test
    void multiBufferPacketPublishedInStepsIsAssembledOnce() {
        post(10);
        MemorySegment r = cqRing.segment();
        cdesc(r, 16, 0, FIRST, 0, 3712);
        RxCdescBase.offset(r, 0, 2);
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isZero();
        assertThat(ctx.descs).isZero();
        assertThat(cq.curRxPktCdescCount()).isEqualTo(1);
        cdesc(r, 16, 1, 0, 1, 3712);
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isZero();
        assertThat(ctx.descs).isZero();
        assertThat(cq.curRxPktCdescCount()).isEqualTo(2);
        RxCdescBase.hash(r, 32, 0xCAFEBABE);
        cdesc(r, 16, 2, LAST | 0x0D08, 2, 99);
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isZero();
        assertThat(ctx.descs).isEqualTo(3);
        assertThat(ctx.bufReqId).startsWith(0, 1, 2);
        assertThat(ctx.bufLen).startsWith(3712, 3712, 99);
        assertThat(ctx.pktOffset).isEqualTo(2);
        assertThat(ctx.hash).isEqualTo(0xCAFEBABE);
        assertThat(ctx.l3Proto).isEqualTo(8);
        assertThat(ctx.l4Proto).isEqualTo(13);
        assertThat(sq.nextToComp()).isEqualTo(3);
        assertThat(cq.curRxPktCdescCount()).isZero();
        assertThat(cq.curRxPktCdescStartIdx()).isEqualTo(3);
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isZero();
        assertThat(ctx.descs).isZero();
    }

    @Test
    void firstBitInsideAPacketSpanningPollsIsMalformed() {
        post(4);
        MemorySegment r = cqRing.segment();
        cdesc(r, 16, 0, FIRST, 0, 100);
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isZero();
        cdesc(r, 16, 1, FIRST | LAST, 1, 100);
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isEqualTo(EnaErrno.EFAULT);
        assertThat(cq.head()).as("bad entry not consumed").isEqualTo(1);
        assertThat(stats.get(RingCounter.RX_DESC_MALFORMED)).isEqualTo(1);
        assertThat(stats.resetReason()).isEqualTo(ResetReason.RX_DESCRIPTOR_MALFORMED);
    }

    @Test
    void packetLongerThanMaxBufsStopsAtTheLimitEvenWithoutLast() {
        post(10);
        MemorySegment r = cqRing.segment();
        for (int i = 0; i < 8; i++) {
            cdesc(r, 16, i, i == 0 ? FIRST : 0, i, 100);
        }
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isEqualTo(EnaErrno.ENOSPC);
        assertThat(cq.head()).as("maxBufs + 1 entries consumed, not 8").isEqualTo(5);
        assertThat(stats.get(RingCounter.BAD_DESC_NUM)).isEqualTo(1);
        assertThat(stats.resetReason()).isEqualTo(ResetReason.TOO_MANY_RX_DESCS);
        assertThat(sq.nextToComp()).isZero();
    }

    @Test
    void moreCompletionsThanPostedBuffersAreRefused() {
        post(1);
        MemorySegment r = cqRing.segment();
        cdesc(r, 16, 0, FIRST, 0, 100);
        cdesc(r, 16, 1, LAST, 1, 100);
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isEqualTo(EnaErrno.EIO);
        assertThat(sq.nextToComp()).as("next_to_comp never passes tail").isZero();
        assertThat(stats.resetReason()).isEqualTo(ResetReason.INV_RX_REQ_ID);
    }

    @Test
    void reqIdChangedByTheDeviceAfterValidationIsCaughtAtAssembly() {
        post(4);
        MemorySegment r = cqRing.segment();
        cdesc(r, 16, 0, FIRST, 0, 100);
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isZero();
        RxCdescBase.reqId(r, 0, 0xFFFF);
        cdesc(r, 16, 1, LAST, 1, 100);
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isEqualTo(EnaErrno.EIO);
        assertThat(stats.get(RingCounter.BAD_REQ_ID)).isEqualTo(1);
        assertThat(sq.nextToComp()).isZero();
    }

    @Test
    void extendedEntriesCarryTheTimestampOfTheLastEntry() {
        IoCq ext = IoCq.rx(cqRing, DEPTH, 32, false, stats);
        post(2);
        MemorySegment r = cqRing.segment();
        RxCdescExt.timestamp(r, 0, 111);
        RxCdescExt.timestamp(r, 32, 222);
        cdesc(r, 32, 0, FIRST, 0, 100);
        cdesc(r, 32, 1, LAST, 1, 100);
        assertThat(RxPath.rxPkt(ext, sq, ctx)).isZero();
        assertThat(ctx.descs).isEqualTo(2);
        assertThat(ctx.hasTimestamp).isTrue();
        assertThat(ctx.timestamp).isEqualTo(222);
        assertThat(ext.head()).isEqualTo(2);
    }

    @Test
    void contextAndQueueMistakesAreRefusedWithoutTouchingTheCq() {
        post(2);
        cdesc(cqRing.segment(), 16, 0, FIRST | LAST, 0, 100);
        ctx.maxBufs = 9;
        assertThat(RxPath.rxPkt(cq, sq, ctx)).as("maxBufs above capacity").isEqualTo(EnaErrno.EINVAL);
        ctx.maxBufs = 0;
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isEqualTo(EnaErrno.EINVAL);
        IoCq txCq = IoCq.tx(cqRing, DEPTH, 8, false, stats);
        ctx.maxBufs = 4;
        assertThat(RxPath.rxPkt(txCq, sq, ctx)).isEqualTo(EnaErrno.EINVAL);
        assertThat(cq.head()).isZero();
        assertThat(stats.get(RingCounter.INVALID_REQUEST)).isEqualTo(3);
        assertThat(stats.resetReason()).isNull();
        assertThat(cq.hasCompletion()).isTrue();
        assertThat(RxPath.rxPkt(cq, sq, ctx)).isZero();
        assertThat(ctx.descs).isEqualTo(1);
        assertThat(cq.hasCompletion()).isFalse();
    }

    @Test
    void postingChecksSpaceLengthReqIdAndAddress() {
        sq.restoreState(DEPTH - 2, 1, 0);
        assertThat(RxPath.addRxDesc(sq, 0x1000, 65536, 3)).isZero();
        long off = (DEPTH - 2) * 16L;
        assertThat(RxDesc.length(sqRing.segment(), off)).as("65536 encodes as 0").isZero();
        assertThat(RxDesc.decodeLength(RxDesc.length(sqRing.segment(), off))).isEqualTo(65536);
        assertThat(RxPath.addRxDesc(sq, 0x1000, 100, 4)).as("ring full: depth - 1 used").isEqualTo(EnaErrno.ENOSPC);
        sq.restoreState(0, 1, 0);
        assertThat(RxPath.addRxDesc(sq, 0x1000, 65537, 0)).isEqualTo(EnaErrno.EINVAL);
        assertThat(RxPath.addRxDesc(sq, 0x1000, 100, DEPTH)).isEqualTo(EnaErrno.EINVAL);
        assertThat(RxPath.addRxDesc(sq, 0x1000, 100, -1)).isEqualTo(EnaErrno.EINVAL);
        sq.dmaAddressBits(40);
        assertThat(RxPath.addRxDesc(sq, 1L << 40, 100, 0)).isEqualTo(EnaErrno.EINVAL);
        assertThat(RxPath.addRxDesc(sq, (1L << 40) - 4096, 100, 0)).isZero();
        assertThat(stats.get(RingCounter.INVALID_REQUEST)).isEqualTo(3);
        assertThat(stats.get(RingCounter.BAD_DMA_ADDR)).isEqualTo(1);
        assertThat(sq.tail()).isEqualTo(1);
        sq.writeDoorbell();
        assertThat(bar.lastOffset).isEqualTo(0x1000);
        assertThat(bar.lastValue).isEqualTo(1);
        assertThat(stats.get(RingCounter.DOORBELLS)).isEqualTo(1);
    }
}
