package io.ena4j.bench;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.PacketPool;
import io.ena4j.driver.QueuePair;
import io.ena4j.model.DeviceProfile;
import io.ena4j.model.EnaDeviceModel;
import io.ena4j.model.ModelPciFunction;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.platform.ManualClock;
import java.util.function.Consumer;

/**
 * One driver port on an embedded device model, one queue pair in poll mode, for the benchmarks: probed on a
 * virtual clock (so the probe's waits take no time), then stepped inline by the benchmark thread with
 * {@link #step()}, so each measured call runs the driver and then the device on one core, as the {@code inline}
 * mode of {@code ./ena4j bench} does. Timers do not advance: no keep-alive, no service timer tick, only traffic.
 */
final class BenchPort implements AutoCloseable {

    final ManualClock clock = new ManualClock(1_000_000_000L);
    final Iommu iommu = new Iommu();
    final IommuDmaAllocator dma = new IommuDmaAllocator(iommu);
    final EnaDeviceModel model;
    final ModelPciFunction fn;
    final EnaDevice dev;
    final PacketPool pool;
    final QueuePair qp;

    /**
     * @param llq    Tx placement policy
     * @param mtu    MTU set before the queues come up
     * @param wiring attaches the model's wire (null sink, null source, loopback ...)
     */
    BenchPort(DriverConfig.LlqPolicy llq, int mtu, Consumer<EnaDeviceModel> wiring) {
        model = new EnaDeviceModel(DeviceProfile.ec2Default(), clock, iommu);
        fn = new ModelPciFunction(model, dma);
        wiring.accept(model);
        clock.addTicker(model::doWork);
        dev = EnaDevice.probe(fn, clock, DriverConfig.defaults().withLlqPolicy(llq)
                .withServiceTimer(DriverConfig.ServiceTimerMode.APPLICATION));
        dev.setMtu(mtu);
        pool = PacketPool.create(dma, 8192);
        qp = dev.up(1, new PacketPool[] {pool}, new QueuePair.Mode[] {QueuePair.Mode.POLL})[0];
        clock.removeTicker(model::doWork); // from here on the benchmark steps the model itself
    }

    /** Runs the device model once (its Tx and Rx engines), on the calling thread. */
    void step() {
        model.doWork();
    }

    @Override
    public void close() {
        dev.close();
        pool.close();
        fn.close();
    }
}
