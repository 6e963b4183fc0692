package io.ena4j.spec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;

/** Hex and segment helpers for tests. */
public final class TestBytes {

    private TestBytes() {
    }

    /** Parses lowercase/uppercase hex without separators (spaces allowed and ignored). */
    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** Hex of a byte array, lowercase. */
    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** A zeroed segment of {@code n} bytes in the global arena (tests only; freed with the JVM). */
    public static MemorySegment zeroed(long n) {
        return Arena.ofAuto().allocate(n);
    }

    /** A segment holding a copy of {@code b}. */
    public static MemorySegment of(byte[] b) {
        MemorySegment s = Arena.ofAuto().allocate(Math.max(1, b.length));
        MemorySegment.copy(b, 0, s, ValueLayout.JAVA_BYTE, 0, b.length);
        return s;
    }

    /** The first {@code n} bytes of a segment. */
    public static byte[] prefix(MemorySegment s, int n) {
        return s.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
    }
}
