package io.ena4j.cli;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaDevice;
import io.ena4j.driver.PacketPool;
import io.ena4j.driver.QueuePair;
import io.ena4j.model.DeviceGroup;
import io.ena4j.model.DeviceProfile;
import io.ena4j.model.EnaDeviceModel;
import io.ena4j.model.ModelPciFunction;
import io.ena4j.model.Wires;
import io.ena4j.platform.Clock;
import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import java.util.Arrays;

/**
 * A set of probed ports on embedded device models, their queues up, and the wire between them: what the traffic
 * commands (pktgen, fwd, bench, demo) run on. All ports share one IOMMU and one DMA allocator, as functions in one
 * VFIO container do, so a buffer received on one port can be sent on another without a copy.
 */
final class Ports implements AutoCloseable {

    /** How frames leave and reach the ports. */
    enum Wiring {
        /** Each port's Tx comes back to its own Rx. */
        LOOPBACK,
        /** Port 0 and port 1 back to back. */
        PAIR,
        /** Tx frames are dropped at the device at minimal cost; nothing is received. */
        SINK,
        /** The device receives an endless stream of one frame and drops what is sent: for forwarding benchmarks. */
        SOURCE_SINK,
        /** Each port on a Linux TAP interface ({@link io.ena4j.model.TapWire}): real frames to and from Linux. */
        TAP
    }

    final EnaDeviceModel[] models;
    final ModelPciFunction[] functions;
    final EnaDevice[] devices;
    final QueuePair[][] queues;
    final PacketPool pool;
    final DeviceGroup group;
    private final IommuDmaAllocator dma;
    private ControlChannel control;
    private io.ena4j.model.PcapngWriter capture;
    private Thread publisher;
    private volatile boolean publishing;
    private final io.ena4j.model.TapWire[] taps;

    private Ports(EnaDeviceModel[] models, ModelPciFunction[] functions, EnaDevice[] devices, QueuePair[][] queues,
                  PacketPool pool, IommuDmaAllocator dma, DeviceGroup group, io.ena4j.model.TapWire[] taps) {
        this.taps = taps;
        this.group = group;
        this.models = models;
        this.functions = functions;
        this.devices = devices;
        this.queues = queues;
        this.pool = pool;
        this.dma = dma;
    }

    /**
     * Creates {@code n} ports with {@code profile}, wires them, probes each with the driver and brings
     * {@code queueCount} queue pairs up in {@code mode}, with one packet pool of {@code poolSize} buffers shared by
     * all (one polling thread).
     *
     * @param sourceFrame the frame a {@link Wiring#SOURCE_SINK} device receives endlessly (ignored otherwise)
     */
    static Ports open(int n, String profile, Wiring wiring, DriverConfig cfg, int queueCount, QueuePair.Mode mode,
                      int poolSize, byte[] sourceFrame, Clock clock) {
        return open(n, profile, wiring, cfg, queueCount, mode, poolSize, sourceFrame, clock, null);
    }

    /**
     * As {@link #open(int, String, Wiring, DriverConfig, int, QueuePair.Mode, int, byte[], Clock)}, with
     * {@code tapName} the Linux interface of a {@link Wiring#TAP} port (port i of several: {@code tapName + i}).
     */
    static Ports open(int n, String profile, Wiring wiring, DriverConfig cfg, int queueCount, QueuePair.Mode mode,
                      int poolSize, byte[] sourceFrame, Clock clock, String tapName) {
        if (wiring == Wiring.PAIR && n != 2) {
            throw new IllegalArgumentException("a port pair needs 2 ports, got " + n);
        }
        DeviceProfile base = DeviceProfile.named(profile);
        Iommu iommu = new Iommu();
        IommuDmaAllocator dma = new IommuDmaAllocator(iommu);
        EnaDeviceModel[] models = new EnaDeviceModel[n];
        ModelPciFunction[] fns = new ModelPciFunction[n];
        EnaDevice[] devs = new EnaDevice[n];
        QueuePair[][] qps = new QueuePair[n][];
        PacketPool pool = null;
        DeviceGroup group = null;
        io.ena4j.model.TapWire[] taps = new io.ena4j.model.TapWire[wiring == Wiring.TAP ? n : 0];
        try {
            for (int i = 0; i < n; i++) {
                DeviceProfile p = base.toBuilder().attributes(withMac(base, i)).build();
                models[i] = new EnaDeviceModel(p, clock, iommu);
                fns[i] = new ModelPciFunction(models[i], dma);
            }
            switch (wiring) {
                case LOOPBACK -> Arrays.stream(models).forEach(Wires::loopback);
                case PAIR -> Wires.pair(models[0], models[1]);
                case SINK -> Arrays.stream(models).forEach(Wires::nullSink);
                case SOURCE_SINK -> Arrays.stream(models).forEach(m -> Wires.nullSource(m, sourceFrame));
                case TAP -> {
                    for (int i = 0; i < n; i++) {
                        taps[i] = io.ena4j.model.TapWire.attach(models[i], n == 1 ? tapName : tapName + i);
                    }
                }
            }
            // One thread steps every device model (a 2-core machine has no core to spare per port).
            group = new DeviceGroup(models);
            group.start();
            for (int i = 0; i < n; i++) {
                devs[i] = EnaDevice.probe(fns[i], clock, cfg);
            }
            int q = queueCount;
            for (EnaDevice d : devs) {
                if (q > d.maxIoQueues()) {
                    throw new IllegalArgumentException("--queues " + q + " out of range: accepted 1.."
                            + d.maxIoQueues() + " on this device and host");
                }
            }
            int ring = devs[0].report().rings().rx();
            pool = PacketPool.create(dma, Math.max(poolSize, n * q * (ring + 64) * 2));
            for (int i = 0; i < n; i++) {
                PacketPool[] pools = new PacketPool[q];
                QueuePair.Mode[] modes = new QueuePair.Mode[q];
                Arrays.fill(pools, pool);
                Arrays.fill(modes, mode);
                qps[i] = devs[i].up(q, pools, modes);
            }
            return new Ports(models, fns, devs, qps, pool, dma, group, taps);
        } catch (RuntimeException e) {
            if (group != null) {
                group.stop();
            }
            for (io.ena4j.model.TapWire t : taps) {
                if (t != null) {
                    t.close();
                }
            }
            for (EnaDevice d : devs) {
                if (d != null) {
                    d.close();
                }
            }
            if (pool != null) {
                pool.close();
            }
            for (ModelPciFunction f : fns) {
                if (f != null) {
                    f.close();
                }
            }
            throw e;
        }
    }

