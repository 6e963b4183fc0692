package io.ena4j.driver.eth;

/**
 * What a ring does with a buffer address wider than the device's DMA address width (datapath.md §1.1).
 *
 * <p>The reference layer masks the address with {@code GENMASK(dma_addr_bits - 1, 32)} before taking the high
 * half, so an address that does not fit silently becomes a different address and the device reads or (Rx) writes
 * the wrong memory. ena4j refuses such an address by default; {@link #MASK} reproduces the reference bit for bit
 * (used to replay the reference vectors, and available to callers that need it).
 */
public enum DmaAddressCheck {
    /** Default: refuse the call with {@code -EINVAL}, write nothing, count {@link RingCounter#BAD_DMA_ADDR}. */
    REJECT,
    /** Reference behaviour: keep only the address bits the device can carry; no error. */
    MASK
}
