package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @Test
    void readsBinaryUnits() {
        assertThat(Sizes.parse("512B")).isEqualTo(512);
        assertThat(Sizes.parse("64KiB")).isEqualTo(64 * 1024);
        assertThat(Sizes.parse("10MiB")).isEqualTo(10 * 1024 * 1024);
        assertThat(Sizes.parse("1GiB")).isEqualTo(1024L * 1024 * 1024);
    }

    @Test
    void readsABareNumberAsBytes() {
        assertThat(Sizes.parse("0")).isZero();
        assertThat(Sizes.parse("1048576")).isEqualTo(1 << 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "10MB", "10kib", "1.5MiB", "-1", "10 MiB", ""})
    void rejectsOtherForms(String text) {
        assertThatThrownBy(() -> Sizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a size like 512B, 64KiB, 10MiB or 1GiB, got \"" + text + "\"");
    }

    @Test
    void rejectsSizesBeyondALong() {
        assertThatThrownBy(() -> Sizes.parse("999999999999999GiB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size \"999999999999999GiB\" is too large");
    }
}
