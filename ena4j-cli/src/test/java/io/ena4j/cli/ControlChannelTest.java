package io.ena4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code ./ena4j ethtool --pid P} against a running forwarding process: the control socket appears while it runs,
 * reads show its live state, a ring change is applied to its devices under its traffic, {@code -L} is refused, and
 * the socket goes away when it ends. The "other process" is this JVM talking to itself over the real UNIX socket.
 */
class ControlChannelTest {

    private static String ask(Path socket, String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ControlChannel.request(socket, List.of(args), new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ethtoolReachesTheDevicesOfARunningForwarder() throws Exception {
        Path socket = ControlChannel.socketOf(ControlChannel.directory(), ProcessHandle.current().pid());
        AtomicInteger status = new AtomicInteger(-1);
        Thread fwd = new Thread(() -> status.set(Main.run(new String[] {"fwd", "--seconds", "6", "--json"})));
        fwd.start();
        try {
            for (int i = 0; i < 200 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            assertThat(socket).as("control socket while fwd runs").exists();

            String rings = ask(socket, "-g", "ena0", ";", "-G", "ena1", "rx", "512", ";", "-g", "ena1");
            assertThat(rings).startsWith("Ring parameters for ena0:\n");
            assertThat(rings).contains("Ring parameters for ena1:\n").endsWith("TX push buff len:\t96\n");
            assertThat(rings.substring(rings.lastIndexOf("Current hardware settings:"))).contains("RX:\t\t\t512\n");

            String stats = ask(socket, "-S", "ena0");
            long rx = Long.parseLong(stats.replaceAll("(?s).*\n     queue_0_rx_cnt: (\\d+)\n.*", "$1"));
            assertThat(rx).as("the forwarder's live counters").isPositive();

            assertThatThrownBy(() -> ask(socket, "-L", "ena0", "combined", "1"))
                    .hasMessageStartingWith("-L on a running process is not supported");
            assertThatThrownBy(() -> ask(socket, "-i", "ena7"))
                    .hasMessage("no such interface 'ena7': this process has ena0, ena1");

            // A malformed request (no terminating empty line, then EOF) gets an error reply, and the server lives on.
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(socket));
                c.write(ByteBuffer.wrap("-i\nena0".getBytes(StandardCharsets.UTF_8)));
                c.shutdownOutput();
                ByteBuffer r = ByteBuffer.allocate(4096);
                while (c.read(r) >= 0) {
                    // read to EOF
                }
                assertThat(new String(r.array(), 0, r.position(), StandardCharsets.UTF_8))
                        .startsWith("1\nmalformed control request");
            }
            assertThat(ask(socket, "-i", "ena0")).startsWith("driver: ena4j\n");
        } finally {
            fwd.join(30_000);
        }
        assertThat(status.get()).isZero();
        assertThat(socket).as("removed when the process's ports close").doesNotExist();
        CliRun gone = CliRun.of("ethtool", "--pid", String.valueOf(ProcessHandle.current().pid()), "-i", "ena0");
        assertThat(gone.status()).isEqualTo(1);
        assertThat(gone.err()).contains("no ena4j process with control socket");
    }
}
