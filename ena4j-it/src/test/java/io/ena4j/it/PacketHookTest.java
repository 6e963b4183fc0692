package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.HookContext;
import io.ena4j.driver.Packet;
import io.ena4j.driver.PacketHook;
import io.ena4j.driver.QueuePair;
import io.ena4j.driver.RxChecksum;
import io.ena4j.model.net.FrameBuilder;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packet hook (datapath.md §15.1, the XDP equivalent) against the device model: every verdict, its counter and
 * where the frame ends up; metadata seen by the hook; the multi-buffer and MTU rules; survival across a reset; and
 * no allocation per verdict.
 */
class PacketHookTest {

    private static final byte[] MAC_A = {0x06, 0, 0, 0, 0, 0x0a};
    private static final byte[] MAC_B = {0x06, 0, 0, 0, 0, 0x0b};

    private DataPathTest.Rig rig;

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    private static byte[] udp(int i, int size) {
        return FrameBuilder.udp4(MAC_B, MAC_A, 0x0A000001, 0x0A000002, 1000 + i, 53, size);
    }

    private void send(QueuePair qp, byte[] f) {
        Packet p = DataPathTest.chain(rig.pool, f);
        assertThat(qp.tx().send(new Packet[] {p}, 0, 1)).isEqualTo(1);
    }

    /** Steps the model and polls every queue of every port, collecting (and freeing) what is handed up per port. */
    private int[] pump(int steps) {
        int[] up = new int[rig.devs.length];
        Packet[] burst = new Packet[32];
        for (int s = 0; s < steps; s++) {
            rig.step();
            for (int d = 0; d < rig.devs.length; d++) {
                for (QueuePair q : rig.devs[d].queuePairs()) {
                    q.tx().clean(256);
                    int k = q.rx().receive(burst, 0, burst.length);
                    for (int i = 0; i < k; i++) {
                        rig.pool.free(burst[i]);
                    }
                    up[d] += k;
                }
            }
        }
        return up;
    }

    private Map<String, Long> stats(int dev) {
        return rig.devs[dev].ethtoolStats();
    }

    /** Free pool buffers plus those posted to Rx rings: every buffer not held elsewhere. */
    private int accounted() {
        int n = rig.pool.available();
        for (QueuePair[] port : rig.qps) {
            for (QueuePair qp : port) {
                n += qp.rx().postedBuffers();
            }
        }
        return n;
    }

