package io.ena4j.driver.com;

import io.ena4j.platform.Iommu;
import io.ena4j.platform.IommuDmaAllocator;
import io.ena4j.spec.Le;
import io.ena4j.spec.admin.AdminOpcode;
import io.ena4j.spec.admin.CreateSqCmd;
import io.ena4j.spec.admin.LlqFeature;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static io.ena4j.driver.com.LlqNegotiation.Fallback;
import static io.ena4j.spec.admin.LlqFeature.EntrySize.SIZE_128;
import static io.ena4j.spec.admin.LlqFeature.EntrySize.SIZE_192;
import static io.ena4j.spec.admin.LlqFeature.EntrySize.SIZE_256;
import static io.ena4j.spec.admin.LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY;
import static io.ena4j.spec.admin.LlqFeature.Stride.SINGLE_DESC_PER_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LLQ negotiation, management.md §8.5 steps 1–9, every branch. */
class LlqNegotiationTest {

    private static final LlqNegotiation.Preference DEFAULT =
            new LlqNegotiation.Preference(LlqFeature.HeaderLocation.INLINE, MULTIPLE_DESCS_PER_ENTRY, SIZE_128, 2);

    /** An offer with everything: inline, both strides, all sizes, all counts, accel flags with a 2 KiB burst. */
    private static LlqCaps caps(int hdr, int sizes, int counts, int strides, int version, int recommended, int accel,
            int burst) {
        return new LlqCaps(32, 1024, hdr, 0, sizes, 0, counts, 0, strides, 0, version, recommended, 512, accel, burst);
    }

    private static LlqCaps full() {
        return caps(1, 7, 0xF, 3, 1, SIZE_128, 3, 2048);
    }

    private static LlqNegotiation.Choice choose(LlqCaps caps, LlqNegotiation.Preference pref) {
        return LlqNegotiation.choose(caps, pref);
    }

    @Test
    void preferredConfigurationIsTakenWhenOffered() {
        LlqConfig c = choose(full(), DEFAULT).config();
        assertThat(c).isEqualTo(new LlqConfig(1, MULTIPLE_DESCS_PER_ENTRY, SIZE_128, 128, 2, 8, 16, true, 96));
    }

    @Test
    void headerLocationMustIncludeInline() {
        LlqNegotiation.Choice c = choose(caps(2, 7, 0xF, 3, 1, 1, 0, 0), DEFAULT);
        assertThat(c.config()).isNull();
        assertThat(c.fallback()).isEqualTo(Fallback.HEADER_LOCATION_UNSUPPORTED);
        assertThat(c.detail()).contains("0x2");
    }

    @Test
    void strideFallsBackToMultipleThenSingleThenFails() {
        LlqNegotiation.Preference single = new LlqNegotiation.Preference(1, SINGLE_DESC_PER_ENTRY, SIZE_128, 2);
        assertThat(choose(caps(1, 7, 0xF, SINGLE_DESC_PER_ENTRY, 1, 1, 0, 0), single).config().descStride())
                .isEqualTo(SINGLE_DESC_PER_ENTRY);
        assertThat(choose(caps(1, 7, 0xF, MULTIPLE_DESCS_PER_ENTRY, 1, 1, 0, 0), single).config().descStride())
                .isEqualTo(MULTIPLE_DESCS_PER_ENTRY);
        LlqConfig c = choose(caps(1, 7, 0xF, SINGLE_DESC_PER_ENTRY, 1, 1, 0, 0), DEFAULT).config();
        assertThat(c.descStride()).isEqualTo(SINGLE_DESC_PER_ENTRY);
        assertThat(c.descsPerEntry()).isEqualTo(1);
        assertThat(choose(caps(1, 7, 0xF, 0, 1, 1, 0, 0), DEFAULT).fallback()).isEqualTo(Fallback.STRIDE_UNSUPPORTED);
    }

