package io.ena4j.model;

/**
 * Conditions outside the device's configuration that tests control (link state, current HW hints): they survive a
 * device reset, as the world outside the NIC does. Guarded by the device lock.
 */
final class Environment {

    boolean linkUp = true;
    DeviceProfile.Hints hints;

    Environment(DeviceProfile profile) {
        hints = profile.hints();
    }
}
