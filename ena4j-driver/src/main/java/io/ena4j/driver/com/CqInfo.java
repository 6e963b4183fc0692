package io.ena4j.driver.com;

/**
 * A created I/O completion queue: what CREATE_CQ returned (management.md §7.1), validated, plus the request
 * it answers. All register offsets are relative to BAR 0.
 *
 * <p>Named {@code CqInfo} (not {@code IoCq}) so it cannot be mistaken for the ring state class
 * {@code io.ena4j.driver.eth.IoCq} that the data path builds from it.
 *
 * @param cqIdx           device CQ index (for CREATE_SQ and DESTROY_CQ)
 * @param direction       {@link io.ena4j.spec.admin.CreateSqCmd#DIRECTION_TX} or
 *                        {@link io.ena4j.spec.admin.CreateSqCmd#DIRECTION_RX}
 * @param depth           requested depth
 * @param entrySize       completion entry size in bytes
 * @param ringIoAddress   IO address of the ring given to the device
 * @param msixVector      MSI-X vector given to the device
 * @param actualDepth     {@code cq_actual_depth} as reported; ignored like the reference does (§7.1) and kept
 *                        for diagnostics only
 * @param numaRegOffset   NUMA register (§11.3), 0 = none
 * @param headDbOffset    CQ head doorbell as reported; never written (§11.4), so not validated
 * @param unmaskRegOffset interrupt-unmask register (§11.2)
 */
public record CqInfo(int cqIdx, int direction, int depth, int entrySize, long ringIoAddress, int msixVector,
        int actualDepth, int numaRegOffset, int headDbOffset, int unmaskRegOffset) {
}
