package io.ena4j.model;

import java.lang.foreign.MemorySegment;

/**
 * Sees every frame a port's wire carries, both ways (see {@link EnaDeviceModel#setCapture}): frames the port sends,
 * after Tx offloads, and frames that arrive at it, before RSS and whether or not a posted buffer takes them. Called
 * by the thread that steps the sending model, so a capture shared by several ports may be called from several
 * threads; it must not keep {@code frame}.
 */
@FunctionalInterface
public interface FrameCapture {

    /**
     * One frame.
     *
     * @param inbound    true for a frame arriving at the port, false for one it sends
     * @param frame      the frame's memory, valid during the call only
     * @param offset     offset of the first byte
     * @param length     frame length (no FCS)
     * @param modelNanos the model's clock when the frame passed ({@link io.ena4j.platform.Clock#nanoTime()})
     */
    void frame(boolean inbound, MemorySegment frame, long offset, int length, long modelNanos);
}
