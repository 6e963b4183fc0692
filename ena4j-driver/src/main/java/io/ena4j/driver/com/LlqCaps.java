package io.ena4j.driver.com;

import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.LlqFeature;

import java.lang.foreign.MemorySegment;

/**
 * What the device offers for low-latency queues: the LLQ feature (4) GET payload, version
 * {@link LlqFeature#VERSION_ENTRY_SIZE_RECOMMENDED} (management.md §8.5), parsed from the wire structure
 * {@link LlqFeature}. The {@code *Supported} fields are bitmaps in which each code is its own mask; the
 * {@code *Enabled} fields carry a single code.
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
 * @param accelSupportedFlags            accel-mode flags ({@link LlqFeature.AccelFlags#DISABLE_META_CACHING} ...)
 * @param maxTxBurstSize                 bytes of LLQ entries allowed between two doorbells
 */
public record LlqCaps(long maxLlqNum, long maxLlqDepth, int headerLocationSupported, int headerLocationEnabled,
        int entrySizeSupported, int entrySizeEnabled, int descsBeforeHeaderSupported, int descsBeforeHeaderEnabled,
        int strideSupported, int strideEnabled, int featureVersion, int entrySizeRecommended, int maxWideLlqDepth,
        int accelSupportedFlags, int maxTxBurstSize) {

    /** All zero: what the driver uses when the device does not offer LLQ (§13.1 step 10). */
    public static final LlqCaps NONE = new LlqCaps(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Parses the GET_FEATURE response {@code r} (payload at {@link FeatureCmd#GET_PAYLOAD}). */
    static LlqCaps parse(MemorySegment r) {
        long p = FeatureCmd.GET_PAYLOAD;
        return new LlqCaps(Integer.toUnsignedLong(LlqFeature.maxLlqNum(r, p)),
                Integer.toUnsignedLong(LlqFeature.maxLlqDepth(r, p)), LlqFeature.headerLocationCtrlSupported(r, p),
                LlqFeature.headerLocationCtrlEnabled(r, p), LlqFeature.entrySizeCtrlSupported(r, p),
                LlqFeature.entrySizeCtrlEnabled(r, p), LlqFeature.descNumBeforeHeaderSupported(r, p),
                LlqFeature.descNumBeforeHeaderEnabled(r, p), LlqFeature.descriptorsStrideCtrlSupported(r, p),
                LlqFeature.descriptorsStrideCtrlEnabled(r, p), LlqFeature.featureVersion(r, p),
                LlqFeature.entrySizeRecommended(r, p), LlqFeature.maxWideLlqDepth(r, p),
                LlqFeature.accelModeSupportedFlags(r, p), LlqFeature.accelModeMaxTxBurstSize(r, p));
    }

    /**
     * Largest Tx SQ depth with LLQ and {@code config} (§8.4): {@code max_llq_depth}, or for 256-byte entries half
     * of it when {@code max_wide_llq_depth} is 0, else min(max_llq_depth, max_wide_llq_depth); rounded down to a
     * power of two and clamped like {@link MaxQueuesInfo#roundDown(long)}. The caller checks it against
     * {@link MaxQueuesInfo#MIN_RING_SIZE}.
     */
    public int maxTxSqDepth(LlqConfig config) {
        long depth = maxLlqDepth;
        if (config.entrySizeCtrl() == LlqFeature.EntrySize.SIZE_256) {
            depth = maxWideLlqDepth == 0 ? depth / 2 : Math.min(depth, maxWideLlqDepth);
        }
        return MaxQueuesInfo.roundDown(depth);
    }
}
