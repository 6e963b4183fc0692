package io.ena4j.cli;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.EnaEventListener;
import io.ena4j.driver.Packet;
import io.ena4j.driver.QueuePair;
import io.ena4j.platform.SystemClock;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ena4j demo}: a whole session on embedded device models. Two ports wired back to back are probed, their
 * queues brought up, and traffic sent both ways while a table of rates is printed each second, with the devices'
 * asynchronous events (link, keep-alives) as they arrive; at the end every frame received is checked against
 * what was sent.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Probe two back-to-back ENA device models, bring their queues up, send traffic both ways "
                + "and show live rates and device events.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", defaultValue = "ec2-default",
            description = "Device model profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = {"-s", "--seconds"}, defaultValue = "5", paramLabel = "N",
            description = "How long to run, 1..3600 seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--size", defaultValue = "512", paramLabel = "BYTES",
            description = "Frame size, 60..1514 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--capture", paramLabel = "FILE",
            description = "Capture both ports' frames, both ways, to this pcapng file (tshark -r FILE).")
    java.nio.file.Path capture;

    @Option(names = "--capture-count", paramLabel = "N", defaultValue = "0",
            description = "Stop capturing after N frames, 0 for no limit (default: ${DEFAULT-VALUE}).")
    long captureCount;

    @Override
    public Integer call() {
        TrafficOptions.check("--seconds", seconds, 1, 3600);
        TrafficOptions.check("--capture-count", captureCount, 0, Long.MAX_VALUE);
        TrafficOptions.check("--size", size, 60, 1514);
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        AtomicLong keepAlives = new AtomicLong();
        byte[][] frames = {Frames.udp4(size, 1), Frames.udp4(size, 2)};
        try (Ports ports = Ports.open(2, profile, Ports.Wiring.PAIR, DriverConfig.defaults(), 1,
                QueuePair.Mode.POLL, 4096, null, SystemClock.INSTANCE)) {
            if (capture != null) {
                ports.capture(capture, captureCount, SystemClock.INSTANCE);
            }
            for (int i = 0; i < 2; i++) {
                var r = ports.devices[i].report();
                out.printf("port %d: %s at %s, mac %s, %d queue pairs max, Tx placement %s%s, MTU %d..%d%n", i,
                        r.pci().deviceName(), r.driver().busInfo(), r.mac(), r.channels().maxCombined(),
                        r.llq().placement(), r.llq().placement().equals("device")
                                ? " (" + r.llq().entrySize() + "-byte LLQ entries)" : "", r.mtu().min(), r.mtu().max());
                int port = i;
                ports.devices[i].addEventListener(new EnaEventListener() {
                    @Override
                    public void linkChanged(boolean up) {
                        out.printf("%7.2fs  port %d LINK_CHANGE: link %s%n", since(t0), port, up ? "up" : "down");
                    }

                    @Override
                    public void keepAlive(long rxDrops, long txDrops, long rxOverruns) {
                        keepAlives.incrementAndGet();
                    }

                    @Override
                    public void resetRequested(String reason) {
                        out.printf("%7.2fs  port %d RESET REQUEST: %s%n", since(t0), port, reason);
                    }
                });
            }
            out.printf("link: port 0 %s, port 1 %s; sending %d-byte UDP frames both ways for %d s%n%n",
                    ports.devices[0].linkUp() ? "up" : "down", ports.devices[1].linkUp() ? "up" : "down", size, seconds);
            out.printf("%7s | %12s %12s | %12s %12s | %10s %10s%n", "time", "p0 tx Mpps", "p0 rx Mpps", "p1 tx Mpps",
                    "p1 rx Mpps", "keepalive", "bad");
            long[] tx = new long[2];
            long[] rx = new long[2];
            long[] lastTx = new long[2];
            long[] lastRx = new long[2];
            long bad = 0;
            Packet[] burst = new Packet[32];
            MemorySegment[] tmpl = {MemorySegment.ofArray(frames[0]), MemorySegment.ofArray(frames[1])};
            long end = t0 + seconds * 1_000_000_000L;
            long next = t0 + 1_000_000_000L;
            long lastT = t0;
            int iter = 0;
            while (true) {
                for (int p = 0; p < 2; p++) {
                    QueuePair me = ports.queues[p][0];
                    int n = ports.pool.allocBulk(burst, burst.length);
                    for (int i = 0; i < n; i++) {
                        Packet pk = burst[i];
                        MemorySegment.copy(tmpl[p], 0, pk.buffer(), pk.offset(), size);
                        pk.set(pk.offset(), size);
                    }
                    int s = me.tx().send(burst, 0, n);
                    for (int i = s; i < n; i++) {
                        ports.pool.free(burst[i]);
                    }
                    tx[p] += s;
                    me.tx().clean(64);
                    int k = me.rx().receive(burst, 0, burst.length);
                    for (int i = 0; i < k; i++) {
                        // Port p receives what the other port sent.
                        if (!matches(burst[i], tmpl[1 - p], size)) {
                            bad++;
                        }
                        ports.pool.free(burst[i]);
                    }
                    rx[p] += k;
                }
                if ((++iter & 255) == 0) {
                    long now = System.nanoTime();
                    if (now >= next || now >= end) {
                        double dt = (now - lastT) / 1e9;
                        out.printf("%6.1fs | %12.3f %12.3f | %12.3f %12.3f | %10d %10d%n", (now - t0) / 1e9,
                                (tx[0] - lastTx[0]) / dt / 1e6, (rx[0] - lastRx[0]) / dt / 1e6,
                                (tx[1] - lastTx[1]) / dt / 1e6, (rx[1] - lastRx[1]) / dt / 1e6, keepAlives.get(), bad);
                        System.arraycopy(tx, 0, lastTx, 0, 2);
                        System.arraycopy(rx, 0, lastRx, 0, 2);
                        lastT = now;
                        next += 1_000_000_000L;
                    }
                    if (now >= end) {
                        break;
                    }
                }
            }
            out.printf("%nsent %d + %d frames, received %d + %d, %d not matching what was sent; "
                            + "admin commands %d, device resets requested: %s%n", tx[0], tx[1], rx[0], rx[1], bad,
                    ports.devices[0].adminStats().get("submitted_cmd") + ports.devices[1].adminStats().get("submitted_cmd"),
                    ports.devices[0].com().pendingReset() == null && ports.devices[1].com().pendingReset() == null
                            ? "none" : "yes");
            return bad == 0 ? 0 : 1;
        }
    }

    private static boolean matches(Packet p, MemorySegment want, int size) {
        if (p.packetLength() != size || p.segments() != 1) {
            return false;
        }
        return MemorySegment.mismatch(p.buffer(), p.offset(), p.offset() + size, want, 0, size) == -1;
    }

    private static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
