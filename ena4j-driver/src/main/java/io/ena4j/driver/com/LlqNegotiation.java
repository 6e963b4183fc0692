package io.ena4j.driver.com;

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
        /** The device asks for a Tx burst limit below one entry (step 7). */
        TX_BURST_TOO_SMALL,
        /** Entry size − 16 × descriptors before header leaves no header room (step 9). */
        NO_HEADER_ROOM,
        /** SET_FEATURE(LLQ) failed (step 8). */
        SET_FEATURE_FAILED
    }

    /**
     * The driver's preferred configuration (the reference's {@code llq_default_config}).
     *
     * @param headerLocation    must be {@link LlqConfig#HEADER_INLINE}
     * @param stride            {@link LlqConfig#STRIDE_SINGLE} or {@link LlqConfig#STRIDE_MULTIPLE}
     * @param entrySizeCtrl     {@link LlqConfig#ENTRY_SIZE_128}, {@code _192} or {@code _256}
     * @param descsBeforeHeader 1, 2, 4 or 8
     */
    public record Preference(int headerLocation, int stride, int entrySizeCtrl, int descsBeforeHeader) {

        /** Rejects values outside the defined codes with a message naming the value and the accepted set. */
        public Preference {
            if (headerLocation != LlqConfig.HEADER_INLINE) {
                throw new IllegalArgumentException("LLQ header location " + headerLocation
                        + " not supported by ena4j: accepted 1 (inline)");
            }
            if (stride != LlqConfig.STRIDE_SINGLE && stride != LlqConfig.STRIDE_MULTIPLE) {
                throw new IllegalArgumentException("LLQ stride " + stride + " out of range: accepted 1 (single), "
                        + "2 (multiple)");
            }
            if (LlqConfig.entrySizeBytes(entrySizeCtrl) == 0) {
                throw new IllegalArgumentException("LLQ entry-size code " + entrySizeCtrl
                        + " out of range: accepted 1 (128 B), 2 (192 B), 4 (256 B)");
            }
            if (descsBeforeHeader != 1 && descsBeforeHeader != 2 && descsBeforeHeader != 4 && descsBeforeHeader != 8) {
                throw new IllegalArgumentException("LLQ descriptors before header " + descsBeforeHeader
                        + " out of range: accepted 1, 2, 4, 8");
            }
        }

        /** Entry size in bytes. */
        public int entrySize() {
            return LlqConfig.entrySizeBytes(entrySizeCtrl);
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
     * @param placement {@link IoQueueParams#PLACEMENT_DEV} or {@link IoQueueParams#PLACEMENT_HOST}
     * @param config    the configuration in force with device placement, else null
     * @param fallback  why host placement was chosen, else null
     * @param detail    explanation of the fallback, else null
     */
    public record Result(int rc, int placement, LlqConfig config, Fallback fallback, String detail) {

        /** True if Tx queues use device placement (LLQ). */
        public boolean devicePlacement() {
            return placement == IoQueueParams.PLACEMENT_DEV;
        }
    }

    /**
     * Step 1: inline header, multiple stride, 2 descriptors before the header, entry size 128 B, or 256 B if
     * the device supports it and either the user asked for large entries ({@code userLargeEntries == TRUE}) or,
     * with no user choice ({@code null}), the device recommends 256 B (LLQ feature version ≥ 1).
     */
    public static Preference defaultPreference(LlqCaps caps, Boolean userLargeEntries) {
        boolean offered = (caps.entrySizeSupported() & LlqConfig.ENTRY_SIZE_256) != 0;
        boolean wanted = userLargeEntries != null ? userLargeEntries
                : caps.featureVersion() >= 1 && caps.entrySizeRecommended() == LlqConfig.ENTRY_SIZE_256;
        int entry = offered && wanted ? LlqConfig.ENTRY_SIZE_256 : LlqConfig.ENTRY_SIZE_128;
        return new Preference(LlqConfig.HEADER_INLINE, LlqConfig.STRIDE_MULTIPLE, entry, 2);
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
        int stride;
        if ((strides & pref.stride()) != 0) {
            stride = pref.stride();
        } else if ((strides & LlqConfig.STRIDE_MULTIPLE) != 0) {
            stride = LlqConfig.STRIDE_MULTIPLE;
        } else if ((strides & LlqConfig.STRIDE_SINGLE) != 0) {
            stride = LlqConfig.STRIDE_SINGLE;
        } else {
            return fail(Fallback.STRIDE_UNSUPPORTED, "no descriptor stride offered, supported 0x"
                    + Integer.toHexString(strides));
        }
        // Step 4: preferred entry size, else 128, else 192, else 256.
        int sizes = caps.entrySizeSupported();
        int entryCtrl;
        if ((sizes & pref.entrySizeCtrl()) != 0) {
            entryCtrl = pref.entrySizeCtrl();
        } else if ((sizes & LlqConfig.ENTRY_SIZE_128) != 0) {
            entryCtrl = LlqConfig.ENTRY_SIZE_128;
        } else if ((sizes & LlqConfig.ENTRY_SIZE_192) != 0) {
            entryCtrl = LlqConfig.ENTRY_SIZE_192;
        } else if ((sizes & LlqConfig.ENTRY_SIZE_256) != 0) {
            entryCtrl = LlqConfig.ENTRY_SIZE_256;
        } else {
            return fail(Fallback.ENTRY_SIZE_UNSUPPORTED, "no LLQ entry size offered, supported 0x"
                    + Integer.toHexString(sizes));
        }
        int entrySize = LlqConfig.entrySizeBytes(entryCtrl);
        // Step 5.
        int descsPerEntry = stride == LlqConfig.STRIDE_MULTIPLE ? entrySize / LlqConfig.TX_DESC_SIZE : 1;
        // Step 6: preferred count, else 2, else 1, else 4, else 8 (the count is its own mask).
        int counts = caps.descsBeforeHeaderSupported();
        int before;
        if ((counts & pref.descsBeforeHeader()) != 0) {
            before = pref.descsBeforeHeader();
        } else if ((counts & 2) != 0) {
            before = 2;
        } else if ((counts & 1) != 0) {
            before = 1;
        } else if ((counts & 4) != 0) {
            before = 4;
        } else if ((counts & 8) != 0) {
            before = 8;
        } else {
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
        boolean noMetaCaching = (caps.accelSupportedFlags() & LlqConfig.ACCEL_DISABLE_META_CACHING) != 0;
        int burstEntries = 0;
        if ((caps.accelSupportedFlags() & LlqConfig.ACCEL_LIMIT_TX_BURST) != 0) {
            burstEntries = caps.maxTxBurstSize() / entrySize;
            if (burstEntries == 0) {
                return fail(Fallback.TX_BURST_TOO_SMALL, "device limits Tx bursts to " + caps.maxTxBurstSize()
                        + " bytes, less than one " + entrySize + "-byte entry");
            }
        }
        return new Choice(new LlqConfig(LlqConfig.HEADER_INLINE, stride, entryCtrl, entrySize, before, descsPerEntry,
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
        if (!admin.isFeatureSupported(AdminWire.FEAT_LLQ)) {
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
        return new Result(0, IoQueueParams.PLACEMENT_DEV, choice.config(), null, null);
    }

    private static Choice fail(Fallback why, String detail) {
        return new Choice(null, why, detail);
    }

    private static Result host(int rc, Fallback why, String detail) {
        return new Result(rc, IoQueueParams.PLACEMENT_HOST, null, why, detail);
    }
}
