package io.ena4j.cli;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.QueuePair;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every traffic command shares. */
final class TrafficOptions {

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", defaultValue = "ec2-default",
            description = "Device model profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = {"-q", "--queues"}, paramLabel = "N", defaultValue = "1",
            description = "Queue pairs per port, 1..the device maximum (default: ${DEFAULT-VALUE}).")
    int queues;

    @Option(names = {"-b", "--batch"}, paramLabel = "N", defaultValue = "32",
            description = "Packets per burst, 1..512 (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = {"-t", "--seconds"}, paramLabel = "S", defaultValue = "5",
            description = "Run time in seconds, 1..3600 (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--no-llq", description = "Decline LLQ: Tx descriptors in host memory.")
    boolean noLlq;

    @Option(names = "--large-llq", description = "256-byte LLQ entries when the device offers them.")
    boolean largeLlq;

    @Option(names = "--interrupts", description = "Queue pairs in interrupt mode instead of busy polling.")
    boolean interrupts;

    @Mixin
    ModuleOptions module = new ModuleOptions();

    @Option(names = "--json", description = "Print a final JSON summary instead of the per-second table.")
    boolean json;

    @Option(names = "--capture", paramLabel = "FILE",
            description = "Capture every port's frames, both ways, to this pcapng file (tshark -r FILE).")
    java.nio.file.Path capture;

    @Option(names = "--capture-count", paramLabel = "N", defaultValue = "0",
            description = "Stop capturing after N frames, 0 for no limit (default: ${DEFAULT-VALUE}).")
    long captureCount;

    void validate() {
        check("--queues", queues, 1, DriverConfig.MAX_IO_QUEUES);
        check("--batch", batch, 1, 512);
        check("--seconds", seconds, 1, 3600);
        check("--capture-count", captureCount, 0, Long.MAX_VALUE);
        if (noLlq && largeLlq) {
            throw new IllegalArgumentException("--no-llq and --large-llq exclude each other");
        }
    }

    DriverConfig driverConfig() {
        return module.apply(DriverConfig.defaults().withLlqPolicy(noLlq ? DriverConfig.LlqPolicy.DISABLED
                : largeLlq ? DriverConfig.LlqPolicy.LARGE : DriverConfig.LlqPolicy.AUTO));
    }

    QueuePair.Mode mode() {
        return interrupts ? QueuePair.Mode.INTERRUPT : QueuePair.Mode.POLL;
    }

    static void check(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " " + v + " is out of range: accepted " + min + ".." + max);
        }
    }
}
