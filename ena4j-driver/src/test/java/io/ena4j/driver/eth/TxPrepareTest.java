package io.ena4j.driver.eth;

import static io.ena4j.driver.eth.EthTestSupport.SENTINEL;
import static io.ena4j.driver.eth.EthTestSupport.allBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.eth.LlqEntry;
import io.ena4j.spec.eth.TxDesc;
import io.ena4j.spec.eth.TxMetaDesc;
import io.ena4j.spec.regs.ResetReason;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Edges of {@link TxPrepare} not covered by the reference vectors: space checks at the ring-full edge, refused
 * caller errors (nothing written, state unchanged, counted, reset requested), the LLQ mid-packet guard and the
 * DMA-width check.
 */
class TxPrepareTest {

    private final EthTestSupport.RecordingBar bar = new EthTestSupport.RecordingBar();
    private final DmaBuffer ring = EthTestSupport.dma(64 * 16);
    private final MemorySegment bar2 = Arena.ofAuto().allocate(64 * 128, 4096);
    private final MemorySegment header = Arena.ofAuto().allocate(256);

    private IoSq host(int depth) {
        return IoSq.txHost(ring, depth, 128, 48, bar, 0x1000, new RingStats());
    }

    private IoSq llq(int depth, int maxBurst, boolean noMetaCache) {
        return IoSq.txLlq(bar2, 0, depth, LlqInfo.of(128, 2, LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY, maxBurst,
                noMetaCache), 48, bar, 0x1000, new RingStats());
    }

    private static TxContext packet(int bufs) {
        TxContext ctx = new TxContext(32).clear();
        for (int i = 0; i < bufs; i++) {
            ctx.addBuffer(0x1000_0000L + i * 0x1000L, 100 + i);
        }
        return ctx;
    }

    @Test
    void hostSpaceCheckCountsAPossibleMetaDescriptorAtTheFullEdge() {
        IoSq sq = host(16);
        // used 12 -> free 3: a 2-buffer packet needs 2 + 1 slots and fits exactly; a 3-buffer one does not.
        sq.restoreState(12, 1, 0);
        assertThat(sq.freeEntries()).isEqualTo(3);
        assertThat(TxPrepare.prepareTx(sq, packet(3))).isEqualTo(EnaErrno.ENOMEM);
        assertThat(sq.stats().get(RingCounter.PREPARE_CTX_ERR)).isEqualTo(1);
        assertThat(sq.stats().resetReason()).as("lack of space is no reason to reset").isNull();
        TxContext two = packet(2);
        assertThat(TxPrepare.prepareTx(sq, two)).isZero();
        assertThat(two.nbHwDesc).isEqualTo(2);
        assertThat(sq.freeEntries()).isEqualTo(1);
        assertThat(TxPrepare.prepareTx(sq, packet(1))).as("free 1 < 1 + 1").isEqualTo(EnaErrno.ENOMEM);
        assertThat(TxCompletion.ack(sq, 2)).isZero();
        assertThat(TxPrepare.prepareTx(sq, packet(1))).isZero();
    }

    @Test
    void llqSpaceCheckIsTheApproximateEntryFormula() {
        IoSq sq = llq(16, 0, false);
        // free > n / 8 + 2: with 19 buffers (n = 20) free must exceed 4.
        sq.restoreState(11, 1, 0);
        assertThat(sq.freeEntries()).isEqualTo(4);
        TxContext big = packet(19);
        big.pushHeader(header, 0, 14);
        assertThat(TxPrepare.prepareTx(sq, big)).isEqualTo(EnaErrno.ENOMEM);
        assertThat(TxCompletion.ack(sq, 1)).isZero();
        assertThat(TxPrepare.prepareTx(sq, big)).isZero();
        assertThat(big.nbHwDesc).isEqualTo(LlqEntry.entriesForPacket(19, 2, 8));
    }

    @Test
    void callerErrorsAreRefusedBeforeAnythingIsWritten() {
        refused(c -> c.numBufs = 33, EnaErrno.EINVAL, RingCounter.INVALID_REQUEST);
        refused(c -> c.numBufs = -1, EnaErrno.EINVAL, RingCounter.INVALID_REQUEST);
        refused(c -> c.reqId = 0x10000, EnaErrno.EINVAL, RingCounter.INVALID_REQUEST);
        refused(c -> c.bufLen[0] = 0x10000, EnaErrno.EINVAL, RingCounter.INVALID_REQUEST);
        refused(c -> c.headerLen = -1, EnaErrno.EINVAL, RingCounter.INVALID_REQUEST);
        refused(c -> c.bufAddr[1] = 1L << 48, EnaErrno.EINVAL, RingCounter.BAD_DMA_ADDR);
    }

    private void refused(Consumer<TxContext> spoil, int rc, RingCounter counter) {
        IoSq sq = host(64);
        sq.restoreState(5, 1, 5);
        TxContext ctx = packet(3);
        ctx.meta(1448, 20, 14, 5);
        spoil.accept(ctx);
        EthTestSupport.fill(ring.segment(), SENTINEL);
        assertThat(TxPrepare.prepareTx(sq, ctx)).isEqualTo(rc);
        assertThat(ctx.nbHwDesc).isEqualTo(-1);
        assertThat(allBytes(ring.segment(), 0, ring.size(), SENTINEL)).isTrue();
        assertThat(sq.tail()).isEqualTo(5);
        assertThat(sq.cachedMss()).as("meta cache untouched").isZero();
        assertThat(sq.stats().get(counter)).isEqualTo(1);
        assertThat(sq.stats().get(RingCounter.PREPARE_CTX_ERR)).isEqualTo(1);
        assertThat(sq.stats().resetReason()).isEqualTo(ResetReason.DRIVER_INVALID_STATE);
    }

