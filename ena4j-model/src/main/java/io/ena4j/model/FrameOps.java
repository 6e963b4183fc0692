package io.ena4j.model;

import io.ena4j.model.net.Checksums;
import io.ena4j.model.net.FrameInfo;
import io.ena4j.model.net.FrameParser;
import io.ena4j.model.net.RssHasher;

import java.lang.foreign.MemorySegment;

/**
 * The data path's only door into the frame library ({@code io.ena4j.model.net}): parsing received frames (datapath.md
 * §6.1), the RSS hash (§14.2, §14.3) and Tx checksum offload (§2 word 1, §3.1). Kept in one small class so that the
 * engines do not depend on the library's shape beyond these calls.
 */
final class FrameOps {

    private FrameOps() {
    }

    /** Parses the frame at {@code [off, off + len)} into {@code out} (never throws, allocates nothing). */
    static void parse(MemorySegment seg, long off, int len, boolean verifyChecksums, FrameInfo out) {
        FrameParser.parse(seg, off, len, verifyChecksums, out);
    }

    /**
     * A hasher for the given RSS configuration, or {@code null} if the library refuses it (a function code it does
     * not implement): the device then reports hash 0 and steers by the default queue. Set-up time, allocates.
     */
    static RssHasher newHasher(int function, byte[] key, int initVal, int[] selectedFields, int inputSort) {
        RssHasher h = new RssHasher();
        try {
            h.configure(function, key, initVal, selectedFields, inputSort);
            return h;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The RSS hash of a parsed frame; 0 without a hasher. */
    static int hash(RssHasher hasher, MemorySegment seg, long off, int len, FrameInfo info) {
        return hasher == null ? 0 : hasher.hash(seg, off, len, info);
    }

    /** Tx checksum offload over a gathered frame, as the descriptor asks (never throws). */
    static void fillTxChecksums(MemorySegment seg, long off, int len, FrameInfo info, boolean l3, boolean l4,
                                boolean l4Partial) {
        Checksums.fillTx(seg, off, len, info, l3, l4, l4Partial);
    }
}
