package io.ena4j.driver.com;

import io.ena4j.spec.admin.FeatureCmd;
import io.ena4j.spec.admin.StatelessOffload;

import java.lang.foreign.MemorySegment;

/**
 * STATELESS_OFFLOAD_CONFIG (feature 11) GET payload (management.md §8.9), parsed from the wire structure
 * {@link StatelessOffload}, whose {@code TX_*} / {@code RX_*} constants name the bits.
 *
 * @param tx          supported Tx offloads ({@link StatelessOffload#TX_L4_IPV4_CSUM_PART} ...)
 * @param rxSupported supported Rx offloads ({@link StatelessOffload#RX_L4_IPV4_CSUM} ...)
 * @param rxEnabled   currently enabled Rx offloads
 */
public record OffloadSettings(int tx, int rxSupported, int rxEnabled) {

    /** Parses the GET_FEATURE response {@code r} (payload at {@link FeatureCmd#GET_PAYLOAD}). */
    static OffloadSettings parse(MemorySegment r) {
        long p = FeatureCmd.GET_PAYLOAD;
        return new OffloadSettings(StatelessOffload.tx(r, p), StatelessOffload.rxSupported(r, p),
                StatelessOffload.rxEnabled(r, p));
    }
}
