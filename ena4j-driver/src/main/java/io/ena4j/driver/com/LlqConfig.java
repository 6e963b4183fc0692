package io.ena4j.driver.com;

import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.eth.TxDesc;

/**
 * A negotiated low-latency-queue configuration (management.md §8.5; the reference's {@code ena_com_llq_info}
 * plus the resulting Tx header limit). Produced by {@link LlqNegotiation}; consumed by
 * {@link EnaAdmin#setLlq(LlqConfig)} and by the Tx data path. The codes are those of {@link LlqFeature}.
 *
 * @param headerLocation      header-location code ({@link LlqFeature.HeaderLocation#INLINE})
 * @param descStride          stride code ({@link LlqFeature.Stride#SINGLE_DESC_PER_ENTRY} /
 *                            {@link LlqFeature.Stride#MULTIPLE_DESCS_PER_ENTRY}), 0 for a header ring
 * @param entrySizeCtrl       entry-size code ({@link LlqFeature.EntrySize#SIZE_128} ...)
 * @param entrySize           entry size in bytes (128, 192 or 256)
 * @param descsBeforeHeader   descriptors before the header in the first entry (1, 2, 4 or 8)
 * @param descsPerEntry       entry size / 16 with multiple stride, else 1
 * @param maxEntriesInTxBurst entries allowed between two doorbells, 0 = no limit
 * @param disableMetaCaching  device does not cache Tx meta descriptors
 * @param txMaxHeaderSize     entry size − 16 × descriptors before header (§8.5 step 9), &gt; 0
 */
public record LlqConfig(int headerLocation, int descStride, int entrySizeCtrl, int entrySize, int descsBeforeHeader,
        int descsPerEntry, int maxEntriesInTxBurst, boolean disableMetaCaching, int txMaxHeaderSize) {

    /**
     * Size of one Tx descriptor in bytes ({@link TxDesc#SIZE}, datapath.md): divides an entry into descriptor
     * slots.
     */
    static final int TX_DESC_SIZE = (int) TxDesc.SIZE;

    /** Checks internal consistency, so a hand-made config cannot describe an impossible layout. */
    public LlqConfig {
        if (LlqFeature.EntrySize.bytes(entrySizeCtrl) != entrySize) {
            throw new IllegalArgumentException("entry size " + entrySize + " does not match entry-size code "
                    + entrySizeCtrl + ": accepted codes 1 (128), 2 (192), 4 (256)");
        }
        if (!validDescsBeforeHeader(descsBeforeHeader)) {
            throw new IllegalArgumentException("descriptors before header " + descsBeforeHeader
                    + " out of range: accepted 1, 2, 4, 8");
        }
        if (txMaxHeaderSize != entrySize - TX_DESC_SIZE * descsBeforeHeader || txMaxHeaderSize <= 0) {
            throw new IllegalArgumentException("Tx max header size " + txMaxHeaderSize + " must equal entry size "
                    + entrySize + " - 16 x " + descsBeforeHeader + " and be > 0");
        }
        if (maxEntriesInTxBurst < 0) {
            throw new IllegalArgumentException("max entries in Tx burst " + maxEntriesInTxBurst + " must be >= 0");
        }
    }

    /**
     * True for the descriptors-before-header counts the driver uses: 1, 2, 4 and 8 of
     * {@link LlqFeature.DescsBeforeHeader}. Code 0 is defined there too, but the negotiation never chooses it
     * (§8.5 step 6), so a configuration with it cannot come from a device.
     */
    static boolean validDescsBeforeHeader(int n) {
        return n == LlqFeature.DescsBeforeHeader.NUM_1 || n == LlqFeature.DescsBeforeHeader.NUM_2
                || n == LlqFeature.DescsBeforeHeader.NUM_4 || n == LlqFeature.DescsBeforeHeader.NUM_8;
    }

    /**
     * Descriptors (meta included) that {@code entries} LLQ entries can carry: {@link #descsBeforeHeader()} in the
     * first entry, {@link #descsPerEntry()} in each further one (datapath.md §9.2, the count
     * {@code ena_com_is_doorbell_needed} inverts).
     */
    public int descriptorsIn(int entries) {
        return entries <= 0 ? 0 : descsBeforeHeader + (entries - 1) * descsPerEntry;
    }

    /**
     * Data buffers one packet may use so that it always fits the device's Tx burst limit (§9.7): the descriptors of
     * {@link #maxEntriesInTxBurst()} entries less one for a meta descriptor (emitted whenever the offload context
     * changes, or always without meta caching); {@link Integer#MAX_VALUE} without a burst limit. A packet needing
     * more entries than a whole burst could never be written: the reference driver then fails it with a reset
     * ({@code DRIVER_INVALID_STATE}) at every try; ena4j caps the SG limit instead, so such a packet is refused at
     * {@code send} like any chain longer than the limit.
     */
    public int maxBuffersPerBurst() {
        return maxEntriesInTxBurst == 0 ? Integer.MAX_VALUE : descriptorsIn(maxEntriesInTxBurst) - 1;
    }
}
