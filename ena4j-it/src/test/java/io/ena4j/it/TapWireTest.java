package io.ena4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ena4j.driver.DriverConfig;
import io.ena4j.driver.Packet;
import io.ena4j.driver.QueuePair;
import io.ena4j.driver.RxChecksum;
import io.ena4j.model.TapWire;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The device model on a real Linux TAP interface, moved into a network namespace this test creates (so its
 * traffic never leaves it): Linux's ARP request reaches the driver's Rx queue, the driver's ARP reply reaches Linux,
 * which then sends the UDP datagram it held back, and the model verifies that datagram's checksums. Skipped, with
 * the reason, where the test may not create TAP interfaces or namespaces.
 */
class TapWireTest {

    private static final byte[] OUR_IP = {10, (byte) 201, 0, 2};
    private static final byte[] LINUX_IP = {10, (byte) 201, 0, 1};

    private final long pid = ProcessHandle.current().pid();
    private final String ifname = "ena4jt" + pid % 100_000;
    private final String ns = "ena4j-tap-" + pid;
    private DataPathTest.Rig rig;
    private TapWire wire;
    private boolean nsMade;

    @AfterEach
    void tearDown() throws Exception {
        if (wire != null) {
            wire.close();
        }
        if (rig != null) {
            rig.close();
        }
        if (nsMade) {
            sh("ip", "netns", "del", ns);
        }
    }

    private static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), out).isZero();
        return out;
    }

    private static void assumePrivileged() {
        assumeTrue(Files.isReadable(Path.of("/dev/net/tun")) && Files.isWritable(Path.of("/dev/net/tun")),
                "needs /dev/net/tun read-write (root or CAP_NET_ADMIN)");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create network namespaces");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "needs the ip command (iproute2)");
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash (its /dev/udp) to send from the namespace");
    }

    /** Polls the driver until a frame matching {@code want} arrives (others, e.g. IPv6 neighbour discovery, skipped). */
    private byte[] receive(java.util.function.Predicate<byte[]> want, List<Packet> keep) {
        Packet[] burst = new Packet[16];
        for (int s = 0; s < 20_000; s++) {
            rig.step();
            int k = rig.tx().rx().receive(burst, 0, burst.length);
            for (int i = 0; i < k; i++) {
                Packet p = burst[i];
                byte[] f = new byte[p.packetLength()];
                int at = 0;
                for (Packet seg = p; seg != null; seg = seg.next()) {
                    MemorySegment.copy(seg.buffer(), ValueLayout.JAVA_BYTE, seg.offset(), f, at, seg.length());
                    at += seg.length();
                }
                if (want.test(f)) {
                    keep.add(p);
                    return f;
                }
                rig.pool.free(p);
            }
            if (s % 100 == 99) {
                try {
                    Thread.sleep(1); // let the kernel's softirq run
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        throw new AssertionError("no matching frame from the TAP");
    }

    private static boolean isArpRequestFor(byte[] f, byte[] ip) {
        return f.length >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[21] == 1
                && f[38] == ip[0] && f[39] == ip[1] && f[40] == ip[2] && f[41] == ip[3];
    }

    @Test
    void arpAndUdpCrossBetweenLinuxAndTheDriver() throws Exception {
        assumePrivileged();
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        wire = TapWire.attach(rig.models[0], ifname);
        assertThat(wire.createdInterface()).isTrue();
        sh("ip", "netns", "add", ns);
        nsMade = true;
        sh("ip", "link", "set", ifname, "netns", ns);
        sh("ip", "-n", ns, "addr", "add", "10.201.0.1/24", "dev", ifname);
        sh("ip", "-n", ns, "link", "set", ifname, "up");
        byte[] linuxMac = parseMac(sh("ip", "netns", "exec", ns, "cat", "/sys/class/net/" + ifname + "/address"));
        byte[] ourMac = parseMac(rig.devs[0].report().mac());

        // Linux wants to send a UDP datagram to 10.201.0.2: it asks who has that address first.
        sh("ip", "netns", "exec", ns, "bash", "-c", "echo -n ena4j > /dev/udp/10.201.0.2/9");
        List<Packet> held = new ArrayList<>();
        byte[] arp = receive(f -> isArpRequestFor(f, OUR_IP), held);
        assertThat(java.util.Arrays.copyOfRange(arp, 6, 12)).as("from the TAP's MAC").isEqualTo(linuxMac);
        assertThat(arp.length).as("padded to the Ethernet minimum").isEqualTo(60);

        // The driver answers: 10.201.0.2 is at our MAC.
        byte[] reply = new byte[60];
        System.arraycopy(linuxMac, 0, reply, 0, 6);
        System.arraycopy(ourMac, 0, reply, 6, 6);
        reply[12] = 0x08;
        reply[13] = 0x06;
        byte[] arpHead = {0, 1, 8, 0, 6, 4, 0, 2};
        System.arraycopy(arpHead, 0, reply, 14, 8);
        System.arraycopy(ourMac, 0, reply, 22, 6);
        System.arraycopy(OUR_IP, 0, reply, 28, 4);
        System.arraycopy(linuxMac, 0, reply, 32, 6);
        System.arraycopy(LINUX_IP, 0, reply, 38, 4);
        Packet p = DataPathTest.chain(rig.pool, reply);
        assertThat(rig.tx().tx().send(new Packet[] {p}, 0, 1)).isEqualTo(1);

        // Linux learns the neighbour and sends the datagram it held: checksums verified by the model.
        byte[] udp = receive(f -> f.length >= 42 && f[12] == 0x08 && f[13] == 0x00 && f[23] == 17
                && f[36] == 0 && f[37] == 9, held);
        assertThat(java.util.Arrays.copyOfRange(udp, 0, 6)).as("to our MAC").isEqualTo(ourMac);
        assertThat(new String(udp, 42, 5, StandardCharsets.US_ASCII)).isEqualTo("ena4j");
        assertThat(held.getLast().rxChecksum()).as("UDP checksum verified by the device model")
                .isEqualTo(RxChecksum.UNNECESSARY);
        assertThat(wire.txFrames()).isGreaterThanOrEqualTo(1);
        assertThat(wire.rxFrames()).isGreaterThanOrEqualTo(2);
        String neigh = sh("ip", "-n", ns, "neigh", "show", "10.201.0.2");
        assertThat(neigh).contains(macString(ourMac));
        for (Packet h : held) {
            rig.pool.free(h);
        }
        rig.tx().tx().clean(16);

        // Closing the wire removes the interface ena4j created (with its namespace left empty).
        wire.close();
        wire = null;
        Thread.sleep(100);
        assertThat(sh("ip", "-n", ns, "link", "show")).doesNotContain(ifname);
    }

    @Test
    void aBadInterfaceNameIsRefusedWithTheAcceptedForm() {
        rig = new DataPathTest.Rig(1, false, DriverConfig.defaults(), 1500, QueuePair.Mode.POLL);
        assertThatThrownBy(() -> TapWire.attach(rig.models[0], "no/slash-and-far-too-long"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TAP interface name 'no/slash-and-far-too-long' is not valid: accepted 1..15 printable "
                        + "ASCII characters without '/', ':' or spaces");
    }

    private static byte[] parseMac(String s) {
        String[] parts = s.strip().split(":");
        byte[] m = new byte[6];
        for (int i = 0; i < 6; i++) {
            m[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return m;
    }

    private static String macString(byte[] m) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < m.length; i++) {
            b.append(i == 0 ? "" : ":").append(String.format("%02x", m[i] & 0xFF));
        }
        return b.toString();
    }
}
