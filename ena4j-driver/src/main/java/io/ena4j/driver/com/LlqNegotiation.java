package io.ena4j.driver.com;

import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.FeatureId;
import io.ena4j.spec.admin.LlqFeature;
import io.ena4j.spec.admin.LlqFeature.AccelFlags;
import io.ena4j.spec.admin.LlqFeature.DescsBeforeHeader;
import io.ena4j.spec.admin.LlqFeature.EntrySize;
import io.ena4j.spec.admin.LlqFeature.HeaderLocation;
import io.ena4j.spec.admin.LlqFeature.Stride;

/**
 * Low-latency-queue negotiation (management.md §8.5, steps 1–9; the reference's
 * {@code ena_com_config_dev_mode} plus the placement policy around it). The outcome is either a
 * {@link LlqConfig} for device placement (Tx descriptors pushed through BAR 2) or host placement together
 * with the {@link Fallback} reason.
 *
 * <p>Decisions where we differ from the reference, all toward not configuring a mode we then refuse:
 * <ul>
 *   <li>Step 9 (header room) is checked <em>before</em> the SET_FEATURE of step 8, so a 128-byte entry with
 *       8 descriptors before the header is rejected without touching the device (the reference sends the SET
 *       and then fails with EINVAL).</li>
 *   <li>Step 7 divides {@code max_tx_burst_size} by the negotiated entry size, as the Linux copy does (the
 *       DPDK copy divides by the requested one; equal unless the entry size fell back).</li>
 *   <li>A device that demands a Tx burst limit smaller than one entry makes the negotiation fall back to
 *       host placement ({@link Fallback#TX_BURST_TOO_SMALL}); the reference would store a limit of 0, which
 *       the data path reads as "no limit".</li>
 *   <li>Entry sizes are derived from the entry-size code (128/192/256), all multiples of 8, so the reference's
 *       "multiple of 8" check of step 4 cannot fail and is not repeated.</li>
 *   <li>Only inline headers are negotiated: ena4j's Tx path has no header ring, and the reference driver
 *       never asks for one either.</li>
 * </ul>
 */
public final class LlqNegotiation {

    private LlqNegotiation() {
    }

    /** Why the negotiation ended in host placement. */
    public enum Fallback {
        /** Feature bit 4 is clear (not an error). */
        FEATURE_UNSUPPORTED,
        /** The function has no BAR 2 to push entries into (§2.2; not an error). */
        NO_MEMORY_BAR,
        /** {@code max_llq_num} is 0 (not an error). */
        NO_LLQ_QUEUES,
        /** Inline headers are not offered (step 2). */
        HEADER_LOCATION_UNSUPPORTED,
        /** Neither the preferred, multiple nor single stride is offered (step 3). */
        STRIDE_UNSUPPORTED,
        /** No entry size is offered (step 4). */
        ENTRY_SIZE_UNSUPPORTED,
        /** No descriptors-before-header count is offered (step 6). */
        DESCS_BEFORE_HEADER_UNSUPPORTED,
        /**
         * The device asks for a Tx burst limit below one entry (step 7), or one whose entries cannot carry a meta and
         * a data descriptor (ena4j: such a device would make every offloaded packet fail).
         */
        TX_BURST_TOO_SMALL,
        /** Entry size − 16 × descriptors before header leaves no header room (step 9). */
        NO_HEADER_ROOM,
        /** SET_FEATURE(LLQ) failed (step 8). */
        SET_FEATURE_FAILED
    }

    /**
     * The driver's preferred configuration (the reference's {@code llq_default_config}).
     *
     * @param headerLocation    must be {@link HeaderLocation#INLINE}
     * @param stride            {@link Stride#SINGLE_DESC_PER_ENTRY} or {@link Stride#MULTIPLE_DESCS_PER_ENTRY}
     * @param entrySizeCtrl     {@link EntrySize#SIZE_128}, {@link EntrySize#SIZE_192} or {@link EntrySize#SIZE_256}
     * @param descsBeforeHeader 1, 2, 4 or 8
     */
    public record Preference(int headerLocation, int stride, int entrySizeCtrl, int descsBeforeHeader) {

