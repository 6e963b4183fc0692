package io.ena4j.it;

import io.ena4j.model.DeviceProfile;
import io.ena4j.model.EnaDeviceModel;
import io.ena4j.model.ModelPciFunction;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.ManualClock;

/**
 * A device model on a {@link ManualClock}, stepped as a clock ticker: every sleep of the driver advances
 * virtual time and lets the device work, so a single test thread drives both sides deterministically and
 * no timeout is waited out in real time.
 */
final class ModelHarness implements AutoCloseable {

    final ManualClock clock = new ManualClock(1_000_000_000L);
    final EnaDeviceModel model;
    final ModelPciFunction fn;

    ModelHarness(DeviceProfile profile) {
        model = new EnaDeviceModel(profile, clock);
        clock.addTicker(model::doWork);
        fn = new ModelPciFunction(model);
    }

    /** Advances virtual time by {@code millis} in 1 ms steps, letting device and interrupt handlers run. */
    void runFor(long millis) {
        clock.advanceInSteps(millis * 1_000_000L, 1_000_000L);
    }

    long nowMillis() {
        return clock.nanoTime() / 1_000_000L;
    }

    /** DMA buffers the driver still holds. */
    int liveDmaBuffers() {
        return ((IommuDmaAllocator) fn.dma()).liveBuffers();
    }

    @Override
    public void close() {
        fn.close();
    }
}