    @Test
    void entrySizeFallsBackTo128Then192Then256ThenFails() {
        LlqNegotiation.Preference wide = new LlqNegotiation.Preference(1, MULTIPLE_DESCS_PER_ENTRY, SIZE_256, 2);
        assertThat(choose(caps(1, 5, 0xF, 3, 1, 1, 0, 0), wide).config().entrySize()).isEqualTo(256);
        assertThat(choose(caps(1, SIZE_128 | SIZE_192, 0xF, 3, 1, 1, 0, 0), wide).config().entrySize())
                .isEqualTo(128);
        LlqConfig c192 = choose(caps(1, SIZE_192, 0xF, 3, 1, 1, 0, 0), DEFAULT).config();
        assertThat(c192.entrySizeCtrl()).isEqualTo(SIZE_192);
        assertThat(c192.descsPerEntry()).isEqualTo(12);
        assertThat(c192.txMaxHeaderSize()).isEqualTo(160);
        assertThat(choose(caps(1, SIZE_256, 0xF, 3, 1, 1, 0, 0), DEFAULT).config().entrySize()).isEqualTo(256);
        assertThat(choose(caps(1, 0, 0xF, 3, 1, 1, 0, 0), DEFAULT).fallback())
                .isEqualTo(Fallback.ENTRY_SIZE_UNSUPPORTED);
    }

    @Test
    void descsBeforeHeaderFallsBackInTheReferenceOrder() {
        LlqNegotiation.Preference four = new LlqNegotiation.Preference(1, MULTIPLE_DESCS_PER_ENTRY, SIZE_256, 4);
        assertThat(choose(caps(1, 7, 4, 3, 1, 1, 0, 0), four).config().descsBeforeHeader()).isEqualTo(4);
        assertThat(choose(caps(1, 7, 0xB, 3, 1, 1, 0, 0), four).config().descsBeforeHeader()).isEqualTo(2);
        assertThat(choose(caps(1, 7, 0x9, 3, 1, 1, 0, 0), four).config().descsBeforeHeader()).isEqualTo(1);
        assertThat(choose(caps(1, 7, 0xC, 3, 1, 1, 0, 0), DEFAULT).config().descsBeforeHeader()).isEqualTo(4);
        LlqConfig eight = choose(caps(1, 7, 0x8, 3, 1, 1, 0, 0), four).config();
        assertThat(eight.descsBeforeHeader()).isEqualTo(8);
        assertThat(eight.txMaxHeaderSize()).isEqualTo(256 - 128);
        assertThat(choose(caps(1, 7, 0, 3, 1, 1, 0, 0), DEFAULT).fallback())
                .isEqualTo(Fallback.DESCS_BEFORE_HEADER_UNSUPPORTED);
    }

    @Test
    void entry128WithEightDescsBeforeHeaderIsRejected() {
        LlqNegotiation.Preference p = new LlqNegotiation.Preference(1, MULTIPLE_DESCS_PER_ENTRY, SIZE_128, 8);
        LlqNegotiation.Choice c = choose(caps(1, SIZE_128, 8, 3, 1, 1, 0, 0), p);
        assertThat(c.fallback()).isEqualTo(Fallback.NO_HEADER_ROOM);
        assertThat(c.detail()).contains("128-byte entries with 8 descriptors");
    }

    @Test
    void accelFlagsSetMetaCachingAndBurstLimitFromNegotiatedEntrySize() {
        assertThat(choose(caps(1, 7, 0xF, 3, 1, 1, 0, 2048), DEFAULT).config())
                .extracting(LlqConfig::disableMetaCaching, LlqConfig::maxEntriesInTxBurst).containsExactly(false, 0);
        assertThat(choose(caps(1, 7, 0xF, 3, 1, 1, 1, 2048), DEFAULT).config())
                .extracting(LlqConfig::disableMetaCaching, LlqConfig::maxEntriesInTxBurst).containsExactly(true, 0);
        // Preference 128 B but only 256 B offered: 2048 / 256 (negotiated), as the Linux copy divides.
        assertThat(choose(caps(1, SIZE_256, 0xF, 3, 1, 1, 2, 2048), DEFAULT).config().maxEntriesInTxBurst())
                .isEqualTo(8);
        assertThat(choose(caps(1, 7, 0xF, 3, 1, 1, 2, 100), DEFAULT).fallback()).isEqualTo(Fallback.TX_BURST_TOO_SMALL);
    }

