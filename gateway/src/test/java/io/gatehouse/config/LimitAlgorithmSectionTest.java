package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.limiter;
import static io.gatehouse.config.ConfigFixtures.loadLimiter;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitAlgorithmSectionTest {

    private static LimitAlgorithm algorithm(String algorithm) {
        return loadLimiter("key: route\n" + algorithm).algorithm();
    }

    private static List<String> errors(String algorithm) {
        return errorsOf(limiter("key: route\n" + algorithm));
    }

    @Test
    void readsATokenBucketWhoseCostDefaultsToOne() {
        assertThat(algorithm("token-bucket: { capacity: 20, rate: 10/s }")).isEqualTo(
                new LimitAlgorithm.TokenBucket(20, new Rate(10, Duration.ofSeconds(1)), 1));
        assertThat(algorithm("token-bucket: { capacity: 1000, rate: 600/m, cost: 10 }")).isEqualTo(
                new LimitAlgorithm.TokenBucket(1000, new Rate(600, Duration.ofMinutes(1)), 10));
    }

    @Test
    void aBucketTooLargeToCountIsReportedWithTheLargestThatFits() {
        assertThat(algorithm("token-bucket: { capacity: 1000000, rate: 1000000/24h }")).isNotNull();
        assertThat(errors("token-bucket: { capacity: 26688, rate: 1/24h }")).containsExactly(
                "limiters.l.token-bucket.capacity: too large for a rate of 1 per 24h: at most 26687, got 26688");
        assertThat(errors("leaky-bucket: { rate: 1/24h, queue: 30000 }")).containsExactly(
                "limiters.l.leaky-bucket.queue: too large for a rate of 1 per 24h: at most 26687, got 30000");
    }

    @Test
    void aRateFasterThanOnePerNanosecondIsRefused() {
        assertThat(errors("token-bucket: { capacity: 10, rate: 2000000/1ms }")).containsExactly(
                "limiters.l.token-bucket.rate: expected a rate of at most 1 per nanosecond, got \"2000000/1ms\"");
    }

    @Test
    void readsAMeteringLeakyBucketByDefaultAndAShapingOneWithAMaximumWait() {
        LimitAlgorithm.LeakyBucket meter = (LimitAlgorithm.LeakyBucket) algorithm(
                "leaky-bucket: { rate: 5/s, queue: 20 }");
        assertThat(meter).isEqualTo(new LimitAlgorithm.LeakyBucket(new Rate(5, Duration.ofSeconds(1)), 20,
                Duration.ZERO));
        assertThat(meter.shapes()).isFalse();

        LimitAlgorithm.LeakyBucket shaper = (LimitAlgorithm.LeakyBucket) algorithm(
                "leaky-bucket: { rate: 10/100ms, queue: 50, max-wait: 2s }");
        assertThat(shaper).isEqualTo(new LimitAlgorithm.LeakyBucket(new Rate(10, Duration.ofMillis(100)), 50,
                Duration.ofSeconds(2)));
        assertThat(shaper.shapes()).isTrue();
    }

    @Test
    void readsFixedAndSlidingWindows() {
        assertThat(algorithm("fixed-window: { limit: 100, window: 1m }")).isEqualTo(
                new LimitAlgorithm.FixedWindow(100, Duration.ofMinutes(1)));
        assertThat(algorithm("sliding-window: { limit: 1000, window: 1h }")).isEqualTo(
                new LimitAlgorithm.SlidingWindow(1000, Duration.ofHours(1)));
    }

    @Test
    void exactlyOneAlgorithmIsRequired() {
        assertThat(errors("max-keys: 10")).containsExactly(
                "limiters.l: expected one of token-bucket, leaky-bucket, fixed-window or sliding-window");
        assertThat(errors("""
                token-bucket: { capacity: 20, rate: 10/s }
                fixed-window: { limit: 100, window: 1m }
                """)).containsExactly("limiters.l: token-bucket, leaky-bucket, fixed-window and sliding-window are "
                + "exclusive, got token-bucket and fixed-window");
    }

    @Test
    void reportsMissingSettings() {
        assertThat(errors("token-bucket: {}")).containsExactly(
                "limiters.l.token-bucket.capacity: required", "limiters.l.token-bucket.rate: required");
        assertThat(errors("leaky-bucket: {}")).containsExactly(
                "limiters.l.leaky-bucket.rate: required", "limiters.l.leaky-bucket.queue: required");
        assertThat(errors("fixed-window: {}")).containsExactly(
                "limiters.l.fixed-window.limit: required", "limiters.l.fixed-window.window: required");
        assertThat(errors("sliding-window: {}")).containsExactly(
                "limiters.l.sliding-window.limit: required", "limiters.l.sliding-window.window: required");
    }

    @Test
    void reportsMalformedTokenBucketSettings() {
        assertThat(errors("token-bucket: { capacity: 0, rate: 10/sec, cost: 0, burst: 5 }")).containsExactly(
                "limiters.l.token-bucket.burst: unknown key (allowed: capacity, rate, cost)",
                "limiters.l.token-bucket.capacity: expected an integer >= 1, got \"0\"",
                "limiters.l.token-bucket.rate: expected a rate like 10/s, 600/m or 1000/h, got \"10/sec\"",
                "limiters.l.token-bucket.cost: expected an integer >= 1, got \"0\"");
        assertThat(errors("token-bucket: { capacity: 20, rate: 0/s }")).containsExactly(
                "limiters.l.token-bucket.rate: expected a rate of at least 1 per period above 0, got \"0/s\"");
        assertThat(errors("token-bucket: 20")).containsExactly(
                "limiters.l.token-bucket: expected a map with keys capacity, rate, cost");
    }

    @Test
    void aRequestMayNotCostMoreThanTheBucketHolds() {
        assertThat(errors("token-bucket: { capacity: 5, rate: 1/s, cost: 6 }")).containsExactly(
                "limiters.l.token-bucket.cost: must not exceed capacity (5), got 6");
        assertThat(algorithm("token-bucket: { capacity: 5, rate: 1/s, cost: 5 }")).isNotNull();
    }

    @Test
    void reportsMalformedLeakyBucketSettings() {
        assertThat(errors("leaky-bucket: { rate: fast, queue: -1, max-wait: forever, size: 3 }")).containsExactly(
                "limiters.l.leaky-bucket.size: unknown key (allowed: rate, queue, max-wait)",
                "limiters.l.leaky-bucket.rate: expected a rate like 10/s, 600/m or 1000/h, got \"fast\"",
                "limiters.l.leaky-bucket.queue: expected an integer >= 1, got \"-1\"",
                "limiters.l.leaky-bucket.max-wait: expected a duration like 250ms, 10s or 5m, got \"forever\"");
    }

    @Test
    void reportsMalformedWindowSettings() {
        assertThat(errors("fixed-window: { limit: 0, window: 0 }")).containsExactly(
                "limiters.l.fixed-window.limit: expected an integer >= 1, got \"0\"",
                "limiters.l.fixed-window.window: expected a duration above 0, got \"0\"");
        assertThat(errors("sliding-window: { limit: 1.5, window: 1d, buckets: 10 }")).containsExactly(
                "limiters.l.sliding-window.buckets: unknown key (allowed: limit, window)",
                "limiters.l.sliding-window.limit: expected an integer >= 1, got \"1.5\"",
                "limiters.l.sliding-window.window: expected a duration like 250ms, 10s or 5m, got \"1d\"");
    }
}
