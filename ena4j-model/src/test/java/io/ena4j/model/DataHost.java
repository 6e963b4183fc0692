package io.ena4j.model;

import io.ena4j.platform.DmaBuffer;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.CreateCqCmd;
import io.ena4j.spec.admin.CreateCqResp;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.CreateSqResp;
import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.admin.Mtu;
import io.ena4j.spec.admin.RssHashFunction;
import io.ena4j.spec.admin.RssHashKey;
import io.ena4j.spec.admin.RssIndirectionEntry;
import io.ena4j.spec.admin.RssIndirectionTable;
import io.ena4j.spec.eth.RxCdescBase;
import io.ena4j.spec.eth.RxDesc;
import io.ena4j.spec.eth.TxCdesc;
import io.ena4j.spec.eth.TxDesc;
import io.ena4j.spec.eth.TxMetaDesc;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-side minimal driver for the data path, on top of {@link TestHost}: creates queue pairs through the admin
 * queue, writes Tx descriptors (host ring or LLQ entries in BAR 2) and Rx descriptors with the phase protocol of
 * datapath.md §8.2, rings doorbells, and reads Tx/Rx completions the way the reference driver does (phase word
 * first). Everything goes through the model's hardware interface.
 */
final class DataHost {

    static final int OK = 0;

    final TestHost h;
    final EnaDeviceModel model;

    DataHost(TestHost h) {
        this.h = h;
        this.model = h.model;
    }

    static DataHost ready(DeviceProfile p) {
        return new DataHost(TestHost.ready(p));
    }

    // ---- features ----

    void setMtu(int mtu) {
        MemorySegment c = TestHost.setFeature(FeatureId.MTU.code());
        Mtu.mtu(c, FeatureCmd.SET_PAYLOAD, mtu);
        h.exec(c, OK);
    }

    void setLlq(int entrySizeCode, int descsBeforeHeader, int stride, int accel) {
        MemorySegment c = TestHost.setFeature(FeatureId.LLQ.code());
        LlqFeature.headerLocationCtrlEnabled(c, FeatureCmd.SET_PAYLOAD, LlqFeature.HeaderLocation.INLINE);
        LlqFeature.entrySizeCtrlEnabled(c, FeatureCmd.SET_PAYLOAD, entrySizeCode);
        LlqFeature.descNumBeforeHeaderEnabled(c, FeatureCmd.SET_PAYLOAD, descsBeforeHeader);
        LlqFeature.descriptorsStrideCtrlEnabled(c, FeatureCmd.SET_PAYLOAD, stride);
        LlqFeature.accelModeEnabledFlags(c, FeatureCmd.SET_PAYLOAD, accel);
        h.exec(c, OK);
    }

    /** SET(RSS_INDIRECTION_TABLE_CONFIG) with {@code 2^log2} entries naming {@code sqIdx[i % length]}. */
    void setRssTable(int log2, int... sqIdx) {
        int n = 1 << log2;
        DmaBuffer b = h.dma.allocate(4L * n);
        for (int i = 0; i < n; i++) {
            RssIndirectionEntry.cqIdx(b.segment(), RssIndirectionEntry.offset(i), sqIdx[i % sqIdx.length]);
        }
        MemorySegment c = TestHost.setFeature(FeatureId.RSS_INDIRECTION_TABLE_CONFIG.code());
        RssIndirectionTable.size(c, FeatureCmd.SET_PAYLOAD, log2);
        RssIndirectionTable.inlineIndex(c, FeatureCmd.SET_PAYLOAD, RssIndirectionTable.INLINE_INDEX_NONE);
        h.exec(TestHost.withBuffer(c, b, 4 * n), OK);
    }

    /** SET(RSS_HASH_FUNCTION): function code (1 Toeplitz, 2 CRC32), key as stored, init value. */
    void setRssFunction(int function, byte[] key, int initVal) {
        DmaBuffer b = h.dma.allocate(RssHashKey.SIZE);
        RssHashKey.keyParts(b.segment(), 0, RssHashKey.KEY_PARTS);
        RssHashKey.key(b.segment(), 0, key);
        MemorySegment c = TestHost.setFeature(FeatureId.RSS_HASH_FUNCTION.code());
        RssHashFunction.selectedFunc(c, FeatureCmd.SET_PAYLOAD, RssHashFunction.funcMask(function));
        RssHashFunction.initVal(c, FeatureCmd.SET_PAYLOAD, initVal);
        h.exec(TestHost.withBuffer(c, b, (int) RssHashKey.SIZE), OK);
    }

    // ---- queues ----

    /** A Tx queue: CQ (8-byte entries unless {@code cqWords} = 4) then SQ, host placement or LLQ. */
    TxQ tx(int depth, int vector, boolean interrupts, boolean llq) {
        return tx(depth, vector, interrupts, llq, 2, CreateSqCmd.COMPLETION_POLICY_DESC);
    }

