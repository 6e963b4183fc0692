package io.ena4j.driver.com;

/**
 * A created I/O submission queue: what CREATE_SQ returned (management.md §7.2), validated, plus the request
 * it answers.
 *
 * @param sqIdx              device SQ index (for DESTROY_SQ and, for Rx SQs, the RSS indirection table)
 * @param direction          {@link IoQueueParams#DIRECTION_TX} or {@link IoQueueParams#DIRECTION_RX}
 * @param placement          {@link IoQueueParams#PLACEMENT_HOST} or {@link IoQueueParams#PLACEMENT_DEV}
 * @param depth              requested depth
 * @param cqIdx              device index of the bound CQ
 * @param ringIoAddress      IO address of the host ring, 0 with device placement
 * @param doorbellOffset     BAR 0 offset of the SQ doorbell (§11.1)
 * @param llqDescriptorsOffset BAR 2 offset of this SQ's LLQ entries (device placement), else as reported
 * @param llqHeadersOffset   as reported; unused by the reference drivers
 */
public record IoSq(int sqIdx, int direction, int placement, int depth, int cqIdx, long ringIoAddress,
        int doorbellOffset, int llqDescriptorsOffset, int llqHeadersOffset) {
}
