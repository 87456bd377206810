package io.gatehouse.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.LimitAlgorithm.FixedWindow;
import io.gatehouse.config.LimitAlgorithm.LeakyBucket;
import io.gatehouse.config.LimitAlgorithm.SlidingWindow;
import io.gatehouse.config.LimitAlgorithm.TokenBucket;
import io.gatehouse.config.Rate;
import io.gatehouse.ratelimit.redis.RedisAlgorithm.Mode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisAlgorithmTest {

    private static final Rate TEN_A_SECOND = new Rate(10, Duration.ofSeconds(1));

    @Test
    void aTokenBucketPassesItsShapeInMicrosecondsAndWhatABatchWants() {
        RedisAlgorithm bucket = RedisAlgorithm.of(new TokenBucket(20, TEN_A_SECOND, 1));

        assertThat(bucket.script()).isEqualTo(LimitScript.TOKEN_BUCKET);
        assertThat(bucket.limit()).isEqualTo(20);
        assertThat(bucket.arguments(2, 5, Mode.ACQUIRE)).containsExactly("20", "10", "1000000", "2", "5", "acquire");
        assertThat(bucket.arguments(7, 5, Mode.CHARGE)).containsExactly("20", "10", "1000000", "7", "7", "charge");
    }

    @Test
    void aLeakyBucketMetersWithNoWaitAndShapesWithOne() {
        RedisAlgorithm meter = RedisAlgorithm.of(new LeakyBucket(TEN_A_SECOND, 5, Duration.ZERO));
        RedisAlgorithm shaper = RedisAlgorithm.of(new LeakyBucket(TEN_A_SECOND, 5, Duration.ofMillis(250)));

        assertThat(meter.arguments(1, 1, Mode.ACQUIRE)).containsExactly("5", "10", "1000000", "1", "0", "acquire");
        assertThat(shaper.arguments(1, 1, Mode.ACQUIRE))
                .containsExactly("5", "10", "1000000", "1", "250000", "acquire");
        assertThat(meter.tag()).isNotEqualTo(shaper.tag());
        assertThat(shaper.limit()).isEqualTo(5);
    }

    @Test
    void windowsPassTheirLimitAndLength() {
        RedisAlgorithm fixed = RedisAlgorithm.of(new FixedWindow(100, Duration.ofMinutes(1)));
        RedisAlgorithm sliding = RedisAlgorithm.of(new SlidingWindow(100, Duration.ofMinutes(1)));

        assertThat(fixed.arguments(3, 3, Mode.ACQUIRE)).containsExactly("100", "60000000", "3", "acquire");
        assertThat(sliding.arguments(3, 3, Mode.CHARGE)).containsExactly("100", "60000000", "3", "charge");
        assertThat(fixed.script()).isEqualTo(LimitScript.FIXED_WINDOW);
        assertThat(sliding.script()).isEqualTo(LimitScript.SLIDING_WINDOW);
        assertThat(fixed.tag()).isNotEqualTo(sliding.tag());
    }

    @Test
    void rejectsShapesTheScriptsCannotCount() {
        assertThatThrownBy(() -> RedisAlgorithm.of(new TokenBucket(0, TEN_A_SECOND, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity of at least 1, got 0");
        assertThatThrownBy(() -> RedisAlgorithm.of(new FixedWindow(5, Duration.ofNanos(999))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1us, got PT0.000000999S");
        assertThatThrownBy(() -> RedisAlgorithm.of(new LeakyBucket(new Rate(0, Duration.ofSeconds(1)), 5,
                Duration.ZERO))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate amount");
    }

    @Test
    void eachScriptIsKnownByTheSha1OfItsText() {
        assertThat(LimitScript.values()).allSatisfy(script -> {
            assertThat(script.sha1()).matches("[0-9a-f]{40}");
            assertThat(script.body()).contains("redis.call('TIME')");
        });
    }
}
