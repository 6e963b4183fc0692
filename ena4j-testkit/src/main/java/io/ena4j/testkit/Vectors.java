package io.ena4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the reference vectors in {@code ../shared/spec/vectors/} (JSON Lines). The directory is
 * taken from the system property {@code ena4j.shared.dir} (set by the build to the
 * {@code shared/} folder beside the project) or found by walking up from the working directory.
 */
public final class Vectors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private Vectors() {
    }

    /** The vectors directory. */
    public static Path dir() {
        String prop = System.getProperty("ena4j.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "spec", "vectors"))) {
            return Path.of(prop, "spec", "vectors").normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/spec/vectors");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        throw new IllegalStateException("cannot find shared/spec/vectors (set -Dena4j.shared.dir)");
    }

    /** Every line of {@code name} (e.g. {@code "admin.jsonl"}), parsed. */
    public static List<JsonNode> lines(String name) {
        Path file = dir().resolve(name);
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vectors file " + file, e);
        }
    }

    /** Hex string (lowercase, no prefix) to bytes. */
    public static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    /** Bytes of a JSON hex field to bytes; empty for null or missing. */
    public static byte[] bytes(JsonNode hexField) {
        return hexField == null || hexField.isNull() ? new byte[0] : HEX.parseHex(hexField.asText());
    }

    /** Bytes to lowercase hex. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The first {@code length} bytes of a segment as lowercase hex. */
    public static String hex(MemorySegment seg, long offset, long length) {
        return HEX.formatHex(seg.asSlice(offset, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }
}
