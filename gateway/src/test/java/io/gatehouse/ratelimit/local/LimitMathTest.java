package io.gatehouse.ratelimit.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitMathTest {

    private static final long DAY_NANOS = 86_400_000_000_000L;

    @Test
    void dividesProductsThatOverflowALongExactly() {
        // 10^6 * 86400 * 10^9 overflows; divided by a day it is 10^6 again.
        assertThat(LimitMath.floorMulDiv(1_000_000, DAY_NANOS, DAY_NANOS)).isEqualTo(1_000_000);
        assertThat(LimitMath.ceilMulDiv(1_000_000, DAY_NANOS, DAY_NANOS)).isEqualTo(1_000_000);
        assertThat(LimitMath.floorMulDiv(1_000_001, DAY_NANOS, 3 * DAY_NANOS)).isEqualTo(333_333);
        assertThat(LimitMath.ceilMulDiv(1_000_001, DAY_NANOS, 3 * DAY_NANOS)).isEqualTo(333_334);
        assertThat(LimitMath.floorMulDiv(Long.MAX_VALUE, Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void roundsSmallQuotientsEachWay() {
        assertThat(LimitMath.floorMulDiv(10, 1, 3)).isEqualTo(3);
        assertThat(LimitMath.ceilMulDiv(10, 1, 3)).isEqualTo(4);
        assertThat(LimitMath.ceilMulDiv(9, 1, 3)).isEqualTo(3);
        assertThat(LimitMath.ceilDiv(7, 2)).isEqualTo(4);
        assertThat(LimitMath.ceilDiv(0, 2)).isZero();
    }

    @Test
    void saturatesRatherThanWraps() {
        assertThat(LimitMath.saturatedMultiply(Long.MAX_VALUE / 2, 3)).isEqualTo(Long.MAX_VALUE);
        assertThat(LimitMath.saturatedMultiply(1L << 32, 1L << 32)).isEqualTo(Long.MAX_VALUE);
        assertThat(LimitMath.saturatedMultiply(3, 4)).isEqualTo(12);
        assertThat(LimitMath.saturatedAdd(Long.MAX_VALUE - 1, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(LimitMath.saturatedAdd(5, 2)).isEqualTo(7);
    }

    @Test
    void windowsStartAtMultiplesOfTheirLengthOnEitherSideOfZero() {
        assertThat(LimitMath.windowStart(2_500, 1_000)).isEqualTo(2_000);
        assertThat(LimitMath.windowStart(2_000, 1_000)).isEqualTo(2_000);
        assertThat(LimitMath.windowStart(-1, 1_000)).isEqualTo(-1_000);
    }
}
