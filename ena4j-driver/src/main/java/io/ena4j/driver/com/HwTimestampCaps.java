package io.ena4j.driver.com;

import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.HwTimestamp;

import java.lang.foreign.MemorySegment;

/**
 * HW_TIMESTAMP (feature 31) GET payload, version {@link HwTimestamp#VERSION_1} (management.md §8.20), parsed from
 * the wire structure {@link HwTimestamp}; support values are {@link HwTimestamp#NONE} or {@link HwTimestamp#ALL}.
 *
 * @param version device's maximum supported version
 * @param tx      Tx timestamping support (0 none, 1 all)
 * @param rx      Rx timestamping support (0 none, 1 all)
 */
public record HwTimestampCaps(int version, int tx, int rx) {

    /** Parses the GET_FEATURE response {@code r} (payload at {@link FeatureCmd#GET_PAYLOAD}). */
    static HwTimestampCaps parse(MemorySegment r) {
        long p = FeatureCmd.GET_PAYLOAD;
        return new HwTimestampCaps(HwTimestamp.version(r, p), HwTimestamp.tx(r, p), HwTimestamp.rx(r, p));
    }
}
