package io.ena4j.driver.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.platform.DmaBuffer;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.RegisterBar;
import io.ena4j.testkit.Vectors;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** Shared fixtures of the ring-layer tests: DMA memory behind an emulated IOMMU, a recording BAR, JSON helpers. */
final class EthTestSupport {

    /** One IOMMU domain for the tests of this package; rings are real page-aligned native memory. */
    static final Iommu IOMMU = new Iommu();
    static final IommuDmaAllocator DMA = new IommuDmaAllocator(IOMMU);

    /** Doorbell offset used by the vectors' device for SQ index 16 (0x1000 + 4 * 16). */
    static final int VECTOR_DOORBELL = 0x1040;

    /** Fill byte for "never written" checks. */
    static final byte SENTINEL = (byte) 0xA5;

    private EthTestSupport() {
    }

    static DmaBuffer dma(long size) {
        return DMA.allocate(size);
    }

    /** Register BAR 0 that records writes into preallocated arrays (allocation-free, for the hot-path test too). */
    static final class RecordingBar implements RegisterBar {
        final int[] offsets = new int[4096];
        final int[] values = new int[4096];
        int writes;
        int lastOffset = -1;
        int lastValue;

        @Override
        public int read32(int offset) {
            return 0;
        }

        @Override
        public void write32(int offset, int value) {
            offsets[writes & 4095] = offset;
            values[writes & 4095] = value;
            writes++;
            lastOffset = offset;
            lastValue = value;
        }

        @Override
        public int size() {
            return 0x8000;
        }

        void clear() {
            writes = 0;
            lastOffset = -1;
            lastValue = 0;
        }

        /** Writes since the last clear as [offset, value] pairs (at most 4096). */
        List<int[]> recorded() {
            List<int[]> out = new ArrayList<>();
            for (int i = 0; i < Math.min(writes, 4096); i++) {
                out.add(new int[] {offsets[i], values[i]});
            }
            return out;
        }
    }

    static void fill(MemorySegment s, byte b) {
        s.fill(b);
    }

    static String hex(MemorySegment s, long off, long len) {
        return Vectors.hex(s, off, len);
    }

    static boolean allBytes(MemorySegment s, long off, long len, byte b) {
        for (long i = 0; i < len; i++) {
            if (s.get(ValueLayout.JAVA_BYTE, off + i) != b) {
                return false;
            }
        }
        return true;
    }

    static void put(MemorySegment s, long off, byte[] bytes) {
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, off, bytes.length);
    }

    static int i(JsonNode n, String field) {
        return n.get(field).asInt();
    }

    static long l(JsonNode n, String field) {
        return n.get(field).asLong();
    }

    static boolean b(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v.isBoolean() ? v.asBoolean() : v.asInt() != 0;
    }

    /** Fills a {@link TxContext} from a vector line's {@code tx_ctx}. */
    static TxContext txContext(JsonNode t) {
        TxContext ctx = new TxContext(Math.max(1, t.get("bufs").size()));
        ctx.clear();
        for (JsonNode buf : t.get("bufs")) {
            ctx.addBuffer(l(buf, "paddr"), i(buf, "len"));
        }
        ctx.numBufs = i(t, "num_bufs");
        ctx.reqId = i(t, "req_id");
        ctx.headerLen = i(t, "header_len");
        JsonNode ph = t.get("push_header");
        if (ph != null && !ph.isNull()) {
            byte[] hdr = Vectors.bytes(ph.asText());
            // Native memory, like the driver's header staging area; a zero-length header is still a non-null header.
            MemorySegment seg = java.lang.foreign.Arena.ofAuto().allocate(Math.max(1, hdr.length));
            put(seg, 0, hdr);
            ctx.pushHeader = hdr.length == 0 ? seg.asSlice(0, 0) : seg;
            ctx.pushHeaderOffset = 0;
        }
        ctx.metaValid = b(t, "meta_valid");
        JsonNode m = t.get("meta");
        ctx.mss = i(m, "mss");
        ctx.l3HdrLen = i(m, "l3_hdr_len");
        ctx.l3HdrOffset = i(m, "l3_hdr_offset");
        ctx.l4HdrLen = i(m, "l4_hdr_len");
        ctx.l3Proto = i(t, "l3_proto");
        ctx.l4Proto = i(t, "l4_proto");
        ctx.tsoEnable = b(t, "tso_enable");
        ctx.l3CsumEnable = b(t, "l3_csum_enable");
        ctx.l4CsumEnable = b(t, "l4_csum_enable");
        ctx.l4CsumPartial = b(t, "l4_csum_partial");
        ctx.df = b(t, "df");
        return ctx;
    }

    /** True if a buffer of the line's tx_ctx does not fit {@code bits} (or the 48 descriptor bits). */
    static boolean addressExceeds(JsonNode txCtx, int bits) {
        for (JsonNode buf : txCtx.get("bufs")) {
            if ((l(buf, "paddr") >>> Math.min(bits, 48)) != 0) {
                return true;
            }
        }
        return false;
    }
}
