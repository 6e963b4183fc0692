package io.ena4j.model.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.HexFormat;

/** Shared fixtures for the frame-library tests. */
final class TestFrames {

    /** Microsoft's RSS verification key, as the Toeplitz definition uses it (not reversed). */
    static final byte[] MS_KEY = HexFormat.of().parseHex(
            "6d5a56da255b0ec24167253d43a38fb0d0ca2bcbae7b30b477cb2da38030f20c6a42b73bbeac01fa");
    /** {@link #MS_KEY} as a driver must store it so the device (which reverses the bytes) uses MS_KEY (§14.2). */
    static final byte[] MS_KEY_AS_STORED = reverse(MS_KEY);
    /**
     * The spec's key of fixed-key instances (datapath.md §14.2), which Amazon's calculator uses directly as the
     * Toeplitz key: Microsoft's key with its ten 32-bit words in reverse order (not byte-reversed).
     */
    static final byte[] SPEC_FIXED_KEY = HexFormat.of().parseHex(
            "beac01fa6a42b73b8030f20c77cb2da3ae7b30b4d0ca2bcb43a38fb04167253d255b0ec26d5a56da");

    private TestFrames() {
    }

    static byte[] v6(String literal) {
        return InetAddress.ofLiteral(literal).getAddress();
    }

    static int v4(String literal) {
        byte[] b = InetAddress.ofLiteral(literal).getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }

    /** Address bytes of an IPv4 or IPv6 literal (no name lookup). */
    static byte[] addressBytes(String literal) {
        return InetAddress.ofLiteral(literal).getAddress();
    }

    static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    /**
     * The bytes at [0, length) in a native segment of exactly {@code length} bytes: any read past the end of the
     * frame throws, so a test passing proves the code stayed in bounds.
     */
    static MemorySegment exact(byte[] frame, int length, Arena arena) {
        MemorySegment s = arena.allocate(Math.max(length, 1));
        MemorySegment.copy(frame, 0, s, ValueLayout.JAVA_BYTE, 0, length);
        return length == 0 ? s.asSlice(0, 0) : s;
    }

    static FrameInfo parse(byte[] frame, boolean verify) {
        FrameInfo info = new FrameInfo();
        FrameParser.parse(MemorySegment.ofArray(frame), 0, frame.length, verify, info);
        return info;
    }

    static int u16(byte[] f, int at) {
        return (f[at] & 0xFF) << 8 | f[at + 1] & 0xFF;
    }

    static void put16(byte[] f, int at, int v) {
        f[at] = (byte) (v >>> 8);
        f[at + 1] = (byte) v;
    }

    /** Plain 16-bit-word RFC 1071 reference, written independently of {@link Checksums}. */
    static int referenceChecksum(byte[] data, int from, int to, long seed) {
        long s = seed;
        for (int i = from; i < to; i += 2) {
            int hi = data[i] & 0xFF;
            int lo = i + 1 < to ? data[i + 1] & 0xFF : 0;
            s += hi << 8 | lo;
            while (s > 0xFFFF) {
                s = (s & 0xFFFF) + (s >> 16);
            }
        }
        return (int) ~s & 0xFFFF;
    }
}