    @Test
    void headerLengthAbove255IsRefusedEvenWhenTheLimitIs256() {
        IoSq sq = host(64).txMaxHeaderSize(256);
        TxContext ctx = packet(1);
        ctx.headerLen = 256;
        assertThat(TxPrepare.prepareTx(sq, ctx)).isEqualTo(EnaErrno.EINVAL);
        assertThat(sq.stats().get(RingCounter.INVALID_REQUEST)).isEqualTo(1);
        ctx.headerLen = 255;
        assertThat(TxPrepare.prepareTx(sq, ctx)).isZero();
        assertThat(TxDesc.headerLength(ring.segment(), 0)).isEqualTo(255);
    }

    @Test
    void llqPushHeaderOutsideItsSegmentIsRefused() {
        IoSq sq = llq(16, 0, false);
        TxContext ctx = packet(1);
        ctx.pushHeader(header.asSlice(0, 10), 0, 14);
        assertThat(TxPrepare.prepareTx(sq, ctx)).isEqualTo(EnaErrno.EINVAL);
        ctx.pushHeader(header, -1, 14);
        assertThat(TxPrepare.prepareTx(sq, ctx)).isEqualTo(EnaErrno.EINVAL);
        assertThat(sq.stats().get(RingCounter.INVALID_REQUEST)).isEqualTo(2);
        assertThat(sq.tail()).isZero();
    }

    @Test
    void wrongDirectionIsRefused() {
        IoSq rx = IoSq.rx(ring, 64, 48, bar, 0x1000, new RingStats());
        assertThat(TxPrepare.prepareTx(rx, packet(1))).isEqualTo(EnaErrno.EINVAL);
        assertThat(rx.tail()).isZero();
        IoSq tx = host(64);
        assertThat(RxPath.addRxDesc(tx, 0x1000, 100, 0)).isEqualTo(EnaErrno.EINVAL);
        assertThat(tx.stats().get(RingCounter.INVALID_REQUEST)).isEqualTo(1);
    }

    @Test
    void llqSqLeftMidPacketByABurstErrorRefusesFurtherPackets() {
        // Burst budget 1, meta forced: meta + data0 fill the first line, data1 needs a second entry -> -ENOSPC.
        IoSq sq = llq(16, 1, true);
        TxContext ctx = packet(4);
        ctx.pushHeader(header, 0, 14);
        assertThat(TxPrepare.isDoorbellNeeded(sq, ctx)).isTrue();
        assertThat(TxPrepare.prepareTx(sq, ctx)).isEqualTo(EnaErrno.ENOSPC);
        assertThat(sq.stats().resetReason()).isEqualTo(ResetReason.DRIVER_INVALID_STATE);
        sq.writeDoorbell();
        // The reference would now write past its bounce buffer; we refuse until the queue is rebuilt.
        TxContext next = packet(1);
        next.pushHeader(header, 0, 14);
        assertThat(TxPrepare.prepareTx(sq, next)).isEqualTo(EnaErrno.EFAULT);
        assertThat(sq.stats().get(RingCounter.INVALID_REQUEST)).isEqualTo(1);
    }

    @Test
    void llqHeaderOnlyPacketIsOneEmptyDescriptorPlusHeader() {
        IoSq sq = llq(16, 0, false);
        for (int i = 0; i < 60; i++) {
            header.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (i + 1));
        }
        TxContext ctx = new TxContext(1).clear();
        ctx.reqId = 9;
        ctx.pushHeader(header, 0, 60);
        assertThat(TxPrepare.prepareTx(sq, ctx)).isZero();
        assertThat(ctx.nbHwDesc).isEqualTo(1);
        int w0 = TxDesc.lenCtrl(bar2, 0);
        assertThat(w0 & TxDesc.LEN_CTRL_LENGTH_MASK).isZero();
        assertThat(w0 & (TxDesc.LEN_CTRL_FIRST_MASK | TxDesc.LEN_CTRL_LAST_MASK)).isEqualTo(
                TxDesc.LEN_CTRL_FIRST_MASK | TxDesc.LEN_CTRL_LAST_MASK);
        assertThat(TxDesc.bufferAddress(bar2, 0)).isZero();
        assertThat(TxDesc.headerLength(bar2, 0)).isEqualTo(60);
        assertThat(TxDesc.reqId(bar2, 0)).isEqualTo(9);
        assertThat(EthTestSupport.hex(bar2, 32, 60)).isEqualTo(EthTestSupport.hex(header, 0, 60));
        assertThat(allBytes(bar2, 16, 16, (byte) 0)).as("unused second slot").isTrue();
    }

    @Test
    void disabledMetaCachingEmitsAMetaDescriptorEveryTimeAndKeepsTheCache() {
        IoSq sq = host(64);
        sq.restoreMetaCache(0, 0, 0, 0, true);
        for (int i = 0; i < 3; i++) {
            TxContext ctx = packet(1);
            assertThat(TxPrepare.prepareTx(sq, ctx)).isZero();
            assertThat(ctx.nbHwDesc).isEqualTo(2);
            long off = (long) ((sq.tail() - 2) & 63) * 16;
            assertThat(TxMetaDesc.metaDesc(ring.segment(), off)).isEqualTo(1);
            assertThat(TxDesc.first(ring.segment(), off + 16)).isZero();
        }
        assertThat(sq.cachedMss()).isZero();
    }
}
