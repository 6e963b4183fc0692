package io.ena4j.model;

import io.ena4j.model.FaultInjector.RxCompletionFault;
import io.ena4j.model.FaultInjector.TxCompletionFault;
import io.ena4j.platform.SystemClock;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.IntrUnmask;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The data-path hooks of {@link FaultInjector} (datapath.md §11.3, §12.2, §12.3, §12.4, §1.1): each asserted on the
 * bytes the model writes into the completion rings, on the MSI-X messages delivered and on DEV_STS.
 */
class DataPathFaultTest {

    private static final int STATUS_PARSE_BITS = RxCdescBase.STATUS_L3_PROTO_IDX_MASK
            | RxCdescBase.STATUS_L4_PROTO_IDX_MASK | RxCdescBase.STATUS_L4_CSUM_CHECKED_MASK;

    private static byte[] frame(int len, int i) {
        return DataPathTest.udp(len, 1000 + i);
    }

    /** Tx packets {@code reqIds}, one 100-byte buffer each, one doorbell, one device step. */
    private static void send(DataHost.TxQ tx, int... reqIds) {
        for (int id : reqIds) {
            tx.send(id, frame(100, id), 1);
        }
        tx.ring();
        tx.host.step();
    }

    private static boolean receive(DataHost dh, byte[] f) {
        return dh.model.receive(MemorySegment.ofArray(f), 0, f.length);
    }

    private static List<DataHost.Cdesc> cdescs(DataHost.RxQ rx) {
        List<DataHost.Cdesc> out = new ArrayList<>();
        for (DataHost.Cdesc c = rx.cdesc(); c != null; c = rx.cdesc()) {
            out.add(c);
        }
        return out;
    }

    private static byte[] buffer(DataHost.RxQ rx, int slot, int len) {
        return rx.bufs.segment().asSlice((long) slot * rx.bufSize, len).toArray(ValueLayout.JAVA_BYTE);
    }

    private static boolean fatalBit(TestHost th) {
        return (th.r(EnaRegs.DEV_STS_OFF) & EnaRegs.DEV_STS_FATAL_ERROR_MASK) != 0;
    }

    // ---- Tx completions withheld (§12.3) ----

