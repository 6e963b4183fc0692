package io.ena4j.cli;

import io.ena4j.driver.EnaDevice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control channel of a running ena4j process: a UNIX domain socket on which {@code ./ena4j ethtool --pid P ...}
 * from another process runs ethtool invocations against this process's devices ({@code ena0}, {@code ena1}, ...).
 *
 * <p>Socket: {@code <dir>/<pid>.sock} ({@code <pid>-<n>.sock} for the n-th set of ports of one process), with
 * {@code <dir>} = {@code $ENA4J_CONTROL_DIR}, else {@code $XDG_RUNTIME_DIR/ena4j}, else {@code /tmp/ena4j-<user>};
 * the directory is created owner-only (0700), so only the process's user can connect. Protocol (one request per
 * connection, UTF-8): the client sends the ethtool arguments one per line and an empty line; the server answers
 * with a status line ({@code 0} or {@code 1}) and then the output, or the one error message, and closes.
 * Requests are served one at a time on a daemon thread; a malformed request is an error reply, never a crash.
 * Changes that keep the application's queue objects (ring sizes, offloads, ...) are carried out; a channel count
 * change is refused, because the application owns the queue pairs it polls.
 */
final class ControlChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlChannel.class);
    /** Largest request accepted, in bytes. */
    static final int MAX_REQUEST = 64 * 1024;

    private final ServerSocketChannel server;
    private final Path socket;
    private final Map<String, EnaDevice> interfaces;
    private final Thread thread;
    private volatile boolean closed;

    private ControlChannel(ServerSocketChannel server, Path socket, Map<String, EnaDevice> interfaces) {
        this.server = server;
        this.socket = socket;
        this.interfaces = interfaces;
        this.thread = new Thread(this::serve, "ena4j-control");
        thread.setDaemon(true);
    }

    /** The directory control sockets live in (see the class comment). */
    static Path directory() {
        String d = System.getenv("ENA4J_CONTROL_DIR");
        if (d != null && !d.isEmpty()) {
            return Path.of(d);
        }
        String run = System.getenv("XDG_RUNTIME_DIR");
        if (run != null && !run.isEmpty()) {
            return Path.of(run, "ena4j");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "ena4j-" + System.getProperty("user.name"));
    }

    /** The socket of process {@code pid} in {@code dir}. */
    static Path socketOf(Path dir, long pid) {
        return dir.resolve(pid + ".sock");
    }

    /**
     * Serves {@code devices} (named ena0, ena1, ... in order) on a new socket in {@code dir}.
     *
     * @throws IOException the directory or the socket cannot be made
     */
    static ControlChannel start(Path dir, EnaDevice[] devices) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("cannot restrict {} to its owner: {}", dir, e.toString());
        }
        long pid = ProcessHandle.current().pid();
        Map<String, EnaDevice> names = new LinkedHashMap<>();
        for (int i = 0; i < devices.length; i++) {
            names.put("ena" + i, devices[i]);
        }
        for (int n = 1; n < 1000; n++) {
            Path p = n == 1 ? socketOf(dir, pid) : dir.resolve(pid + "-" + n + ".sock");
            if (Files.exists(p)) {
                if (isStale(p)) {
                    Files.deleteIfExists(p);
                } else {
                    continue;
                }
            }
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                s.bind(UnixDomainSocketAddress.of(p));
            } catch (IOException e) {
                s.close();
                continue;
            }
            ControlChannel c = new ControlChannel(s, p, names);
            c.thread.start();
            return c;
        }
        throw new IOException("no free control socket name in " + dir);
    }

    /** A socket file nobody listens on (its process is gone). */
    private static boolean isStale(Path p) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(p));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** The socket path. */
    Path socket() {
        return socket;
    }

    private void serve() {
        while (!closed) {
            try (SocketChannel c = server.accept()) {
                handle(c);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("control request failed: {}", e.toString());
                }
            }
        }
    }

    private void handle(SocketChannel c) throws IOException {
        List<String> args = readRequest(c);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status;
        if (args == null) {
            status = 1;
            buf.writeBytes(("malformed control request: expected arguments one per line, an empty line, at most "
                    + MAX_REQUEST + " bytes").getBytes(StandardCharsets.UTF_8));
        } else {
            PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
            try {
                status = EthtoolCommand.runAttached(interfaces, args, out);
            } catch (RuntimeException e) {
                out.flush();
                buf.reset();
                buf.writeBytes(String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
                status = 1;
            }
            out.flush();
        }
        byte[] head = (status + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer reply = ByteBuffer.allocate(head.length + buf.size());
        reply.put(head).put(buf.toByteArray()).flip();
        while (reply.hasRemaining()) {
            c.write(reply);
        }
    }

    /** The request's lines up to the empty line, or null if it is too long, not UTF-8 or not terminated. */
    static List<String> readRequest(SocketChannel c) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(MAX_REQUEST);
        while (b.hasRemaining()) {
            int n = c.read(b);
            if (n < 0) {
                break;
            }
            if (endsWithBlankLine(b)) {
                break;
            }
        }
        if (!endsWithBlankLine(b)) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b.array(), 0, b.position())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
        List<String> args = new ArrayList<>(List.of(text.split("\n", -1)));
        args.subList(args.size() - 2, args.size()).clear(); // the empty line and what follows its newline
        return args;
    }

    private static boolean endsWithBlankLine(ByteBuffer b) {
        int p = b.position();
        return p >= 1 && b.get(p - 1) == '\n' && (p == 1 || b.get(p - 2) == '\n');
    }

    /**
     * Client side: sends {@code args} to the process whose socket is {@code socket} and prints its output.
     *
     * @return the remote status (0 success)
     * @throws IllegalArgumentException no such process socket, or the remote invocation failed (its message)
     */
    static int request(Path socket, List<String> args, PrintStream out) {
        if (!Files.exists(socket)) {
            throw new IllegalArgumentException("no ena4j process with control socket " + socket
                    + " (is it running, and started by this user? set ENA4J_CONTROL_DIR if it uses another directory)");
        }
        StringBuilder req = new StringBuilder();
        for (String a : args) {
            if (a.indexOf('\n') >= 0 || a.isEmpty()) {
                throw new IllegalArgumentException("argument '" + a + "' cannot be sent: empty or holding a newline");
            }
            req.append(a).append('\n');
        }
        req.append('\n');
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer w = ByteBuffer.wrap(req.toString().getBytes(StandardCharsets.UTF_8));
            while (w.hasRemaining()) {
                c.write(w);
            }
            c.shutdownOutput();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer r = ByteBuffer.allocate(8192);
            while (c.read(r) >= 0) {
                r.flip();
                got.write(r.array(), 0, r.limit());
                r.clear();
            }
            String reply = got.toString(StandardCharsets.UTF_8);
            int nl = reply.indexOf('\n');
            if (nl < 0) {
                throw new IllegalArgumentException("the process at " + socket + " sent no answer");
            }
            String body = reply.substring(nl + 1);
            if (!reply.substring(0, nl).equals("0")) {
                throw new IllegalArgumentException(body);
            }
            out.print(body);
            return 0;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach the ena4j process at " + socket + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the control socket: {}", e.toString());
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("removing {}: {}", socket, e.toString());
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
