package io.ena4j.cli;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.ModuleParameters;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --module-param name=value}: the Linux driver's module parameters for every command that probes a device. */
final class ModuleOptions {

    @Option(names = "--module-param", paramLabel = "NAME=VALUE", split = ",",
            description = "A module parameter of the Linux driver, as for modprobe ena: rx_queue_size=256..16384 "
                    + "(rounded down to a power of two), num_io_queues=1..128, force_large_llq_header=0|1, "
                    + "phc_enable=0|1. Repeat the option or separate with commas.")
    List<String> params = new ArrayList<>();

    /** {@code base} with the parameters applied; one clear error for a bad one. */
    DriverConfig apply(DriverConfig base) {
        return ModuleParameters.apply(base, params);
    }
}
