package io.ena4j.platform.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls the Linux backends need, bound once through the FFM linker with {@code errno} captured.
 * Every call takes the caller's errno cell ({@link #errnoCell}) so that callers on different threads never share
 * one, and returns the raw result (-1 on failure, the reason in the cell); nothing here allocates per call or
 * throws on a failed system call. {@code read}/{@code write} are bound as critical calls: they may take heap
 * segments and must stay short, which holds for non-blocking descriptors.
 */
public final class Libc {

    private Libc() {
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement
            .groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPEN = bind("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            CAPTURE, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL = bind("ioctl",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                    ValueLayout.ADDRESS), CAPTURE, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = bind("read",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG), CAPTURE, Linker.Option.critical(true));
    private static final MethodHandle WRITE = bind("write",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG), CAPTURE, Linker.Option.critical(true));
    private static final MethodHandle CLOSE = bind("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), CAPTURE);
    private static final MethodHandle SOCKET = bind("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT), CAPTURE);
    private static final MethodHandle STRERROR = bind("strerror",
            FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(
                    java.lang.foreign.MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE)), ValueLayout.JAVA_INT));

    /** open(2) flags and errno values used by the backends. */
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int AF_INET = 2;
    public static final int SOCK_DGRAM = 2;

    private static MethodHandle bind(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment addr = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(addr, fd, options);
    }

    /** A new errno cell for one thread's calls. */
    public static MemorySegment errnoCell(Arena arena) {
        return arena.allocate(STATE);
    }

    /** The errno the last call through {@code cell} captured. */
    public static int errno(MemorySegment cell) {
        return (int) ERRNO.get(cell, 0L);
    }

    /** The C library's text for {@code errno}. */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    public static int open(MemorySegment cell, MemorySegment path, int flags, int mode) {
        try {
            return (int) OPEN.invokeExact(cell, path, flags, mode);
        } catch (Throwable t) {
            throw new IllegalStateException("open(2) downcall failed", t);
        }
    }

    public static int ioctl(MemorySegment cell, int fd, long request, MemorySegment arg) {
        try {
            return (int) IOCTL.invokeExact(cell, fd, request, arg);
        } catch (Throwable t) {
            throw new IllegalStateException("ioctl(2) downcall failed", t);
        }
    }

    public static long read(MemorySegment cell, int fd, MemorySegment buf, long count) {
        try {
            return (long) READ.invokeExact(cell, fd, buf, count);
        } catch (Throwable t) {
            throw new IllegalStateException("read(2) downcall failed", t);
        }
    }

    public static long write(MemorySegment cell, int fd, MemorySegment buf, long count) {
        try {
            return (long) WRITE.invokeExact(cell, fd, buf, count);
        } catch (Throwable t) {
            throw new IllegalStateException("write(2) downcall failed", t);
        }
    }

    public static int close(MemorySegment cell, int fd) {
        try {
            return (int) CLOSE.invokeExact(cell, fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close(2) downcall failed", t);
        }
    }

    public static int socket(MemorySegment cell, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(cell, domain, type, protocol);
        } catch (Throwable t) {
            throw new IllegalStateException("socket(2) downcall failed", t);
        }
    }
}
