package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RatesTest {

    @Test
    void readsAnAmountPerUnit() {
        assertThat(Rates.parse("10/s")).isEqualTo(new Rate(10, Duration.ofSeconds(1)));
        assertThat(Rates.parse("600/m")).isEqualTo(new Rate(600, Duration.ofMinutes(1)));
        assertThat(Rates.parse("1000/h")).isEqualTo(new Rate(1000, Duration.ofHours(1)));
        assertThat(Rates.parse("1/ms")).isEqualTo(new Rate(1, Duration.ofMillis(1)));
    }

    @Test
    void readsAnAmountPerDuration() {
        assertThat(Rates.parse("10/100ms")).isEqualTo(new Rate(10, Duration.ofMillis(100)));
        assertThat(Rates.parse("50/5m")).isEqualTo(new Rate(50, Duration.ofMinutes(5)));
        assertThat(Rates.parse("1/1s")).isEqualTo(Rates.parse("1/s"));
    }

    @Test
    void convertsToPerSecondAndToTheTimeOfOneUnit() {
        assertThat(Rates.parse("600/m").perSecond()).isEqualTo(10.0);
        assertThat(Rates.parse("10/100ms").perSecond()).isEqualTo(100.0);
        assertThat(Rates.parse("4/s").nanosPerUnit()).isEqualTo(250_000_000.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "10/", "/s", "10/sec", "10 / s", "10/S", "-1/s", "1.5/s", "10/d", "10/1.5s",
            "10/-1s", "ten/s", "", "9999999999/s", "10/s/s"})
    void rejectsOtherForms(String text) {
        assertThatThrownBy(() -> Rates.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a rate like 10/s, 600/m or 1000/h, got \"" + text + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/s", "0/100ms", "10/0s", "10/0ms"})
    void rejectsAZeroAmountOrPeriod(String text) {
        assertThatThrownBy(() -> Rates.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a rate of at least 1 per period above 0, got \"" + text + "\"");
    }
}
