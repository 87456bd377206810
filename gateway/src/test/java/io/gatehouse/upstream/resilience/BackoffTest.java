package io.gatehouse.upstream.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(2);

    /** Always draws the largest value allowed, which exposes the ceiling exactly. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return -1;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void theCeilingDoublesPerRetryUpToTheMaximum() {
        assertThat(Backoff.delayNanos(1, BASE, MAX, HIGHEST)).isEqualTo(ms(100));
        assertThat(Backoff.delayNanos(2, BASE, MAX, HIGHEST)).isEqualTo(ms(200));
        assertThat(Backoff.delayNanos(5, BASE, MAX, HIGHEST)).isEqualTo(ms(1600));
        assertThat(Backoff.delayNanos(6, BASE, MAX, HIGHEST)).isEqualTo(ms(2000));
        assertThat(Backoff.delayNanos(7, BASE, MAX, HIGHEST)).isEqualTo(ms(2000));
    }

    @Test
    void largeRetryNumbersDoNotOverflow() {
        assertThat(Backoff.delayNanos(63, BASE, MAX, HIGHEST)).isEqualTo(ms(2000));
        assertThat(Backoff.delayNanos(64, BASE, MAX, HIGHEST)).isEqualTo(ms(2000));
        assertThat(Backoff.delayNanos(1000, BASE, MAX, HIGHEST)).isEqualTo(ms(2000));
        assertThat(Backoff.delayNanos(Integer.MAX_VALUE, BASE, MAX, HIGHEST)).isEqualTo(ms(2000));
        assertThat(Backoff.delayNanos(40, Duration.ofDays(1000), Duration.ofDays(3000), HIGHEST))
                .isEqualTo(Duration.ofDays(3000).toNanos());
    }

    @Test
    void aCeilingAtTheLargestLongStaysNonNegative() {
        Duration forever = Duration.ofNanos(Long.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(Backoff.delayNanos(80, BASE, forever, random)).isNotNegative();
        }
        assertThat(Backoff.delayNanos(80, BASE, forever, HIGHEST)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void delaysStayWithinTheirBoundsAndReachAcrossThem() {
        SplittableRandom random = new SplittableRandom(42);
        for (int retry = 1; retry <= 8; retry++) {
            long ceiling = Math.min(ms(2000), ms(100) << (retry - 1));
            long lowest = Long.MAX_VALUE;
            long highest = 0;
            for (int i = 0; i < 5000; i++) {
                long delay = Backoff.delayNanos(retry, BASE, MAX, random);
                assertThat(delay).isBetween(0L, ceiling);
                lowest = Math.min(lowest, delay);
                highest = Math.max(highest, delay);
            }
            assertThat(lowest).as("retry %d", retry).isLessThan(ceiling / 100);
            assertThat(highest).as("retry %d", retry).isGreaterThan(ceiling - ceiling / 100);
        }
    }

    @Test
    void delaysAreRoughlyUniform() {
        SplittableRandom random = new SplittableRandom(42);
        int samples = 100_000;
        int[] bins = new int[10];
        long ceiling = ms(400);
        for (int i = 0; i < samples; i++) {
            long delay = Backoff.delayNanos(3, BASE, MAX, random);
            bins[(int) Math.min(9, delay * 10 / ceiling)]++;
        }
        for (int bin : bins) {
            assertThat(bin).isBetween(samples / 10 * 95 / 100, samples / 10 * 105 / 100);
        }
    }

    @Test
    void aZeroBaseMeansNoWait() {
        assertThat(Backoff.delayNanos(5, Duration.ZERO, MAX, HIGHEST)).isZero();
    }

    @Test
    void nonsenseArgumentsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> Backoff.delayNanos(0, BASE, MAX, HIGHEST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Backoff.delayNanos(1, Duration.ofMillis(-1), MAX, HIGHEST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.001S");
    }

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
