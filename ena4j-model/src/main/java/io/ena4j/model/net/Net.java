package io.ena4j.model.net;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Network-byte-order (big-endian) access to frame bytes, plus the shared bounds helper. Protocol headers are
 * big-endian by definition (RFC 791/8200/793/768); this is the one place in ena4j where a layout is not
 * little-endian, and it is never used for ENA structures (datapath.md §0.2 covers those). Unaligned layouts because
 * a frame may start anywhere in a buffer (rx_offset, §11.4) and a 14-byte Ethernet header misaligns everything after
 * it.
 *
 * <p>Callers check bounds first; the segment's own bounds check stays as the last line of defence (an access that
 * slipped through throws instead of touching foreign memory), and the JIT removes it when it can prove the range.
 */
final class Net {

    static final ValueLayout.OfShort BE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt BE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong BE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** IP protocol numbers (IANA) the parser knows. */
    static final int IPPROTO_HOPOPTS = 0;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_ROUTING = 43;
    static final int IPPROTO_FRAGMENT = 44;
    static final int IPPROTO_DSTOPTS = 60;

    private Net() {
    }

    static int u8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    static int u16(MemorySegment s, long at) {
        return s.get(BE16, at) & 0xFFFF;
    }

    static int i32(MemorySegment s, long at) {
        return s.get(BE32, at);
    }

    static long i64(MemorySegment s, long at) {
        return s.get(BE64, at);
    }

    static void put16(MemorySegment s, long at, int v) {
        s.set(BE16, at, (short) v);
    }

    /**
     * Bytes of {@code [off, off + len)} that really exist in {@code s}: the caller's length clipped to the segment,
     * 0 for a negative or out-of-segment offset or a non-positive length. Every parser entry point starts here so a
     * bad (driver- or device-derived) range can only shorten what is read, never throw.
     */
    static int available(MemorySegment s, long off, int len) {
        if (off < 0 || len <= 0) {
            return 0;
        }
        long size = s.byteSize();
        if (off >= size) {
            return 0;
        }
        return (int) Math.min(len, size - off);
    }

    /** Maps a §7.1 L4 index to the IP protocol number of the pseudo-header; 0 for anything but TCP/UDP. */
    static int ipProtocolOf(int l4Proto) {
        return l4Proto == FrameInfo.L4_TCP ? IPPROTO_TCP : l4Proto == FrameInfo.L4_UDP ? IPPROTO_UDP : 0;
    }
}
