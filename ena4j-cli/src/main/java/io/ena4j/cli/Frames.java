package io.ena4j.cli;

import io.ena4j.model.net.FrameBuilder;

/** Test traffic for the commands: well-formed UDP/IPv4 frames between two fixed hosts. */
final class Frames {

    private static final byte[] DST_MAC = {0x06, 0x1a, 0x2b, 0x3c, 0x4d, 0x5f};
    private static final byte[] SRC_MAC = {0x06, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e};
    private static final int SRC_IP = 0x0A00_0001; // 10.0.0.1
    private static final int DST_IP = 0x0A00_0002; // 10.0.0.2

    private Frames() {
    }

    /** A UDP/IPv4 frame of {@code size} bytes (no FCS); {@code flow} varies the source port. */
    static byte[] udp4(int size, int flow) {
        return FrameBuilder.udp4(DST_MAC, SRC_MAC, SRC_IP, DST_IP, 1024 + (flow & 0x7FFF), 4789, size);
    }
}
