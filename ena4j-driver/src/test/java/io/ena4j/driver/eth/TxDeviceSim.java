package io.ena4j.driver.eth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.spec.eth.LlqEntry;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.eth.TxDesc;
import io.ena4j.spec.eth.TxMetaDesc;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal, independent device-side reader of a Tx SQ (host ring or LLQ window) and writer of its Tx CQ, for the
 * property tests: it walks the slots published by a doorbell, checks each descriptor's phase against the lap it
 * was written in (datapath.md §8.2) and the entry layout (§9.2), and turns them back into packets. Counters are
 * {@code long} (never wrap), so a u16 wrap of the driver's counters is checked against an unwrapped truth.
 */
final class TxDeviceSim {

    /** A packet as the device saw it. */
    record Packet(int reqId, boolean meta, int mss, long[] addr, int[] len, byte[] header, int headerLength,
            int metaCtrl, long slots) {
    }

    private final int depth;
    private final LlqInfo llq;
    private final MemorySegment mem;
    private final long base;
    private final MemorySegment cq;
    private long sqHead;
    private long cqTail;
    private long doorbellTail;

    TxDeviceSim(int depth, LlqInfo llq, MemorySegment mem, long base, MemorySegment cq, long sqStart, long cqStart) {
        this.depth = depth;
        this.llq = llq;
        this.mem = mem;
        this.base = base;
        this.cq = cq;
        this.sqHead = sqStart;
        this.cqTail = cqStart;
        this.doorbellTail = sqStart;
    }

    private int phaseOf(long slot) {
        return (int) (1 - ((slot / depth) & 1));
    }

    /**
     * The driver rang the doorbell with {@code tail} (u16): parse every slot from the last doorbell up to it.
     * With an LLQ burst limit, checks that no more entries than allowed were written since the last doorbell.
     */
    List<Packet> doorbell(int tail) {
        long newSlots = (tail - doorbellTail) & 0xFFFF;
        if (llq != null && llq.maxEntriesInTxBurst() > 0) {
            assertThat(newSlots).as("entries in one burst").isLessThanOrEqualTo(llq.maxEntriesInTxBurst());
        }
        long target = doorbellTail + newSlots;
        doorbellTail = target;
        List<Packet> out = new ArrayList<>();
        while (sqHead < target) {
            out.add(llq == null ? parseHost() : parseLlq());
        }
        assertThat(sqHead).as("packets end exactly at the doorbell").isEqualTo(target);
        return out;
    }

    private Packet parseHost() {
        long start = sqHead;
        List<long[]> descs = new ArrayList<>();
        boolean meta = false;
        int metaLen = 0;
        int word2 = 0;
        while (true) {
            long off = (sqHead & (depth - 1)) * TxDesc.SIZE;
            int w0 = TxDesc.lenCtrl(mem, off);
            assertThat((w0 & TxDesc.LEN_CTRL_PHASE_MASK) >>> TxDesc.LEN_CTRL_PHASE_SHIFT).as("phase of slot %d", sqHead)
                    .isEqualTo(phaseOf(sqHead));
            sqHead++;
            if ((w0 & TxDesc.LEN_CTRL_META_DESC_MASK) != 0) {
                assertThat(descs).as("meta descriptor comes first").isEmpty();
                assertThat(meta).isFalse();
                meta = true;
                metaLen = w0;
                word2 = TxMetaDesc.word2(mem, off);
                continue;
            }
            descs.add(new long[] {w0, TxDesc.metaCtrl(mem, off), TxDesc.bufferAddress(mem, off),
                    TxDesc.buffAddrHiHdrSz(mem, off)});
            if ((w0 & TxDesc.LEN_CTRL_LAST_MASK) != 0) {
                break;
            }
        }
        return toPacket(descs, meta, metaLen, word2, null, sqHead - start);
    }

