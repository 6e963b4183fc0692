package io.ena4j.driver.eth;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.eth.LlqEntry;

/**
 * The negotiated Low-Latency-Queue layout of one device, as the ring layer needs it (datapath.md §9.1, §9.2, §9.7):
 * entry size, descriptors before the pushed header, descriptors per entry (stride), header location and the
 * accelerated-mode limits. Immutable; built once after LLQ negotiation and shared by every LLQ Tx SQ.
 *
 * <p>Derived values follow §9.1: {@code descsPerEntry = entrySize / 16} with multiple-descriptor stride, else 1;
 * {@code txMaxHeaderSize = entrySize - descsNumBeforeHeader * 16}; {@code maxEntriesInTxBurst =
 * max_tx_burst_size / entrySize} when the device supports LIMIT_TX_BURST, else 0 (no limit);
 * {@code disableMetaCaching} = DISABLE_META_CACHING supported.
 *
 * <p>Only the inline header location is implemented: the reference driver never selects the separate header ring
 * (§1.4, §9.1), so {@link #of} rejects it.
 */
public final class LlqInfo {

    private final int entrySize;
    private final int descsNumBeforeHeader;
    private final int descStrideCtrl;
    private final int descsPerEntry;
    private final int maxEntriesInTxBurst;
    private final boolean disableMetaCaching;

    private LlqInfo(int entrySize, int descsNumBeforeHeader, int descStrideCtrl, int maxEntriesInTxBurst,
            boolean disableMetaCaching) {
        this.entrySize = entrySize;
        this.descsNumBeforeHeader = descsNumBeforeHeader;
        this.descStrideCtrl = descStrideCtrl;
        this.descsPerEntry = LlqEntry.descsPerEntry(entrySize,
                descStrideCtrl == LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY);
        this.maxEntriesInTxBurst = maxEntriesInTxBurst;
        this.disableMetaCaching = disableMetaCaching;
    }

    /**
     * The layout check of the reference {@code ena_com_config_dev_mode} path (§9.1): returns 0 if the combination
     * is usable, {@link EnaErrno#EINVAL} otherwise. Besides the reference checks (entry size a multiple of 8 for
     * the 64-bit copy, and room for at least one header byte after the leading descriptors, e.g. 128-byte entries
     * with 8 descriptors before the header are rejected) we also reject what the reference would misbehave on:
     * entry sizes other than 128/192/256, descriptor counts other than 1/2/4/8 (0 is defined by the interface but
     * leaves no slot for the first descriptor in front of the header, and the driver's fallback list never picks it,
     * §9.1), unknown stride codes. Never throws.
     */
    public static int check(int entrySize, int descsNumBeforeHeader, int descStrideCtrl) {
        if (!LlqEntry.isValidEntrySize(entrySize)) {
            return EnaErrno.EINVAL;
        }
        if (descsNumBeforeHeader != 1 && descsNumBeforeHeader != 2
                && descsNumBeforeHeader != 4 && descsNumBeforeHeader != 8) {
            return EnaErrno.EINVAL;
        }
        if (descStrideCtrl != LlqFeature.Stride.SINGLE_DESC_PER_ENTRY
                && descStrideCtrl != LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY) {
            return EnaErrno.EINVAL;
        }
        if (LlqEntry.maxHeaderSize(entrySize, descsNumBeforeHeader) <= 0) {
            return EnaErrno.EINVAL;
        }
        return EnaErrno.OK;
    }

    /**
     * A layout from already-derived values.
     *
     * @param entrySize            entry size in bytes: 128, 192 or 256 (§7.3)
     * @param descsNumBeforeHeader descriptors before the header in the first entry: 1, 2, 4 or 8
     * @param descStrideCtrl       {@link LlqFeature.Stride#SINGLE_DESC_PER_ENTRY} or
     *                             {@link LlqFeature.Stride#MULTIPLE_DESCS_PER_ENTRY}
     * @param maxEntriesInTxBurst  entries allowed between two doorbells, 0 = no limit (0..65535)
     * @param disableMetaCaching   true if every packet must carry a meta descriptor (§3.3 rule 1)
     * @throws IllegalArgumentException naming the bad value and the accepted range
     */
    public static LlqInfo of(int entrySize, int descsNumBeforeHeader, int descStrideCtrl, int maxEntriesInTxBurst,
            boolean disableMetaCaching) {
        if (!LlqEntry.isValidEntrySize(entrySize)) {
            throw new IllegalArgumentException("LLQ entry size " + entrySize
                    + " is invalid: must be one of 128, 192, 256 bytes");
        }
        if (check(entrySize, descsNumBeforeHeader, LlqFeature.Stride.SINGLE_DESC_PER_ENTRY) != 0) {
            throw new IllegalArgumentException("LLQ descriptors before header " + descsNumBeforeHeader
                    + " is invalid for " + entrySize + "-byte entries: must be one of 1, 2, 4, 8 and leave"
                    + " header room (descs * 16 < entry size)");
        }
        if (descStrideCtrl != LlqFeature.Stride.SINGLE_DESC_PER_ENTRY
                && descStrideCtrl != LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY) {
            throw new IllegalArgumentException("LLQ descriptor stride control " + descStrideCtrl
                    + " is invalid: must be 1 (single) or 2 (multiple)");
        }
        if (maxEntriesInTxBurst < 0 || maxEntriesInTxBurst > 0xFFFF) {
            throw new IllegalArgumentException("LLQ max entries in Tx burst " + maxEntriesInTxBurst
                    + " is out of range [0, 65535]");
        }
        return new LlqInfo(entrySize, descsNumBeforeHeader, descStrideCtrl, maxEntriesInTxBurst, disableMetaCaching);
    }

