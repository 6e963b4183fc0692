package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.Packet;
import io.ena4j.driver.PacketPool;
import io.ena4j.driver.QueuePair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ethtool -G} and {@code -L} against the device model: the queues are rebuilt while the device stays up,
 * the application's queue objects stay valid, traffic flows before and after, and no buffer is lost.
 */
class ReconfigureTest {

    private DataPathTest.Rig rig;

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    /**
     * Sends {@code n} frames on {@code qp} of port 0 (loopback) and receives them on whichever pair RSS picks. Each
     * pair is polled once first: after a rebuild a pair's poller fills its Rx ring at its next call.
     */
    private int roundTrip(QueuePair qp, int n) {
        Packet[] burst = new Packet[64];
        for (QueuePair q : rig.devs[0].queuePairs()) {
            assertThat(q.rx().receive(burst, 0, burst.length)).isZero();
        }
        Packet[] one = new Packet[1];
        int sent = 0;
        for (int i = 0; i < n; i++) {
            Packet p = rig.pool.alloc();
            p.set(p.offset(), 64 + i);
            one[0] = p;
            if (qp.tx().send(one, 0, 1) == 1) {
                sent++;
            } else {
                rig.pool.free(p);
            }
        }
        int got = rig.receiveAndFree(qp, sent);
        for (int i = 0; i < 100 && qp.tx().inFlight() > 0; i++) {
            rig.step();
            qp.tx().clean(256);
        }
        return got;
    }

    private long accounted() {
        long posted = 0;
        for (QueuePair qp : rig.devs[0].queuePairs()) {
            posted += qp.rx().postedBuffers() + qp.tx().inFlight();
        }
        return rig.pool.available() + posted;
    }