    private Packet parseLlq() {
        long start = sqHead;
        int e = llq.entrySize();
        int before = llq.descsNumBeforeHeader();
        long firstOff = base + (sqHead & (depth - 1)) * e;
        List<long[]> descs = new ArrayList<>();
        boolean meta = false;
        int metaLen = 0;
        int word2 = 0;
        boolean last = false;
        boolean firstEntry = true;
        while (!last) {
            long entry = base + (sqHead & (depth - 1)) * e;
            int slots = firstEntry ? before : llq.descsPerEntry();
            int used = 0;
            for (int s = 0; s < slots && !last; s++) {
                long off = entry + LlqEntry.slotOffset(s);
                int w0 = TxDesc.lenCtrl(mem, off);
                assertThat((w0 & TxDesc.LEN_CTRL_PHASE_MASK) >>> TxDesc.LEN_CTRL_PHASE_SHIFT)
                        .as("phase in entry %d", sqHead).isEqualTo(phaseOf(sqHead));
                used++;
                if ((w0 & TxDesc.LEN_CTRL_META_DESC_MASK) != 0) {
                    assertThat(meta).isFalse();
                    assertThat(descs).isEmpty();
                    meta = true;
                    metaLen = w0;
                    word2 = TxMetaDesc.word2(mem, off);
                    continue;
                }
                descs.add(new long[] {w0, TxDesc.metaCtrl(mem, off), TxDesc.bufferAddress(mem, off),
                        TxDesc.buffAddrHiHdrSz(mem, off)});
                last = (w0 & TxDesc.LEN_CTRL_LAST_MASK) != 0;
            }
            // Unused descriptor slots are zero (§9.2); continuation entries hold no header, so the rest is zero too.
            long zeroFrom = entry + LlqEntry.slotOffset(used);
            long zeroTo = firstEntry ? entry + LlqEntry.headerOffset(before) : entry + e;
            for (long p = zeroFrom; p < zeroTo; p++) {
                assertThat(mem.get(ValueLayout.JAVA_BYTE, p)).as("unused slot byte").isZero();
            }
            sqHead++;
            firstEntry = false;
        }
        int headerLen = (int) ((descs.get(0)[3] & 0xFFFFFFFFL) >>> TxDesc.HEADER_LENGTH_SHIFT);
        long hdrOff = firstOff + LlqEntry.headerOffset(before);
        byte[] header = new byte[headerLen];
        MemorySegment.copy(mem, ValueLayout.JAVA_BYTE, hdrOff, header, 0, headerLen);
        for (long p = hdrOff + headerLen; p < firstOff + e; p++) {
            assertThat(mem.get(ValueLayout.JAVA_BYTE, p)).as("bytes after the header").isZero();
        }
        return toPacket(descs, meta, metaLen, word2, header, sqHead - start);
    }

    private static Packet toPacket(List<long[]> descs, boolean meta, int metaLen, int word2, byte[] header,
            long slots) {
        long[] d0 = descs.get(0);
        int w0 = (int) d0[0];
        int m0 = (int) d0[1];
        assertThat((w0 & TxDesc.LEN_CTRL_FIRST_MASK) != 0).as("first on data0 iff no meta").isEqualTo(!meta);
        assertThat(w0 & TxDesc.LEN_CTRL_COMP_REQ_MASK).as("comp_req on data0").isNotZero();
        int n = descs.size();
        long[] addr = new long[n];
        int[] len = new int[n];
        for (int k = 0; k < n; k++) {
            long[] d = descs.get(k);
            addr[k] = d[2];
            len[k] = (int) d[0] & TxDesc.LEN_CTRL_LENGTH_MASK;
            if (k > 0) {
                assertThat((int) d[0] & (TxDesc.LEN_CTRL_FIRST_MASK | TxDesc.LEN_CTRL_COMP_REQ_MASK
                        | TxDesc.LEN_CTRL_REQ_ID_HI_MASK)).as("later descriptors carry no packet fields").isZero();
                assertThat(d[1]).isZero();
            }
            assertThat(((int) d[0] & TxDesc.LEN_CTRL_LAST_MASK) != 0).as("last only on the final one")
                    .isEqualTo(k == n - 1);
        }
        int mss = meta ? TxMetaDesc.mssOf(metaLen, word2) : -1;
        int headerLength = (int) ((d0[3] & 0xFFFFFFFFL) >>> TxDesc.HEADER_LENGTH_SHIFT);
        return new Packet(TxDesc.reqIdOf(w0, m0), meta, mss, addr, len, header, headerLength, m0, slots);
    }

    /** Writes one Tx completion for {@code reqId} at the CQ tail with the lap's phase, phase word last (§8.2). */
    void complete(int reqId) {
        int cqDepth = (int) (cq.byteSize() / TxCdesc.SIZE);
        long off = (cqTail & (cqDepth - 1)) * TxCdesc.SIZE;
        int phase = (int) (1 - ((cqTail / cqDepth) & 1));
        TxCdesc.sqHeadIdx(cq, off, 0);
        TxCdesc.subQid(cq, off, 0);
        TxCdesc.word0Release(cq, off, TxCdesc.word0Of(reqId, 0, phase));
        cqTail++;
    }
}
