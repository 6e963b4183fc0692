package io.ena4j.driver.com;

import io.ena4j.platform.ManualClock;
import io.ena4j.spec.aenq.AenqEntry;
import io.ena4j.spec.aenq.AenqGroup;
import io.ena4j.spec.regs.EnaRegs;
import io.ena4j.spec.regs.ResetReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AENQ consumption and the built-in handlers (management.md §9) against {@link FakeEnaDevice}. */
class AenqTest {

    private final FakeEnaDevice dev = new FakeEnaDevice();
    private final ManualClock clock = new ManualClock(1_000);
    private final List<ResetReason> resets = new ArrayList<>();
    private final Aenq aenq = new Aenq(dev, clock, resets::add);

    @BeforeEach
    void setUp() {
        assertThat(aenq.init()).isZero();
        assertThat(aenq.start()).isTrue();
        assertThat(dev.aenqHeadDb()).isEqualTo(16);
    }

    private static byte[] payload(long... words) {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (long w : words) {
            b.putLong(w);
        }
        return b.array();
    }

    private void post(int group, int syndrome, byte[] payload) {
        assertThat(dev.postAenq(group, syndrome, payload)).as("device credit").isTrue();
    }

    @Test
    void initWritesBaseThenCapsAndStartGrantsTheRing() {
        FakeEnaDevice d = new FakeEnaDevice();
        Aenq a = new Aenq(d, clock, null);
        assertThat(a.start()).isFalse(); // not initialised: nothing written
        assertThat(a.init()).isZero();
        long addr = a.ioAddress();
        assertThat(d.takeEvents()).containsExactly(
                FakeEnaDevice.Event.write(EnaRegs.AENQ_BASE_LO_OFF, EnaRegs.addrLo(addr)),
                FakeEnaDevice.Event.write(EnaRegs.AENQ_BASE_HI_OFF, EnaRegs.addrHi(addr)),
                FakeEnaDevice.Event.write(EnaRegs.AENQ_CAPS_OFF, 0x0040_0010));
        assertThat(a.head()).isEqualTo(16);
        assertThat(a.phase()).isEqualTo(1);
        assertThat(a.lastKeepAliveNanos()).isEqualTo(1_000);
        assertThat(a.start()).isTrue();
        assertThat(d.takeEvents()).containsExactly(FakeEnaDevice.Event.write(EnaRegs.AENQ_HEAD_DB_OFF, 16));
        assertThat(a.process()).isZero();
        assertThat(d.takeEvents()).isEmpty(); // nothing consumed: no doorbell
    }

    @Test
    void phaseWrapsOverSeveralLapsAndEveryBatchRingsTheDoorbellOnce() {
        int[] batches = {5, 16, 7, 9, 16, 3, 10, 14, 1, 15, 16, 4};
        int total = 0;
        for (int batch : batches) {
            for (int i = 0; i < batch; i++) {
                post(AenqGroup.KEEP_ALIVE.code(), 0, payload(total + i, 2L * (total + i), 3L * (total + i)));
            }
            dev.takeEvents();
            assertThat(aenq.keepAlivePending()).isTrue();
            assertThat(aenq.process()).isEqualTo(batch);
            total += batch;
            assertThat(aenq.head()).isEqualTo(16 + total);
            assertThat(aenq.phase()).isEqualTo((total / 16) % 2 == 0 ? 1 : 0);
            assertThat(dev.takeEvents()).containsExactly(
                    FakeEnaDevice.Event.write(EnaRegs.AENQ_HEAD_DB_OFF, 16 + total));
            assertThat(aenq.rxDrops()).isEqualTo(total - 1);
            assertThat(aenq.txDrops()).isEqualTo(2L * (total - 1));
            assertThat(aenq.rxOverruns()).isEqualTo(3L * (total - 1));
            assertThat(aenq.keepAlivePending()).isFalse();
            assertThat(aenq.process()).isZero(); // stale entries of the previous lap are not consumed again
        }
        assertThat(total).isEqualTo(116); // more than 7 laps
        assertThat(aenq.stats().get(AenqStats.Counter.EVENTS)).isEqualTo(total);
        assertThat(aenq.stats().get(AenqStats.Counter.KEEP_ALIVE)).isEqualTo(total);
        assertThat(aenq.stats().get(AenqStats.Counter.DOORBELLS)).isEqualTo(batches.length + 1);
        assertThat(dev.dmaFaults).isZero();
    }