    private static DeviceProfile.Attributes withMac(DeviceProfile base, int port) {
        DeviceProfile.Attributes a = base.attributes();
        return new DeviceProfile.Attributes(a.supportedFeatures(), a.capabilities(), a.physAddrWidth(),
                a.virtAddrWidth(), (a.macAddress() & ~0xFFL) | ((a.macAddress() + port) & 0xFF),
                a.flowSteeringMaxEntries(), a.maxMtu());
    }

    /** Stops the device thread: the caller then steps the devices itself with {@link #stepDevices()}. */
    void stopDeviceThread() {
        group.stop();
    }

    /** Steps every model once (inline mode: the caller's thread is the devices' thread). */
    int stepDevices() {
        int work = 0;
        for (EnaDeviceModel m : models) {
            work += m.doWork();
        }
        return work;
    }

    /**
     * Serves these ports' devices (ena0, ena1, ...) on this process's control socket, so that
     * {@code ./ena4j ethtool --pid <pid> ...} from another process reaches them; closed with the ports. A socket
     * that cannot be made is logged and the run goes on without it.
     */
    void serveControl() {
        publishCounters(100);
        try {
            control = ControlChannel.start(ControlChannel.directory(), devices);
            org.slf4j.LoggerFactory.getLogger(Ports.class).info("control socket {} (./ena4j ethtool --pid {} ...)",
                    control.socket(), ProcessHandle.current().pid());
        } catch (java.io.IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Ports.class).warn("no control socket: {}", e.toString());
        }
    }

    /**
     * Captures every port's frames, both ways, into the pcapng file {@code file} (one interface per port, named
     * {@code port<i>}), at most {@code maxFrames} (0: no limit); the file is complete once the ports are closed.
     *
     * @throws IllegalArgumentException the file cannot be written (the message names it)
     */
    void capture(java.nio.file.Path file, long maxFrames, Clock clock) {
        String[] names = new String[models.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = "port" + i;
        }
        try {
            capture = io.ena4j.model.PcapngWriter.open(file, names, maxFrames, clock.nanoTime());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--capture " + file + ": cannot write it: " + e.getMessage());
        }
        for (int i = 0; i < models.length; i++) {
            models[i].setCapture(capture.forInterface(i));
        }
    }

    /**
     * Publishes every device's {@code ethtool -S} counters in a memory-mapped file
     * ({@code <control dir>/<pid>-ena<i>.counters}, see {@link CountersFile}) every {@code periodMillis}, from a
     * daemon thread (never the data path), until the ports close. Files that cannot be made are logged and skipped.
     */
    void publishCounters(long periodMillis) {
        java.nio.file.Path dir = ControlChannel.directory();
        long pid = ProcessHandle.current().pid();
        CountersFile[] files = new CountersFile[devices.length];
        for (int i = 0; i < devices.length; i++) {
            try {
                files[i] = CountersFile.create(dir.resolve(pid + "-ena" + i + ".counters"), "ena" + i,
                        new java.util.ArrayList<>(devices[i].ethtoolStats().keySet()));
            } catch (java.io.IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Ports.class).warn("no counters file for ena{}: {}", i, e.toString());
            }
        }
        publishing = true;
        publisher = new Thread(() -> {
            while (publishing) {
                publishOnce(files);
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    break;
                }
            }
            publishOnce(files); // the final values
            for (CountersFile f : files) {
                if (f != null) {
                    f.close();
                }
            }
        }, "ena4j-counters");
        publisher.setDaemon(true);
        publisher.start();
    }

    private void publishOnce(CountersFile[] files) {
        java.time.Instant now = java.time.Instant.now();
        long epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        for (int i = 0; i < files.length; i++) {
            if (files[i] != null) {
                files[i].publish(devices[i].ethtoolStats(), epochNanos);
            }
        }
    }

    /** Frames captured so far (0 without a capture). */
    long captured() {
        return capture == null ? 0 : capture.frames();
    }

    @Override
    public void close() {
        if (control != null) {
            control.close();
        }
        if (publisher != null) {
            publishing = false;
            publisher.interrupt();
            try {
                publisher.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (capture != null) {
            for (EnaDeviceModel m : models) {
                m.setCapture(null);
            }
        }
        if (!group.running()) {
            group.start(); // teardown talks to the devices through the admin queue
        }
        for (EnaDevice d : devices) {
            d.close();
        }
        group.stop();
        for (io.ena4j.model.TapWire t : taps) {
            t.close(); // the stepping thread has stopped: safe to close the descriptors
        }
        for (ModelPciFunction f : functions) {
            f.close();
        }
        pool.close();
        if (capture != null) {
            try {
                capture.close();
            } catch (java.io.IOException e) {
                org.slf4j.LoggerFactory.getLogger(Ports.class).warn("capture file incomplete: {}", e.toString());
            }
        }
    }
}