        /** Rejects values outside the defined codes with a message naming the value and the accepted set. */
        public Preference {
            if (headerLocation != HeaderLocation.INLINE) {
                throw new IllegalArgumentException("LLQ header location " + headerLocation
                        + " not supported by ena4j: accepted 1 (inline)");
            }
            if (stride != Stride.SINGLE_DESC_PER_ENTRY && stride != Stride.MULTIPLE_DESCS_PER_ENTRY) {
                throw new IllegalArgumentException("LLQ stride " + stride + " out of range: accepted 1 (single), "
                        + "2 (multiple)");
            }
            if (EntrySize.bytes(entrySizeCtrl) == 0) {
                throw new IllegalArgumentException("LLQ entry-size code " + entrySizeCtrl
                        + " out of range: accepted 1 (128 B), 2 (192 B), 4 (256 B)");
            }
            if (!LlqConfig.validDescsBeforeHeader(descsBeforeHeader)) {
                throw new IllegalArgumentException("LLQ descriptors before header " + descsBeforeHeader
                        + " out of range: accepted 1, 2, 4, 8");
            }
        }

        /** Entry size in bytes. */
        public int entrySize() {
            return EntrySize.bytes(entrySizeCtrl);
        }
    }

    /**
     * The pure part of the negotiation (steps 2–7 and 9): a configuration, or the reason there is none.
     *
     * @param config   the chosen configuration, or null
     * @param fallback why there is none, or null
     * @param detail   human-readable explanation (null on success)
     */
    public record Choice(LlqConfig config, Fallback fallback, String detail) {
    }

    /**
     * The outcome of {@link #negotiate}.
     *
     * @param rc        0 for device placement and for the policy fallbacks (feature, BAR 2, no LLQ queues);
     *                  EINVAL when the offer does not fit; the SET's errno when it failed
     * @param placement {@link CreateSqCmd#PLACEMENT_DEV} or {@link CreateSqCmd#PLACEMENT_HOST}
     * @param config    the configuration in force with device placement, else null
     * @param fallback  why host placement was chosen, else null
     * @param detail    explanation of the fallback, else null
     */
    public record Result(int rc, int placement, LlqConfig config, Fallback fallback, String detail) {

        /** True if Tx queues use device placement (LLQ). */
        public boolean devicePlacement() {
            return placement == CreateSqCmd.PLACEMENT_DEV;
        }
    }

    /**
     * Step 1: inline header, multiple stride, 2 descriptors before the header, entry size 128 B, or 256 B if
     * the device supports it and either the user asked for large entries ({@code userLargeEntries == TRUE}) or,
     * with no user choice ({@code null}), the device recommends 256 B (LLQ feature version ≥ 1).
     */
    public static Preference defaultPreference(LlqCaps caps, Boolean userLargeEntries) {
        boolean offered = (caps.entrySizeSupported() & EntrySize.SIZE_256) != 0;
        boolean wanted = userLargeEntries != null ? userLargeEntries
                : caps.featureVersion() >= LlqFeature.VERSION_ENTRY_SIZE_RECOMMENDED
                && caps.entrySizeRecommended() == EntrySize.SIZE_256;
        int entry = offered && wanted ? EntrySize.SIZE_256 : EntrySize.SIZE_128;
        return new Preference(HeaderLocation.INLINE, Stride.MULTIPLE_DESCS_PER_ENTRY, entry, DescsBeforeHeader.NUM_2);
    }