    @Test
    void defaultPreferenceFollowsUserChoiceThenDeviceRecommendation() {
        LlqCaps recommends256 = caps(1, 5, 0xF, 3, 1, SIZE_256, 0, 0);
        assertThat(LlqNegotiation.defaultPreference(recommends256, null).entrySizeCtrl()).isEqualTo(SIZE_256);
        assertThat(LlqNegotiation.defaultPreference(recommends256, false).entrySizeCtrl()).isEqualTo(SIZE_128);
        LlqCaps recommendsButVersion0 = caps(1, 5, 0xF, 3, 0, SIZE_256, 0, 0);
        assertThat(LlqNegotiation.defaultPreference(recommendsButVersion0, null).entrySizeCtrl())
                .isEqualTo(SIZE_128);
        LlqCaps recommends128 = caps(1, 5, 0xF, 3, 1, SIZE_128, 0, 0);
        assertThat(LlqNegotiation.defaultPreference(recommends128, true).entrySizeCtrl()).isEqualTo(SIZE_256);
        LlqCaps no256 = caps(1, 3, 0xF, 3, 1, SIZE_256, 0, 0);
        assertThat(LlqNegotiation.defaultPreference(no256, true).entrySizeCtrl()).isEqualTo(SIZE_128);
        assertThat(LlqNegotiation.defaultPreference(recommends128, null))
                .isEqualTo(new LlqNegotiation.Preference(1, MULTIPLE_DESCS_PER_ENTRY, SIZE_128, 2));
    }

    @Test
    void preferenceRejectsUndefinedCodes() {
        assertThatThrownBy(() -> new LlqNegotiation.Preference(2, 2, 1, 2)).hasMessageContaining("header location 2");
        assertThatThrownBy(() -> new LlqNegotiation.Preference(1, 3, 1, 2)).hasMessageContaining("stride 3");
        assertThatThrownBy(() -> new LlqNegotiation.Preference(1, 2, 3, 2)).hasMessageContaining("entry-size code 3");
        assertThatThrownBy(() -> new LlqNegotiation.Preference(1, 2, 1, 3)).hasMessageContaining("before header 3");
    }

    // ---- negotiate(): the policy gates and the SET ----

    private final Iommu iommu = new Iommu();
    private final ScriptedExecutor ex = new ScriptedExecutor(iommu);
    private final EnaAdmin admin = new EnaAdmin(ex, new IommuDmaAllocator(iommu), 48);

    private void probeWithLlq(boolean llqBit) {
        int features = TestDevice.FEATURES | (llqBit ? 1 << 4 : 0);
        ex.ok(TestDevice.attributes(features, 0)).ok(TestDevice.maxQueuesExt(1, 4096))
                .ok(r -> Le.u32(r, 8, 0xFF)).ok();
        if (llqBit) {
            ex.ok();
        }
        assertThat(admin.getDeviceFeatures().ok()).as(admin.lastError()).isTrue();
        ex.sent.clear();
    }

    @Test
    void featureBitClearFallsBackWithoutSending() {
        probeWithLlq(false);
        LlqNegotiation.Result r = LlqNegotiation.negotiate(admin, full(), true, DEFAULT);
        assertThat(r).extracting(LlqNegotiation.Result::rc, LlqNegotiation.Result::placement,
                LlqNegotiation.Result::fallback).containsExactly(0, 1, Fallback.FEATURE_UNSUPPORTED);
        assertThat(ex.sent).isEmpty();
    }

    @Test
    void missingBar2FallsBackWithoutSending() {
        probeWithLlq(true);
        LlqNegotiation.Result r = LlqNegotiation.negotiate(admin, full(), false, DEFAULT);
        assertThat(r.fallback()).isEqualTo(Fallback.NO_MEMORY_BAR);
        assertThat(r.rc()).isZero();
        assertThat(r.devicePlacement()).isFalse();
        assertThat(ex.sent).isEmpty();
    }

    @Test
    void zeroLlqQueuesFallsBackWithoutSending() {
        probeWithLlq(true);
        LlqCaps none = new LlqCaps(0, 1024, 1, 0, 7, 0, 0xF, 0, 3, 0, 1, 1, 0, 0, 0);
        LlqNegotiation.Result r = LlqNegotiation.negotiate(admin, none, true, DEFAULT);
        assertThat(r.fallback()).isEqualTo(Fallback.NO_LLQ_QUEUES);
        assertThat(r.rc()).isZero();
        assertThat(ex.sent).isEmpty();
    }

    @Test
    void unfitOfferFallsBackWithEinvalAndNoSet() {
        probeWithLlq(true);
        LlqNegotiation.Preference p = new LlqNegotiation.Preference(1, MULTIPLE_DESCS_PER_ENTRY, SIZE_128, 8);
        LlqNegotiation.Result r = LlqNegotiation.negotiate(admin, caps(1, 1, 8, 3, 1, 1, 0, 0), true, p);
        assertThat(r.rc()).isEqualTo(EnaErrno.EINVAL);
        assertThat(r.fallback()).isEqualTo(Fallback.NO_HEADER_ROOM);
        assertThat(ex.sent).isEmpty();
    }

