package io.ena4j.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates and parses the reference vectors ({@code shared/spec/vectors/*.jsonl}). The directory comes from system
 * property {@code ena4j.shared.dir} (set by the build to the {@code shared/} folder), else from walking up from the
 * working directory until {@code shared/spec/vectors} exists. ena4j-spec cannot use the testkit (the testkit
 * depends on this module), hence this small reader.
 */
public final class VectorFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VectorFiles() {
    }

    /** The vectors directory; fails the test with a clear message if it cannot be found. */
    public static Path dir() {
        String prop = System.getProperty("ena4j.shared.dir");
        if (prop != null) {
            Path p = Path.of(prop, "spec", "vectors");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("spec").resolve("vectors");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("reference vectors not found: set -Dena4j.shared.dir=<shared folder> "
                + "(was " + prop + ") or run below a directory containing shared/spec/vectors");
    }

    /** All lines of {@code name} (e.g. "admin.jsonl") as JSON trees, in file order. */
    public static List<JsonNode> lines(String name) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String l : Files.readAllLines(dir().resolve(name))) {
                if (!l.isBlank()) {
                    out.add(JSON.readTree(l));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
