package io.ena4j.cli;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.Packet;
import io.ena4j.driver.QueuePair;
import io.ena4j.platform.SystemClock;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ena4j responder}: a small network host on the ena4j driver, its device model's port on a Linux TAP
 * interface. It answers ARP for its address, ICMP echo (ping) and, with {@code --udp-echo}, UDP datagrams to that
 * port, rewriting each request into its reply in the received buffer and sending it back (zero-copy). Runs for
 * {@code --seconds} (0: until interrupted), printing its counters at the end.
 */
@Command(name = "responder", mixinStandardHelpOptions = true,
        description = "Answer ARP, ping and UDP echo on a Linux TAP interface, through the ena4j driver and device "
                + "model.",
        footer = {"Example (as root):", "  ./ena4j responder --tap ena4j0 --ip 10.9.0.2/24 --udp-echo 7 &",
            "  ip addr add 10.9.0.1/24 dev ena4j0; ping -c 3 10.9.0.2"})
final class ResponderCommand implements Callable<Integer> {

    @Option(names = "--tap", paramLabel = "NAME", required = true,
            description = "The TAP interface (created if absent, removed at exit if created).")
    String tap;

    @Option(names = "--ip", paramLabel = "A.B.C.D/M", required = true, description = "Our IPv4 address and prefix.")
    String ip;

    @Option(names = "--udp-echo", paramLabel = "PORT", defaultValue = "0",
            description = "Echo UDP datagrams to this port, 1..65535 (default: off).")
    int udpPort;

    @Option(names = {"-t", "--seconds"}, paramLabel = "S", defaultValue = "0",
            description = "Run this long, 0..86400; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", defaultValue = "ec2-default",
            description = "Device model profile (default: ${DEFAULT-VALUE}).")
    String profile;

    private final PrintStream out = System.out;

    /** Parses {@code a.b.c.d/m}; returns {address, prefix}. */
    static int[] parseIp(String s) {
        String msg = "--ip '" + s + "' is not an IPv4 address with prefix: accepted A.B.C.D/M with octets 0..255 "
                + "and M 1..32";
        String[] parts = s.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException(msg);
        }
        String[] o = parts[0].split("\\.", -1);
        if (o.length != 4) {
            throw new IllegalArgumentException(msg);
        }
        int a = 0;
        try {
            for (String x : o) {
                int v = Integer.parseInt(x);
                if (v < 0 || v > 255 || x.isEmpty() || x.length() > 3) {
                    throw new IllegalArgumentException(msg);
                }
                a = a << 8 | v;
            }
            int m = Integer.parseInt(parts[1]);
            if (m < 1 || m > 32) {
                throw new IllegalArgumentException(msg);
            }
            return new int[] {a, m};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(msg);
        }
    }

    @Override
    public Integer call() {
        int[] addr = parseIp(ip);
        TrafficOptions.check("--udp-echo", udpPort, 0, 65535);
        TrafficOptions.check("--seconds", seconds, 0, 86_400);
        try (Ports ports = Ports.open(1, profile, Ports.Wiring.TAP, DriverConfig.defaults(), 1, QueuePair.Mode.POLL,
                4096, null, SystemClock.INSTANCE, tap)) {
            ports.serveControl();
            byte[] mac = parseMac(ports.devices[0].report().mac());
            Responder r = new Responder(mac, addr[0], udpPort);
            out.printf("responder on %s: %s, mac %s%s%n", tap, ip, ports.devices[0].report().mac(),
                    udpPort != 0 ? ", UDP echo on port " + udpPort : "");
            out.flush();
            QueuePair qp = ports.queues[0][0];
            Packet[] burst = new Packet[32];
            Packet[] replies = new Packet[32];
            long end = seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                int k = qp.rx().receive(burst, 0, burst.length);
                int n = 0;
                for (int i = 0; i < k; i++) {
                    if (r.handle(burst[i]) != Responder.NONE) {
                        replies[n++] = burst[i];
                    } else {
                        ports.pool.free(burst[i]);
                    }
                }
                int sent = n > 0 ? qp.tx().send(replies, 0, n) : 0;
                for (int i = sent; i < n; i++) {
                    ports.pool.free(replies[i]);
                }
                qp.tx().clean(64);
                if (k == 0) {
                    Thread.onSpinWait();
                }
            }
            out.printf("arp replies %d, icmp echo replies %d, udp echoes %d, ignored %d, malformed %d%n",
                    r.arpReplies, r.icmpReplies, r.udpEchoes, r.ignored, r.malformed);
        }
        return 0;
    }

    static byte[] parseMac(String s) {
        String[] p = s.split(":");
        byte[] m = new byte[6];
        for (int i = 0; i < 6; i++) {
            m[i] = (byte) Integer.parseInt(p[i], 16);
        }
        return m;
    }
}
