package io.ena4j.cli;

import io.ena4j.platform.SystemClock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ena4j fwd}: forwards between two ports, like ixy's forwarder or testpmd in io mode. Each port's device
 * model receives an endless stream of one frame (the traffic a generator would send) and drops what is sent, so
 * the forwarding rate is what the driver sustains.
 */
@Command(name = "fwd", mixinStandardHelpOptions = true,
        description = "Forward frames between two ports of embedded ENA device models and report rates each second.")
final class FwdCommand implements Callable<Integer> {

    @Mixin
    TrafficOptions opts = new TrafficOptions();

    @Option(names = {"-s", "--size"}, paramLabel = "BYTES", defaultValue = "64",
            description = "Size of the frames the ports receive, 60..1514 (default: ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() {
        opts.validate();
        TrafficOptions.check("--size", size, 60, 1514);
        byte[] frame = Frames.udp4(size, 0);
        try (Ports ports = Ports.open(2, opts.profile, Ports.Wiring.SOURCE_SINK, opts.driverConfig(), opts.queues,
                opts.mode(), 4096, frame, SystemClock.INSTANCE)) {
            ports.serveControl();
            if (opts.capture != null) {
                ports.capture(opts.capture, opts.captureCount, SystemClock.INSTANCE);
            }
            Forwarder f = new Forwarder(ports.queues[0], ports.queues[1], ports.pool, opts.batch);
            RateReporter rep = new RateReporter(opts.json, size);
            long start = System.nanoTime();
            long end = start + opts.seconds * 1_000_000_000L;
            long next = start + 1_000_000_000L;
            int iter = 0;
            while (true) {
                f.step();
                if ((++iter & 1023) == 0) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        break;
                    }
                    if (now >= next) {
                        rep.tick(now - start, f.forwarded, f.forwarded, f.dropped);
                        next += 1_000_000_000L;
                    }
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("frame_size", size);
            s.put("queues", opts.queues);
            s.put("batch", opts.batch);
            s.put("tx_placement", ports.devices[0].report().llq().placement());
            s.put("seconds", secs);
            s.put("forwarded", f.forwarded);
            s.put("dropped_tx_full", f.dropped);
            s.put("mpps", f.forwarded / secs / 1e6);
            s.put("port0", ports.devices[0].ethtoolStats());
            s.put("port1", ports.devices[1].ethtoolStats());
            if (opts.json) {
                System.out.print(ReportFormat.jsonOf(s));
            } else {
                System.out.printf("forwarded %d packets in %.1f s: %.3f Mpps (%s placement)%n", f.forwarded, secs,
                        f.forwarded / secs / 1e6, s.get("tx_placement"));
            }
        }
        return 0;
    }
}
