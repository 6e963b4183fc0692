package io.ena4j.cli;

import io.ena4j.model.DeviceProfile;
import io.ena4j.model.EnaDeviceModel;
import io.ena4j.model.ModelPciFunction;
import io.ena4j.platform.PciFunction;
import io.ena4j.platform.SystemClock;
import picocli.CommandLine.Option;

/** Where the device comes from. Today: an embedded device model with a named profile. */
final class BackendOptions {

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", defaultValue = "ec2-default",
            description = "Device model profile: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = ProfileNames.class)
    String profile;

    /** Starts the model on its own thread and returns the PCI function in front of it. */
    PciFunction open() {
        DeviceProfile p = DeviceProfile.named(profile); // unknown name: IllegalArgumentException listing the names
        EnaDeviceModel model = new EnaDeviceModel(p, SystemClock.INSTANCE);
        model.start();
        return new ModelPciFunction(model);
    }

    /** Profile names for picocli's help and completion. */
    static final class ProfileNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DeviceProfile.names().iterator();
        }
    }
}
