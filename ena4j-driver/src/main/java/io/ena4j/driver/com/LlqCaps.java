package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * What the device offers for low-latency queues: the LLQ feature (4) GET payload, version 1
 * (management.md §8.5). The {@code *Supported} fields are bitmaps in which each code is its own mask; the
 * {@code *Enabled} fields carry a single code.
 *
 * <pre>
 * G+8  u32 max_llq_num (0 = no LLQ)        G+24 u16 desc_num_before_header_supported
 * G+12 u32 max_llq_depth                   G+26 u16 desc_num_before_header_enabled
 * G+16 u16 header_location_ctrl_supported  G+28 u16 descriptors_stride_ctrl_supported
 * G+18 u16 header_location_ctrl_enabled    G+30 u16 descriptors_stride_ctrl_enabled
 * G+20 u16 entry_size_ctrl_supported       G+32 u8  feature_version
 * G+22 u16 entry_size_ctrl_enabled         G+33 u8  entry_size_recommended (version >= 1)
 *                                          G+34 u16 max_wide_llq_depth (0 = n/a)
 *                                          G+36 u16 accel supported_flags, G+38 u16 max_tx_burst_size
 * </pre>
 *
 * @param maxLlqNum                      LLQ SQs available (unsigned)
 * @param maxLlqDepth                    LLQ depth (unsigned)
 * @param headerLocationSupported        bitmap of header-location codes
 * @param headerLocationEnabled          current header-location code
 * @param entrySizeSupported             bitmap of entry-size codes
 * @param entrySizeEnabled               current entry-size code
 * @param descsBeforeHeaderSupported     bitmap of descriptors-before-header counts
 * @param descsBeforeHeaderEnabled       current count
 * @param strideSupported                bitmap of stride codes
 * @param strideEnabled                  current stride code
 * @param featureVersion                 device's LLQ feature version
 * @param entrySizeRecommended           recommended entry-size code (meaningful for version >= 1)
 * @param maxWideLlqDepth                depth limit for 256-byte entries, 0 = not applicable
 * @param accelSupportedFlags            accel-mode flags ({@link LlqConfig#ACCEL_DISABLE_META_CACHING} ...)
 * @param maxTxBurstSize                 bytes of LLQ entries allowed between two doorbells
 */
public record LlqCaps(long maxLlqNum, long maxLlqDepth, int headerLocationSupported, int headerLocationEnabled,
        int entrySizeSupported, int entrySizeEnabled, int descsBeforeHeaderSupported, int descsBeforeHeaderEnabled,
        int strideSupported, int strideEnabled, int featureVersion, int entrySizeRecommended, int maxWideLlqDepth,
        int accelSupportedFlags, int maxTxBurstSize) {

    /** All zero: what the driver uses when the device does not offer LLQ (§13.1 step 10). */
    public static final LlqCaps NONE = new LlqCaps(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    /** LLQ GET feature version this layer requests (§8.1). */
    public static final int GET_VERSION = 1;

    static LlqCaps parse(MemorySegment r) {
        int p = AdminWire.RESP_PAYLOAD;
        return new LlqCaps(AdminWire.u32Unsigned(r, p), AdminWire.u32Unsigned(r, p + 4), AdminWire.u16(r, p + 8),
                AdminWire.u16(r, p + 10), AdminWire.u16(r, p + 12), AdminWire.u16(r, p + 14),
                AdminWire.u16(r, p + 16), AdminWire.u16(r, p + 18), AdminWire.u16(r, p + 20),
                AdminWire.u16(r, p + 22), AdminWire.u8(r, p + 24), AdminWire.u8(r, p + 25),
                AdminWire.u16(r, p + 26), AdminWire.u16(r, p + 28), AdminWire.u16(r, p + 30));
    }

    /**
     * Largest Tx SQ depth with LLQ and {@code config} (§8.4): {@code max_llq_depth}, or for 256-byte entries half
     * of it when {@code max_wide_llq_depth} is 0, else min(max_llq_depth, max_wide_llq_depth); rounded down to a
     * power of two and clamped like {@link MaxQueues#roundDown(long)}. The caller checks it against
     * {@link MaxQueues#MIN_RING_SIZE}.
     */
    public int maxTxSqDepth(LlqConfig config) {
        long depth = maxLlqDepth;
        if (config.entrySize() == 256) {
            depth = maxWideLlqDepth == 0 ? depth / 2 : Math.min(depth, maxWideLlqDepth);
        }
        return MaxQueues.roundDown(depth);
    }
}
