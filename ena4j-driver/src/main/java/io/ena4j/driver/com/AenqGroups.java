package io.ena4j.driver.com;

import io.ena4j.spec.admin.AenqConfig;
import io.ena4j.spec.admin.FeatureCmd;

import java.lang.foreign.MemorySegment;

/**
 * AENQ_CONFIG (feature 26) GET payload (management.md §8.15), parsed from the wire structure {@link AenqConfig};
 * bit n = AENQ group n (§9.3). The groups the driver requests are {@link AenqConfig#DRIVER_REQUESTED_GROUPS}.
 *
 * @param supported groups the device can report
 * @param enabled   groups currently reported
 */
public record AenqGroups(int supported, int enabled) {

    /** Parses the GET_FEATURE response {@code r} (payload at {@link FeatureCmd#GET_PAYLOAD}). */
    static AenqGroups parse(MemorySegment r) {
        long p = FeatureCmd.GET_PAYLOAD;
        return new AenqGroups(AenqConfig.supportedGroups(r, p), AenqConfig.enabledGroups(r, p));
    }
}