    TxQ tx(int depth, int vector, boolean interrupts, boolean llq, int cqWords, int completionPolicy) {
        DmaBuffer cqRing = h.dma.allocate((long) depth * cqWords * 4);
        MemorySegment cc = TestHost.createCq(cqWords, depth, vector, cqRing.ioAddress());
        CreateCqCmd.interruptModeEnabled(cc, 0, interrupts ? 1 : 0);
        MemorySegment cr = h.exec(cc, OK);
        DmaBuffer sqRing = llq ? null : h.dma.allocate((long) depth * 16);
        MemorySegment sc = TestHost.createSq(CreateSqCmd.DIRECTION_TX, llq ? CreateSqCmd.PLACEMENT_DEV
                : CreateSqCmd.PLACEMENT_HOST, CreateCqResp.cqIdx(cr, 0), depth, llq ? 0 : sqRing.ioAddress());
        CreateSqCmd.completionPolicy(sc, 0, completionPolicy);
        MemorySegment sr = h.exec(sc, OK);
        return new TxQ(this, depth, cqRing, cqWords * 4, sqRing, cr, sr);
    }

    /** An Rx queue with 16-byte (or, cqWords = 8, 32-byte) completions and {@code depth} buffers of {@code bufSize}. */
    RxQ rx(int depth, int vector, boolean interrupts, int bufSize) {
        return rx(depth, vector, interrupts, bufSize, 4);
    }

    RxQ rx(int depth, int vector, boolean interrupts, int bufSize, int cqWords) {
        DmaBuffer cqRing = h.dma.allocate((long) depth * cqWords * 4);
        MemorySegment cc = TestHost.createCq(cqWords, depth, vector, cqRing.ioAddress());
        CreateCqCmd.interruptModeEnabled(cc, 0, interrupts ? 1 : 0);
        MemorySegment cr = h.exec(cc, OK);
        DmaBuffer sqRing = h.dma.allocate((long) depth * 16);
        MemorySegment sr = h.exec(TestHost.createSq(CreateSqCmd.DIRECTION_RX, CreateSqCmd.PLACEMENT_HOST,
                CreateCqResp.cqIdx(cr, 0), depth, sqRing.ioAddress()), OK);
        DmaBuffer bufs = h.dma.allocate((long) depth * bufSize);
        return new RxQ(this, depth, cqRing, cqWords * 4, sqRing, bufs, bufSize, cr, sr);
    }

    /** Steps the device once. */
    void step() {
        h.step();
    }

    // ===============================================================================================================

    /** Driver side of one Tx queue. */
    static final class TxQ {
        final DataHost host;
        final int depth;
        final DmaBuffer cqRing;
        final int cqEntry;
        final DmaBuffer sqRing;
        final int cqIdx;
        final int sqIdx;
        final int doorbell;
        final int unmask;
        final int llqOffset;
        int tail;
        int cqHead;
        int cqPhase = 1;

        TxQ(DataHost host, int depth, DmaBuffer cqRing, int cqEntry, DmaBuffer sqRing, MemorySegment cqResp,
            MemorySegment sqResp) {
            this.host = host;
            this.depth = depth;
            this.cqRing = cqRing;
            this.cqEntry = cqEntry;
            this.sqRing = sqRing;
            this.cqIdx = CreateCqResp.cqIdx(cqResp, 0);
            this.unmask = CreateCqResp.cqInterruptUnmaskRegisterOffset(cqResp, 0);
            this.sqIdx = CreateSqResp.sqIdx(sqResp, 0);
            this.doorbell = CreateSqResp.sqDoorbellOffset(sqResp, 0);
            this.llqOffset = CreateSqResp.llqDescriptorsOffset(sqResp, 0);
        }

        /** Phase of the lap {@code tail} is in (§8.2). */
        int phase() {
            return ((tail / depth) & 1) ^ 1;
        }

        /** Host ring: writes one descriptor at the tail with the current phase (word 0 given without phase). */
        void desc(int w0, int w1, long addr, int headerLen) {
            MemorySegment s = sqRing.segment();
            long off = (long) (tail & (depth - 1)) * 16;
            Le.u32(s, off, w0 | phase() << TxDesc.LEN_CTRL_PHASE_SHIFT);
            Le.u32(s, off + 4, w1);
            Le.u32(s, off + 8, (int) addr);
            Le.u32(s, off + 12, (int) (addr >>> 32) & 0xFFFF | headerLen << 24);
            tail = (tail + 1) & 0xFFFF;
        }

