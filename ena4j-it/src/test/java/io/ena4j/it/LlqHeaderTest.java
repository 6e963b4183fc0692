package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.Packet;
import io.ena4j.driver.QueuePair;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LLQ header linearisation (datapath.md §9.3): the pushed header is the first min(length, max header) bytes of the
 * whole chain; a head segment shorter than that is assembled in the queue's own buffer ({@code llq_buffer_copy}),
 * and the frame the device puts on the wire is the chain's bytes, each exactly once.
 */
class LlqHeaderTest {

    private DataPathTest.Rig rig;

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    /** Segment lengths of the chains sent, relative to the max header {@code h}; {@code -1} stands for h itself. */
    private static int[][] shapes(int h) {
        return new int[][] {
            {h + 200},             // single buffer longer than the header: no copy
            {h},                   // exactly the header
            {40},                  // a packet shorter than the header: the header is the whole packet, no copy
            {h + 10, 300},         // head longer than the header: no copy
            {h, 300},              // head exactly the header: no copy
            {10, 20, 300},         // the header spans three segments and ends inside the third
            {14, h - 14, 500},     // the header ends exactly at the end of the second segment
            {10, 20},              // a chain shorter than the header: all of it pushed, no data descriptor
            {1, 1, 1, 1, h},       // many tiny segments
        };
    }

    private static boolean copies(int[] shape, int h) {
        int len = Arrays.stream(shape).sum();
        return shape[0] < Math.min(len, h);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DriverConfig.LlqPolicy.class, names = {"AUTO", "LARGE"})
    void chainsArriveByteIdenticalWhateverTheHeadSegmentHolds(DriverConfig.LlqPolicy llq) {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults().withLlqPolicy(llq), 1500, QueuePair.Mode.POLL, 1);
        assertThat(rig.devs[0].llq().devicePlacement()).isTrue();
        int h = rig.tx().tx().sq().txMaxHeaderSize();
        assertThat(h).isEqualTo(llq == DriverConfig.LlqPolicy.LARGE ? 224 : 96);
        long expectedCopies = 0;
        int seed = 0;
        for (int[] shape : shapes(h)) {
            byte[] frame = new byte[Arrays.stream(shape).sum()];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (byte) (i * 13 + seed * 7 + 1);
            }
            seed++;
            Packet head = chain(frame, shape);
            assertThat(rig.tx().tx().send(new Packet[] {head}, 0, 1)).as(Arrays.toString(shape)).isEqualTo(1);
            if (copies(shape, h)) {
                expectedCopies++;
            }
            byte[] got = receiveOne();
            assertThat(got).as("segments %s", Arrays.toString(shape)).isEqualTo(frame);
            assertThat(rig.devs[0].ethtoolStats().get("queue_0_tx_llq_buffer_copy")).as(Arrays.toString(shape))
                    .isEqualTo(expectedCopies);
        }
        assertThat(expectedCopies).as("four shapes start with a segment shorter than their header").isEqualTo(4);
    }

    private Packet chain(byte[] frame, int[] shape) {
        Packet head = null;
        int off = 0;
        for (int len : shape) {
            Packet p = rig.pool.alloc();
            MemorySegment.copy(frame, off, p.buffer(), ValueLayout.JAVA_BYTE, p.offset(), len);
            assertThat(p.set(p.offset(), len)).isTrue();
            if (head == null) {
                head = p;
            } else {
                assertThat(head.append(p)).isTrue();
            }
            off += len;
        }
        return head;
    }

    private byte[] receiveOne() {
        Packet[] burst = new Packet[4];
        for (int spins = 0; spins < 1000; spins++) {
            rig.step();
            rig.tx().tx().clean(64);
            int k = rig.rx().rx().receive(burst, 0, burst.length);
            if (k > 0) {
                assertThat(k).isEqualTo(1);
                Packet head = burst[0];
                byte[] out = new byte[head.packetLength()];
                int at = 0;
                for (Packet s = head; s != null; s = s.next()) {
                    MemorySegment.copy(s.buffer(), ValueLayout.JAVA_BYTE, s.offset(), out, at, s.length());
                    at += s.length();
                }
                rig.pool.free(head);
                return out;
            }
        }
        throw new AssertionError("no frame received");
    }
}
