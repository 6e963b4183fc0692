package io.ena4j.cli;

import io.ena4j.driver.Packet;
import io.ena4j.driver.QueuePair;
import io.ena4j.platform.SystemClock;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ena4j pktgen}: sends UDP frames of one size from port 0, at full speed or a set rate, over a wire to a
 * sink, back to itself (loopback) or to a second port (pair), and counts what arrives.
 */
@Command(name = "pktgen", mixinStandardHelpOptions = true,
        description = "Generate UDP frames on an embedded ENA device model and report rates each second.")
final class PktgenCommand implements Callable<Integer> {

    @Mixin
    TrafficOptions opts = new TrafficOptions();

    @Option(names = {"-s", "--size"}, paramLabel = "BYTES", defaultValue = "64",
            description = "Frame size without FCS, 60..9018 (default: ${DEFAULT-VALUE}); above 1514 the MTU is raised.")
    int size;

    @Option(names = {"-r", "--rate"}, paramLabel = "MPPS", defaultValue = "0",
            description = "Rate limit in million packets per second, 0 = full speed (default).")
    double rate;

    @Option(names = {"-w", "--wire"}, paramLabel = "KIND", defaultValue = "sink",
            description = "Where frames go: sink, loopback, pair (default: ${DEFAULT-VALUE}).")
    String wire;

    @Override
    public Integer call() {
        opts.validate();
        TrafficOptions.check("--size", size, 60, 9018);
        if (rate < 0 || rate > 1000) {
            throw new IllegalArgumentException("--rate " + rate + " is out of range: accepted 0..1000 Mpps");
        }
        Ports.Wiring wiring = switch (wire) {
            case "sink" -> Ports.Wiring.SINK;
            case "loopback" -> Ports.Wiring.LOOPBACK;
            case "pair" -> Ports.Wiring.PAIR;
            default -> throw new IllegalArgumentException("--wire '" + wire + "' is unknown: accepted sink, loopback, pair");
        };
        byte[] frame = Frames.udp4(size, 0);
        try (Ports ports = Ports.open(wiring == Ports.Wiring.PAIR ? 2 : 1, opts.profile, wiring, opts.driverConfig(),
                opts.queues, opts.mode(), 4096, frame, SystemClock.INSTANCE)) {
            ports.serveControl();
            if (opts.capture != null) {
                ports.capture(opts.capture, opts.captureCount, SystemClock.INSTANCE);
            }
            if (size > 1514) {
                for (var d : ports.devices) {
                    d.setMtu(size - 14);
                }
            }
            Result r = run(ports, frame);
            if (opts.json) {
                System.out.print(ReportFormat.jsonOf(r.summary()));
            }
        }
        return 0;
    }

    private record Result(Map<String, Object> summary) {
    }

    private Result run(Ports ports, byte[] frame) {
        QueuePair[] txq = ports.queues[0];
        QueuePair[] rxq = ports.queues[ports.queues.length - 1];
        boolean receiving = !wire.equals("sink");
        MemorySegment template = MemorySegment.ofArray(frame);
        Packet[] burst = new Packet[opts.batch];
        Packet[] rxBurst = new Packet[opts.batch];
        RateReporter rep = new RateReporter(opts.json, frame.length);
        long start = System.nanoTime();
        long end = start + opts.seconds * 1_000_000_000L;
        long sent = 0;
        long received = 0;
        long next = start + 1_000_000_000L;
        double perNano = rate * 1e6 / 1e9;
        int iter = 0;
        long now = start;
        while (true) {
            if ((++iter & 255) == 0) {
                now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                if (now >= next) {
                    rep.tick(now - start, sent, received, txq[0].tx().queueStops());
                    next += 1_000_000_000L;
                }
            }
            for (int q = 0; q < txq.length; q++) {
                if (perNano == 0 || sent < (now - start) * perNano) {
                    int n = ports.pool.allocBulk(burst, opts.batch);
                    for (int i = 0; i < n; i++) {
                        Packet p = burst[i];
                        MemorySegment.copy(template, 0, p.buffer(), p.offset(), frame.length);
                        p.set(p.offset(), frame.length);
                    }
                    int s = txq[q].tx().send(burst, 0, n);
                    for (int i = s; i < n; i++) {
                        ports.pool.free(burst[i]);
                    }
                    sent += s;
                }
                txq[q].tx().clean(opts.batch * 2);
                if (receiving) {
                    int k = rxq[q].rx().receive(rxBurst, 0, opts.batch);
                    for (int i = 0; i < k; i++) {
                        ports.pool.free(rxBurst[i]);
                    }
                    received += k;
                }
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("frame_size", frame.length);
        s.put("queues", opts.queues);
        s.put("wire", wire);
        s.put("tx_placement", ports.devices[0].report().llq().placement());
        s.put("seconds", secs);
        s.put("tx_packets", sent);
        s.put("rx_packets", received);
        s.put("tx_mpps", sent / secs / 1e6);
        s.put("rx_mpps", received / secs / 1e6);
        s.put("tx_gbps_on_wire", RateReporter.gbps(sent / secs, frame.length));
        s.put("stats", ports.devices[0].ethtoolStats());
        rep.done(s);
        return new Result(s);
    }
}