    /**
     * A layout from the negotiated LLQ feature values (§9.1): the accelerated-mode {@code supported_flags} decide
     * meta caching and the burst limit, {@code max_entries_in_tx_burst = maxTxBurstSizeBytes / entrySize}.
     *
     * <p>Decision: the reference DPDK copy divides by the entry size the driver <em>requested</em>, the Linux copy
     * by the negotiated one (vectors README "Scope"); we take the negotiated {@code entrySize} like Linux.
     *
     * @param accelSupportedFlags  accel_mode.get.supported_flags ({@link LlqFeature.AccelFlags})
     * @param maxTxBurstSizeBytes  accel_mode.get.max_tx_burst_size in bytes (u16)
     * @throws IllegalArgumentException as {@link #of}
     */
    public static LlqInfo fromNegotiated(int entrySize, int descsNumBeforeHeader, int descStrideCtrl,
            int accelSupportedFlags, int maxTxBurstSizeBytes) {
        if (maxTxBurstSizeBytes < 0 || maxTxBurstSizeBytes > 0xFFFF) {
            throw new IllegalArgumentException("LLQ max_tx_burst_size " + maxTxBurstSizeBytes
                    + " is out of range [0, 65535] bytes");
        }
        boolean limitBurst = (accelSupportedFlags & LlqFeature.AccelFlags.LIMIT_TX_BURST) != 0;
        int maxEntries = limitBurst && entrySize > 0 ? maxTxBurstSizeBytes / entrySize : 0;
        boolean noMetaCache = (accelSupportedFlags & LlqFeature.AccelFlags.DISABLE_META_CACHING) != 0;
        return of(entrySize, descsNumBeforeHeader, descStrideCtrl, maxEntries, noMetaCache);
    }

    /** Entry size in bytes (128, 192 or 256). */
    public int entrySize() {
        return entrySize;
    }

    /** Descriptor slots before the pushed header in the first entry of a packet (§9.2). */
    public int descsNumBeforeHeader() {
        return descsNumBeforeHeader;
    }

    /** Stride control code ({@link LlqFeature.Stride}). */
    public int descStrideCtrl() {
        return descStrideCtrl;
    }

    /** Descriptors per continuation entry: entry size / 16 (multiple stride) or 1 (single stride). */
    public int descsPerEntry() {
        return descsPerEntry;
    }

    /** Header location code: always {@link LlqFeature.HeaderLocation#INLINE}. */
    public int headerLocationCtrl() {
        return LlqFeature.HeaderLocation.INLINE;
    }

    /** Entries allowed between two doorbells (§9.7); 0 means no limit. */
    public int maxEntriesInTxBurst() {
        return maxEntriesInTxBurst;
    }

    /** True if every packet carries a meta descriptor and the meta cache is unused (§3.3, §9.7). */
    public boolean disableMetaCaching() {
        return disableMetaCaching;
    }

    /** Largest header that fits after the leading descriptors: {@code entrySize - descsNumBeforeHeader * 16}. */
    public int txMaxHeaderSize() {
        return LlqEntry.maxHeaderSize(entrySize, descsNumBeforeHeader);
    }

    /** Byte offset of the pushed header inside the first entry of a packet. */
    public int headerOffset() {
        return LlqEntry.headerOffset(descsNumBeforeHeader);
    }

    @Override
    public String toString() {
        return "LlqInfo[entrySize=" + entrySize + ", descsBeforeHeader=" + descsNumBeforeHeader + ", stride="
                + descStrideCtrl + ", descsPerEntry=" + descsPerEntry + ", maxEntriesInTxBurst="
                + maxEntriesInTxBurst + ", disableMetaCaching=" + disableMetaCaching + "]";
    }
}
