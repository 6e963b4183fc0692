package io.ena4j.spec.eth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HexFormat;
import java.util.List;

/**
 * Access to the reference vectors in {@code shared/spec/vectors} (test only): located through system property
 * {@code ena4j.shared.dir} (set by the build) or by walking up from the working directory.
 */
final class EthVectors {

    private static final HexFormat HEX = HexFormat.of();

    private EthVectors() {
    }

    /** The vector directory; fails the test with a clear message if it cannot be found. */
    static Path dir() {
        String shared = System.getProperty("ena4j.shared.dir");
        if (shared != null) {
            Path p = Paths.get(shared, "spec", "vectors");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("spec").resolve("vectors");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new AssertionError("vector directory not found: set -Dena4j.shared.dir=<dir containing spec/vectors>"
                + " (got " + shared + ") or run below a directory that contains shared/spec/vectors");
    }

    /** All lines of {@code file} parsed as JSON. */
    static List<MiniJson.Node> lines(String file) {
        try {
            return Files.readAllLines(dir().resolve(file)).stream()
                    .filter(l -> !l.isBlank())
                    .map(MiniJson::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex string (memory order) to bytes. */
    static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    /** Hex string as a heap segment. */
    static MemorySegment segment(String hex) {
        return MemorySegment.ofArray(bytes(hex));
    }

    /** Bytes to lowercase hex. */
    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    /** Mask of the low {@code bits} bits of an address (bits &gt;= 64: all). */
    static long addrMask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    /**
     * Phase at free-running ring index {@code start + k} given phase {@code phase} at {@code start}: it flips every
     * time the index crosses a multiple of {@code depth} (datapath.md §8.2). {@code k} may be negative (earlier
     * entries of a partially consumed packet).
     */
    static int phaseAfter(int phase, long start, long k, int depth) {
        long wraps = Math.floorDiv(start + k, depth) - Math.floorDiv(start, depth);
        return (int) ((phase ^ wraps) & 1);
    }
}