        /** Writes raw descriptor bytes at the tail (phase as given). */
        void rawDesc(byte[] bytes16) {
            MemorySegment.copy(bytes16, 0, sqRing.segment(), ValueLayout.JAVA_BYTE, (long) (tail & (depth - 1)) * 16,
                    16);
            tail = (tail + 1) & 0xFFFF;
        }

        /** Host ring: a packet of one buffer per segment, req_id {@code reqId}, no meta. */
        void packet(int reqId, long[] addrs, int[] lens) {
            for (int i = 0; i < addrs.length; i++) {
                int w0 = lens[i] | (i == 0 ? TxDesc.LEN_CTRL_FIRST_MASK | TxDesc.LEN_CTRL_COMP_REQ_MASK
                        | TxDesc.lenCtrlReqIdBits(reqId) : 0) | (i == addrs.length - 1 ? TxDesc.LEN_CTRL_LAST_MASK : 0);
                int w1 = i == 0 ? TxDesc.metaCtrlReqIdBits(reqId) : 0;
                desc(w0, w1, addrs[i], 0);
            }
        }

        /** Staging memory for {@link #send}: one 16 KiB slot per ring slot. */
        DmaBuffer pool;

        /**
         * Host ring: copies {@code frame} into staging memory and queues it as one packet split into {@code pieces}
         * buffers (no doorbell).
         */
        void send(int reqId, byte[] frame, int pieces) {
            if (pool == null) {
                pool = host.h.dma.allocate((long) depth * 16384);
            }
            long base = (long) (reqId & (depth - 1)) * 16384;
            MemorySegment.copy(frame, 0, pool.segment(), ValueLayout.JAVA_BYTE, base, frame.length);
            long[] addrs = new long[pieces];
            int[] lens = new int[pieces];
            int at = 0;
            for (int i = 0; i < pieces; i++) {
                int len = (frame.length - at) / (pieces - i);
                addrs[i] = pool.ioAddress(base + at);
                lens[i] = len;
                at += len;
            }
            packet(reqId, addrs, lens);
        }

        /**
         * Host ring: {@code frame} as one buffer with offload bits {@code offloads} (meta_ctrl bits other than
         * req_id) on data0, preceded by a meta descriptor (meta_store, l3 length/offset) if {@code meta}.
         */
        void sendOffload(int reqId, byte[] frame, boolean meta, int l3Len, int l3Off, int offloads) {
            if (pool == null) {
                pool = host.h.dma.allocate((long) depth * 16384);
            }
            long base = (long) (reqId & (depth - 1)) * 16384;
            MemorySegment.copy(frame, 0, pool.segment(), ValueLayout.JAVA_BYTE, base, frame.length);
            if (meta) {
                desc(TxMetaDesc.LEN_CTRL_DRIVER_BASE | TxDesc.LEN_CTRL_FIRST_MASK, 0, 0, 0);
                // word 2 (l3 len/off) sits where a data descriptor's address low word is
                MemorySegment s = sqRing.segment();
                Le.u32(s, (long) ((tail - 1) & (depth - 1)) * 16 + 8, TxMetaDesc.word2Of(l3Len, l3Off, 0, 0));
                Le.u32(s, (long) ((tail - 1) & (depth - 1)) * 16 + 12, 0);
            }
            desc(frame.length | TxDesc.LEN_CTRL_LAST_MASK | TxDesc.LEN_CTRL_COMP_REQ_MASK
                    | (meta ? 0 : TxDesc.LEN_CTRL_FIRST_MASK) | TxDesc.lenCtrlReqIdBits(reqId),
                    offloads | TxDesc.metaCtrlReqIdBits(reqId), pool.ioAddress(base), 0);
        }

        /** LLQ: writes a whole entry at the tail (its bytes given, descriptors already with their phase). */
        void entry(byte[] bytes) {
            int e = bytes.length;
            MemorySegment.copy(bytes, 0, host.model.bar2(), ValueLayout.JAVA_BYTE,
                    llqOffset + (long) (tail & (depth - 1)) * e, e);
            tail = (tail + 1) & 0xFFFF;
        }

        void ring() {
            host.h.w(doorbell, tail);
        }

        /** The next Tx completion as {@code {req_id, status, flags, sub_qid, sq_head}}, or null. */
        int[] completion() {
            MemorySegment s = cqRing.segment();
            long off = (long) (cqHead & (depth - 1)) * cqEntry;
            int w0 = TxCdesc.word0Acquire(s, off);
            if (((w0 >>> 24) & 1) != cqPhase) {
                return null;
            }
            cqHead++;
            if ((cqHead & (depth - 1)) == 0) {
                cqPhase ^= 1;
            }
            return new int[] {w0 & 0xFFFF, (w0 >>> 16) & 0xFF, w0 >>> 24, Le.u16(s, off + 4), Le.u16(s, off + 6)};
        }

