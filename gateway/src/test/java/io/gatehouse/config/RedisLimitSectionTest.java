package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.limiter;
import static io.gatehouse.config.ConfigFixtures.loadLimiter;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisLimitSectionTest {

    private static final String LIMITER = "key: route\nsliding-window: { limit: 1000, window: 1m }\n";

    private static LimiterConfig redisLimiter(String redis) {
        return loadLimiter(LIMITER + "policy: redis\nredis: " + redis);
    }

    private static List<String> errors(String redis) {
        return errorsOf(limiter(LIMITER + "policy: redis\nredis: " + redis));
    }

    @Test
    void batchingIsForTokenBucketsOnly() {
        assertThat(errors("{ url: \"redis://127.0.0.1:6379\", batch: 10 }")).containsExactly(
                "limiters.l.redis.batch: batching works with token-bucket only, got sliding-window");
    }

    @Test
    void fillsInDefaults() {
        LimiterConfig limiter = redisLimiter("{ url: \"redis://127.0.0.1:6379\" }");

        assertThat(limiter.policy()).isEqualTo(LimiterConfig.Policy.REDIS);
        assertThat(limiter.redis()).isEqualTo(new RedisLimitConfig("redis://127.0.0.1:6379", Duration.ofMillis(50),
                RedisLimitConfig.FailurePolicy.FAIL_OPEN, 0));
    }

    @Test
    void readsEverySetting() {
        assertThat(loadLimiter("""
                key: route
                token-bucket: { capacity: 100, rate: 10/s }
                policy: redis
                redis: { url: "rediss://limits:secret@redis.internal:6380/2", timeout: 20ms, on-failure: fail-closed,
                         batch: 10 }
                """).redis()).isEqualTo(new RedisLimitConfig("rediss://limits:secret@redis.internal:6380/2",
                Duration.ofMillis(20), RedisLimitConfig.FailurePolicy.FAIL_CLOSED, 10));
        assertThat(redisLimiter("{ url: \"redis://r\", on-failure: fail-open }").redis().onFailure())
                .isEqualTo(RedisLimitConfig.FailurePolicy.FAIL_OPEN);
    }

    @Test
    void isRequiredWithPolicyRedisAndForbiddenOtherwise() {
        assertThat(errorsOf(limiter(LIMITER + "policy: redis"))).containsExactly(
                "limiters.l.redis: required with policy redis");
        assertThat(errorsOf(limiter(LIMITER + "redis: { url: \"redis://r:6379\" }"))).containsExactly(
                "limiters.l.redis: only allowed with policy redis");
        assertThat(errorsOf(limiter(LIMITER + "policy: local\nredis: { url: \"redis://r:6379\" }"))).containsExactly(
                "limiters.l.redis: only allowed with policy redis");
        assertThat(loadLimiter(LIMITER).redis()).isNull();
    }

    @Test
    void reportsMalformedSettings() {
        assertThat(errors("{ timeout: 0, on-failure: retry, batch: -1, pool: 4 }")).containsExactly(
                "limiters.l.redis.pool: unknown key (allowed: url, timeout, on-failure, batch)",
                "limiters.l.redis.url: required",
                "limiters.l.redis.timeout: expected a duration above 0, got \"0\"",
                "limiters.l.redis.on-failure: expected fail-open or fail-closed, got \"retry\"",
                "limiters.l.redis.batch: expected an integer >= 0, got \"-1\"");
        assertThat(errors("redis://r:6379")).containsExactly(
                "limiters.l.redis: expected a map with keys url, timeout, on-failure, batch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"r:6379", "http://r:6379", "redis://", "redis:///0", "redis://r:6379/db", "redis://r?x=1",
            "redis://bad host"})
    void reportsAMalformedUrl(String url) {
        assertThat(errors("{ url: \"" + url + "\" }")).containsExactly("limiters.l.redis.url: expected a URL like "
                + "redis://host:6379, rediss://host:6379 or redis://user:password@host:6379/0, got \"" + url + "\"");
    }

    @Test
    void aMalformedUrlIsReportedWithoutItsPassword() {
        assertThat(errors("{ url: \"redis://limits:s3cret@r:6379/x\" }")).singleElement().asString()
                .doesNotContain("s3cret")
                .endsWith("got \"redis://***@r:6379/x\"");
    }
}
