package io.ena4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ena4j.model.PcapngReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --capture FILE}: a demo session's frames, both ports and both ways, in a pcapng file that our reader and,
 * where installed, tshark read back: the frames are the demo's UDP frames, each sent one appears as received on
 * the other port, timestamps are in nanoseconds and never go backwards per port.
 */
class CaptureTest {

    @TempDir
    Path dir;

    @Test
    void aDemoSessionIsCapturedBothWaysOnBothPorts() throws Exception {
        Path file = dir.resolve("demo.pcapng");
        CliRun r = CliRun.of("demo", "--seconds", "1", "--size", "128", "--capture", file.toString(),
                "--capture-count", "400");
        assertThat(r.status()).as(r.err()).isZero();
        PcapngReader pcap = PcapngReader.read(file);
        assertThat(pcap.interfaces()).extracting(PcapngReader.Interface::name).containsExactly("port0", "port1");
        assertThat(pcap.interfaces()).allSatisfy(i -> {
            assertThat(i.linkType()).isEqualTo(1);
            assertThat(i.tsResolution()).as("nanoseconds").isEqualTo(9);
        });
        List<PcapngReader.Frame> frames = pcap.frames();
        assertThat(frames).hasSize(400);
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.data()).hasSize(128);
            assertThat(f.inbound() ^ f.outbound()).as("a direction on every frame").isTrue();
            assertThat(f.data()[12]).isEqualTo((byte) 0x08); // IPv4
            assertThat(f.data()[23]).isEqualTo((byte) 17);   // UDP
        });
        long out0 = frames.stream().filter(f -> f.iface() == 0 && f.outbound()).count();
        long in1 = frames.stream().filter(f -> f.iface() == 1 && f.inbound()).count();
        assertThat(out0).isPositive();
        assertThat(in1).as("what port 0 sent arrived at port 1").isPositive();
        PcapngReader.Frame firstOut = frames.stream().filter(f -> f.iface() == 0 && f.outbound()).findFirst()
                .orElseThrow();
        assertThat(frames.stream().filter(f -> f.iface() == 1 && f.inbound())
                .anyMatch(f -> java.util.Arrays.equals(f.data(), firstOut.data()))).isTrue();
        long now = System.currentTimeMillis() * 1_000_000L;
        assertThat(frames.getFirst().timestamp()).as("wall-clock nanoseconds").isBetween(now - 120_000_000_000L, now);
        for (int port = 0; port < 2; port++) {
            int p = port;
            long[] ts = frames.stream().filter(f -> f.iface() == p && f.outbound())
                    .mapToLong(PcapngReader.Frame::timestamp).toArray();
            for (int i = 1; i < ts.length; i++) {
                assertThat(ts[i]).isGreaterThanOrEqualTo(ts[i - 1]);
            }
        }

        Path tshark = Path.of("/usr/bin/tshark");
        if (Files.isExecutable(tshark)) {
            Process t = new ProcessBuilder(tshark.toString(), "-r", file.toString(), "-T", "fields", "-e",
                    "frame.len").redirectErrorStream(true).start();
            String out = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(t.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(t.exitValue()).as(out).isZero();
            assertThat(out.lines().filter(l -> l.equals("128")).count()).isEqualTo(400);
        }
    }

    @Test
    void anUnwritableCaptureFileIsOneClearError() {
        CliRun r = CliRun.of("pktgen", "--seconds", "1", "--capture", "/nonexistent-dir/x.pcapng");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("--capture /nonexistent-dir/x.pcapng: cannot write it");
    }
}
