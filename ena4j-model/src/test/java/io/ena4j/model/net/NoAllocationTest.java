package io.ena4j.model.net;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;

import static io.ena4j.model.net.TestFrames.v6;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-packet calls allocate nothing once compiled: parse + hash (+ Tx checksum fill) over native memory, as the
 * engines use them. Measured with the JDK's per-thread allocation counter, not with time (no timed tests).
 */
class NoAllocationTest {

    private static final int ITERATIONS = 100_000;

    @Test
    void parseHashAndFillAllocateNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(mx.isThreadAllocatedMemorySupported()).isTrue();
        mx.setThreadAllocatedMemoryEnabled(true);
        byte[][] frames = {
            new FrameBuilder().udp(1234, 80).frameLength(64).build(),
            new FrameBuilder().vlan(0x8100, 5).tcp(40000, 443).frameLength(1514).build(),
            new FrameBuilder().ipv6(v6("2001:db8::1"), v6("2001:db8::2")).ipv6Extension(0, 8).tcp(1, 2)
                    .frameLength(200).build(),
        };
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] segs = new MemorySegment[frames.length];
            for (int i = 0; i < frames.length; i++) {
                segs[i] = arena.allocate(2048);
                MemorySegment.copy(MemorySegment.ofArray(frames[i]), 0, segs[i], 0, frames[i].length);
            }
            int[] lens = {frames[0].length, frames[1].length, frames[2].length};
            FrameInfo info = new FrameInfo();
            RssHasher toeplitz = new RssHasher();
            toeplitz.configure(RssHasher.TOEPLITZ, TestFrames.MS_KEY_AS_STORED, -1, FrameParserTest.allFields(), 6);
            RssHasher crc = new RssHasher();
            crc.configure(RssHasher.CRC32, TestFrames.MS_KEY_AS_STORED, -1, FrameParserTest.allFields(), 6);

            long allocated = Long.MAX_VALUE;
            int sink = 0;
            // Up to three rounds: the first ones may still run interpreted/C1 code whose temporaries escape.
            for (int round = 0; round < 3 && allocated != 0; round++) {
                sink += loop(segs, lens, info, toeplitz, crc);   // warm-up
                long before = mx.getCurrentThreadAllocatedBytes();
                sink += loop(segs, lens, info, toeplitz, crc);
                allocated = mx.getCurrentThreadAllocatedBytes() - before;
            }
            assertThat(allocated).as("bytes allocated in %d iterations (sink %d)", ITERATIONS, sink).isZero();
        }
    }

    private static int loop(MemorySegment[] segs, int[] lens, FrameInfo info, RssHasher toeplitz, RssHasher crc) {
        int acc = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            int k = i % segs.length;
            FrameParser.parse(segs[k], 0, lens[k], (i & 7) == 0, info);
            acc += toeplitz.hash(segs[k], 0, lens[k], info);
            if ((i & 15) == 0) {
                acc += crc.hash(segs[k], 0, lens[k], info);
                Checksums.fillTx(segs[k], 0, lens[k], info, true, true, false);
            }
        }
        return acc;
    }
}
