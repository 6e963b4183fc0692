package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * LINK_CONFIG (feature 27) GET payload (management.md §8.16): {@code G+8 u32 speed} (Mbit/s),
 * {@code G+12 u32 supported} (speed bitmap), {@code G+16 u32 flags}. Reporting only; link up/down comes from
 * the AENQ.
 *
 * @param speedMbps current speed, unsigned
 * @param supported speed bitmap ({@code 0x1} 1G … {@code 0x200} 400G)
 * @param flags     bit 0 autonegotiation, bit 1 full duplex
 */
public record LinkParams(long speedMbps, int supported, int flags) {

    /** flags bit 0: autonegotiation. */
    public static final int FLAG_AUTONEG = 1;
    /** flags bit 1: full duplex. */
    public static final int FLAG_FULL_DUPLEX = 1 << 1;

    /** True if autonegotiation is on. */
    public boolean autoneg() {
        return (flags & FLAG_AUTONEG) != 0;
    }

    /** True if the link is full duplex. */
    public boolean fullDuplex() {
        return (flags & FLAG_FULL_DUPLEX) != 0;
    }

    static LinkParams parse(MemorySegment r) {
        int p = AdminWire.RESP_PAYLOAD;
        return new LinkParams(AdminWire.u32Unsigned(r, p), AdminWire.u32(r, p + 4), AdminWire.u32(r, p + 8));
    }
}
