package io.ena4j.driver.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.spec.admin.LlqFeature;
import org.junit.jupiter.api.Test;

/** Derived LLQ values (datapath.md §9.1, §9.6, §9.7) and layout validation. */
class LlqInfoTest {

    private static final int MULTI = LlqFeature.Stride.MULTIPLE_DESCS_PER_ENTRY;
    private static final int SINGLE = LlqFeature.Stride.SINGLE_DESC_PER_ENTRY;

    @Test
    void driverDefaultsGiveTheDocumentedHeaderRoom() {
        LlqInfo normal = LlqInfo.of(128, 2, MULTI, 0, false);
        assertThat(normal.descsPerEntry()).isEqualTo(8);
        assertThat(normal.txMaxHeaderSize()).isEqualTo(96);
        assertThat(normal.headerOffset()).isEqualTo(32);
        LlqInfo large = LlqInfo.of(256, 2, MULTI, 0, false);
        assertThat(large.descsPerEntry()).isEqualTo(16);
        assertThat(large.txMaxHeaderSize()).isEqualTo(224);
        assertThat(LlqInfo.of(192, 4, SINGLE, 0, false).descsPerEntry()).isEqualTo(1);
        assertThat(LlqInfo.of(192, 4, SINGLE, 0, false).txMaxHeaderSize()).isEqualTo(128);
    }

    @Test
    void acceleratedModeFlagsDecideMetaCachingAndBurst() {
        LlqInfo both = LlqInfo.fromNegotiated(128, 2, MULTI, LlqFeature.AccelFlags.ALL, 1024);
        assertThat(both.disableMetaCaching()).isTrue();
        assertThat(both.maxEntriesInTxBurst()).isEqualTo(8);
        LlqInfo wide = LlqInfo.fromNegotiated(256, 2, MULTI, LlqFeature.AccelFlags.LIMIT_TX_BURST, 1000);
        assertThat(wide.maxEntriesInTxBurst()).isEqualTo(3);
        assertThat(wide.disableMetaCaching()).isFalse();
        LlqInfo none = LlqInfo.fromNegotiated(128, 2, MULTI, 0, 1024);
        assertThat(none.maxEntriesInTxBurst()).isZero();
        assertThat(none.disableMetaCaching()).isFalse();
    }

    @Test
    void checkRejectsLayoutsWithoutHeaderRoomOrUnknownCodes() {
        assertThat(LlqInfo.check(128, 2, MULTI)).isZero();
        assertThat(LlqInfo.check(256, 8, SINGLE)).isZero();
        assertThat(LlqInfo.check(128, 8, MULTI)).isEqualTo(EnaErrno.EINVAL);
        assertThat(LlqInfo.check(120, 2, MULTI)).isEqualTo(EnaErrno.EINVAL);
        assertThat(LlqInfo.check(128, 3, MULTI)).isEqualTo(EnaErrno.EINVAL);
        assertThat(LlqInfo.check(128, 0, MULTI)).isEqualTo(EnaErrno.EINVAL);
        assertThat(LlqInfo.check(128, 2, 3)).isEqualTo(EnaErrno.EINVAL);
    }

    @Test
    void badValuesGetOneMessageNamingValueAndRange() {
        assertThatThrownBy(() -> LlqInfo.of(100, 2, MULTI, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100").hasMessageContaining("128");
        assertThatThrownBy(() -> LlqInfo.of(128, 8, MULTI, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8");
        assertThatThrownBy(() -> LlqInfo.of(128, 2, 7, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7");
        assertThatThrownBy(() -> LlqInfo.of(128, 2, MULTI, 70000, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000")
                .hasMessageContaining("65535");
        assertThatThrownBy(() -> LlqInfo.fromNegotiated(128, 2, MULTI, 3, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
