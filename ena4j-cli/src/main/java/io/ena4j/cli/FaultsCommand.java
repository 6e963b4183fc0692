package io.ena4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ena4j faults}: the fault campaign ({@link FaultCampaign}) over many seeds, one table row per fault kind:
 * injected, detected with the right reason, recovered (device restored and traffic flowing both ways), buffers lost
 * (must be 0), mean and max time from injection to the restored device, on the virtual clock. Exit status 1 if any
 * seed failed; the first failures are listed with their seeds, so that a failure is replayed with
 * {@code --first SEED --seeds 1}.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "Fault campaign on the device model: random device faults under bidirectional traffic; "
                + "detection, recovery and buffer accounting per fault kind.")
final class FaultsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "10000",
            description = "Seeds to run, 1..10000000 (default: ${DEFAULT-VALUE}).")
    long seeds;

    @Option(names = "--first", paramLabel = "SEED", defaultValue = "1",
            description = "First seed (default: ${DEFAULT-VALUE}).")
    long first;

    @Option(names = "--json", description = "Print the table as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (seeds < 1 || seeds > 10_000_000L) {
            throw new IllegalArgumentException("--seeds " + seeds + " out of range: accepted 1..10000000");
        }
        PrintWriter out = spec.commandLine().getOut();
        FaultCampaign c = new FaultCampaign();
        long t0 = System.nanoTime();
        c.run(first, seeds);
        double wall = (System.nanoTime() - t0) / 1e9;
        List<String> failures = new ArrayList<>();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("seeds", c.seeds());
            doc.put("first_seed", first);
            doc.put("failed_seeds", c.failedSeeds());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (var e : c.totals().entrySet()) {
                FaultCampaign.Totals t = e.getValue();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("kind", e.getKey().name().toLowerCase());
                row.put("injected", t.injected);
                row.put("detected", t.detected);
                row.put("recovered", t.recovered);
                row.put("buffers_lost", t.buffersLost);
                row.put("mean_recovery_ms", t.meanRecoveryNanos() / 1e6);
                row.put("max_recovery_ms", t.recoveryMax / 1e6);
                rows.add(row);
                failures.addAll(t.failures);
            }
            doc.put("kinds", rows);
            doc.put("failures", failures);
            doc.put("wall_seconds", wall);
            out.print(ReportFormat.jsonOf(doc));
        } else {
            out.printf("%-26s %9s %9s %9s %8s %14s %14s%n", "fault", "injected", "detected", "recovered", "lost",
                    "mean recov ms", "max recov ms");
            for (var e : c.totals().entrySet()) {
                FaultCampaign.Totals t = e.getValue();
                out.printf("%-26s %9d %9d %9d %8d %14.1f %14.1f%n", e.getKey().name().toLowerCase(), t.injected,
                        t.detected, t.recovered, t.buffersLost, t.meanRecoveryNanos() / 1e6, t.recoveryMax / 1e6);
                failures.addAll(t.failures);
            }
            out.printf("%d seeds (%d..%d), %d failed, %.1f s wall%n", c.seeds(), first, first + seeds - 1,
                    c.failedSeeds(), wall);
            for (String f : failures) {
                out.println("FAILED " + f);
            }
        }
        out.flush();
        return c.failedSeeds() == 0 ? 0 : 1;
    }
}
