package io.ena4j.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the pcapng files {@link PcapngWriter} writes (and any little- or big-endian pcapng file of Section
 * Header, Interface Description and Enhanced Packet Blocks; other block types are skipped). Every length is checked
 * against the file: a malformed file is one {@link IllegalArgumentException} naming the block offset and what is
 * wrong.
 */
public final class PcapngReader {

    /** One interface of the file. */
    public record Interface(int linkType, int snapLen, String name, int tsResolution) {
    }

    /** One frame: interface index, timestamp in units of the interface's resolution, direction, bytes. */
    public record Frame(int iface, long timestamp, boolean inbound, boolean outbound, int originalLength,
                        byte[] data) {
    }

    private final List<Interface> interfaces = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();

    private PcapngReader() {
    }

    /** Reads {@code file} whole. */
    public static PcapngReader read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        PcapngReader r = new PcapngReader();
        r.parse(b, file.toString());
        return r;
    }

    private void parse(ByteBuffer b, String name) {
        while (b.remaining() > 0) {
            int at = b.position();
            need(b, 12, at, "block header");
            int type = b.getInt(at);
            if (type == PcapngWriter.SHB) {
                int magic = b.getInt(at + 8);
                if (magic == PcapngWriter.BYTE_ORDER_MAGIC) {
                    // already read in the section's byte order
                } else if (Integer.reverseBytes(magic) == PcapngWriter.BYTE_ORDER_MAGIC) {
                    b.order(b.order() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                } else {
                    throw bad(name, at, "bad byte-order magic 0x" + Integer.toHexString(magic));
                }
                type = b.getInt(at);
            } else if (at == 0) {
                throw bad(name, at, "not a pcapng file (no Section Header Block)");
            }
            int len = b.getInt(at + 4);
            if (len < 12 || (len & 3) != 0 || len > b.limit() - at) {
                throw bad(name, at, "block length " + len + " out of range: accepted 12.." + (b.limit() - at)
                        + ", a multiple of 4");
            }
            if (b.getInt(at + len - 4) != len) {
                throw bad(name, at, "trailing block length differs from " + len);
            }
            if (type == PcapngWriter.IDB) {
                need(len, 20, name, at);
                int link = Short.toUnsignedInt(b.getShort(at + 8));
                int snap = b.getInt(at + 12);
                String ifName = null;
                int tsres = 6;
                int[] nameOpt = option(b, at + 16, at + len - 4, 2, name, at);
                if (nameOpt != null) {
                    byte[] n = new byte[nameOpt[1]];
                    b.get(nameOpt[0], n);
                    ifName = new String(n, StandardCharsets.UTF_8);
                }
                int[] resOpt = option(b, at + 16, at + len - 4, 9, name, at);
                if (resOpt != null && resOpt[1] >= 1) {
                    tsres = b.get(resOpt[0]);
                }
                interfaces.add(new Interface(link, snap, ifName, tsres));
            } else if (type == PcapngWriter.EPB) {
                need(len, 32, name, at);
                int iface = b.getInt(at + 8);
                if (iface < 0 || iface >= interfaces.size()) {
                    throw bad(name, at, "interface " + iface + " out of range: accepted 0.." + (interfaces.size() - 1));
                }
                long ts = (Integer.toUnsignedLong(b.getInt(at + 12)) << 32) | Integer.toUnsignedLong(b.getInt(at + 16));
                int cap = b.getInt(at + 20);
                int orig = b.getInt(at + 24);
                if (cap < 0 || 28 + ((cap + 3) & ~3) + 4 > len) {
                    throw bad(name, at, "captured length " + cap + " does not fit its block of " + len + " bytes");
                }
                byte[] data = new byte[cap];
                b.get(at + 28, data);
                int[] flagsOpt = option(b, at + 28 + ((cap + 3) & ~3), at + len - 4, 2, name, at);
                int flags = flagsOpt != null && flagsOpt[1] == 4 ? b.getInt(flagsOpt[0]) : 0;
                frames.add(new Frame(iface, ts, (flags & 3) == 1, (flags & 3) == 2, orig, data));
            }
            b.position(at + len);
        }
    }

    /**
     * Finds option {@code code} among the options in {@code [from, end)} of the block at {@code at}.
     *
     * @return {value offset, value length}, or null if absent
     */
    private static int[] option(ByteBuffer b, int from, int end, int code, String name, int at) {
        int o = from;
        while (o + 4 <= end) {
            int c = Short.toUnsignedInt(b.getShort(o));
            int olen = Short.toUnsignedInt(b.getShort(o + 2));
            if (c == 0) {
                return null;
            }
            if (o + 4 + olen > end) {
                throw bad(name, at, "option " + c + " runs past its block");
            }
            if (c == code) {
                return new int[] {o + 4, olen};
            }
            o += 4 + ((olen + 3) & ~3);
        }
        return null;
    }

    private static void need(ByteBuffer b, int n, int at, String what) {
        if (b.remaining() < n) {
            throw new IllegalArgumentException("pcapng: " + what + " at offset " + at + " is truncated");
        }
    }

    private static void need(int len, int min, String name, int at) {
        if (len < min) {
            throw bad(name, at, "block of " + len + " bytes is shorter than its minimum " + min);
        }
    }

    private static IllegalArgumentException bad(String name, int at, String what) {
        return new IllegalArgumentException(name + ": pcapng block at offset " + at + ": " + what);
    }

    /** The interfaces, in file order. */
    public List<Interface> interfaces() {
        return List.copyOf(interfaces);
    }

    /** The frames, in file order. */
    public List<Frame> frames() {
        return List.copyOf(frames);
    }
}