        /** All new completions' req_ids. */
        List<Integer> completedReqIds() {
            List<Integer> out = new ArrayList<>();
            for (int[] c = completion(); c != null; c = completion()) {
                out.add(c[0]);
            }
            return out;
        }
    }

    /** One Rx completion entry, decoded. */
    record Cdesc(int status, int length, int reqId, int hash, int offset, byte[] raw) {
        boolean first() {
            return (status & RxCdescBase.STATUS_FIRST_MASK) != 0;
        }

        boolean last() {
            return (status & RxCdescBase.STATUS_LAST_MASK) != 0;
        }
    }

    /** A received packet: its completions and the bytes read back from the buffers. */
    record Received(List<Cdesc> cdescs, byte[] data) {
        Cdesc lastDesc() {
            return cdescs.getLast();
        }
    }

    /** Driver side of one Rx queue. Buffer of req_id r is at {@code bufs + r × bufSize}. */
    static final class RxQ {
        final DataHost host;
        final int depth;
        final DmaBuffer cqRing;
        final int cqEntry;
        final DmaBuffer sqRing;
        final DmaBuffer bufs;
        final int bufSize;
        final int cqIdx;
        final int sqIdx;
        final int doorbell;
        final int unmask;
        int tail;
        int cqHead;
        int cqPhase = 1;

        RxQ(DataHost host, int depth, DmaBuffer cqRing, int cqEntry, DmaBuffer sqRing, DmaBuffer bufs, int bufSize,
            MemorySegment cqResp, MemorySegment sqResp) {
            this.host = host;
            this.depth = depth;
            this.cqRing = cqRing;
            this.cqEntry = cqEntry;
            this.sqRing = sqRing;
            this.bufs = bufs;
            this.bufSize = bufSize;
            this.cqIdx = CreateCqResp.cqIdx(cqResp, 0);
            this.unmask = CreateCqResp.cqInterruptUnmaskRegisterOffset(cqResp, 0);
            this.sqIdx = CreateSqResp.sqIdx(sqResp, 0);
            this.doorbell = CreateSqResp.sqDoorbellOffset(sqResp, 0);
        }

        int phase() {
            return ((tail / depth) & 1) ^ 1;
        }

        /** Posts {@code n} buffers (req_id = ring slot) of {@code len} bytes each, no doorbell. */
        void post(int n, int len) {
            for (int i = 0; i < n; i++) {
                int slot = tail & (depth - 1);
                long off = (long) slot * 16;
                MemorySegment s = sqRing.segment();
                Le.u32(s, off, RxDesc.word0Of(len, RxDesc.CTRL_DRIVER_BASE | phase()));
                Le.u32(s, off + 4, slot);
                long a = bufs.ioAddress((long) slot * bufSize);
                Le.u32(s, off + 8, (int) a);
                Le.u32(s, off + 12, (int) (a >>> 32) & 0xFFFF);
                tail = (tail + 1) & 0xFFFF;
            }
        }

        /** Posts and rings. */
        void fill(int n) {
            post(n, bufSize);
            ring();
        }

        void ring() {
            host.h.w(doorbell, tail);
        }

        /** The next completion, or null. */
        Cdesc cdesc() {
            MemorySegment s = cqRing.segment();
            long off = (long) (cqHead & (depth - 1)) * cqEntry;
            int status = RxCdescBase.statusAcquire(s, off);
            if (((status >>> 24) & 1) != cqPhase) {
                return null;
            }
            cqHead++;
            if ((cqHead & (depth - 1)) == 0) {
                cqPhase ^= 1;
            }
            return new Cdesc(status, RxCdescBase.length(s, off), RxCdescBase.reqId(s, off), RxCdescBase.hash(s, off),
                    RxCdescBase.offset(s, off), s.asSlice(off, cqEntry).toArray(ValueLayout.JAVA_BYTE));
        }

        /** The next whole packet (completions through 'last', bytes read from the buffers), or null. */
        Received packet() {
            List<Cdesc> cs = new ArrayList<>();
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            while (true) {
                Cdesc c = cdesc();
                if (c == null) {
                    if (!cs.isEmpty()) {
                        throw new AssertionError("packet cut short after " + cs.size() + " completions");
                    }
                    return null;
                }
                cs.add(c);
                byte[] b = bufs.segment().asSlice((long) c.reqId() * bufSize + (cs.size() == 1 ? c.offset() : 0),
                        c.length()).toArray(ValueLayout.JAVA_BYTE);
                data.writeBytes(b);
                if (c.last()) {
                    return new Received(cs, data.toByteArray());
                }
            }
        }

        /** Every packet received so far. */
        List<Received> packets() {
            List<Received> out = new ArrayList<>();
            for (Received r = packet(); r != null; r = packet()) {
                out.add(r);
            }
            return out;
        }
    }
}
