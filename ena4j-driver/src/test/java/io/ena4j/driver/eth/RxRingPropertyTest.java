package io.ena4j.driver.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.RxCdescExt;
import io.ena4j.spec.eth.RxDesc;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Randomised runs of the Rx ring against a small device simulation: the driver posts buffers and rings the
 * doorbell; the device reads the posted descriptors (checking phase per lap and the driver's ctrl value, §5),
 * fills them in order with multi-buffer packets (first/last, offset on the first entry, parse fields and hash on
 * the last, §6.1), sometimes publishing a packet's entries in two steps (§11.3 step 2); the driver assembles
 * packets with {@link RxPath#rxPkt} and refills. Many laps, u16 wrap of the counters, both entry sizes.
 */
class RxRingPropertyTest {

    @Property(tries = 30)
    void packetsAreAssembledOverManyLaps(@ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int depthLog,
            @ForAll @IntRange(min = 0, max = 65535) int sqStart, @ForAll @IntRange(min = 0, max = 65535) int cqStart,
            @ForAll boolean extended, @ForAll @IntRange(min = 1, max = 19) int maxBufs) {
        run(new Random(seed), 1 << depthLog, sqStart, cqStart, extended, maxBufs, 3000);
    }

    @Example
    void crossesTheU16WrapOnBothRings() {
        run(new Random(7), 16, 65536 - 5, 65536 - 3, false, 5, 3000);
        run(new Random(8), 64, 65536 - 50, 65536 - 7, true, 19, 3000);
    }

    private static void run(Random rnd, int depth, int sqStart, int cqStart, boolean extended, int maxBufs,
            int rounds) {
        int entry = extended ? 32 : 16;
        DmaBuffer sqRing = EthTestSupport.dma(depth * 16L);
        DmaBuffer cqRing = EthTestSupport.dma((long) depth * entry);
        try {
            RingStats stats = new RingStats();
            EthTestSupport.RecordingBar bar = new EthTestSupport.RecordingBar();
            IoSq sq = IoSq.rx(sqRing, depth, 48, bar, 0x1000, stats);
            sq.restoreState(sqStart, 1 - ((sqStart / depth) & 1), sqStart);
            IoCq cq = IoCq.rx(cqRing, depth, entry, true, stats);
            int cqPhase = 1 - ((cqStart / depth) & 1);
            cq.restoreState(cqStart, cqPhase, 0, cqStart & (depth - 1));
            // Mid-life CQ: every entry carries the stale phase; for 32-byte entries put the status at each entry.
            MemorySegment cqSeg = cqRing.segment();
            cqSeg.fill((byte) 0);
            for (int slot = 0; slot < depth; slot++) {
                int expected = slot >= (cqStart & (depth - 1)) ? cqPhase : 1 - cqPhase;
                RxCdescBase.phase(cqSeg, (long) slot * entry, 1 - expected);
            }

            ArrayDeque<Integer> freeIds = new ArrayDeque<>();
            for (int id = 0; id < depth; id++) {
                freeIds.add(id);
            }
            long[] postedAddr = new long[depth];
            int[] postedLen = new int[depth];
            boolean[] posted = new boolean[depth];
            long devSqHead = sqStart;
            long devSqTail = sqStart;
            long devCqTail = cqStart;
            ArrayDeque<Integer> devBuffers = new ArrayDeque<>();
            ArrayDeque<long[]> expected = new ArrayDeque<>();
            int[] pendingEntries = new int[0];
            RxContext ctx = new RxContext(19);
            ctx.maxBufs = maxBufs;
            long packets = 0;
            long buffers = 0;

            for (int r = 0; r < rounds; r++) {
                // Driver refill, then one doorbell (§8.4, §11.2).
                int added = 0;
                int want = rnd.nextInt(depth);
                while (added < want && !freeIds.isEmpty()) {
                    int id = freeIds.peekFirst();
                    long addr = rnd.nextLong() & 0xFFFF_FFFF_FFFFL;
                    int len = 1 + rnd.nextInt(65536);
                    int rc = RxPath.addRxDesc(sq, addr, len, id);
                    if (rc == EnaErrno.ENOSPC) {
                        assertThat(sq.freeEntries()).isZero();
                        break;
                    }
                    assertThat(rc).isZero();
                    freeIds.pollFirst();
                    postedAddr[id] = addr;
                    postedLen[id] = len;
                    posted[id] = true;
                    added++;
                }
                if (added > 0) {
                    sq.writeDoorbell();
                    assertThat(bar.lastValue).isEqualTo(sq.tail());
                    long n = (sq.tail() - devSqTail) & 0xFFFF;
                    devSqTail += n;
                    while (devSqHead < devSqTail) {
                        long off = (devSqHead & (depth - 1)) * 16;
                        int phase = (int) (1 - ((devSqHead / depth) & 1));
                        assertThat(RxDesc.ctrl(sqRing.segment(), off)).isEqualTo(RxDesc.CTRL_DRIVER_BASE | phase);
                        int id = RxDesc.reqId(sqRing.segment(), off);
                        assertThat(posted[id]).isTrue();
                        assertThat(RxDesc.bufferAddress(sqRing.segment(), off)).isEqualTo(postedAddr[id]);
                        assertThat(RxDesc.decodeLength(RxDesc.length(sqRing.segment(), off))).isEqualTo(postedLen[id]);
                        devBuffers.add(id);
                        devSqHead++;
                    }
                }

                // Device: finish a half-published packet, or write a new one (maybe only its first part).
                if (pendingEntries.length > 0) {
                    publish(cqSeg, depth, entry, pendingEntries);
                    pendingEntries = new int[0];
                } else if (!devBuffers.isEmpty() && rnd.nextInt(3) != 0) {
                    int k = 1 + rnd.nextInt(Math.min(maxBufs, devBuffers.size()));
                    long[] pkt = new long[4 + 2 * k];
                    int l3 = rnd.nextInt(32);
                    int l4 = rnd.nextInt(32);
                    int hash = rnd.nextInt();
                    int offset = rnd.nextInt(256);
                    pkt[0] = k;
                    pkt[1] = ((long) l4 << 8) | l3;
                    pkt[2] = hash;
                    pkt[3] = offset;
                    int[] staged = new int[k];
                    for (int j = 0; j < k; j++) {
                        int id = devBuffers.pollFirst();
                        int len = rnd.nextInt(Math.min(postedLen[id], 65535) + 1);
                        pkt[4 + 2 * j] = id;
                        pkt[5 + 2 * j] = len;
                        long off = (devCqTail & (depth - 1)) * entry;
                        int phase = (int) (1 - ((devCqTail / depth) & 1));
                        int status = (phase << RxCdescBase.STATUS_PHASE_SHIFT) | RxCdescBase.STATUS_BUFFER_MASK
                                | (j == 0 ? RxCdescBase.STATUS_FIRST_MASK : 0)
                                | (j == k - 1 ? RxCdescBase.STATUS_LAST_MASK | l3 | (l4 << 8)
                                        | RxCdescBase.STATUS_L4_CSUM_CHECKED_MASK : 0);
                        RxCdescBase.length(cqSeg, off, len);
                        RxCdescBase.reqId(cqSeg, off, id);
                        RxCdescBase.hash(cqSeg, off, j == k - 1 ? hash : 0);
                        RxCdescBase.offset(cqSeg, off, j == 0 ? offset : 0);
                        if (extended) {
                            RxCdescExt.timestamp(cqSeg, off, j == k - 1 ? devCqTail * 1000 : 0);
                        }
                        staged[j] = status;
                        devCqTail++;
                    }
                    expected.add(pkt);
                    // Publish the status words (phase last, release); sometimes hold back the tail of the packet.
                    int now = k > 1 && rnd.nextBoolean() ? 1 + rnd.nextInt(k - 1) : k;
                    long firstSlot = devCqTail - k;
                    int[] first = new int[2 * now];
                    int[] rest = new int[2 * (k - now)];
                    for (int j = 0; j < k; j++) {
                        int[] dst = j < now ? first : rest;
                        int at = 2 * (j < now ? j : j - now);
                        dst[at] = (int) ((firstSlot + j) & (depth - 1));
                        dst[at + 1] = staged[j];
                    }
                    publish(cqSeg, depth, entry, first);
                    pendingEntries = rest;
                }

                // Driver poll.
                int rc;
                while ((rc = RxPath.rxPkt(cq, sq, ctx)) == 0 && ctx.descs > 0) {
                    long[] pkt = expected.pollFirst();
                    assertThat(pkt).as("driver assembled a packet the device did not send").isNotNull();
                    int k = (int) pkt[0];
                    assertThat(ctx.descs).isEqualTo(k);
                    for (int j = 0; j < k; j++) {
                        assertThat(ctx.bufReqId[j]).isEqualTo((int) pkt[4 + 2 * j]);
                        assertThat(ctx.bufLen[j]).isEqualTo((int) pkt[5 + 2 * j]);
                        int id = ctx.bufReqId[j];
                        assertThat(posted[id]).isTrue();
                        posted[id] = false;
                        freeIds.add(id);
                    }
                    assertThat(ctx.l3Proto).isEqualTo((int) (pkt[1] & 0x1F));
                    assertThat(ctx.l4Proto).isEqualTo((int) (pkt[1] >>> 8));
                    assertThat(ctx.hash).isEqualTo((int) pkt[2]);
                    assertThat(ctx.pktOffset).isEqualTo((int) pkt[3]);
                    assertThat(ctx.l4CsumChecked).isTrue();
                    assertThat(ctx.hasTimestamp).isEqualTo(extended);
                    packets++;
                    buffers += k;
                }
                assertThat(rc).isZero();
                // Half-published packets stay pending in the CQ, never half-delivered.
                if (pendingEntries.length > 0) {
                    assertThat(cq.curRxPktCdescCount()).isEqualTo(((int) expected.peekLast()[0])
                            - pendingEntries.length / 2);
                }
            }
            assertThat(stats.resetReason()).isNull();
            assertThat(buffers).as("several laps of the CQ").isGreaterThan(3L * depth);
            assertThat(packets).isPositive();
        } finally {
            EthTestSupport.DMA.free(sqRing);
            EthTestSupport.DMA.free(cqRing);
        }
    }

    /** Release-writes the status words of {@code slotStatus} pairs [slot, status], in order. */
    private static void publish(MemorySegment cq, int depth, int entry, int[] slotStatus) {
        for (int i = 0; i < slotStatus.length; i += 2) {
            RxCdescBase.statusRelease(cq, (long) slotStatus[i] * entry, slotStatus[i + 1]);
        }
    }
}