    @Test
    void contradictoryBurstLimitIsCountedAsInvalidResponse() {
        probeWithLlq(true);
        LlqNegotiation.Result r = LlqNegotiation.negotiate(admin, caps(1, 7, 0xF, 3, 1, 1, 2, 64), true, DEFAULT);
        assertThat(r.fallback()).isEqualTo(Fallback.TX_BURST_TOO_SMALL);
        assertThat(admin.invalidResponseCount()).isEqualTo(1);
        assertThat(ex.sent).isEmpty();
    }

    @Test
    void successSendsSetWithEnabledCodesAndBothAccelFlags() {
        probeWithLlq(true);
        ex.ok();
        LlqNegotiation.Preference p = new LlqNegotiation.Preference(1, SINGLE_DESC_PER_ENTRY, SIZE_256, 4);
        LlqNegotiation.Result r = LlqNegotiation.negotiate(admin, full(), true, p);
        assertThat(r.devicePlacement()).isTrue();
        assertThat(r.config().txMaxHeaderSize()).isEqualTo(192);
        MemorySegment c = ex.last();
        assertThat(ScriptedExecutor.opcode(ex.sent.getLast())).isEqualTo(AdminOpcode.SET_FEATURE.code());
        assertThat(ScriptedExecutor.feature(ex.sent.getLast())).isEqualTo(4);
        assertThat(Le.u8(c, 18)).as("feature_version").isZero();
        assertThat(new int[] {Le.u16(c, 30), Le.u16(c, 34), Le.u16(c, 38), Le.u16(c, 42),
            Le.u16(c, 48)}).containsExactly(1, SIZE_256, 4, SINGLE_DESC_PER_ENTRY, 3);
        assertThat(Le.u32(c, 20)).as("supported fields are not sent").isZero();
    }

    @Test
    void failedSetFallsBackToHostWithItsErrno() {
        probeWithLlq(true);
        ex.status(7);
        LlqNegotiation.Result r = LlqNegotiation.negotiate(admin, full(), true, DEFAULT);
        assertThat(r.rc()).isEqualTo(EnaErrno.EAGAIN);
        assertThat(r.fallback()).isEqualTo(Fallback.SET_FEATURE_FAILED);
        assertThat(r.config()).isNull();
        assertThat(r.placement()).isEqualTo(CreateSqCmd.PLACEMENT_HOST);
    }

    @Test
    void wideEntriesHalveTheLlqDepthUnlessAWideLimitIsGiven() {
        LlqConfig wide = new LlqConfig(1, MULTIPLE_DESCS_PER_ENTRY, SIZE_256, 256, 2, 16, 0, false, 224);
        LlqConfig narrow = new LlqConfig(1, MULTIPLE_DESCS_PER_ENTRY, SIZE_128, 128, 2, 8, 0, false, 96);
        LlqCaps noWideLimit = new LlqCaps(8, 1024, 1, 0, 5, 0, 0xF, 0, 3, 0, 1, 1, 0, 0, 0);
        LlqCaps wideLimit = new LlqCaps(8, 1000, 1, 0, 5, 0, 0xF, 0, 3, 0, 1, 1, 300, 0, 0);
        assertThat(noWideLimit.maxTxSqDepth(narrow)).isEqualTo(1024);
        assertThat(noWideLimit.maxTxSqDepth(wide)).isEqualTo(512);
        assertThat(wideLimit.maxTxSqDepth(wide)).isEqualTo(256);
        assertThat(wideLimit.maxTxSqDepth(narrow)).isEqualTo(512);
    }

    @Test
    void configRejectsInconsistentLayouts() {
        assertThatThrownBy(() -> new LlqConfig(1, 2, SIZE_128, 256, 2, 8, 0, false, 96))
                .hasMessageContaining("entry size 256");
        assertThatThrownBy(() -> new LlqConfig(1, 2, SIZE_128, 128, 8, 8, 0, false, 0))
                .hasMessageContaining("must equal");
        assertThatThrownBy(() -> new LlqConfig(1, 2, SIZE_128, 128, 3, 8, 0, false, 80))
                .hasMessageContaining("before header 3");
    }
}
