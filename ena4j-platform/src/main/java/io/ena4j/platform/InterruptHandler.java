package io.ena4j.platform;

/**
 * Receives MSI-X messages. Called on the thread that delivers the interrupt (the device model's
 * thread, or an eventfd reader with VFIO); it must be short and must not block.
 */
@FunctionalInterface
public interface InterruptHandler {

    /** MSI-X vector {@code vector} fired. */
    void onInterrupt(int vector);
}
