package io.ena4j.model;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes captured frames to a pcapng file (IETF draft-ietf-opsawg-pcapng) that tshark and Wireshark read: one
 * Section Header Block, one Interface Description Block per port (link type 1, Ethernet; {@code if_tsresol} 9, so
 * timestamps are nanoseconds; the port's name), and one Enhanced Packet Block per frame with its direction in
 * {@code epb_flags} (inbound 1, outbound 2). Timestamps are the model's clock, placed on the wall clock at the
 * moment the writer was opened, so that Wireshark shows real dates and the model's own spacing between frames.
 *
 * <p>pcapng rather than classic pcap because it records the direction of each frame and nanosecond resolution per
 * interface; a small writer of our own rather than a library because none on Maven Central writes pcapng with
 * directions from raw memory without copying into its own packet objects.
 *
 * <p>Frames are copied into one preallocated buffer, written out when it fills and at {@link #close}: no allocation
 * per frame. Calls from several stepping threads are serialised ({@code synchronized}); capturing is a diagnostic
 * mode, never on by default. After {@code maxFrames} frames (0: no limit) further frames are ignored. An I/O error
 * stops the capture (counted in {@link #errors()}), never the port.
 */
public final class PcapngWriter implements AutoCloseable {

    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 0x00000001;
    static final int EPB = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** Largest frame recorded whole; longer ones are cut (the EPB keeps the original length). */
    public static final int SNAPLEN = 65535;

    private final FileChannel out;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private final MemorySegment bufSeg = MemorySegment.ofBuffer(buf);
    private final long maxFrames;
    private final long wallBase;
    private final long clockBase;
    private final int interfaces;
    private long frames;
    private long errors;
    private boolean closed;

    private PcapngWriter(FileChannel out, long maxFrames, int interfaces, long clockNow) {
        this.out = out;
        this.maxFrames = maxFrames;
        this.interfaces = interfaces;
        java.time.Instant now = java.time.Instant.now();
        this.wallBase = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        this.clockBase = clockNow;
    }

    /**
     * Creates (or truncates) {@code file} and writes the section and one interface per name.
     *
     * @param clockNow  the models' clock now (what {@link FrameCapture#frame}'s timestamps are relative to)
     * @param maxFrames frames to record, 0 for no limit
     * @throws IOException the file cannot be written
     */
    public static PcapngWriter open(Path file, String[] interfaceNames, long maxFrames, long clockNow)
            throws IOException {
        if (interfaceNames.length == 0) {
            throw new IllegalArgumentException("a capture needs at least one interface");
        }
        if (maxFrames < 0) {
            throw new IllegalArgumentException("capture frame count " + maxFrames + " out of range: accepted 0 (no "
                    + "limit) or more");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        PcapngWriter w = new PcapngWriter(ch, maxFrames, interfaceNames.length, clockNow);
        w.header(interfaceNames);
        return w;
    }

    private void header(String[] names) throws IOException {
        // Section Header Block: type, length, byte-order magic, version 1.0, section length unknown (-1).
        buf.putInt(SHB).putInt(28).putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0)
                .putLong(-1L).putInt(28);
        for (String n : names) {
            byte[] name = n.getBytes(StandardCharsets.UTF_8);
            int namePad = (name.length + 3) & ~3;
            // options: if_name (2), if_tsresol (9) = 9 (1 byte, padded), opt_endofopt
            int opts = 4 + namePad + 4 + 4 + 4;
            int len = 20 + opts;
            buf.putInt(IDB).putInt(len).putShort((short) 1).putShort((short) 0).putInt(SNAPLEN);
            buf.putShort((short) 2).putShort((short) name.length).put(name);
            for (int i = name.length; i < namePad; i++) {
                buf.put((byte) 0);
            }
            buf.putShort((short) 9).putShort((short) 1).put((byte) 9).put((byte) 0).put((byte) 0).put((byte) 0);
            buf.putInt(0);
            buf.putInt(len);
        }
        flush();
    }

    /** The capture of interface {@code index} (a port), to give to {@link EnaDeviceModel#setCapture}. */
    public FrameCapture forInterface(int index) {
        if (index < 0 || index >= interfaces) {
            throw new IllegalArgumentException("capture interface " + index + " out of range: accepted 0.."
                    + (interfaces - 1));
        }
        return (inbound, frame, offset, length, nanos) -> record(index, inbound, frame, offset, length, nanos);
    }

    synchronized void record(int iface, boolean inbound, MemorySegment frame, long offset, int length, long nanos) {
        if (closed || (maxFrames > 0 && frames >= maxFrames)) {
            return;
        }
        int cap = Math.min(length, SNAPLEN);
        int pad = (cap + 3) & ~3;
        int len = 32 + pad + 12; // EPB header + data + epb_flags option (8) + opt_endofopt (4)
        if (buf.remaining() < len + 4) {
            try {
                flush();
            } catch (IOException e) {
                errors++;
                closed = true;
                return;
            }
        }
        long ts = wallBase + (nanos - clockBase);
        buf.putInt(EPB).putInt(len).putInt(iface).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(cap)
                .putInt(length);
        int at = buf.position();
        MemorySegment.copy(frame, offset, bufSeg, at, cap);
        for (int i = cap; i < pad; i++) {
            bufSeg.set(ValueLayout.JAVA_BYTE, at + i, (byte) 0);
        }
        buf.position(at + pad);
        buf.putShort((short) 2).putShort((short) 4).putInt(inbound ? 1 : 2); // epb_flags: direction
        buf.putInt(0);
        buf.putInt(len);
        frames++;
    }

    private void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }

    /** Frames recorded so far. */
    public synchronized long frames() {
        return frames;
    }

    /** I/O errors (the first one stops the capture). */
    public synchronized long errors() {
        return errors;
    }

    /** Writes what is buffered and closes the file. Detach the captures first ({@code setCapture(null)}). */
    @Override
    public synchronized void close() throws IOException {
        if (out.isOpen()) {
            try {
                if (!closed) {
                    flush();
                }
            } finally {
                closed = true;
                out.close();
            }
        }
    }
}
