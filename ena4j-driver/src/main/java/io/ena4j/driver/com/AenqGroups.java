package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * AENQ_CONFIG (feature 26) GET payload (management.md §8.15): {@code G+8 u32 supported_groups},
 * {@code G+12 u32 enabled_groups}; bit n = AENQ group n (§9.3).
 *
 * @param supported groups the device can report
 * @param enabled   groups currently reported
 */
public record AenqGroups(int supported, int enabled) {

    /** Groups the reference driver requests: {0,1,2,3,4,6,7} (§8.15; group 5 is never requested). */
    public static final int DRIVER_DEFAULT = 0xDF;

    static AenqGroups parse(MemorySegment r) {
        return new AenqGroups(AdminWire.u32(r, AdminWire.RESP_PAYLOAD), AdminWire.u32(r, AdminWire.RESP_PAYLOAD + 4));
    }
}
