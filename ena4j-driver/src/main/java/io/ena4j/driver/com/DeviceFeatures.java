package io.ena4j.driver.com;

import io.ena4j.spec.admin.CustomerMetrics;

/**
 * Everything {@link EnaAdmin#getDeviceFeatures()} gathers at probe (management.md §13.1 step 10, the
 * reference's {@code ena_com_get_dev_attr_feat}): device attributes, queue maxima (extended or legacy form),
 * AENQ groups, stateless offloads, HW hints, LLQ capabilities and the supported customer metrics.
 *
 * @param attributes               DEVICE_ATTRIBUTES (§8.2)
 * @param maxQueues                MAX_QUEUES_EXT or MAX_QUEUES_NUM (§8.3, §8.4), validated
 * @param aenq                     AENQ_CONFIG (§8.15)
 * @param offloads                 STATELESS_OFFLOAD_CONFIG (§8.9)
 * @param hwHints                  HW_HINTS (§8.6), {@link HwHintsInfo#NONE} when not offered
 * @param llq                      LLQ (§8.5), {@link LlqCaps#NONE} when not offered
 * @param customerMetricsSupported metric-id bitmap from the GET_STATS support query (§7.6), or
 *                                 {@link CustomerMetrics#LEGACY_METRICS} without capability bit 2
 */
public record DeviceFeatures(DeviceAttributesInfo attributes, MaxQueuesInfo maxQueues, AenqGroups aenq,
        OffloadSettings offloads, HwHintsInfo hwHints, LlqCaps llq, int customerMetricsSupported) {

    /** True if feature {@code id} is advertised (DEVICE_ATTRIBUTES is always supported, §8.1). */
    public boolean isFeatureSupported(int id) {
        return EnaAdmin.featureBitSet(attributes.supportedFeatures(), id);
    }

    /**
     * Tx header limit for host placement (§8.4): the queue maxima's header size capped at 256. With LLQ the
     * limit comes from {@link LlqConfig#txMaxHeaderSize()} instead.
     */
    public int txMaxHeaderSize() {
        return maxQueues.txMaxHeaderSize();
    }
}
