package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * HW_TIMESTAMP (feature 31) GET payload, version 1 (management.md §8.20): {@code G+8 u8 version},
 * {@code G+9 u8 tx}, {@code G+10 u8 rx}; 0 = none, 1 = all.
 *
 * @param version device's maximum supported version
 * @param tx      Tx timestamping support (0 none, 1 all)
 * @param rx      Rx timestamping support (0 none, 1 all)
 */
public record HwTimestampCaps(int version, int tx, int rx) {

    /** Feature version the GET asks for. */
    public static final int GET_VERSION = 1;
    /** Support value 0: none. */
    public static final int NONE = 0;
    /** Support value 1: all packets. */
    public static final int ALL = 1;

    static HwTimestampCaps parse(MemorySegment r) {
        int p = AdminWire.RESP_PAYLOAD;
        return new HwTimestampCaps(AdminWire.u8(r, p), AdminWire.u8(r, p + 1), AdminWire.u8(r, p + 2));
    }
}
