package io.ena4j.platform.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Linux TAP interface (an Ethernet device whose other end is this process), opened through {@code /dev/net/tun}
 * with {@code TUNSETIFF} ({@code IFF_TAP | IFF_NO_PI}: whole Ethernet frames, no packet-information header) and
 * non-blocking. One frame per {@link #read} / {@link #write}; neither allocates nor throws on a failed system call:
 * {@link #read} returns 0 when nothing is waiting, and both return -1 with {@link #lastErrno()} set otherwise.
 *
 * <p>If no interface of that name exists it is created, and it disappears when this object is closed (a
 * non-persistent TAP lives as long as its descriptor); an existing persistent TAP (say from
 * {@code ip tuntap add NAME mode tap}) is attached to and left in place. Opening needs CAP_NET_ADMIN (or root) for
 * a new interface; the error says so.
 *
 * <p>Threading: {@link #read} and {@link #write} may be called from one thread each; the control calls
 * ({@link #setUp}, {@link #close}) from any thread, not concurrently with each other. Close only once the threads
 * reading and writing have stopped (a descriptor number may be reused by the next open).
 */
public final class Tap implements AutoCloseable {

    /** {@code _IOW('T', 202, int)}. */
    static final long TUNSETIFF = 0x400454caL;
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final short IFF_TAP = 0x0002;
    static final short IFF_NO_PI = 0x1000;
    static final short IFF_UP = 0x1;
    /** sizeof(struct ifreq) on Linux x86-64 / arm64. */
    static final int IFREQ_SIZE = 40;
    /** IFNAMSIZ. */
    public static final int MAX_NAME = 15;

    private final String name;
    private final boolean created;
    /** Holds the errno cells; freed by the GC once no thread can use this object any more. */
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment readErrno;
    private final MemorySegment writeErrno;
    private final MemorySegment ctlErrno;
    private volatile int fd;
    private int lastErrno;

    private Tap(String name, boolean created, int fd) {
        this.name = name;
        this.created = created;
        this.fd = fd;
        this.readErrno = Libc.errnoCell(arena);
        this.writeErrno = Libc.errnoCell(arena);
        this.ctlErrno = Libc.errnoCell(arena);
    }

    /**
     * Opens (creating it if absent) the TAP interface {@code name}.
     *
     * @throws IllegalArgumentException a name that is not a valid interface name (1..15 characters, no '/', ':'
     *                                  or whitespace), or an existing interface that is not a TAP
     * @throws TapException             the system refused, with what is needed (e.g. CAP_NET_ADMIN)
     */
    public static Tap open(String name) {
        checkName(name);
        boolean existed = Files.exists(Path.of("/sys/class/net", name));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = Libc.errnoCell(a);
            int fd = Libc.open(err, a.allocateFrom("/dev/net/tun"), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC,
                    0);
            if (fd < 0) {
                int e = Libc.errno(err);
                throw new TapException(e, "cannot open /dev/net/tun: " + Libc.strerror(e)
                        + (e == Libc.EACCES || e == Libc.EPERM ? " (needs CAP_NET_ADMIN or root)"
                        : e == Libc.ENOENT || e == Libc.ENODEV ? " (the tun module is not loaded: modprobe tun)" : ""));
            }
            MemorySegment ifr = a.allocate(IFREQ_SIZE);
            ifr.fill((byte) 0);
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(n, 0, ifr, ValueLayout.JAVA_BYTE, 0, n.length);
            ifr.set(ValueLayout.JAVA_SHORT, 16, (short) (IFF_TAP | IFF_NO_PI));
            if (Libc.ioctl(err, fd, TUNSETIFF, ifr) < 0) {
                int e = Libc.errno(err);
                Libc.close(err, fd);
                String why = switch (e) {
                    case Libc.EPERM, Libc.EACCES -> " (needs CAP_NET_ADMIN or root)";
                    case Libc.EBUSY -> " (another process holds it)";
                    case Libc.EINVAL -> existed ? " (an interface of that name exists and is not a TAP)" : "";
                    default -> "";
                };
                throw new TapException(e, "cannot attach TAP interface '" + name + "': " + Libc.strerror(e) + why);
            }
            return new Tap(name, !existed, fd);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || name.equals(".") || name.equals("..")
                || !name.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '/' && c != ':')) {
            throw new IllegalArgumentException("TAP interface name '" + name + "' is not valid: accepted 1.."
                    + MAX_NAME + " printable ASCII characters without '/', ':' or spaces");
        }
    }

    /** The interface name. */
    public String name() {
        return name;
    }

    /** True if this process created the interface (it goes away at {@link #close}). */
    public boolean created() {
        return created;
    }

    /**
     * Reads one waiting frame into {@code buf} (at most its size).
     *
     * @return the frame length, 0 if none is waiting, -1 on an error ({@link #lastErrno()}) or after close
     */
    public int read(MemorySegment buf) {
        int f = fd;
        if (f < 0) {
            return -1;
        }
        long n = Libc.read(readErrno, f, buf, buf.byteSize());
        if (n >= 0) {
            return (int) n;
        }
        int e = Libc.errno(readErrno);
        if (e == Libc.EAGAIN || e == Libc.EINTR) {
            return 0;
        }
        lastErrno = e;
        return -1;
    }

    /**
     * Writes one frame, {@code len} bytes of {@code frame} from {@code off}.
     *
     * @return true if the kernel took it; false if it was dropped (queue full, interface down: {@link #lastErrno()})
     */
    public boolean write(MemorySegment frame, long off, int len) {
        int f = fd;
        if (f < 0) {
            return false;
        }
        long n = Libc.write(writeErrno, f, frame.asSlice(off, len), len);
        if (n == len) {
            return true;
        }
        lastErrno = n < 0 ? Libc.errno(writeErrno) : Libc.EIO;
        return false;
    }

    /** The errno of the last failed read or write. */
    public int lastErrno() {
        return lastErrno;
    }

    /** Brings the interface up (IFF_UP), as {@code ip link set NAME up}. */
    public void setUp() {
        try (Arena a = Arena.ofConfined()) {
            int s = Libc.socket(ctlErrno, Libc.AF_INET, Libc.SOCK_DGRAM, 0);
            if (s < 0) {
                int e = Libc.errno(ctlErrno);
                throw new TapException(e, "cannot bring " + name + " up: socket: " + Libc.strerror(e));
            }
            try {
                MemorySegment ifr = a.allocate(IFREQ_SIZE);
                ifr.fill((byte) 0);
                byte[] n = name.getBytes(StandardCharsets.US_ASCII);
                MemorySegment.copy(n, 0, ifr, ValueLayout.JAVA_BYTE, 0, n.length);
                if (Libc.ioctl(ctlErrno, s, SIOCGIFFLAGS, ifr) < 0) {
                    int e = Libc.errno(ctlErrno);
                    throw new TapException(e, "cannot read the flags of " + name + ": " + Libc.strerror(e));
                }
                ifr.set(ValueLayout.JAVA_SHORT, 16, (short) (ifr.get(ValueLayout.JAVA_SHORT, 16) | IFF_UP));
                if (Libc.ioctl(ctlErrno, s, SIOCSIFFLAGS, ifr) < 0) {
                    int e = Libc.errno(ctlErrno);
                    throw new TapException(e, "cannot bring " + name + " up: " + Libc.strerror(e));
                }
            } finally {
                Libc.close(ctlErrno, s);
            }
        }
    }

    @Override
    public void close() {
        int f = fd;
        if (f >= 0) {
            fd = -1;
            Libc.close(ctlErrno, f);
        }
    }

    /** A system call of the TAP set-up failed; {@link #errno()} says why. */
    public static final class TapException extends RuntimeException {
        private final int errno;

        TapException(int errno, String message) {
            super(message);
            this.errno = errno;
        }

        /** The errno of the failed call. */
        public int errno() {
            return errno;
        }
    }
}
