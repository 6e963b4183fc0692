package io.ena4j.cli;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device's statistics published in a memory-mapped file that other processes read without asking the owner
 * ({@code ./ena4j stat}, {@code ./ena4j ethtool -S --dir D}). The layout is ours and documented in
 * {@code docs/COUNTERS.md}: a 128-byte header, then fixed 128-byte entries of a NUL-padded UTF-8 name (112 bytes)
 * and a 64-bit value, all little-endian. The writer (one publisher thread per process, never the data path) updates
 * values under a sequence lock in the header: odd while writing, even when consistent; a reader copies the values
 * and retries while the sequence was odd or changed.
 */
final class CountersFile implements AutoCloseable {

    static final long MAGIC = 0x544E43_4A344E45L; // "EN4JCNT" little-endian, then a 0 byte
    static final int VERSION = 1;
    static final int HEADER = 128;
    static final int ENTRY = 128;
    static final int NAME = 112;
    // header offsets
    static final long OFF_MAGIC = 0;
    static final long OFF_VERSION = 8;
    static final long OFF_COUNT = 12;
    static final long OFF_PID = 16;
    static final long OFF_SEQ = 24;
    static final long OFF_PUBLISHED = 32;
    static final long OFF_DEVICE = 64;
    static final int DEVICE_NAME = 64;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final Arena arena;
    private final MemorySegment m;
    private final Path path;
    private final int count;
    private final boolean owner;

    private CountersFile(Arena arena, MemorySegment m, Path path, int count, boolean owner) {
        this.arena = arena;
        this.m = m;
        this.path = path;
        this.count = count;
        this.owner = owner;
    }

    /** Creates the file of device {@code device} with these counter names, values 0. */
    static CountersFile create(Path file, String device, List<String> names) throws IOException {
        Files.createDirectories(file.getParent());
        long size = HEADER + (long) ENTRY * names.size();
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            MemorySegment m = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            m.fill((byte) 0);
            m.set(INT, OFF_VERSION, VERSION);
            m.set(INT, OFF_COUNT, names.size());
            m.set(LONG, OFF_PID, ProcessHandle.current().pid());
            putString(m, OFF_DEVICE, DEVICE_NAME, device);
            for (int i = 0; i < names.size(); i++) {
                putString(m, HEADER + (long) ENTRY * i, NAME, names.get(i));
            }
            m.set(LONG.withByteAlignment(8), OFF_MAGIC, MAGIC); // last: a reader sees a complete file or none
            return new CountersFile(arena, m, file, names.size(), true);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Opens a published file read-only.
     *
     * @throws IllegalArgumentException not a counters file (bad magic, version or size), naming it
     */
    static CountersFile open(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER) {
                throw new IllegalArgumentException(file + ": not an ena4j counters file (" + size + " bytes)");
            }
            MemorySegment m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            if (m.get(LONG, OFF_MAGIC) != MAGIC || m.get(INT, OFF_VERSION) != VERSION) {
                throw new IllegalArgumentException(file + ": not an ena4j counters file of version " + VERSION);
            }
            int count = m.get(INT, OFF_COUNT);
            if (count < 0 || HEADER + (long) ENTRY * count > size) {
                throw new IllegalArgumentException(file + ": counter count " + count + " does not fit its "
                        + size + " bytes");
            }
            return new CountersFile(arena, m, file, count, false);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static void putString(MemorySegment m, long off, int max, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        MemorySegment.copy(b, 0, m, ValueLayout.JAVA_BYTE, off, Math.min(b.length, max - 1));
    }

    private static String getString(MemorySegment m, long off, int max) {
        int n = 0;
        while (n < max && m.get(ValueLayout.JAVA_BYTE, off + n) != 0) {
            n++;
        }
        byte[] b = new byte[n];
        MemorySegment.copy(m, ValueLayout.JAVA_BYTE, off, b, 0, n);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Publishes {@code values} (by name; names not in the file are ignored) under the sequence lock. */
    void publish(Map<String, Long> values, long epochNanos) {
        long seq = m.get(LONG, OFF_SEQ);
        m.set(LONG, OFF_SEQ, seq + 1);
        java.lang.invoke.VarHandle.storeStoreFence();
        for (int i = 0; i < count; i++) {
            Long v = values.get(name(i));
            if (v != null) {
                m.set(LONG, HEADER + (long) ENTRY * i + NAME, v);
            }
        }
        m.set(LONG, OFF_PUBLISHED, epochNanos);
        java.lang.invoke.VarHandle.storeStoreFence();
        m.set(LONG, OFF_SEQ, seq + 2);
    }

    /** The counter names, in order. */
    List<String> names() {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(name(i));
        }
        return out;
    }

    private String name(int i) {
        return getString(m, HEADER + (long) ENTRY * i, NAME);
    }

    /** A consistent copy of every value (retrying while the writer is mid-update), by name in file order. */
    Map<String, Long> snapshot() {
        long[] v = new long[count];
        for (int attempt = 0; attempt < 1000; attempt++) {
            long s1 = m.get(LONG, OFF_SEQ);
            java.lang.invoke.VarHandle.loadLoadFence();
            for (int i = 0; i < count; i++) {
                v[i] = m.get(LONG, HEADER + (long) ENTRY * i + NAME);
            }
            java.lang.invoke.VarHandle.loadLoadFence();
            if ((s1 & 1) == 0 && m.get(LONG, OFF_SEQ) == s1) {
                break;
            }
            Thread.onSpinWait();
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            out.put(name(i), v[i]);
        }
        return out;
    }

    /** The writer's pid. */
    long pid() {
        return m.get(LONG, OFF_PID);
    }

    /** The device (interface) name. */
    String device() {
        return getString(m, OFF_DEVICE, DEVICE_NAME);
    }

    /** When the values were last published (epoch ns), 0 before the first publish. */
    long publishedNanos() {
        return m.get(LONG, OFF_PUBLISHED);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        arena.close();
        if (owner) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // left behind: readers see a stale pid and skip it
            }
        }
    }
}
