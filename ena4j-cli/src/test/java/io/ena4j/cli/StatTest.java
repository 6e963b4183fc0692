package io.ena4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counters in shared memory: a running forwarder publishes every {@code ethtool -S} counter of each interface in a
 * mapped file; {@code ./ena4j stat} reads them from outside, once and with {@code --watch} rates; the file layout
 * round-trips and a foreign file is refused by name.
 */
class StatTest {

    @TempDir
    Path dir;

    @Test
    void statReadsARunningForwardersCounters() throws Exception {
        long me = ProcessHandle.current().pid();
        Path file = ControlChannel.directory().resolve(me + "-ena0.counters");
        AtomicInteger status = new AtomicInteger(-1);
        Thread fwd = new Thread(() -> status.set(Main.run("fwd", "--seconds", "6", "--json")));
        fwd.start();
        try {
            for (int i = 0; i < 200 && !Files.exists(file); i++) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
            try (CountersFile f = CountersFile.open(file)) {
                assertThat(f.device()).isEqualTo("ena0");
                assertThat(f.pid()).isEqualTo(me);
                Map<String, Long> s = f.snapshot();
                assertThat(s).containsKeys("total_resets", "queue_0_rx_cnt", "queue_0_tx_cnt");
                assertThat(s.get("queue_0_rx_cnt")).as("live values").isPositive();
            }
            CliRun once = CliRun.of("stat", "--pid", String.valueOf(me));
            assertThat(once.status()).as(once.err()).isZero();
            assertThat(once.out()).contains("ena0 (pid " + me + "):\n    RX:  bytes ").contains("ena1 (pid ");
            CliRun w = CliRun.of("stat", "--pid", String.valueOf(me), "--watch", "--count", "2");
            assertThat(w.status()).as(w.err()).isZero();
            List<String> lines = w.out().lines().toList();
            assertThat(lines).hasSize(1 + 2 * 2); // header + 2 intervals x 2 interfaces
            String[] cols = lines.get(1).trim().split("\\s+");
            assertThat(cols[0]).isEqualTo("ena0");
            assertThat(Double.parseDouble(cols[2])).as("rx pps of a forwarder").isPositive();
        } finally {
            fwd.join(30_000);
        }
        assertThat(status.get()).isZero();
        assertThat(file).as("removed when the process's ports close").doesNotExist();
        CliRun none = CliRun.of("stat", "--pid", String.valueOf(me));
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).contains("no running ena4j process publishes counters in");
    }

    @Test
    void theLayoutRoundTripsAndForeignFilesAreRefused() throws Exception {
        Path p = dir.resolve("1-ena0.counters");
        try (CountersFile w = CountersFile.create(p, "ena0", List.of("a", "b_long_name"))) {
            w.publish(Map.of("a", 7L, "b_long_name", -1L), 42);
            try (CountersFile r = CountersFile.open(p)) {
                assertThat(r.names()).containsExactly("a", "b_long_name");
                assertThat(r.snapshot()).containsExactly(Map.entry("a", 7L), Map.entry("b_long_name", -1L));
                assertThat(r.publishedNanos()).isEqualTo(42);
            }
        }
        assertThat(p).doesNotExist();
        Path junk = dir.resolve("junk.counters");
        Files.write(junk, new byte[256]);
        assertThatThrownBy(() -> CountersFile.open(junk)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(junk + ": not an ena4j counters file of version 1");
    }
}
