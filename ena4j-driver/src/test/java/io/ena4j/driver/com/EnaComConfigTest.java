package io.ena4j.driver.com;

import io.ena4j.platform.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration validation, the poll back-off formula of management.md §5.3, and the exception helper. */
class EnaComConfigTest {

    @Test
    void defaultsAreTheReferenceValues() {
        EnaComConfig c = EnaComConfig.defaults();
        assertThat(c.adminTimeoutUs()).isEqualTo(3_000_000);
        assertThat(c.readlessTimeoutUs()).isEqualTo(200_000);
        assertThat(c.pollMinDelayUs()).isEqualTo(5000);
        assertThat(c.pollMaxDelayUs()).isEqualTo(5000);
        assertThat(c.pollMaxExp()).isEqualTo(16);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "adminTimeoutUs;0;adminTimeoutUs = 0 is out of range: accepted 1..600000000",
        "readlessTimeoutUs;65535001;readlessTimeoutUs = 65535001 is out of range: accepted 1..65535000",
        "pollMinDelayUs;5001;pollMinDelayUs = 5001 is out of range: accepted 1..5000",
        "pollMaxDelayUs;99;pollMaxDelayUs = 99 is out of range: accepted 100..1000000",
        "pollMaxExp;17;pollMaxExp = 17 is out of range: accepted 0..16",
        "interruptRecheckUs;0;interruptRecheckUs = 0 is out of range: accepted 1..1000000"})
    void outOfRangeValuesAreRejectedNamingValueAndRange(String knob, long value, String message) {
        EnaComConfig d = EnaComConfig.defaults();
        assertThatThrownBy(() -> {
            switch (knob) {
                case "adminTimeoutUs" -> d.withAdminTimeoutUs(value);
                case "readlessTimeoutUs" -> d.withReadlessTimeoutUs(value);
                case "pollMinDelayUs" -> d.withPollMinDelayUs((int) value);
                case "pollMaxDelayUs" -> d.withPollMaxDelayUs((int) value);
                case "pollMaxExp" -> d.withPollMaxExp((int) value);
                default -> d.withInterruptRecheckUs(value);
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void withersReplaceOneValue() {
        EnaComConfig c = EnaComConfig.defaults().withPollMinDelayUs(100).withAdminTimeoutUs(42);
        assertThat(c.pollMinDelayUs()).isEqualTo(100);
        assertThat(c.adminTimeoutUs()).isEqualTo(42);
        assertThat(c.readlessTimeoutUs()).isEqualTo(200_000);
    }

    @ParameterizedTest
    @CsvSource({"0,100,5000,16,100", "1,100,5000,16,200", "5,100,5000,16,3200", "6,100,5000,16,5000",
            "40,100,5000,16,5000", "0,5000,5000,16,5000", "3,1,5000,16,800", "20,100,1000000,16,1000000",
            "20,100,100000000,16,6553600", "2,100,5000,1,200"})
    void backoffDelayFollowsTheFormula(int exp, int min, int max, int maxExp, long expected) {
        assertThat(PollBackoff.delayUs(exp, min, max, maxExp)).isEqualTo(expected);
    }

    @Test
    void backoffSleepsOnTheClockAndGrows() {
        ManualClock clock = new ManualClock();
        List<Long> sleeps = new ArrayList<>();
        long[] last = {0};
        clock.addTicker(() -> {
            sleeps.add(clock.nanoTime() - last[0]);
            last[0] = clock.nanoTime();
        });
        PollBackoff b = new PollBackoff(clock, EnaComConfig.defaults().withPollMinDelayUs(100));
        for (int i = 0; i < 8; i++) {
            b.sleep();
        }
        assertThat(sleeps).containsExactly(100_000L, 200_000L, 400_000L, 800_000L, 1_600_000L, 3_200_000L,
                5_000_000L, 5_000_000L);
        assertThat(b.attempts()).isEqualTo(8);
        b.reset();
        assertThat(b.nextDelayUs()).isEqualTo(100);
        assertThatThrownBy(() -> PollBackoff.delayUs(-1, 100, 5000, 16)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exceptionNamesTheErrno() {
        assertThat(EnaComException.check("get dma width", 48)).isEqualTo(48);
        assertThat(EnaComException.check("reset", 0)).isZero();
        assertThatThrownBy(() -> EnaComException.check("device reset", EnaErrno.ETIME))
                .isInstanceOf(EnaComException.class).hasMessage("device reset failed: ETIME (-62)")
                .extracting(e -> ((EnaComException) e).rc()).isEqualTo(-62);
    }
}
