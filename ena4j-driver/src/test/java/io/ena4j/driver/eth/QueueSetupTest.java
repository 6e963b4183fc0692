package io.ena4j.driver.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.eth.PlacementPolicy;
import io.ena4j.spec.eth.SqDirection;
import io.ena4j.spec.regs.IntrUnmask;
import io.ena4j.spec.regs.ResetReason;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Construction-time validation of {@link IoSq} / {@link IoCq}, CQ registers and {@link RingStats}. */
class QueueSetupTest {

    private final EthTestSupport.RecordingBar bar = new EthTestSupport.RecordingBar();
    private final DmaBuffer ring = EthTestSupport.dma(4096);

    @Test
    void sqConstructorsNameTheBadValue() {
        RingStats s = new RingStats();
        assertThatThrownBy(() -> IoSq.txHost(ring, 100, 128, 48, bar, 0x1000, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100").hasMessageContaining("32768");
        assertThatThrownBy(() -> IoSq.txHost(ring, 512, 128, 48, bar, 0x1000, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8192");
        assertThatThrownBy(() -> IoSq.txHost(ring, 256, 300, 48, bar, 0x1000, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("300").hasMessageContaining("256");
        assertThatThrownBy(() -> IoSq.txHost(ring, 256, 128, 30, bar, 0x1000, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30").hasMessageContaining("64");
        assertThatThrownBy(() -> IoSq.rx(ring, 256, 48, bar, 0x1002, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x1002");
        LlqInfo llq = LlqInfo.of(128, 2, LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY, 0, false);
        MemorySegment bar2 = Arena.ofAuto().allocate(256 * 128);
        assertThatThrownBy(() -> IoSq.txLlq(bar2, 8, 256, llq, 48, bar, 0x1000, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x8");
        IoSq ok = IoSq.txLlq(bar2, 0, 256, llq, 48, bar, 0x1000, s);
        assertThat(ok.placement()).isEqualTo(PlacementPolicy.DEV);
        assertThat(ok.direction()).isEqualTo(SqDirection.TX);
        assertThat(ok.txMaxHeaderSize()).isEqualTo(96);
        assertThat(ok.ioAddress()).isEqualTo(-1);
        IoSq rx = IoSq.rx(ring, 256, 48, bar, 0x1000, s);
        assertThat(rx.placement()).isEqualTo(PlacementPolicy.HOST);
        assertThat(rx.ioAddress()).isEqualTo(ring.ioAddress());
        assertThat(rx.phase()).isEqualTo(1);
    }

    @Test
    void cqConstructorsCheckEntrySizeDepthAndAlignment() {
        RingStats s = new RingStats();
        assertThatThrownBy(() -> IoCq.tx(ring, 256, 16 + 8, false, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24");
        assertThatThrownBy(() -> IoCq.rx(ring, 256, 8, false, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8");
        assertThatThrownBy(() -> IoCq.rx(ring, 512, 16, false, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8192");
        DmaBuffer bytes = new DmaBuffer(MemorySegment.ofArray(new byte[4096]), 0x1000);
        assertThatThrownBy(() -> IoCq.rx(bytes, 256, 16, false, s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aligned");
        assertThat(IoCq.tx(ring, 256, 16, false, s).isExtended()).isTrue();
        assertThat(IoCq.rx(ring, 128, 32, false, s).isExtended()).isTrue();
        assertThat(IoCq.rx(ring, 256, 16, false, s).isExtended()).isFalse();
    }

    @Test
    void unmaskAndNumaRegistersAreWrittenAtTheirOffsets() {
        IoCq cq = IoCq.tx(ring, 256, 8, false, new RingStats());
        assertThat(cq.unmaskInterrupt(1)).as("no register attached").isEqualTo(EnaErrno.EINVAL);
        cq.updateNumaNode(1);
        assertThat(bar.writes).isZero();
        cq.registers(bar, 0x2000, 0x4000);
        assertThat(cq.unmaskInterrupt(IntrUnmask.value(20, 64, 1, 1))).isZero();
        cq.updateNumaNode(1);
        assertThat(bar.recorded()).containsExactly(new int[] {0x2000, 0xC0200014}, new int[] {0x4000, 0x80000001});
        IoCq noNuma = IoCq.rx(ring, 256, 16, false, new RingStats()).registers(bar, 0x2004, 0);
        bar.clear();
        noNuma.updateNumaNode(3);
        assertThat(bar.writes).as("numa register offset 0 = not present").isZero();
        assertThatThrownBy(() -> cq.registers(bar, 0x2001, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x2001");
    }

    @Test
    void resetReasonIsFirstWinsUntilCleared() {
        RingStats s = new RingStats();
        assertThat(s.requestReset(ResetReason.INV_RX_REQ_ID)).isTrue();
        assertThat(s.requestReset(ResetReason.TOO_MANY_RX_DESCS)).isFalse();
        assertThat(s.resetReason()).isEqualTo(ResetReason.INV_RX_REQ_ID);
        s.clearResetReason();
        assertThat(s.requestReset(ResetReason.TOO_MANY_RX_DESCS)).isTrue();
        s.increment(RingCounter.BAD_REQ_ID);
        s.increment(RingCounter.BAD_REQ_ID);
        assertThat(s.get(RingCounter.BAD_REQ_ID)).isEqualTo(2);
        assertThat(s.toString()).contains("bad_req_id=2").contains("TOO_MANY_RX_DESCS");
        s.clearCounters();
        assertThat(s.get(RingCounter.BAD_REQ_ID)).isZero();
    }

    @Test
    void contextsRefuseImpossibleCapacities() {
        assertThatThrownBy(() -> new TxContext(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 65535]");
        assertThatThrownBy(() -> new RxContext(70000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
        TxContext ctx = new TxContext(2);
        assertThat(ctx.addBuffer(1, 1)).isTrue();
        assertThat(ctx.addBuffer(2, 2)).isTrue();
        assertThat(ctx.addBuffer(3, 3)).as("full").isFalse();
        assertThat(ctx.numBufs).isEqualTo(2);
    }
}
