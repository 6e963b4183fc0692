package io.ena4j.driver.com;

import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.LinkConfig;

import java.lang.foreign.MemorySegment;

/**
 * LINK_CONFIG (feature 27) GET payload (management.md §8.16), parsed from the wire structure {@link LinkConfig}:
 * speed in Mbit/s, the supported-speed bitmap and the flags. Reporting only; link up/down comes from the AENQ.
 *
 * @param speedMbps current speed, unsigned
 * @param supported speed bitmap ({@link LinkConfig#SPEED_1G} … {@link LinkConfig#SPEED_400G})
 * @param flags     {@link LinkConfig#AUTONEG_MASK} autonegotiation, {@link LinkConfig#DUPLEX_MASK} full duplex
 */
public record LinkParams(long speedMbps, int supported, int flags) {

    /** True if autonegotiation is on. */
    public boolean autoneg() {
        return (flags & LinkConfig.AUTONEG_MASK) != 0;
    }

    /** True if the link is full duplex. */
    public boolean fullDuplex() {
        return (flags & LinkConfig.DUPLEX_MASK) != 0;
    }

    /** Parses the GET_FEATURE response {@code r} (payload at {@link FeatureCmd#GET_PAYLOAD}). */
    static LinkParams parse(MemorySegment r) {
        long p = FeatureCmd.GET_PAYLOAD;
        return new LinkParams(Integer.toUnsignedLong(LinkConfig.speed(r, p)), LinkConfig.supported(r, p),
                LinkConfig.flags(r, p));
    }
}
