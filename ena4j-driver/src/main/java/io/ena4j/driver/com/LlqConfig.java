package io.ena4j.driver.com;

/**
 * A negotiated low-latency-queue configuration (management.md §8.5; the reference's {@code ena_com_llq_info}
 * plus the resulting Tx header limit). Produced by {@link LlqNegotiation}; consumed by
 * {@link EnaAdmin#setLlq(LlqConfig)} and by the Tx data path.
 *
 * @param headerLocation      header-location code ({@link #HEADER_INLINE})
 * @param descStride          stride code ({@link #STRIDE_SINGLE} / {@link #STRIDE_MULTIPLE}), 0 for a header ring
 * @param entrySizeCtrl       entry-size code ({@link #ENTRY_SIZE_128} ...)
 * @param entrySize           entry size in bytes (128, 192 or 256)
 * @param descsBeforeHeader   descriptors before the header in the first entry (1, 2, 4 or 8)
 * @param descsPerEntry       entry size / 16 with multiple stride, else 1
 * @param maxEntriesInTxBurst entries allowed between two doorbells, 0 = no limit
 * @param disableMetaCaching  device does not cache Tx meta descriptors
 * @param txMaxHeaderSize     entry size − 16 × descriptors before header (§8.5 step 9), &gt; 0
 */
public record LlqConfig(int headerLocation, int descStride, int entrySizeCtrl, int entrySize, int descsBeforeHeader,
        int descsPerEntry, int maxEntriesInTxBurst, boolean disableMetaCaching, int txMaxHeaderSize) {

    /** Header location 1: header inside the descriptor-list entry. */
    public static final int HEADER_INLINE = 1;
    /** Header location 2: separate header ring (never chosen by the reference driver). */
    public static final int HEADER_RING = 2;
    /** Entry-size code 1: 128 bytes. */
    public static final int ENTRY_SIZE_128 = 1;
    /** Entry-size code 2: 192 bytes. */
    public static final int ENTRY_SIZE_192 = 2;
    /** Entry-size code 4: 256 bytes ("wide" / large LLQ). */
    public static final int ENTRY_SIZE_256 = 4;
    /** Stride code 1: one descriptor per entry. */
    public static final int STRIDE_SINGLE = 1;
    /** Stride code 2: several descriptors per entry. */
    public static final int STRIDE_MULTIPLE = 2;
    /** Accel flag bit 0: device does not cache Tx meta descriptors. */
    public static final int ACCEL_DISABLE_META_CACHING = 1;
    /** Accel flag bit 1: at most max_tx_burst_size bytes of entries between two doorbells. */
    public static final int ACCEL_LIMIT_TX_BURST = 1 << 1;
    /** Size of one Tx descriptor in bytes (datapath.md): divides an entry into descriptor slots. */
    public static final int TX_DESC_SIZE = 16;

    /** Checks internal consistency, so a hand-made config cannot describe an impossible layout. */
    public LlqConfig {
        if (entrySizeBytes(entrySizeCtrl) != entrySize) {
            throw new IllegalArgumentException("entry size " + entrySize + " does not match entry-size code "
                    + entrySizeCtrl + ": accepted codes 1 (128), 2 (192), 4 (256)");
        }
        if (descsBeforeHeader != 1 && descsBeforeHeader != 2 && descsBeforeHeader != 4 && descsBeforeHeader != 8) {
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

    /** Bytes of an entry-size code: 128, 192, 256, or 0 for anything else. */
    public static int entrySizeBytes(int code) {
        return switch (code) {
            case ENTRY_SIZE_128 -> 128;
            case ENTRY_SIZE_192 -> 192;
            case ENTRY_SIZE_256 -> 256;
            default -> 0;
        };
    }
}
