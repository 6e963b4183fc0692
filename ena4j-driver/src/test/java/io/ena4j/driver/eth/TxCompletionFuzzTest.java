package io.ena4j.driver.eth;

import static io.ena4j.driver.fuzz.Fuzz.check;
import static io.ena4j.driver.fuzz.Fuzz.phaseAt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ena4j.driver.com.EnaErrno;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.eth.TxCdescExt;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Fuzzes the Tx completion ring parser {@link TxCompletion#reqIdGet} (datapath.md §4, §8.2, §12.2) over an
 * {@link IoCq#tx} ring in device-written memory. See docs/FUZZING.md.
 *
 * <p>The input sets the ring up (depth 2..1024, 8- or 16-byte entries, CDESC_MBZ, a free-running start head
 * anywhere in the u16 range, the initial memory either stale entries with garbage req_ids or raw fuzzer bytes) and
 * then scripts a run: the driver posts req_ids, a well-behaved device completes posted req_ids in any order
 * (respecting its CQ credit, phase per lap), a misbehaving device writes raw bytes over any entry, and the driver
 * polls. Properties:
 * <ul>
 *   <li>nothing throws (an {@link IndexOutOfBoundsException} from the exactly-sized ring segment is an
 *       out-of-bounds read); only the documented return codes occur;</li>
 *   <li>rc 0: req_id in [0, depth), it is the req_id of the entry at the old head, the head moved by exactly one
 *       (u16) with the phase flipping on wrap, a timestamp exactly for 16-byte entries; otherwise the head and
 *       phase did not move and the outputs are the documented ones (EINVAL leaves the out-of-range req_id,
 *       EFAULT only with CDESC_MBZ and a set MBZ bit), counted and with a reset reason;</li>
 *   <li>an entry is reported at most once per time the device wrote it (stale entries of an earlier lap and
 *       never-written memory are never reported), whatever the device wrote;</li>
 *   <li>while the device behaves, completions are reported exactly in the order written, each req_id once and
 *       only after it was posted (never twice without being re-posted), none is missed or refused, and no
 *       counter or reset reason is touched.</li>
 * </ul>
 */
class TxCompletionFuzzTest {

    private static final int FREE = 0;
    private static final int POSTED = 1;
    private static final int COMPLETED = 2;

    @FuzzTest(maxDuration = "10m")
    void reqIdGet(FuzzedDataProvider data) {
        int depth = 1 << data.consumeInt(1, 10);
        int mask = depth - 1;
        int entry = data.consumeBoolean() ? (int) TxCdescExt.SIZE : (int) TxCdesc.SIZE;
        boolean mbz = data.consumeBoolean();
        int start = data.consumeInt(0, 0xFFFF);
        boolean rawInit = data.consumeBoolean();

        // Exactly depth * entry bytes: one byte past the ring is an IndexOutOfBoundsException.
        MemorySegment seg = MemorySegment.ofArray(new long[depth * entry / 8]);
        RingStats stats = new RingStats();
        IoCq cq = IoCq.tx(new DmaBuffer(seg, 0x2_0000_0000L), depth, entry, mbz, stats);
        cq.restoreState(start, phaseAt(start, depth), 0, 0);

        // Per slot: how often the device wrote it, and the write count when the driver last consumed it.
        int[] written = new int[depth];
        int[] consumedAt = new int[depth];
        if (rawInit) {
            byte[] init = data.consumeBytes(depth * entry);
            MemorySegment.copy(init, 0, seg, ValueLayout.JAVA_BYTE, 0, init.length);
            java.util.Arrays.fill(written, 1); // whatever is there counts as one write
        } else {
            // Mid-life ring: each slot holds an entry of the lap before the one the driver will read it in.
            for (int slot = 0; slot < depth; slot++) {
                long visit = slot >= (start & mask) ? start - (start & mask) + slot : start - (start & mask) + depth + slot;
                int stale = 1 - phaseAt(visit, depth);
                int garbage = data.consumeInt();
                int flags = (garbage >>> 24) & ~TxCdesc.FLAGS_PHASE_MASK | stale;
                TxCdesc.word0(seg, (long) slot * entry, TxCdesc.word0Of(garbage & 0xFFFF, (garbage >>> 16) & 0xFF,
                        flags));
            }
        }

        int[] state = new int[depth];      // per req_id (the ring depth bounds the req_ids a driver posts)
        int[] fifo = new int[depth];       // req_ids completed by the device, in entry order
        long[] fifoTs = new long[depth];
        int fifoHead = 0;
        int fifoLen = 0;
        long devTail = start;              // free-running index of the next entry the device writes
        long drvHead = start;              // free-running index of the next entry the driver consumes
        boolean tainted = rawInit; // raw memory may hold entries no well-behaved device wrote
        TxCompletionInfo info = new TxCompletionInfo();

        int ops = 0;
        while (data.remainingBytes() > 0 && ops++ < 8 * depth + 64) {
            switch (data.consumeInt(0, 4)) {
                case 0 -> { // driver posts a free req_id
                    int id = data.consumeInt(0, mask);
                    if (state[id] == FREE) {
                        state[id] = POSTED;
                    }
                }
                case 1 -> { // well-behaved device completes a posted req_id, if it has CQ credit
                    int id = data.consumeInt(0, mask);
                    if (state[id] != POSTED || devTail - drvHead >= depth) {
                        break;
                    }
                    long base = (devTail & mask) * entry;
                    long ts = 0;
                    if (entry == TxCdescExt.SIZE) {
                        ts = data.consumeLong();
                        TxCdescExt.timestamp(seg, base, ts);
                    }
                    int status = data.consumeInt(0, 0xFF);
                    // Reserved flag bits are the device's business; the MBZ bits stay clear.
                    int reserved = data.consumeInt(0, 0x1F) << 1;
                    TxCdesc.word0Release(seg, base, TxCdesc.word0Of(id, status, reserved | phaseAt(devTail, depth)));
                    written[(int) (devTail & mask)]++;
                    devTail++;
                    state[id] = COMPLETED;
                    fifo[(fifoHead + fifoLen) % depth] = id;
                    fifoTs[(fifoHead + fifoLen) % depth] = ts;
                    fifoLen++;
                }
                case 2 -> { // misbehaving device: raw bytes over any entry (or part of one)
                    int slot = data.consumeInt(0, mask);
                    int at = data.consumeInt(0, entry - 1);
                    byte[] raw = data.consumeBytes(entry - at);
                    MemorySegment.copy(raw, 0, seg, ValueLayout.JAVA_BYTE, (long) slot * entry + at, raw.length);
                    written[slot]++;
                    tainted = true;
                }
                default -> { // driver polls: one call, or until the ring is empty (bounded)
                    int calls = data.consumeBoolean() ? 1 : depth + 1;
                    for (int c = 0; c < calls; c++) {
                        int rc = poll(cq, seg, info, stats, written, consumedAt);
                        if (rc != EnaErrno.OK) {
                            if (!tainted) {
                                check(rc == EnaErrno.EAGAIN, "well-behaved device: rc %d instead of 0/EAGAIN", rc);
                                check(fifoLen == 0, "completion missed: %d written but EAGAIN", fifoLen);
                            }
                            break;
                        }
                        drvHead++;
                        if (!tainted) {
                            check(fifoLen > 0, "req_id %d reported but no completion was written", info.reqId);
                            int expected = fifo[fifoHead];
                            check(info.reqId == expected, "reported req_id %d, device wrote %d", info.reqId, expected);
                            check(state[info.reqId] == COMPLETED, "req_id %d reported twice", info.reqId);
                            if (entry == TxCdescExt.SIZE) {
                                check(info.timestamp == fifoTs[fifoHead], "timestamp of the wrong entry");
                            }
                            fifoHead = (fifoHead + 1) % depth;
                            fifoLen--;
                            state[info.reqId] = FREE; // the caller frees the packet; it may be posted again
                        }
                    }
                }
            }
        }
        if (!tainted) {
            check(stats.resetReason() == null, "reset requested for a well-behaved device");
            check(stats.get(RingCounter.BAD_REQ_ID) == 0 && stats.get(RingCounter.TX_DESC_MALFORMED) == 0,
                    "error counted for a well-behaved device");
        }
    }

    /** One {@link TxCompletion#reqIdGet} call with the per-call properties checked. */
    private static int poll(IoCq cq, MemorySegment seg, TxCompletionInfo info, RingStats stats, int[] written,
            int[] consumedAt) {
        int depth = cq.depth();
        int mask = depth - 1;
        int head = cq.head();
        int phase = cq.phase();
        long base = (long) (head & mask) * cq.entrySize();
        int word0 = TxCdesc.word0(seg, base);
        long badReqIds = stats.get(RingCounter.BAD_REQ_ID);
        long malformed = stats.get(RingCounter.TX_DESC_MALFORMED);
        info.reqId = 12345;
        info.hasTimestamp = true;

        int rc = TxCompletion.reqIdGet(cq, info);

        boolean fresh = ((word0 & TxCdesc.WORD0_PHASE_MASK) >>> TxCdesc.WORD0_PHASE_SHIFT) == phase;
        switch (rc) {
            case EnaErrno.OK -> {
                check(fresh, "entry with a stale phase reported");
                check(info.reqId >= 0 && info.reqId < depth, "req_id %d outside [0, %d)", info.reqId, depth);
                check(info.reqId == (word0 & 0xFFFF), "req_id %d is not the head entry's %d", info.reqId,
                        word0 & 0xFFFF);
                check(info.hasTimestamp == cq.isExtended(), "timestamp flag wrong");
                int newHead = (head + 1) & 0xFFFF;
                check(cq.head() == newHead, "head %d after consuming at %d", cq.head(), head);
                check(cq.phase() == ((newHead & mask) == 0 ? phase ^ 1 : phase), "phase not flipped on wrap");
                int slot = head & mask;
                check(written[slot] > consumedAt[slot], "slot %d reported again without being rewritten", slot);
                consumedAt[slot] = written[slot];
            }
            case EnaErrno.EAGAIN -> {
                check(!fresh, "new entry not seen");
                check(info.reqId == -1 && !info.hasTimestamp, "outputs not cleared on EAGAIN");
            }
            case EnaErrno.EFAULT -> {
                check(fresh && cq.cdescMbz() && (word0 & TxCdesc.WORD0_MBZ_MASK) != 0, "EFAULT without an MBZ bit");
                check(stats.get(RingCounter.TX_DESC_MALFORMED) == malformed + 1, "malformed entry not counted");
                check(stats.resetReason() != null, "no reset reason recorded");
            }
            case EnaErrno.EINVAL -> {
                check(fresh && (word0 & 0xFFFF) >= depth, "EINVAL for an in-range req_id");
                check(info.reqId == (word0 & 0xFFFF), "bad req_id not left for diagnostics");
                check(stats.get(RingCounter.BAD_REQ_ID) == badReqIds + 1, "bad req_id not counted");
                check(stats.resetReason() != null, "no reset reason recorded");
            }
            default -> throw new AssertionError("undocumented rc " + rc);
        }
        if (rc != EnaErrno.OK) {
            check(cq.head() == head && cq.phase() == phase, "head moved on rc %d", rc);
        }
        return rc;
    }
}
