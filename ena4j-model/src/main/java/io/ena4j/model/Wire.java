package io.ena4j.model;

import java.lang.foreign.MemorySegment;

/**
 * What a model's port is plugged into: every frame a Tx queue sends (datapath.md §4.3 "after the packet has been
 * transmitted") is handed to the wire of the sending model, which may deliver it to a receive port
 * ({@link EnaDeviceModel#receive}), count it, or capture it. Implementations: {@link Wires#loopback},
 * {@link Wires#pair}, {@link Wires#nullSink}, {@link Wires#nullSource}; tests may write their own (e.g. to capture
 * frames).
 *
 * <p>Threading (the single-writer rule): {@link #transmit} is called by the thread stepping the sending model, and a
 * receive port it delivers to is written by that thread only — the receiving model's Rx engines have exactly one
 * writer, which is why a model's port must be the target of at most one wire at a time. Implementations must not
 * block, should not allocate, and must not keep {@code frame}: it is the sender's scratch buffer, overwritten by the
 * next packet.
 */
@FunctionalInterface
public interface Wire {

    /**
     * A frame leaves {@code from}'s port.
     *
     * @param from   the sending model
     * @param frame  memory holding the frame; valid only during the call
     * @param offset offset of the first byte (destination MAC)
     * @param length frame length in bytes, without FCS, ≥ 1
     */
    void transmit(EnaDeviceModel from, MemorySegment frame, long offset, int length);
}