    /** Steps 2–7 and 9 against the device's offer; sends nothing. */
    public static Choice choose(LlqCaps caps, Preference pref) {
        // Step 2: only inline headers (see class comment).
        if ((caps.headerLocationSupported() & pref.headerLocation()) == 0) {
            return fail(Fallback.HEADER_LOCATION_UNSUPPORTED, "inline header location not offered, supported 0x"
                    + Integer.toHexString(caps.headerLocationSupported()));
        }
        // Step 3: preferred stride, else multiple, else single.
        int strides = caps.strideSupported();
        int stride = firstOffered(strides, pref.stride(), Stride.MULTIPLE_DESCS_PER_ENTRY,
                Stride.SINGLE_DESC_PER_ENTRY);
        if (stride == 0) {
            return fail(Fallback.STRIDE_UNSUPPORTED, "no descriptor stride offered, supported 0x"
                    + Integer.toHexString(strides));
        }
        // Step 4: preferred entry size, else 128, else 192, else 256.
        int sizes = caps.entrySizeSupported();
        int entryCtrl = firstOffered(sizes, pref.entrySizeCtrl(), EntrySize.SIZE_128, EntrySize.SIZE_192,
                EntrySize.SIZE_256);
        if (entryCtrl == 0) {
            return fail(Fallback.ENTRY_SIZE_UNSUPPORTED, "no LLQ entry size offered, supported 0x"
                    + Integer.toHexString(sizes));
        }
        int entrySize = EntrySize.bytes(entryCtrl);
        // Step 5.
        int descsPerEntry = stride == Stride.MULTIPLE_DESCS_PER_ENTRY ? entrySize / LlqConfig.TX_DESC_SIZE : 1;
        // Step 6: preferred count, else 2, else 1, else 4, else 8.
        int counts = caps.descsBeforeHeaderSupported();
        int before = firstOffered(counts, pref.descsBeforeHeader(), DescsBeforeHeader.NUM_2, DescsBeforeHeader.NUM_1,
                DescsBeforeHeader.NUM_4, DescsBeforeHeader.NUM_8);
        if (before == 0) {
            return fail(Fallback.DESCS_BEFORE_HEADER_UNSUPPORTED, "no descriptors-before-header count offered, "
                    + "supported 0x" + Integer.toHexString(counts));
        }
        // Step 9, before any SET (see class comment).
        int headerRoom = entrySize - LlqConfig.TX_DESC_SIZE * before;
        if (headerRoom <= 0) {
            return fail(Fallback.NO_HEADER_ROOM, entrySize + "-byte entries with " + before
                    + " descriptors before the header leave no room for a header");
        }
        // Step 7.
        boolean noMetaCaching = (caps.accelSupportedFlags() & AccelFlags.DISABLE_META_CACHING) != 0;
        int burstEntries = 0;
        if ((caps.accelSupportedFlags() & AccelFlags.LIMIT_TX_BURST) != 0) {
            burstEntries = caps.maxTxBurstSize() / entrySize;
            if (burstEntries == 0) {
                return fail(Fallback.TX_BURST_TOO_SMALL, "device limits Tx bursts to " + caps.maxTxBurstSize()
                        + " bytes, less than one " + entrySize + "-byte entry");
            }
            int descs = before + (burstEntries - 1) * descsPerEntry;
            if (descs < 2) {
                return fail(Fallback.TX_BURST_TOO_SMALL, "device limits Tx bursts to " + caps.maxTxBurstSize()
                        + " bytes: " + burstEntries + " " + entrySize + "-byte entries carry " + descs
                        + " descriptor, too few for a meta and a data descriptor");
            }
        }
        return new Choice(new LlqConfig(HeaderLocation.INLINE, stride, entryCtrl, entrySize, before, descsPerEntry,
                burstEntries, noMetaCaching, headerRoom), null, null);
    }

    /**
     * The whole negotiation: the policy gates (feature bit 4, BAR 2 present, {@code max_llq_num ≠ 0}), then
     * {@link #choose}, then SET_FEATURE(LLQ) through {@code admin}. Any failure yields host placement.
     *
     * @param admin            command layer (its last DEVICE_ATTRIBUTES decide the feature gate)
     * @param caps             LLQ offer from {@link DeviceFeatures#llq()}
     * @param memoryBarPresent true if the function exposes BAR 2
     * @param pref             the driver's preference, e.g. {@link #defaultPreference}
     */
    public static Result negotiate(EnaAdmin admin, LlqCaps caps, boolean memoryBarPresent, Preference pref) {
        if (!admin.isFeatureSupported(FeatureId.LLQ.code())) {
            return host(0, Fallback.FEATURE_UNSUPPORTED, "device does not advertise feature 4 (LLQ)");
        }
        if (!memoryBarPresent) {
            return host(0, Fallback.NO_MEMORY_BAR, "LLQ advertised but the function has no BAR 2");
        }
        if (caps.maxLlqNum() == 0) {
            return host(0, Fallback.NO_LLQ_QUEUES, "device reports max_llq_num = 0");
        }
        Choice choice = choose(caps, pref);
        if (choice.config() == null) {
            if (choice.fallback() == Fallback.TX_BURST_TOO_SMALL) {
                admin.noteInvalidResponse("LLQ: " + choice.detail());
            }
            return host(EnaErrno.EINVAL, choice.fallback(), choice.detail());
        }
        int rc = admin.setLlq(choice.config());
        if (rc != 0) {
            return host(rc, Fallback.SET_FEATURE_FAILED, "SET_FEATURE(LLQ) failed: " + EnaErrno.name(rc));
        }
        return new Result(0, CreateSqCmd.PLACEMENT_DEV, choice.config(), null, null);
    }

    /**
     * The first of {@code candidates} offered in the bitmap {@code supported}, or 0 if none. Every LLQ code is its
     * own mask (§8.5), and no candidate is 0 ({@link Preference} and the fallbacks are non-zero codes), so 0 is
     * free to mean "none".
     */
    private static int firstOffered(int supported, int... candidates) {
        for (int c : candidates) {
            if ((supported & c) != 0) {
                return c;
            }
        }
        return 0;
    }

    private static Choice fail(Fallback why, String detail) {
        return new Choice(null, why, detail);
    }

    private static Result host(int rc, Fallback why, String detail) {
        return new Result(rc, CreateSqCmd.PLACEMENT_HOST, null, why, detail);
    }
}
