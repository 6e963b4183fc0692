package io.ena4j.driver.com;

/**
 * A created I/O submission queue: what CREATE_SQ returned (management.md §7.2), validated, plus the request
 * it answers.
 *
 * <p>Named {@code SqInfo} (not {@code IoSq}) so it cannot be mistaken for the ring state class
 * {@code io.ena4j.driver.eth.IoSq} that the data path builds from it.
 *
 * @param sqIdx                device SQ index (for DESTROY_SQ and, for Rx SQs, the RSS indirection table)
 * @param direction            {@link io.ena4j.spec.admin.CreateSqCmd#DIRECTION_TX} or
 *                             {@link io.ena4j.spec.admin.CreateSqCmd#DIRECTION_RX}
 * @param placement            {@link io.ena4j.spec.admin.CreateSqCmd#PLACEMENT_HOST} or
 *                             {@link io.ena4j.spec.admin.CreateSqCmd#PLACEMENT_DEV}
 * @param depth                requested depth
 * @param cqIdx                device index of the bound CQ
 * @param ringIoAddress        IO address of the host ring, 0 with device placement
 * @param doorbellOffset       BAR 0 offset of the SQ doorbell (§11.1)
 * @param llqDescriptorsOffset BAR 2 offset of this SQ's LLQ entries (device placement), else as reported
 * @param llqHeadersOffset     as reported; unused by the reference drivers
 */
public record SqInfo(int sqIdx, int direction, int placement, int depth, int cqIdx, long ringIoAddress,
        int doorbellOffset, int llqDescriptorsOffset, int llqHeadersOffset) {
}
