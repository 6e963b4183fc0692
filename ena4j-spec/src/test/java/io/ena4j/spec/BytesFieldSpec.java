package io.ena4j.spec;

import java.lang.foreign.MemorySegment;

/**
 * Declared layout of one byte-array or string field (test support): {@code length} bytes at {@code offset}.
 * Exactly one accessor pair is non-null: bytes ({@code getBytes}/{@code setBytes}) or string
 * ({@code getString}/{@code setString}).
 */
record BytesFieldSpec(String name, long structSize, long offset, int length, BytesGetter getBytes,
                      BytesSetter setBytes, StringGetter getString, StringSetter setString) {

    /** Byte-array getter. */
    interface BytesGetter {
        byte[] get(MemorySegment s, long base);
    }

    /** Byte-array setter. */
    interface BytesSetter {
        void set(MemorySegment s, long base, byte[] v);
    }

    /** String getter. */
    interface StringGetter {
        String get(MemorySegment s, long base);
    }

    /** String setter. */
    interface StringSetter {
        void set(MemorySegment s, long base, String v);
    }

    boolean isString() {
        return getString != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
