package io.ena4j.cli;

import io.ena4j.model.EnaDeviceModel;
import io.ena4j.platform.SystemClock;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ena4j bench}: forwarding of 64-byte frames at batch 32 between two ports on the device model, measured in
 * two modes, one after the other in one run:
 * <ul>
 *   <li><b>threaded</b>: the driver's forwarding loop on this thread, both device models stepped by one other
 *       thread; both busy-poll, so cache lines cross cores as with real hardware.</li>
 *   <li><b>inline</b>: the device models are stepped on the driver's thread between forwarding passes, so no cache
 *       line crosses cores: what is left is the CPU cost of the code itself.</li>
 * </ul>
 * For each mode: Mpps forwarded; driver and device CPU nanoseconds per packet, from thread CPU time (threaded) or
 * from the time spent in each side's calls (inline), and again counting only the loop iterations that did work
 * (a busy-polling thread's empty polls are idle time); bytes allocated per packet on each side in steady state.
 * Each mode warms up first (JIT), then measures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark forwarding on the device model: threaded and inline modes; Mpps, ns/packet, "
                + "bytes allocated/packet.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    TrafficOptions opts = new TrafficOptions();

    @Option(names = {"-s", "--size"}, paramLabel = "BYTES", defaultValue = "64",
            description = "Frame size, 60..1514 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "3",
            description = "Warm-up seconds per mode before measuring, 0..60 (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--modes", paramLabel = "LIST", defaultValue = "threaded,inline", split = ",",
            description = "Modes to run: threaded, inline (default: ${DEFAULT-VALUE}).")
    String[] modes;

    @Option(names = "--variants", paramLabel = "LIST", defaultValue = "plain", split = ",",
            description = "Forwarding variants, each run in every mode: plain (the application forwards), hook (a "
                    + "packet hook redirects every frame to the other port) (default: ${DEFAULT-VALUE}).")
    String[] variants;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Override
    public Integer call() throws InterruptedException {
        opts.validate();
        TrafficOptions.check("--size", size, 60, 1514);
        TrafficOptions.check("--warmup", warmup, 0, 60);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("frame_size", size);
        out.put("batch", opts.batch);
        out.put("queues", opts.queues);
        out.put("profile", opts.profile);
        for (String v : variants) {
            if (!v.equals("plain") && !v.equals("hook")) {
                throw new IllegalArgumentException("--variants entry '" + v + "' is unknown: accepted plain, hook");
            }
        }
        for (String m : modes) {
            if (!m.equals("threaded") && !m.equals("inline")) {
                throw new IllegalArgumentException("--modes entry '" + m + "' is unknown: accepted threaded, inline");
            }
        }
        for (String v : variants) {
            for (String m : modes) {
                Map<String, Object> r = run(m.equals("threaded"), v.equals("hook"));
                // The plain variant keeps the mode's own key; the others get "<mode>-<variant>".
                String key = v.equals("plain") ? m : m + "-" + v;
                out.put(key, r);
                if (!opts.json) {
                    print(key, r);
                }
            }
        }
        if (opts.json) {
            System.out.print(ReportFormat.jsonOf(out));
        }
        return 0;
    }

    private Map<String, Object> run(boolean threaded, boolean hook) throws InterruptedException {
        byte[] frame = Frames.udp4(size, 0);
        try (Ports ports = Ports.open(2, opts.profile, Ports.Wiring.SOURCE_SINK, opts.driverConfig(), opts.queues,
                opts.mode(), 4096, frame, SystemClock.INSTANCE)) {
            if (hook) {
                Forwarder.redirectHooks(ports.devices[0], ports.queues[1]);
                Forwarder.redirectHooks(ports.devices[1], ports.queues[0]);
            }
            Forwarder f = new Forwarder(ports.queues[0], ports.queues[1], ports.pool, opts.batch, hook);
            return threaded ? threaded(ports, f) : inline(ports, f);
        }
    }

    /** Device models on their own thread, both stepped in turn, busy. */
    private Map<String, Object> threaded(Ports ports, Forwarder f) throws InterruptedException {
        ports.stopDeviceThread();
        DeviceLoop dl = new DeviceLoop(ports.models);
        Thread t = new Thread(dl, "ena-bench-devices");
        t.setDaemon(true);
        t.start();
        try {
            runFor(f, warmup * 1_000_000_000L, null);
            Sample d0 = Sample.ofCurrentThread();
            Sample m0 = dl.sample(t);
            long p0 = f.forwarded;
            long[] busy = new long[1];
            long wall0 = System.nanoTime();
            runFor(f, opts.seconds * 1_000_000_000L, busy);
            long wall = System.nanoTime() - wall0;
            Sample d1 = Sample.ofCurrentThread();
            Sample m1 = dl.sample(t);
            long pkts = f.forwarded - p0;
            return result(pkts, wall, d1.cpu - d0.cpu, busy[0], d1.alloc - d0.alloc, m1.cpu - m0.cpu, m1.busy - m0.busy,
                    m1.alloc - m0.alloc, f, ports);
        } finally {
            dl.stop.set(true);
            t.join(5000);
        }
    }

    /** Everything on this thread: devices stepped between forwarding passes. */
    private Map<String, Object> inline(Ports ports, Forwarder f) {
        ports.stopDeviceThread();
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (int i = 0; i < 1024; i++) {
                ports.stepDevices();
                f.step();
            }
        }
        long a0 = THREADS.getCurrentThreadAllocatedBytes();
        long p0 = f.forwarded;
        long devTime = 0;
        long devBusy = 0;
        long drvTime = 0;
        long drvBusy = 0;
        long wall0 = System.nanoTime();
        long end = wall0 + opts.seconds * 1_000_000_000L;
        long t0 = wall0;
        while (t0 < end) {
            int w = ports.stepDevices();
            long t1 = System.nanoTime();
            int k = f.step();
            long t2 = System.nanoTime();
            devTime += t1 - t0;
            drvTime += t2 - t1;
            if (w > 0) {
                devBusy += t1 - t0;
            }
            if (k > 0) {
                drvBusy += t2 - t1;
            }
            t0 = t2;
        }
        long wall = System.nanoTime() - wall0;
        long alloc = THREADS.getCurrentThreadAllocatedBytes() - a0;
        long pkts = f.forwarded - p0;
        // One thread: its allocations are attributed to both sides together, reported on the driver's side.
        return result(pkts, wall, drvTime, drvBusy, alloc, devTime, devBusy, 0, f, ports);
    }

    private void runFor(Forwarder f, long nanos, long[] busyOut) {
        long end = System.nanoTime() + nanos;
        long busy = 0;
        long t0 = System.nanoTime();
        while (t0 < end) {
            int k = f.step();
            long t1 = System.nanoTime();
            if (k > 0) {
                busy += t1 - t0;
            }
            t0 = t1;
        }
        if (busyOut != null) {
            busyOut[0] = busy;
        }
    }

    private Map<String, Object> result(long pkts, long wall, long drvCpu, long drvBusy, long drvAlloc, long devCpu,
                                       long devBusy, long devAlloc, Forwarder f, Ports ports) {
        Map<String, Object> r = new LinkedHashMap<>();
        double p = Math.max(pkts, 1);
        r.put("tx_placement", ports.devices[0].report().llq().placement());
        r.put("packets", pkts);
        r.put("seconds", wall / 1e9);
        r.put("mpps", pkts / (wall / 1e9) / 1e6);
        r.put("driver_cpu_ns_per_pkt", drvCpu / p);
        r.put("driver_busy_ns_per_pkt", drvBusy / p);
        r.put("device_cpu_ns_per_pkt", devCpu / p);
        r.put("device_busy_ns_per_pkt", devBusy / p);
        r.put("driver_alloc_bytes_per_pkt", drvAlloc / p);
        r.put("device_alloc_bytes_per_pkt", devAlloc / p);
        r.put("dropped_tx_full", f.dropped);
        r.put("device_rx_drops", ports.models[0].statistics().get(io.ena4j.model.DeviceStatistics.Stat.RX_DROPS)
                + ports.models[1].statistics().get(io.ena4j.model.DeviceStatistics.Stat.RX_DROPS));
        return r;
    }

    private static void print(String mode, Map<String, Object> r) {
        System.out.printf("%-13s %-6s %8.3f Mpps | driver %6.1f ns/pkt cpu, %6.1f busy | device %6.1f ns/pkt cpu, "
                        + "%6.1f busy | alloc %.3f / %.3f B/pkt%n", mode, r.get("tx_placement"), (double) r.get("mpps"),
                (double) r.get("driver_cpu_ns_per_pkt"), (double) r.get("driver_busy_ns_per_pkt"),
                (double) r.get("device_cpu_ns_per_pkt"), (double) r.get("device_busy_ns_per_pkt"),
                (double) r.get("driver_alloc_bytes_per_pkt"), (double) r.get("device_alloc_bytes_per_pkt"));
    }

    /** CPU time, busy time and allocated bytes of a thread at one instant. */
    private record Sample(long cpu, long busy, long alloc) {
        static Sample ofCurrentThread() {
            return new Sample(THREADS.getCurrentThreadCpuTime(), 0, THREADS.getCurrentThreadAllocatedBytes());
        }
    }

    /** Steps the device models on one thread, busy-polling, timing the iterations that did work. */
    private static final class DeviceLoop implements Runnable {
        private final EnaDeviceModel[] models;
        final AtomicBoolean stop = new AtomicBoolean();
        private volatile long busy;

        DeviceLoop(EnaDeviceModel[] models) {
            this.models = models;
        }

        @Override
        public void run() {
            long b = 0;
            long t0 = System.nanoTime();
            int iter = 0;
            while (!stop.get()) {
                int w = 0;
                for (EnaDeviceModel m : models) {
                    w += m.doWork();
                }
                long t1 = System.nanoTime();
                if (w > 0) {
                    b += t1 - t0;
                }
                t0 = t1;
                if ((++iter & 63) == 0) {
                    busy = b;
                }
            }
        }

        Sample sample(Thread t) {
            return new Sample(THREADS.getThreadCpuTime(t.threadId()), busy, THREADS.getThreadAllocatedBytes(t.threadId()));
        }
    }
}
