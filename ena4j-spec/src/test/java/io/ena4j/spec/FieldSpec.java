package io.ena4j.spec;

import java.lang.foreign.MemorySegment;

/**
 * Declared layout of one scalar field (test support): the field occupies bits {@code shift .. shift+width-1} of
 * the little-endian {@code unitBytes}-byte word at {@code offset} from the structure base. The accessors under
 * test are reached through {@code get}/{@code set}; {@link #rawRead} and {@link #rawWrite} work on plain bytes,
 * independently of the accessors.
 */
record FieldSpec(String name, long structSize, long offset, int unitBytes, int shift, int width, Getter get,
                 Setter set) {

    /** Reads the field through the accessor, as an unsigned value. */
    interface Getter {
        long get(MemorySegment s, long base);
    }

    /** Writes the field through the accessor. */
    interface Setter {
        void set(MemorySegment s, long base, long v);
    }

    /** Mask of the low {@code width} bits. */
    long mask() {
        return width >= 64 ? -1L : (1L << width) - 1;
    }

    /** Field value read from raw bytes at {@code base}. */
    long rawRead(byte[] b, int base) {
        long unit = 0;
        for (int i = 0; i < unitBytes; i++) {
            unit |= (b[base + (int) offset + i] & 0xFFL) << (8 * i);
        }
        return (unit >>> shift) & mask();
    }

    /** Writes {@code v} (masked) into the field bits of raw bytes at {@code base}, keeping every other bit. */
    void rawWrite(byte[] b, int base, long v) {
        long unit = 0;
        for (int i = 0; i < unitBytes; i++) {
            unit |= (b[base + (int) offset + i] & 0xFFL) << (8 * i);
        }
        long m = mask() << shift;
        unit = (unit & ~m) | ((v << shift) & m);
        for (int i = 0; i < unitBytes; i++) {
            b[base + (int) offset + i] = (byte) (unit >>> (8 * i));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
