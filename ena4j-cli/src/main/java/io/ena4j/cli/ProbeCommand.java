package io.ena4j.cli;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.ProbeReport;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.SystemClock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ena4j probe}: probe a device and print what ethtool and the boot log would show. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Start a device model, probe it with the driver and print what ethtool -i/-k/-l/-g and "
                + "the driver's boot log would show.")
final class ProbeCommand implements Callable<Integer> {

    @Mixin
    BackendOptions backend = new BackendOptions();

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--large-llq", description = "Ask for 256-byte LLQ entries (224-byte Tx headers) when the device "
            + "supports them (like the force_large_llq_header module parameter).")
    boolean largeLlq;

    @Option(names = "--no-llq", description = "Decline LLQ: host placement of Tx descriptors.")
    boolean noLlq;

    @Mixin
    ModuleOptions module = new ModuleOptions();

    @Override
    public Integer call() {
        DriverConfig cfg = module.apply(DriverConfig.defaults().withLlqPolicy(noLlq ? DriverConfig.LlqPolicy.DISABLED
                : largeLlq ? DriverConfig.LlqPolicy.LARGE : DriverConfig.LlqPolicy.AUTO));
        try (PciFunction fn = backend.open(); EnaDevice dev = EnaDevice.probe(fn, SystemClock.INSTANCE, cfg)) {
            ProbeReport r = dev.report();
            System.out.print(json ? ReportFormat.json(r) : ReportFormat.text(r));
        }
        return 0;
    }
}