    @Test
    void ringSizesChangeUnderTheSameQueueObjectsAndTrafficContinues() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1);
        EnaDevice dev = rig.devs[0];
        QueuePair qp = rig.tx();
        assertThat(roundTrip(qp, 100)).isEqualTo(100);
        long resets = dev.totalResets();

        dev.setRingSizes(300, 600);

        assertThat(dev.txRingSize()).as("rounded down to a power of two").isEqualTo(256);
        assertThat(dev.rxRingSize()).isEqualTo(512);
        assertThat(dev.queuePairs()[0]).as("the same pair object").isSameAs(qp);
        assertThat(qp.tx().sq().depth()).isEqualTo(256);
        assertThat(qp.rx().sq().depth()).isEqualTo(512);
        assertThat(dev.totalResets()).as("no device reset").isEqualTo(resets);
        assertThat(roundTrip(qp, 100)).as("traffic after the change").isEqualTo(100);
        assertThat(qp.rx().postedBuffers()).isEqualTo(511);
        assertThat(qp.tx().packets()).as("counters continue").isEqualTo(200);
        assertThat(accounted()).as("no buffer lost").isEqualTo(rig.pool.capacity());
    }

    @Test
    void ringSizesAreCheckedLikeEthtoolDoes() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1);
        EnaDevice dev = rig.devs[0];
        int max = dev.maxRxRingSize();

        assertThatThrownBy(() -> dev.setRingSizes(1024, max * 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rx ring size " + max * 2 + " out of range: accepted 1.." + max
                        + " (raised to 256 and rounded down to a power of two)");
        assertThat(dev.rxRingSize()).as("nothing changed").isEqualTo(1024);

        dev.setRingSizes(10, 10);

        assertThat(dev.txRingSize()).as("raised to the minimum").isEqualTo(256);
        assertThat(dev.rxRingSize()).isEqualTo(256);
    }

    @Test
    void whileDownTheSizesApplyAtTheNextUp() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1);
        EnaDevice dev = rig.devs[0];
        dev.down();

        dev.setRingSizes(512, 2048);
        QueuePair[] up = dev.up(1, new PacketPool[] {rig.pool}, new QueuePair.Mode[] {QueuePair.Mode.POLL});

        assertThat(up[0].tx().sq().depth()).isEqualTo(512);
        assertThat(up[0].rx().sq().depth()).isEqualTo(2048);
        assertThat(roundTrip(up[0], 50)).isEqualTo(50);
    }

    @Test
    void channelsGrowAndShrinkKeepingThePairsThatStay() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1);
        EnaDevice dev = rig.devs[0];
        int max = dev.maxIoQueues();
        QueuePair first = rig.tx();
        assertThat(roundTrip(first, 40)).isEqualTo(40);

        QueuePair[] grown = dev.setChannels(max, fill(max, rig.pool), modes(max));

        assertThat(grown).hasSize(max);
        assertThat(grown[0]).isSameAs(first);
        for (QueuePair qp : grown) {
            assertThat(qp.isRunning()).isTrue();
        }
        assertThat(roundTrip(first, 40)).isEqualTo(40);
        assertThat(dev.ethtoolStats().get("num_of_active_io_queues")).isEqualTo((long) max);

        QueuePair[] shrunk = dev.setChannels(1, null, null);

        assertThat(shrunk).containsExactly(first);
        if (max > 1) {
            QueuePair removed = grown[max - 1];
            Packet p = rig.pool.alloc();
            p.set(p.offset(), 60);
            assertThat(removed.tx().send(new Packet[] {p}, 0, 1)).as("a removed pair is closed for good").isZero();
            rig.pool.free(p);
        }
        assertThat(roundTrip(first, 40)).isEqualTo(40);
        assertThat(accounted()).as("no buffer lost").isEqualTo(rig.pool.capacity());
    }

    @Test
    void channelCountsOutOfRangeOrWithoutPoolsAreRefused() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1);
        EnaDevice dev = rig.devs[0];
        int max = dev.maxIoQueues();

        assertThatThrownBy(() -> dev.setChannels(0, null, null)).hasMessage(
                "combined channels 0 out of range: accepted 1.." + max);
        assertThatThrownBy(() -> dev.setChannels(max + 1, null, null)).hasMessage(
                "combined channels " + (max + 1) + " out of range: accepted 1.." + max);
        if (max > 1) {
            assertThatThrownBy(() -> dev.setChannels(2, null, null)).hasMessage(
                    "combined channels 2: a pool and a mode are needed for each added pair 1..1");
        }
        assertThat(dev.queuePairs()).hasSize(1);
        assertThat(roundTrip(rig.tx(), 10)).isEqualTo(10);
    }

    @Test
    void ringSizesAndChannelsSurviveADeviceReset() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1);
        EnaDevice dev = rig.devs[0];
        dev.setRingSizes(512, 2048);

        dev.resetAndRestore();

        assertThat(dev.totalResets()).isEqualTo(1);
        assertThat(dev.txRingSize()).isEqualTo(512);
        assertThat(dev.rxRingSize()).isEqualTo(2048);
        assertThat(rig.tx().tx().sq().depth()).isEqualTo(512);
        assertThat(rig.tx().rx().sq().depth()).isEqualTo(2048);
        assertThat(roundTrip(rig.tx(), 50)).isEqualTo(50);
    }

    @Test
    void theLargeLlqHeaderSwitchReinitialisesTheDeviceUnderTheSameQueues() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL, 1);
        EnaDevice dev = rig.devs[0];
        QueuePair qp = rig.tx();
        assertThat(dev.largeLlqHeader()).isFalse();
        assertThat(qp.tx().sq().txMaxHeaderSize()).isEqualTo(96);
        java.util.List<String> phases = new java.util.ArrayList<>();
        dev.addEventListener(new io.ena4j.driver.EnaEventListener() {
            @Override
            public void reset(ResetPhase phase, String reason, String detail) {
                phases.add(phase + " " + reason);
            }
        });
        long recovery = dev.lastRecoveryNanos();

        dev.setLargeLlqHeader(true);

        assertThat(dev.largeLlqHeader()).isTrue();
        assertThat(dev.queuePairs()[0]).isSameAs(qp);
        assertThat(qp.tx().sq().txMaxHeaderSize()).as("tx-push-buf-len 224").isEqualTo(224);
        assertThat(dev.txRingSize()).as("default Tx ring with wide LLQ").isEqualTo(512);
        assertThat(dev.totalResets()).as("a re-init, not a reset").isZero();
        assertThat(phases).as("a re-init is not announced as a reset").isEmpty();
        assertThat(dev.lastRecoveryNanos()).as("nor timed as a recovery").isEqualTo(recovery);
        assertThat(roundTrip(qp, 50)).isEqualTo(50);

        dev.setLargeLlqHeader(false);
        assertThat(qp.tx().sq().txMaxHeaderSize()).isEqualTo(96);
        assertThat(roundTrip(qp, 50)).isEqualTo(50);
        assertThat(accounted()).isEqualTo(rig.pool.capacity());
    }

    @Test
    void theLargeLlqHeaderNeedsLlq() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults().withLlqPolicy(DriverConfig.LlqPolicy.DISABLED),
                1500, QueuePair.Mode.POLL, 1);
        assertThatThrownBy(() -> rig.devs[0].setLargeLlqHeader(true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tx-push-buf-len: the device uses host placement (no LLQ); accepted only with LLQ");
    }

    private static PacketPool[] fill(int n, PacketPool p) {
        PacketPool[] a = new PacketPool[n];
        java.util.Arrays.fill(a, p);
        return a;
    }

    private static QueuePair.Mode[] modes(int n) {
        QueuePair.Mode[] m = new QueuePair.Mode[n];
        java.util.Arrays.fill(m, QueuePair.Mode.POLL);
        return m;
    }
}
