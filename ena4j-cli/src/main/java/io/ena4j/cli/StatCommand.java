package io.ena4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ena4j stat}: the interfaces of running ena4j processes, read from their published counters files
 * ({@link CountersFile}) without disturbing them, like {@code ip -s link}; with {@code --watch}, a line per
 * interface and interval with rates and deltas, like AeronStat.
 */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Show the interfaces of running ena4j processes from their shared-memory counters.")
final class StatCommand implements Callable<Integer> {

    @Option(names = "--pid", paramLabel = "P", description = "Only process P.")
    Long pid;

    @Option(names = "--dir", paramLabel = "D", description = "Where the counters files are (default: the control "
            + "directory, $ENA4J_CONTROL_DIR or $XDG_RUNTIME_DIR/ena4j or /tmp/ena4j-$USER).")
    Path dir;

    @Option(names = {"-w", "--watch"}, description = "Print rates every interval until interrupted (or --count).")
    boolean watch;

    @Option(names = {"-i", "--interval"}, paramLabel = "S", defaultValue = "1",
            description = "Seconds between lines with --watch, 1..60 (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = {"-c", "--count"}, paramLabel = "N", defaultValue = "0",
            description = "With --watch: stop after N intervals, 0 for no limit (default: ${DEFAULT-VALUE}).")
    int count;

    private final PrintStream out = System.out;

    /** Sums of the per-queue counters that make an interface line. */
    record Totals(long rxPackets, long rxBytes, long txPackets, long txBytes, long rxDrops, long resets) {
        static Totals of(Map<String, Long> s) {
            long rp = 0;
            long rb = 0;
            long tp = 0;
            long tb = 0;
            for (Map.Entry<String, Long> e : s.entrySet()) {
                String k = e.getKey();
                if (!k.startsWith("queue_")) {
                    continue;
                }
                if (k.endsWith("_rx_cnt")) {
                    rp += e.getValue();
                } else if (k.endsWith("_rx_bytes")) {
                    rb += e.getValue();
                } else if (k.endsWith("_tx_cnt")) {
                    tp += e.getValue();
                } else if (k.endsWith("_tx_bytes")) {
                    tb += e.getValue();
                }
            }
            return new Totals(rp, rb, tp, tb, s.getOrDefault("rx_drops", 0L), s.getOrDefault("total_resets", 0L));
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        TrafficOptions.check("--interval", interval, 1, 60);
        TrafficOptions.check("--count", count, 0, Integer.MAX_VALUE);
        Path d = dir != null ? dir : ControlChannel.directory();
        List<CountersFile> files = openAll(d);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no running ena4j process publishes counters in " + d
                    + (pid != null ? " with pid " + pid : ""));
        }
        try {
            if (!watch) {
                for (CountersFile f : files) {
                    Totals t = Totals.of(f.snapshot());
                    out.printf("%s (pid %d):%n", f.device(), f.pid());
                    out.printf("    RX:  bytes %d  packets %d  dropped %d%n", t.rxBytes(), t.rxPackets(), t.rxDrops());
                    out.printf("    TX:  bytes %d  packets %d%n", t.txBytes(), t.txPackets());
                    out.printf("    resets %d%n", t.resets());
                }
                return 0;
            }
            Totals[] last = new Totals[files.size()];
            long[] lastAt = new long[files.size()];
            for (int i = 0; i < files.size(); i++) {
                last[i] = Totals.of(files.get(i).snapshot());
                lastAt[i] = files.get(i).publishedNanos();
            }
            out.printf("%-6s %8s %12s %10s %12s %10s %8s %8s%n", "if", "pid", "rx pps", "rx Mbit/s", "tx pps",
                    "tx Mbit/s", "rx drop", "resets");
            for (int n = 0; count == 0 || n < count; n++) {
                Thread.sleep(interval * 1000L);
                for (int i = 0; i < files.size(); i++) {
                    CountersFile f = files.get(i);
                    Totals t = Totals.of(f.snapshot());
                    long at = f.publishedNanos();
                    double s = Math.max(at - lastAt[i], 1) / 1e9;
                    out.printf("%-6s %8d %12.0f %10.1f %12.0f %10.1f %8d %8d%n", f.device(), f.pid(),
                            (t.rxPackets() - last[i].rxPackets()) / s, (t.rxBytes() - last[i].rxBytes()) * 8 / s / 1e6,
                            (t.txPackets() - last[i].txPackets()) / s, (t.txBytes() - last[i].txBytes()) * 8 / s / 1e6,
                            t.rxDrops() - last[i].rxDrops(), t.resets() - last[i].resets());
                    last[i] = t;
                    lastAt[i] = at;
                }
                out.flush();
            }
            return 0;
        } finally {
            for (CountersFile f : files) {
                f.close();
            }
        }
    }

    /** Counters files of live processes (of {@link #pid} if set), by pid then interface. */
    private List<CountersFile> openAll(Path d) throws IOException {
        List<CountersFile> out = new ArrayList<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        List<Path> paths;
        try (Stream<Path> s = Files.list(d)) {
            paths = s.filter(p -> p.getFileName().toString().endsWith(".counters")).sorted().toList();
        }
        for (Path p : paths) {
            String n = p.getFileName().toString();
            int dash = n.indexOf('-');
            long owner;
            try {
                owner = Long.parseLong(n.substring(0, dash));
            } catch (RuntimeException e) {
                continue;
            }
            if ((pid != null && owner != pid) || ProcessHandle.of(owner).map(h -> !h.isAlive()).orElse(true)) {
                continue; // another process, or a stale file of a process that is gone
            }
            try {
                out.add(CountersFile.open(p));
            } catch (IllegalArgumentException | IOException e) {
                // being created, or not ours: skip
            }
        }
        return out;
    }
}
