package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * Runs one admin command to completion: the seam between the admin queue mechanics
 * ({@link AdminQueue}) and the command layer that builds commands and parses responses.
 */
@FunctionalInterface
public interface AdminExecutor {

    /**
     * Submits a command and waits for its completion.
     *
     * @param cmd     a 64-byte AQ entry image; bytes {@code [0, cmdLen)} are copied into the ring slot.
     *                The queue fills in the command id (bits 11:0 of bytes 0-1) and the phase bit
     *                (bit 0 of byte 3); every other byte is the caller's.
     * @param cmdLen  the command's own size in bytes (management.md §6.7), 4..64
     * @param resp    receives bytes {@code [0, respLen)} of the completion entry
     * @param respLen the response structure's size in bytes, 8..64
     * @return 0, or a negative errno ({@link EnaErrno}): the mapped completion status (§6.8),
     *         {@code ETIME} on timeout, {@code ENODEV} when the admin queue is not running,
     *         {@code ENOSPC} when the queue is full
     */
    int execute(MemorySegment cmd, int cmdLen, MemorySegment resp, int respLen);
}
