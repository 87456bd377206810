package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PercentagesTest {

    @Test
    void readsWholeAndDecimalPercentagesAsFractions() {
        assertThat(Percentages.parse("50%")).isEqualTo(0.5);
        assertThat(Percentages.parse("12.5%")).isEqualTo(0.125);
        assertThat(Percentages.parse("0.1%")).isEqualTo(0.001);
        assertThat(Percentages.parse("7%")).isEqualTo(0.07);
    }

    @Test
    void readsTheBounds() {
        assertThat(Percentages.parse("0%")).isZero();
        assertThat(Percentages.parse("100%")).isEqualTo(1.0);
        assertThat(Percentages.parse("100.0%")).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"50", "0.5", "50 %", "-5%", "5.%", ".5%", "1e2%", "half", "", "%", "1000%"})
    void rejectsOtherForms(String text) {
        assertThatThrownBy(() -> Percentages.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a percentage like 50%, got \"" + text + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"101%", "100.5%", "999%"})
    void rejectsMoreThanAHundredPercent(String text) {
        assertThatThrownBy(() -> Percentages.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a percentage from 0% to 100%, got \"" + text + "\"");
    }
}