    @Test
    void headWrapsAt16Bits() {
        int total = 0;
        while (total < 0x10000 + 32) { // 4098 batches: past the u16 wrap, an even number of laps
            for (int i = 0; i < 16; i++) {
                post(AenqGroup.LINK_CHANGE.code(), 0, payload(1));
            }
            assertThat(aenq.process()).isEqualTo(16);
            total += 16;
        }
        assertThat(aenq.head()).isEqualTo((16 + total) & 0xFFFF);
        assertThat(dev.aenqHeadDb()).isEqualTo((16 + total) & 0xFFFF);
        assertThat(aenq.phase()).isEqualTo(1);
        assertThat(aenq.linkUp()).isTrue();
    }

    @Test
    void undefinedGroupsAndSyndromesAreCountedNeverThrown() {
        post(9, 0, payload());
        post(0xFFFF, 0xFFFF, payload());
        post(AenqGroup.WARNING.code(), 0, payload());
        post(AenqGroup.NOTIFICATION.code(), 7, payload());
        post(AenqGroup.LINK_CHANGE.code(), 0, payload(1));
        assertThat(aenq.process()).isEqualTo(5);
        assertThat(aenq.stats().get(AenqStats.Counter.UNKNOWN_GROUP)).isEqualTo(2);
        assertThat(aenq.stats().get(AenqStats.Counter.UNIMPLEMENTED)).isEqualTo(1);
        assertThat(aenq.stats().get(AenqStats.Counter.UNKNOWN_SYNDROME)).isEqualTo(1);
        assertThat(aenq.stats().get(AenqStats.Counter.NOTIFICATION)).isEqualTo(1);
        assertThat(aenq.linkUp()).isTrue(); // the entry after them was still handled
        assertThat(aenq.head()).isEqualTo(21);
        assertThat(resets).isEmpty();
    }

    @Test
    void builtInHandlersRecordStateAndResetRequests() {
        clock.advance(5_000);
        post(AenqGroup.LINK_CHANGE.code(), 0, payload(1));
        post(AenqGroup.CONF_NOTIFICATIONS.code(), 0, payload(0b1010));
        post(AenqGroup.DEVICE_REQUEST_RESET.code(), 0, payload());
        post(AenqGroup.FATAL_ERROR.code(), 0, payload());
        post(AenqGroup.REFRESH_CAPABILITIES.code(), 0, payload());
        post(AenqGroup.NOTIFICATION.code(), 0, payload()); // historic SUSPEND
        assertThat(aenq.process()).isEqualTo(6);
        assertThat(aenq.linkUp()).isTrue();
        assertThat(aenq.linkChangeNanos()).isEqualTo(6_000);
        assertThat(aenq.confNotifications()).isEqualTo(0b1010);
        assertThat(aenq.trafficSuspended()).isTrue();
        assertThat(resets).containsExactly(ResetReason.DEVICE_REQUEST, ResetReason.GENERIC, ResetReason.NORMAL);

        clock.advance(1_000);
        post(AenqGroup.LINK_CHANGE.code(), 0, payload(0));
        post(AenqGroup.NOTIFICATION.code(), 1, payload()); // historic RESUME
        post(AenqGroup.KEEP_ALIVE.code(), 0, payload(11, 22, 33));
        assertThat(aenq.process()).isEqualTo(3);
        assertThat(aenq.linkUp()).isFalse();
        assertThat(aenq.trafficSuspended()).isFalse();
        assertThat(aenq.lastKeepAliveNanos()).isEqualTo(7_000);
        assertThat(aenq.rxDrops()).isEqualTo(11);
        assertThat(aenq.txDrops()).isEqualTo(22);
        assertThat(aenq.rxOverruns()).isEqualTo(33);
        assertThat(aenq.stats().get(AenqStats.Counter.SUSPEND)).isEqualTo(1);
        assertThat(aenq.stats().get(AenqStats.Counter.RESUME)).isEqualTo(1);
    }

