package io.ena4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code ./ena4j responder} on a real TAP interface that this test moves into a network namespace it creates: ping
 * (ICMP echo, through a raw socket) and a UDP echo from the Linux side get their answers, which went through the
 * device model and the driver. Skipped, with the reason, without root, /dev/net/tun, ip or python3.
 */
class ResponderTest {

    private static final String PY = String.join("\n",
            "import socket, struct",
            "def csum(b):",
            "    if len(b) % 2: b += b'\\0'",
            "    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16",
            "    return ~s & 0xffff",
            "r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP); r.settimeout(5)",
            "ok = 0",
            "for seq in range(3):",
            "    h = struct.pack('!BBHHH', 8, 0, 0, 0x1234, seq) + b'ena4j-ping'",
            "    h = h[:2] + struct.pack('!H', csum(h)) + h[4:]",
            "    r.sendto(h, ('10.202.0.2', 0))",
            "    while True:",
            "        d, a = r.recvfrom(2048)",
            "        ihl = (d[0] & 15) * 4",
            "        if d[ihl] == 0 and struct.unpack('!H', d[ihl + 6:ihl + 8])[0] == seq and csum(d[ihl:]) == 0:",
            "            ok += 1; break",
            "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(5)",
            "u.sendto(b'hello ena4j', ('10.202.0.2', 7)); d, a = u.recvfrom(2048)",
            "print('ping', ok, 'udp', d.decode(), a[1])");

    private static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), out).isZero();
        return out;
    }

    @Test
    void pingAndUdpEchoFromANamespaceAreAnsweredThroughTheDriver() throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/net/tun")), "needs /dev/net/tun read-write (root or CAP_NET_ADMIN)");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create network namespaces");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")), "needs the ip command (iproute2)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3 for the raw-socket ping");
        long pid = ProcessHandle.current().pid();
        String tap = "ena4jr" + pid % 100_000;
        String ns = "ena4j-resp-" + pid;
        AtomicInteger status = new AtomicInteger(-1);
        Thread t = new Thread(() -> status.set(Main.run("responder", "--tap", tap, "--ip", "10.202.0.2/24",
                "--udp-echo", "7", "--seconds", "10")));
        t.start();
        boolean nsMade = false;
        try {
            for (int i = 0; i < 200 && !Files.exists(Path.of("/sys/class/net", tap)); i++) {
                Thread.sleep(50);
            }
            assertThat(Path.of("/sys/class/net", tap)).as("the TAP the responder created").exists();
            sh("ip", "netns", "add", ns);
            nsMade = true;
            sh("ip", "link", "set", tap, "netns", ns);
            sh("ip", "-n", ns, "addr", "add", "10.202.0.1/24", "dev", tap);
            sh("ip", "-n", ns, "link", "set", tap, "up");
            String got = sh("ip", "netns", "exec", ns, "python3", "-c", PY);
            assertThat(got.strip()).isEqualTo("ping 3 udp hello ena4j 7");
        } finally {
            t.join(30_000);
            if (nsMade) {
                sh("ip", "netns", "del", ns);
            }
        }
        assertThat(status.get()).isZero();
    }

    @Test
    void badArgumentsNameTheAcceptedForm() {
        CliRun r = CliRun.of("responder", "--tap", "x0", "--ip", "10.0.0.300/24");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("ena4j: --ip '10.0.0.300/24' is not an IPv4 address with prefix: "
                + "accepted A.B.C.D/M with octets 0..255 and M 1..32");
        CliRun n = CliRun.of("responder", "--tap", "bad/name", "--ip", "10.0.0.2/24", "--seconds", "1");
        assertThat(n.err()).contains("TAP interface name 'bad/name' is not valid");
        CliRun u = CliRun.of("responder", "--tap", "x0", "--ip", "10.0.0.2/24", "--udp-echo", "70000");
        assertThat(u.err()).contains("--udp-echo 70000").contains("0..65535");
    }
}
