package io.ena4j.driver.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.eth.TxCdescExt;
import org.junit.jupiter.api.Test;

/** Tx completions out of order, extended entries, and slot release accounting (datapath.md §4, §8.3). */
class TxCompletionTest {

    private final EthTestSupport.RecordingBar bar = new EthTestSupport.RecordingBar();

    @Test
    void outOfOrderCompletionsAreMatchedByReqIdAndReleaseTheRightSlots() {
        DmaBuffer ring = EthTestSupport.dma(64 * 16);
        DmaBuffer cqRing = EthTestSupport.dma(64 * 8);
        RingStats stats = new RingStats();
        IoSq sq = IoSq.txHost(ring, 64, 128, 48, bar, 0x1000, stats);
        IoCq cq = IoCq.tx(cqRing, 64, 8, true, stats);
        int[] slotsByReqId = new int[64];
        int[] sizes = {1, 5, 2, 7};
        for (int id = 0; id < sizes.length; id++) {
            TxContext ctx = new TxContext(8).clear();
            ctx.reqId = id;
            for (int b = 0; b < sizes[id]; b++) {
                ctx.addBuffer(0x10000L * (b + 1), 64);
            }
            assertThat(TxPrepare.prepareTx(sq, ctx)).isZero();
            slotsByReqId[id] = ctx.nbHwDesc;
        }
        sq.writeDoorbell();
        assertThat(sq.usedEntries()).isEqualTo(15);
        // The device completes 2, 0, 3 (not 1).
        int[] order = {2, 0, 3};
        for (int k = 0; k < order.length; k++) {
            TxCdesc.word0Release(cqRing.segment(), k * 8L, TxCdesc.word0Of(order[k], 0, 1));
        }
        TxCompletionInfo info = new TxCompletionInfo();
        int released = 0;
        for (int expected : order) {
            assertThat(TxCompletion.reqIdGet(cq, info)).isZero();
            assertThat(info.reqId).isEqualTo(expected);
            released += slotsByReqId[info.reqId];
        }
        assertThat(TxCompletion.reqIdGet(cq, info)).isEqualTo(EnaErrno.EAGAIN);
        assertThat(info.reqId).isEqualTo(-1);
        assertThat(TxCompletion.ack(sq, released)).isZero();
        assertThat(sq.usedEntries()).as("only packet 1 still holds slots").isEqualTo(5);
        assertThat(TxCompletion.ack(sq, 6)).as("more than in use").isEqualTo(EnaErrno.EINVAL);
        assertThat(TxCompletion.ack(sq, -1)).isEqualTo(EnaErrno.EINVAL);
        assertThat(sq.usedEntries()).isEqualTo(5);
        assertThat(stats.get(RingCounter.INVALID_REQUEST)).isEqualTo(2);
    }

    @Test
    void extendedEntriesReturnTheTimestampAndUseSixteenByteStride() {
        DmaBuffer cqRing = EthTestSupport.dma(16 * 16);
        IoCq cq = IoCq.tx(cqRing, 16, 16, false, new RingStats());
        TxCdescExt.timestamp(cqRing.segment(), 16, 0x1122_3344_5566_7788L);
        TxCdesc.word0Release(cqRing.segment(), 0, TxCdesc.word0Of(3, 0, 1));
        TxCdesc.word0Release(cqRing.segment(), 16, TxCdesc.word0Of(4, 0, 1));
        TxCompletionInfo info = new TxCompletionInfo();
        assertThat(TxCompletion.reqIdGet(cq, info)).isZero();
        assertThat(info.reqId).isEqualTo(3);
        assertThat(info.hasTimestamp).isTrue();
        assertThat(info.timestamp).isZero();
        assertThat(TxCompletion.reqIdGet(cq, info)).isZero();
        assertThat(info.reqId).isEqualTo(4);
        assertThat(info.timestamp).isEqualTo(0x1122_3344_5566_7788L);
        assertThat(cq.head()).isEqualTo(2);
    }

    @Test
    void rxCqIsRefused() {
        DmaBuffer cqRing = EthTestSupport.dma(4096);
        IoCq rx = IoCq.rx(cqRing, 16, 16, false, new RingStats());
        assertThat(TxCompletion.reqIdGet(rx, new TxCompletionInfo())).isEqualTo(EnaErrno.EINVAL);
        assertThat(rx.stats().get(RingCounter.INVALID_REQUEST)).isEqualTo(1);
        assertThat(rx.stats().resetReason()).isNull();
    }
}