    @Test
    void updateHintsAreParsedAndHandedToTheListener() {
        List<HwHintsInfo> got = new ArrayList<>();
        aenq.setHintsListener(got::add);
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 1; i <= 8; i++) {
            b.putShort((short) (i * 100));
        }
        post(AenqGroup.NOTIFICATION.code(), 2, b.array());
        assertThat(aenq.process()).isEqualTo(1);
        HwHintsInfo expected = new HwHintsInfo(100, 200, 300, 400, 500, 600, 700, 800);
        assertThat(got).containsExactly(expected);
        assertThat(aenq.lastHints()).isEqualTo(expected);
        assertThat(aenq.stats().get(AenqStats.Counter.HINTS)).isEqualTo(1);
    }

    @Test
    void handlerExceptionIsCountedAndProcessingGoesOn() {
        aenq.setHandler(AenqGroup.CONF_NOTIFICATIONS.code(), (s, b) -> {
            throw new IllegalStateException("broken handler");
        });
        post(AenqGroup.CONF_NOTIFICATIONS.code(), 0, payload());
        post(AenqGroup.LINK_CHANGE.code(), 0, payload(1));
        assertThat(aenq.process()).isEqualTo(2);
        assertThat(aenq.stats().get(AenqStats.Counter.HANDLER_ERRORS)).isEqualTo(1);
        assertThat(aenq.linkUp()).isTrue();
        assertThat(dev.aenqHeadDb()).isEqualTo(18);
    }

    @Test
    void handlerTableCanBeReplacedAndNullFallsBackToTheDefault() {
        List<Integer> seen = new ArrayList<>();
        aenq.setHandler(AenqGroup.LINK_CHANGE.code(), null);
        aenq.setDefaultHandler((s, b) -> seen.add(AenqEntry.group(s, b)));
        post(AenqGroup.LINK_CHANGE.code(), 0, payload(1));
        post(12, 0, payload());
        assertThat(aenq.process()).isEqualTo(2);
        assertThat(seen).containsExactly(0, 12);
        assertThat(aenq.linkUp()).isFalse(); // the built-in link handler is gone
        assertThatThrownBy(() -> aenq.setHandler(8, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AENQ group 8 is out of range: accepted 0..7");
        assertThatThrownBy(() -> aenq.setDefaultHandler(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepAlivePendingPeeksWithoutConsuming() {
        assertThat(aenq.keepAlivePending()).isFalse();
        post(AenqGroup.LINK_CHANGE.code(), 0, payload(1));
        assertThat(aenq.keepAlivePending()).isFalse();
        post(AenqGroup.KEEP_ALIVE.code(), 0, payload(5));
        assertThat(aenq.keepAlivePending()).isTrue();
        assertThat(aenq.keepAlivePending()).isTrue(); // still there: nothing consumed
        assertThat(aenq.head()).isEqualTo(16);
        assertThat(aenq.rxDrops()).isZero();
        assertThat(aenq.process()).isEqualTo(2);
        assertThat(aenq.keepAlivePending()).isFalse();
    }

    @Test
    void deviceIgnoringTheCreditProtocolCannotHoldTheThread() {
        // A "device" that rewrites each slot with the next lap's phase as soon as it was read: without a bound
        // the consumer would go round the ring forever.
        MemorySegment ring = aenq.ring();
        aenq.setHandler(AenqGroup.KEEP_ALIVE.code(), (s, b) -> {
            int phase = s.get(ValueLayout.JAVA_BYTE, b + AenqEntry.FLAGS_OFFSET) & 1;
            s.set(ValueLayout.JAVA_BYTE, b + AenqEntry.FLAGS_OFFSET, (byte) (phase ^ 1));
        });
        for (int slot = 0; slot < 16; slot++) {
            ring.set(ValueLayout.JAVA_SHORT_UNALIGNED, slot * 64L, (short) AenqGroup.KEEP_ALIVE.code());
            ring.set(ValueLayout.JAVA_BYTE, slot * 64L + 4, (byte) 1);
        }
        assertThat(aenq.process()).isEqualTo(16);
        assertThat(aenq.head()).isEqualTo(32);
        assertThat(aenq.phase()).isZero();
        assertThat(aenq.process()).isEqualTo(16); // the next call takes the next lap, again bounded
    }

    @Test
    void destroyFreesTheRingAndProcessingThenDoesNothing() {
        long addr = aenq.ioAddress();
        aenq.destroy();
        assertThat(dev.iommu.find(addr, 64)).isNull();
        assertThat(aenq.process()).isZero();
        assertThat(aenq.keepAlivePending()).isFalse();
        assertThat(aenq.ring()).isNull();
        assertThat(aenq.init()).isZero();
        assertThat(aenq.head()).isEqualTo(16);
    }
}