    @Test
    void withheldTxCompletionsSendTheFramesButWriteNoEntry() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            CaptureWire wire = CaptureWire.on(dh.model);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            FaultInjector f = dh.model.faults();
            f.withholdTxCompletions(2);
            assertThat(f.anyDataPathFault()).isTrue();
            send(tx, 0, 1, 2, 3);
            assertThat(wire.frames).as("all four frames went on the wire").hasSize(4);
            assertThat(wire.frames.get(1)).isEqualTo(frame(100, 1));
            int[] c = tx.completion();
            assertThat(c).as("the first entry written is packet 2's, in CQ slot 0").isNotNull();
            assertThat(c[0]).isEqualTo(2);
            assertThat(c[4]).as("sq_head_idx after packet 2").isEqualTo(3);
            assertThat(tx.completedReqIds()).containsExactly(3);
            assertThat(Le.u32(tx.cqRing.segment(), 2 * 8)).as("CQ slot 2 never written").isZero();
            assertThat(dh.model.counters().txCompletionsWithheld()).isEqualTo(2);
            assertThat(dh.model.statistics().get(DeviceStatistics.Stat.TX_PKTS)).isEqualTo(4);
            assertThat(f.anyDataPathFault()).as("settles once the count is used up").isFalse();
            send(tx, 4);
            assertThat(tx.completedReqIds()).containsExactly(4);
        }
    }

    @Test
    void withholdAllTxCompletionsStallsTheCqAndItsInterruptUntilSwitchedOff() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            CaptureWire wire = CaptureWire.on(dh.model);
            DataHost.TxQ tx = dh.tx(256, 2, true, false);
            th.interruptMode();
            FaultInjector f = dh.model.faults();
            f.withholdAllTxCompletions(true);
            for (int round = 0; round < 3; round++) {
                send(tx, round * 2, round * 2 + 1);
            }
            th.clock.advance(1_000_000);
            assertThat(wire.frames).hasSize(6);
            assertThat(tx.completion()).as("no Tx completion while the engine is stalled").isNull();
            assertThat(dh.model.completionQueues().getFirst().completionsWritten()).isZero();
            assertThat(th.irqCount(2)).as("nothing written, nothing signalled").isZero();
            assertThat(dh.model.counters().txCompletionsWithheld()).isEqualTo(6);
            assertThat(f.anyDataPathFault()).isTrue();
            f.withholdAllTxCompletions(false);
            assertThat(f.anyDataPathFault()).isFalse();
            send(tx, 6);
            assertThat(tx.completedReqIds()).as("the withheld ones are never written").containsExactly(6);
            assertThat(th.irqCount(2)).isEqualTo(1);
        }
    }

    // ---- Tx completions corrupted (§12.2) ----

    @Test
    void txCompletionWithAnOutOfRangeReqId() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            dh.model.faults().corruptNextTxCompletion(TxCompletionFault.REQ_ID_OUT_OF_RANGE);
            send(tx, 7, 8);
            int[] c = tx.completion();
            assertThat(c[0]).as("req_id = SQ depth").isEqualTo(256);
            assertThat(c[1]).as("status").isZero();
            assertThat(c[2]).as("flags: phase only").isEqualTo(1);
            assertThat(c[4]).as("sq_head_idx").isEqualTo(1);
            assertThat(tx.completedReqIds()).as("once").containsExactly(8);
            assertThat(dh.model.counters().txCompletionsCorrupted()).isEqualTo(1);
            assertThat(dh.model.faults().anyDataPathFault()).isFalse();
        }
    }

    @Test
    void txCompletionDuplicatingThePreviousReqIdWaitsForAPredecessor() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            FaultInjector f = dh.model.faults();
            f.corruptNextTxCompletion(TxCompletionFault.REQ_ID_DUPLICATE);
            send(tx, 5);
            assertThat(tx.completedReqIds()).as("no predecessor yet: written correctly").containsExactly(5);
            assertThat(f.anyDataPathFault()).as("still armed").isTrue();
            send(tx, 6, 7);
            assertThat(tx.completedReqIds()).as("packet 6 is reported as 5 again").containsExactly(5, 7);
            send(tx, 9);
            assertThat(tx.completedReqIds()).containsExactly(9);
            assertThat(dh.model.counters().txCompletionsCorrupted()).isEqualTo(1);
        }
    }

    @Test
    void txCompletionWithMbzFlagBitsOnWhicheverTxQueueCompletesNext() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx1 = dh.tx(256, 1, false, false);
            DataHost.TxQ tx2 = dh.tx(256, 2, false, false);
            dh.model.faults().corruptNextTxCompletion(TxCompletionFault.MBZ_BITS);
            send(tx2, 3);
            int w0 = TxCdesc.word0(tx2.cqRing.segment(), 0);
            assertThat(w0 & TxCdesc.WORD0_MBZ_MASK).as("flags bits 7:6").isEqualTo(TxCdesc.WORD0_MBZ_MASK);
            assertThat(TxCdesc.mbz6(tx2.cqRing.segment(), 0)).isEqualTo(3);
            int[] c = tx2.completion();
            assertThat(c[0]).as("req_id kept").isEqualTo(3);
            assertThat(c[2]).isEqualTo(0xC1);
            send(tx1, 4);
            send(tx2, 5);
            assertThat(tx1.completion()[2]).isEqualTo(1);
            assertThat(tx2.completion()[2]).isEqualTo(1);
        }
    }

    @Test
    void corruptNextTxCompletionNeedsAKind() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            assertThatThrownBy(() -> th.model.faults().corruptNextTxCompletion(null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> th.model.faults().corruptNextRxCompletion(null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> th.model.faults().withholdTxCompletions(-1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> th.model.faults().dropNextIoInterrupts(-1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(th.model.faults().anyDataPathFault()).isFalse();
        }
    }

    // ---- Rx completions corrupted (§11.3, §12.2) ----

    @Test
    void rxBadReqIdNamesABufferThatIsNotPosted() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(8); // req_ids 0..7
            assertThat(receive(dh, frame(100, 0))).isTrue();
            assertThat(receive(dh, frame(100, 1))).isTrue();
            assertThat(cdescs(rx)).extracting(DataHost.Cdesc::reqId).containsExactly(0, 1);
            dh.model.faults().corruptNextRxCompletion(RxCompletionFault.BAD_REQ_ID);
            byte[] f = frame(100, 2);
            assertThat(receive(dh, f)).isTrue();
            DataHost.Cdesc c = rx.cdesc();
            assertThat(c.reqId()).as("0 is in range and no longer posted (2..7 are)").isZero();
            assertThat(c.first() && c.last()).isTrue();
            assertThat(c.length()).isEqualTo(100);
            assertThat(buffer(rx, 2, 100)).as("the data went into the buffer actually used").isEqualTo(f);
            assertThat(receive(dh, frame(100, 3))).isTrue();
            assertThat(rx.cdesc().reqId()).as("once").isEqualTo(3);
            assertThat(dh.model.counters().rxCompletionsCorrupted()).isEqualTo(1);
            assertThat(dh.model.faults().anyDataPathFault()).isFalse();
        }
    }

    @Test
    void rxBadReqIdIsOutOfRangeWhenEveryIdIsPosted() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            dh.setMtu(9000);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(256);
            dh.model.faults().corruptNextRxCompletion(RxCompletionFault.BAD_REQ_ID);
            assertThat(receive(dh, frame(3000, 0))).isTrue();
            List<DataHost.Cdesc> cs = cdescs(rx);
            assertThat(cs).extracting(DataHost.Cdesc::reqId).as("first entry only").containsExactly(256, 1);
        }
    }

    @Test
    void rxZeroLength() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(8);
            dh.model.faults().corruptNextRxCompletion(RxCompletionFault.ZERO_LENGTH);
            byte[] f = frame(100, 0);
            receive(dh, f);
            receive(dh, frame(120, 1));
            List<DataHost.Cdesc> cs = cdescs(rx);
            assertThat(cs).extracting(DataHost.Cdesc::length).containsExactly(0, 120);
            assertThat(cs.getFirst().reqId()).isZero();
            assertThat(cs.getFirst().first() && cs.getFirst().last()).isTrue();
            assertThat(buffer(rx, 0, 100)).isEqualTo(f);
        }
    }

    @Test
    void rxLengthPastThePostedBufferLength() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.post(4, 1024); // posted length 1024 in 2048-byte slots
            rx.ring();
            dh.model.faults().corruptNextRxCompletion(RxCompletionFault.LENGTH_PAST_BUFFER);
            receive(dh, frame(1500, 0));
            List<DataHost.Cdesc> cs = cdescs(rx);
            assertThat(cs).extracting(DataHost.Cdesc::length).as("first entry = posted length + 1")
                    .containsExactly(1025, 476);
            assertThat(cs).extracting(DataHost.Cdesc::reqId).containsExactly(0, 1);
            assertThat(cs.get(1).last()).isTrue();
        }
    }

    @Test
    void rxFirstMissingOnTheFirstEntry() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            dh.setMtu(9000);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(8);
            dh.model.faults().corruptNextRxCompletion(RxCompletionFault.FIRST_MISSING);
            receive(dh, frame(3000, 0));
            receive(dh, frame(100, 1));
            List<DataHost.Cdesc> cs = cdescs(rx);
            assertThat(cs).hasSize(3);
            assertThat(cs).extracting(DataHost.Cdesc::first).containsExactly(false, false, true);
            assertThat(cs).extracting(DataHost.Cdesc::last).containsExactly(false, true, true);
            assertThat(cs.getFirst().status() & RxCdescBase.STATUS_BUFFER_MASK).isNotZero();
            assertThat(cs).extracting(DataHost.Cdesc::length).containsExactly(2048, 952, 100);
        }
    }

    @Test
    void rxLastMissingRunsPastTheDescriptorLimit() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(64);
            int limit = dh.model.profile().queues().maxPerPacketRxDescs();
            assertThat(limit).isEqualTo(19);
            dh.model.faults().corruptNextRxCompletion(RxCompletionFault.LAST_MISSING);
            for (int i = 0; i < limit + 6; i++) {
                assertThat(receive(dh, frame(100, i))).isTrue();
            }
            List<DataHost.Cdesc> cs = cdescs(rx);
            assertThat(cs).hasSize(limit + 6);
            for (int k = 0; k <= limit; k++) {
                DataHost.Cdesc c = cs.get(k);
                assertThat(c.first()).as("entry %d first", k).isEqualTo(k == 0);
                assertThat(c.last()).as("entry %d last", k).isEqualTo(k == limit);
                assertThat(c.reqId()).isEqualTo(k);
                assertThat(c.length()).isEqualTo(100);
                if (k < limit) {
                    assertThat(c.status() & STATUS_PARSE_BITS).as("no parsing bits without last").isZero();
                    assertThat(c.hash()).isZero();
                }
            }
            assertThat(cs.get(limit).status() & STATUS_PARSE_BITS).as("parsing bits on the closing entry")
                    .isNotZero();
            for (int k = limit + 1; k < cs.size(); k++) {
                assertThat(cs.get(k).first() && cs.get(k).last()).as("entry %d back to normal", k).isTrue();
            }
            assertThat(dh.model.counters().rxCompletionsCorrupted()).isEqualTo(1);
            assertThat(dh.model.statistics().get(DeviceStatistics.Stat.RX_PKTS)).isEqualTo(limit + 6);
        }
    }

    @Test
    void rxLastMissingWithMultiBufferPacketsClosesAtAPacketEnd() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            dh.setMtu(9000);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(64);
            dh.model.faults().corruptNextRxCompletion(RxCompletionFault.LAST_MISSING);
            for (int i = 0; i < 12; i++) {
                receive(dh, frame(5000, i)); // 3 buffers each
            }
            List<DataHost.Cdesc> cs = cdescs(rx);
            assertThat(cs).hasSize(36);
            // 7 packets = 21 entries > 19: the 7th packet's last entry (index 20) closes the run
            for (int k = 0; k < 21; k++) {
                assertThat(cs.get(k).first()).as("entry %d first", k).isEqualTo(k == 0);
                assertThat(cs.get(k).last()).as("entry %d last", k).isEqualTo(k == 20);
            }
            assertThat(cs.get(21).first()).isTrue();
            assertThat(cs.get(23).last()).isTrue();
        }
    }

    // ---- lost I/O interrupts (§12.4) ----

    @Test
    void lostIoInterruptLeavesTheVectorAutoMaskedAndNothingPending() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            int v = 3;
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, v, true, false);
            DataHost.RxQ rx = dh.rx(256, v, true, 2048);
            rx.fill(255);
            th.interruptMode();
            dh.model.faults().dropNextIoInterrupts(1);
            send(tx, 0);
            assertThat(th.irqCount(v)).as("the pair's message is lost").isZero();
            assertThat(dh.model.msixPending(v)).as("not held in the PBA either").isFalse();
            assertThat(dh.model.counters().ioInterruptsDropped()).isEqualTo(1);
            assertThat(dh.model.counters().interrupts(v)).isZero();
            assertThat(tx.completedReqIds()).as("the completions were written").containsExactly(0);
            assertThat(rx.packets()).hasSize(1);
            send(tx, 1);
            th.clock.advance(1_000_000);
            assertThat(th.irqCount(v)).as("auto-masked as if the message had been sent").isZero();
            th.w(tx.unmask, IntrUnmask.value(0, 0, 1, 1));
            th.step();
            assertThat(th.irqCount(v)).as("re-armed: the completions written since are signalled").isEqualTo(1);
            assertThat(dh.model.faults().anyDataPathFault()).isFalse();
        }
    }

    @Test
    void lostIoInterruptsCountDownAndNeverTouchVectorZero() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            int v = 1;
            DataHost dh = new DataHost(th);
            Wires.nullSink(dh.model);
            DataHost.TxQ tx = dh.tx(256, v, true, false);
            th.interruptMode();
            dh.model.faults().dropNextIoInterrupts(2);
            assertThat(th.exec(TestHost.getFeature(FeatureId.DEVICE_ATTRIBUTES.code()))).isNotNull();
            assertThat(th.irqCount(0)).as("admin interrupt delivered").isEqualTo(1);
            for (int i = 0; i < 4; i++) {
                send(tx, i);
                assertThat(tx.completedReqIds()).containsExactly(i);
                th.w(tx.unmask, IntrUnmask.value(0, 0, 1, 1));
                th.step();
            }
            assertThat(th.irqCount(v)).as("4 messages raised, the first 2 lost").isEqualTo(2);
            assertThat(dh.model.counters().ioInterruptsDropped()).isEqualTo(2);
        }
    }

    // ---- data-path DMA failure (§1.1) ----

    @Test
    void injectedTxBufferDmaFaultIsFatal() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            CaptureWire wire = CaptureWire.on(dh.model);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            send(tx, 0);
            assertThat(tx.completedReqIds()).containsExactly(0);
            assertThat(fatalBit(th)).isFalse();
            dh.model.faults().failNextDataPathDma();
            send(tx, 1, 2);
            assertThat(fatalBit(th)).as("DEV_STS.FATAL_ERROR").isTrue();
            assertThat(dh.model.fatalError()).isTrue();
            assertThat(wire.frames).as("the faulting packet was not sent, the device stopped").hasSize(1);
            assertThat(tx.completion()).isNull();
            assertThat(dh.model.counters().dmaFaults()).isEqualTo(1);
            assertThat(dh.model.counters().dataPathDmaFaultsInjected()).isEqualTo(1);
            assertThat(dh.model.counters().lastDmaFault()).contains("Tx buffer").contains("injected")
                    .contains(Long.toHexString(tx.pool.ioAddress(16384)));
            assertThat(dh.model.faults().anyDataPathFault()).isFalse();
        }
    }

    @Test
    void injectedRxBufferDmaFaultIsFatalAndDropsTheFrame() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(8);
            dh.model.faults().failNextDataPathDma();
            assertThat(receive(dh, frame(100, 0))).isFalse();
            assertThat(fatalBit(th)).isTrue();
            assertThat(rx.cdesc()).isNull();
            assertThat(dh.model.counters().lastDmaFault()).contains("Rx buffer").contains("injected");
            assertThat(dh.model.statistics().get(DeviceStatistics.Stat.RX_DROPS)).isEqualTo(1);
            assertThat(receive(dh, frame(100, 1))).as("stopped").isFalse();
            assertThat(dh.model.counters().dmaFaults()).isEqualTo(1);
        }
    }

    @Test
    void theDmaFaultWaitsForABufferDma() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            DataHost dh = new DataHost(th);
            DataHost.RxQ rx = dh.rx(256, 1, false, 2048);
            rx.fill(1);
            receive(dh, frame(100, 0));
            dh.model.faults().failNextDataPathDma();
            assertThat(receive(dh, frame(100, 1))).as("no buffer posted: dropped, no DMA").isFalse();
            assertThat(fatalBit(th)).isFalse();
            rx.fill(1);
            assertThat(receive(dh, frame(100, 2))).isFalse();
            assertThat(fatalBit(th)).isTrue();
        }
    }

    // ---- clear, and arming under traffic ----

    @Test
    void clearSwitchesEveryDataPathFaultOff() {
        try (TestHost th = TestHost.ready(DeviceProfile.ec2Default())) {
            int v = 2;
            DataHost dh = new DataHost(th);
            DataHost.TxQ tx = dh.tx(256, v, true, false);
            DataHost.RxQ rx = dh.rx(256, v, true, 2048);
            rx.fill(255);
            th.interruptMode();
            FaultInjector f = dh.model.faults();
            f.withholdTxCompletions(5);
            f.withholdAllTxCompletions(true);
            f.corruptNextTxCompletion(TxCompletionFault.MBZ_BITS);
            f.corruptNextRxCompletion(RxCompletionFault.ZERO_LENGTH);
            f.dropNextIoInterrupts(5);
            f.failNextDataPathDma();
            assertThat(f.anyDataPathFault()).isTrue();
            f.clear();
            assertThat(f.anyDataPathFault()).isFalse();
            send(tx, 0, 1);
            int[] c = tx.completion();
            assertThat(c[0]).isZero();
            assertThat(c[2]).isEqualTo(1);
            assertThat(tx.completedReqIds()).containsExactly(1);
            assertThat(rx.packets()).extracting(r -> r.lastDesc().length()).containsExactly(100, 100);
            assertThat(th.irqCount(v)).isEqualTo(1);
            assertThat(fatalBit(th)).isFalse();
            ModelCounters mc = dh.model.counters();
            assertThat(mc.txCompletionsWithheld() + mc.txCompletionsCorrupted() + mc.rxCompletionsCorrupted()
                    + mc.ioInterruptsDropped() + mc.dataPathDmaFaultsInjected()).isZero();
        }
    }

    /**
     * One-shot faults armed from another thread while the model thread completes traffic: none is lost (each fires,
     * which needs the armed flag to survive the settle after the previous one) and none fires twice.
     */
    @Test
    void faultsArmedFromAnotherThreadUnderTrafficEachFireExactlyOnce() throws Exception {
        try (TestHost th = TestHost.ready(new TestHost(DeviceProfile.ec2Default(), SystemClock.INSTANCE))) {
            th.model.start();
            DataHost dh = new DataHost(th);
            Wires.nullSink(dh.model);
            DataHost.TxQ tx = dh.tx(256, 1, false, false);
            FaultInjector f = dh.model.faults();
            ModelCounters mc = dh.model.counters();
            int k = 300;
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<String> failure = new AtomicReference<>();
            Thread armer = new Thread(() -> {
                for (int i = 1; i <= k; i++) {
                    f.corruptNextTxCompletion(TxCompletionFault.MBZ_BITS);
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while (mc.txCompletionsCorrupted() < i) {
                        if (System.nanoTime() > deadline) {
                            failure.set("fault " + i + " never fired (armed flag " + f.anyDataPathFault() + ")");
                            done.set(true);
                            return;
                        }
                        Thread.onSpinWait();
                    }
                    if ((i & 7) == 0) {
                        LockSupport.parkNanos(10_000);
                    }
                }
                done.set(true);
            }, "fault-armer");
            armer.start();
            int sent = 0;
            int completed = 0;
            int mbz = 0;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!done.get() || completed < sent) {
                assertThat(System.nanoTime()).as("traffic timed out: sent %d completed %d", sent, completed)
                        .isLessThan(deadline);
                if (!done.get() && sent - completed < 128) {
                    for (int i = 0; i < 8; i++) {
                        tx.send(sent & 0xFF, frame(64, sent), 1);
                        sent++;
                    }
                    tx.ring();
                }
                for (int[] c = tx.completion(); c != null; c = tx.completion()) {
                    assertThat(c[0]).as("completion %d", completed).isEqualTo(completed & 0xFF);
                    if ((c[2] & TxCdesc.FLAGS_MBZ_MASK) != 0) {
                        mbz++;
                    }
                    completed++;
                }
            }
            armer.join();
            assertThat(failure.get()).isNull();
            assertThat(mbz).isEqualTo(k);
            assertThat(mc.txCompletionsCorrupted()).isEqualTo(k);
            assertThat(f.anyDataPathFault()).isFalse();
            th.model.stop();
        }
    }
}