    @Test
    void passHandsEveryFrameUpAndTheHookSeesItsMetadata() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        List<String> seen = new ArrayList<>();
        rig.devs[0].setPacketHook((p, ctx) -> {
            seen.add(ctx.queue() + ":" + p.packetLength() + ":" + (p.rxHash() != 0) + ":" + p.rxHashType() + ":"
                    + p.rxChecksum());
            return PacketHook.PASS;
        });
        for (int i = 0; i < 10; i++) {
            send(rig.tx(), udp(i, 100 + i));
        }
        assertThat(pump(50)[0]).isEqualTo(10);
        assertThat(seen).hasSize(10).first().isEqualTo("0:100:true:" + RxChecksum.HASH_L4 + ":"
                + RxChecksum.UNNECESSARY);
        assertThat(stats(0)).containsEntry("queue_0_rx_xdp_pass", 10L).containsEntry("queue_0_rx_cnt", 10L)
                .containsEntry("queue_0_rx_xdp_drop", 0L);
    }

    @Test
    void dropConsumesTheFrameAndReturnsItsBuffers() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        int total = accounted();
        rig.devs[0].setPacketHook((p, ctx) -> PacketHook.DROP);
        for (int i = 0; i < 20; i++) {
            send(rig.tx(), udp(i, 200));
        }
        assertThat(pump(50)[0]).as("nothing handed up").isZero();
        assertThat(stats(0)).containsEntry("queue_0_rx_xdp_drop", 20L)
                .containsEntry("queue_0_rx_cnt", 20L).containsEntry("queue_0_rx_bytes", 20L * 200);
        assertThat(accounted()).as("every buffer back in the pool or on the ring").isEqualTo(total);
    }

    @Test
    void txSendsTheRewrittenFrameBackOutOfTheSamePair() {
        rig = new DataPathTest.Rig(2, true, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        // Port 1 reflects: swap the MAC addresses in place and send back.
        rig.devs[1].setPacketHook((p, ctx) -> {
            MemorySegment b = p.buffer();
            long o = p.offset();
            for (int i = 0; i < 6; i++) {
                byte d = b.get(ValueLayout.JAVA_BYTE, o + i);
                b.set(ValueLayout.JAVA_BYTE, o + i, b.get(ValueLayout.JAVA_BYTE, o + 6 + i));
                b.set(ValueLayout.JAVA_BYTE, o + 6 + i, d);
            }
            return PacketHook.TX;
        });
        List<byte[]> back = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            send(rig.tx(), udp(i, 128));
        }
        Packet[] burst = new Packet[32];
        for (int s = 0; s < 100 && back.size() < 8; s++) {
            rig.step();
            rig.tx().tx().clean(256);
            rig.qps[1][0].tx().clean(256);
            rig.qps[1][0].rx().receive(burst, 0, burst.length); // consumed by the hook: nothing handed up
            int k = rig.tx().rx().receive(burst, 0, burst.length);
            for (int i = 0; i < k; i++) {
                byte[] f = new byte[burst[i].length()];
                MemorySegment.copy(burst[i].buffer(), ValueLayout.JAVA_BYTE, burst[i].offset(), f, 0, f.length);
                back.add(f);
                rig.pool.free(burst[i]);
            }
        }
        assertThat(back).hasSize(8);
        byte[] expected = udp(0, 128);
        byte[] swapped = expected.clone();
        System.arraycopy(expected, 0, swapped, 6, 6);
        System.arraycopy(expected, 6, swapped, 0, 6);
        assertThat(back.get(0)).isEqualTo(swapped);
        assertThat(stats(1)).containsEntry("queue_0_rx_xdp_tx", 8L).containsEntry("queue_0_tx_cnt", 8L);
    }

    @Test
    void redirectSendsTheFrameOutOfAnotherPort() {
        rig = new DataPathTest.Rig(2, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        QueuePair out = rig.qps[1][0];
        rig.devs[0].setPacketHook((p, ctx) -> ctx.redirect(out.tx()));
        for (int i = 0; i < 12; i++) {
            send(rig.tx(), udp(i, 300));
        }
        int[] up = pump(80);
        assertThat(up[0]).as("consumed on port 0").isZero();
        assertThat(up[1]).as("port 1 sent them on its loopback wire and received them").isEqualTo(12);
        assertThat(stats(0)).containsEntry("queue_0_rx_xdp_redirect", 12L);
        assertThat(stats(1)).containsEntry("queue_0_tx_cnt", 12L).containsEntry("queue_0_rx_cnt", 12L);
    }

    @Test
    void abortedInvalidThrowingAndTargetlessVerdictsDropAndCount() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        int total = accounted();
        int[] n = {0};
        rig.devs[0].setPacketHook((p, ctx) -> switch (n[0]++ % 4) {
            case 0 -> PacketHook.ABORTED;
            case 1 -> 7; // no such verdict
            case 2 -> throw new IllegalStateException("hook bug");
            default -> PacketHook.REDIRECT; // without a target
        });
        for (int i = 0; i < 8; i++) {
            send(rig.tx(), udp(i, 90));
        }
        assertThat(pump(50)[0]).isZero();
        assertThat(stats(0)).containsEntry("queue_0_rx_xdp_aborted", 6L).containsEntry("queue_0_rx_xdp_invalid", 2L);
        assertThat(accounted()).isEqualTo(total);
    }

    @Test
    void multiBufferFramesReachOnlyAHookThatHandlesThemAndTheMtuFollows() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 9000, QueuePair.Mode.POLL);
        EnaDevice dev = rig.devs[0];
        PacketHook single = (p, ctx) -> PacketHook.PASS;
        assertThatThrownBy(() -> dev.setPacketHook(single)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a single-buffer packet hook needs MTU <= 3502 (MTU is 9000); lower the MTU or use "
                        + "PacketHook.multiBuffer(hook)");
        assertThat(dev.packetHook(0)).as("nothing half-applied").isNull();
        int[] segs = {0};
        dev.setPacketHook(PacketHook.multiBuffer((p, ctx) -> {
            segs[0] = p.segments();
            return PacketHook.PASS;
        }));
        send(rig.tx(), udp(1, 8000));
        assertThat(pump(50)[0]).isEqualTo(1);
        assertThat(segs[0]).as("the hook saw the whole chain").isGreaterThan(1);

        dev.setPacketHook(null);
        dev.setMtu(3502);
        dev.setPacketHook(single);
        assertThatThrownBy(() -> dev.setMtu(3503)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MTU 3503 out of range while a single-buffer packet hook is attached: accepted 128..3502");
        assertThat(dev.mtu()).isEqualTo(3502);
        assertThatThrownBy(() -> dev.setPacketHook(1_000, single)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("packet hook queue 1000 out of range: accepted 0..");
    }

    @Test
    void aSingleBufferHookNeverSeesAChainedFrame() {
        // 2 KiB buffers: at MTU 3000 a full frame takes two of them although the MTU is within the hook's limit.
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 3000, QueuePair.Mode.POLL, 1,
                io.ena4j.model.DeviceProfile.ec2Default(), 2048);
        int[] calls = {0};
        rig.devs[0].setPacketHook((p, ctx) -> {
            calls[0]++;
            return PacketHook.PASS;
        });
        int total = accounted();
        send(rig.tx(), udp(2, 1000));
        send(rig.tx(), udp(3, 3000));
        assertThat(pump(30)[0]).as("only the single-buffer frame goes up").isEqualTo(1);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(stats(0)).containsEntry("queue_0_rx_xdp_pass", 1L).containsEntry("queue_0_rx_xdp_drop", 1L)
                .containsEntry("queue_0_rx_cnt", 2L);
        assertThat(accounted()).isEqualTo(total);
    }

    @Test
    void theHookStaysAttachedAcrossAReset() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        rig.devs[0].setPacketHook((p, ctx) -> PacketHook.DROP);
        rig.devs[0].resetAndRestore();
        pump(5); // refill after the restore
        send(rig.tx(), udp(3, 100));
        assertThat(pump(30)[0]).isZero();
        assertThat(stats(0)).containsEntry("queue_0_rx_xdp_drop", 1L);
        assertThat(rig.tx().rx().hook()).isNotNull();
    }

    @Test
    void bouncingFramesThroughTheTxVerdictAllocatesNothing() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        rig.devs[0].setPacketHook((p, ctx) -> PacketHook.TX); // on a loopback wire: the frames circulate forever
        for (int i = 0; i < 32; i++) {
            send(rig.tx(), udp(i, 64));
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        QueuePair qp = rig.tx();
        Packet[] burst = new Packet[32];
        Runnable run = () -> {
            for (int s = 0; s < 2_000; s++) {
                rig.step();
                qp.tx().clean(256);
                qp.rx().receive(burst, 0, burst.length);
            }
        };
        for (int w = 0; w < 10; w++) {
            run.run(); // JIT warm-up
        }
        List<Long> windows = new ArrayList<>();
        long verdicts = 0;
        for (int w = 0; w < 10; w++) {
            long v0 = qp.rx().packets();
            long before = threads.getCurrentThreadAllocatedBytes();
            run.run();
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            verdicts = qp.rx().packets() - v0;
            windows.add(bytes);
            if (bytes == 0) {
                break;
            }
        }
        assertThat(verdicts).as("frames bounced in the window").isGreaterThan(10_000);
        assertThat(windows.getLast()).as("bytes allocated (windows %s)", windows).isZero();
    }
}
