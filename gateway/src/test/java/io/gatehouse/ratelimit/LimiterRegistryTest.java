package io.gatehouse.ratelimit;

import static io.gatehouse.ratelimit.local.TestLimiters.SECOND;
import static io.gatehouse.ratelimit.local.TestLimiters.decide;
import static io.gatehouse.ratelimit.local.TestLimiters.fixedWindow;
import static io.gatehouse.ratelimit.local.TestLimiters.local;
import static io.gatehouse.ratelimit.local.TestLimiters.perSecond;
import static io.gatehouse.ratelimit.local.TestLimiters.rejected;
import static io.gatehouse.ratelimit.local.TestLimiters.tokenBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.LimiterConfig;
import io.gatehouse.config.RedisLimitConfig;
import io.gatehouse.ratelimit.local.LocalRateLimiter;
import io.gatehouse.ratelimit.local.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LimiterRegistryTest {

    private final ManualClock clock = new ManualClock(10 * SECOND);
    private final List<RemoteLimiter> built = new ArrayList<>();
    private final LimiterRegistry registry = new LimiterRegistry(clock, config -> {
        if (config.name().equals("unbuildable")) {
            throw new IllegalArgumentException("cannot reach " + config.redis().url());
        }
        RemoteLimiter limiter = new RemoteLimiter(config);
        built.add(limiter);
        return limiter;
    });

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void anUnchangedConfigKeepsItsLimiterAndEveryKeysState() {
        LimiterConfig config = local("api", tokenBucket(2, perSecond(1)));
        RateLimiter first = registry.apply(List.of(config)).get("api");
        decide(first, "k");
        decide(first, "k");

        RateLimiter second = registry.apply(List.of(local("api", tokenBucket(2, perSecond(1))))).get("api");

        assertThat(second).isSameAs(first).isInstanceOf(LocalRateLimiter.class);
        assertThat(decide(second, "k").proceeds()).as("a reload never refills a bucket").isFalse();
    }

    @Test
    void newNumbersOfTheSameKindKeepTheLimiterAndEveryKeysState() {
        RateLimiter first = registry.apply(List.of(local("api", tokenBucket(2, perSecond(1))))).get("api");
        decide(first, "k");
        decide(first, "k");

        LimiterConfig bigger = local("api", tokenBucket(3, perSecond(1)));
        RateLimiter second = registry.apply(List.of(bigger)).get("api");

        assertThat(second).isSameAs(first);
        assertThat(second.config()).isEqualTo(bigger);
        assertThat(decide(second, "k").remaining()).as("2 used of 3, then 1 more").isZero();
        assertThat(decide(second, "k")).isEqualTo(rejected(3, 0, 3 * SECOND, SECOND));
    }

    @Test
    void anotherKindOfAlgorithmGetsANewLimiter() {
        RateLimiter first = registry.apply(List.of(local("api", tokenBucket(1, perSecond(1))))).get("api");
        decide(first, "k");

        RateLimiter second = registry.apply(List.of(local("api", fixedWindow(1, Duration.ofSeconds(1))))).get("api");

        assertThat(second).isNotSameAs(first);
        assertThat(decide(second, "k").proceeds()).isTrue();
    }

    @Test
    void aNameNoLongerListedIsDroppedAndClosed() {
        Map<String, RateLimiter> first = registry.apply(List.of(local("a", tokenBucket(1, perSecond(1))),
                redis("b", tokenBucket(5, perSecond(1))), redis("c", tokenBucket(5, perSecond(1)))));
        assertThat(first).containsOnlyKeys("a", "b", "c");

        Map<String, RateLimiter> second = registry.apply(List.of(redis("c", tokenBucket(5, perSecond(1)))));

        assertThat(second).containsOnlyKeys("c");
        assertThat(second.get("c")).isSameAs(first.get("c"));
        assertThat(built).extracting(RemoteLimiter::closes).containsExactly(1, 0);
    }

    @Test
    void redisLimitersComeFromTheFactoryAndAreReplacedWhenTheirConfigChanges() {
        LimiterConfig config = redis("shared", tokenBucket(5, perSecond(1)));
        RateLimiter first = registry.apply(List.of(config)).get("shared");
        assertThat(registry.apply(List.of(config)).get("shared")).isSameAs(first);
        assertThat(built).hasSize(1);
        assertThat(built.get(0).config()).isEqualTo(config);

        LimiterConfig changed = redis("shared", tokenBucket(10, perSecond(1)));
        RateLimiter second = registry.apply(List.of(changed)).get("shared");

        assertThat(second).isNotSameAs(first).isSameAs(built.get(1));
        assertThat(second.config()).isEqualTo(changed);
        assertThat(built).extracting(RemoteLimiter::closes).containsExactly(1, 0);
    }

    @Test
    void aPolicyChangeReplacesTheLimiterEitherWay() {
        RateLimiter local = registry.apply(List.of(local("api", tokenBucket(5, perSecond(1))))).get("api");
        RateLimiter remote = registry.apply(List.of(redis("api", tokenBucket(5, perSecond(1))))).get("api");
        RateLimiter localAgain = registry.apply(List.of(local("api", tokenBucket(5, perSecond(1))))).get("api");

        assertThat(remote).isSameAs(built.get(0));
        assertThat(localAgain).isInstanceOf(LocalRateLimiter.class).isNotSameAs(local);
        assertThat(built.get(0).closes()).isOne();
    }

    @Test
    void aLimiterThatCannotBeBuiltChangesNothing() {
        LimiterConfig api = local("api", tokenBucket(5, perSecond(1)));
        RateLimiter before = registry.apply(List.of(api)).get("api");

        assertThatThrownBy(() -> registry.apply(List.of(local("api", tokenBucket(9, perSecond(1))),
                redis("fresh", tokenBucket(5, perSecond(1))), redis("unbuildable", tokenBucket(5, perSecond(1))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot reach redis://127.0.0.1:6379");

        assertThat(before.config()).as("not reconfigured").isEqualTo(api);
        assertThat(built).extracting(RemoteLimiter::closes).as("what was built for it is closed").containsExactly(1);
        assertThat(registry.apply(List.of(api)).get("api")).isSameAs(before);
    }

    @Test
    void twoLimitersOfOneNameAreRefused() {
        assertThatThrownBy(() -> registry.apply(List.of(local("api", tokenBucket(5, perSecond(1))),
                local("api", tokenBucket(6, perSecond(1))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected distinct limiter names, got \"api\" twice");
    }

    @Test
    void closingClosesEveryLimiterAndRefusesLaterConfigs() {
        registry.apply(List.of(redis("a", tokenBucket(5, perSecond(1))), redis("b", tokenBucket(5, perSecond(1)))));

        registry.close();

        assertThat(built).extracting(RemoteLimiter::closes).containsExactly(1, 1);
        assertThatThrownBy(() -> registry.apply(List.of())).isInstanceOf(IllegalStateException.class);
    }

    private static LimiterConfig redis(String name, LimitAlgorithm algorithm) {
        LimiterConfig local = local(name, algorithm);
        return new LimiterConfig(name, local.key(), algorithm, null, LimiterConfig.Policy.REDIS,
                new RedisLimitConfig("redis://127.0.0.1:6379", Duration.ofMillis(50),
                        RedisLimitConfig.FailurePolicy.FAIL_OPEN, 0),
                local.maxKeys(), local.idleExpiry());
    }

    /** Stands in for a limiter that holds a connection: counts its closes. */
    private static final class RemoteLimiter implements RateLimiter, AutoCloseable {

        private final LimiterConfig config;
        private int closes;

        RemoteLimiter(LimiterConfig config) {
            this.config = config;
        }

        int closes() {
            return closes;
        }

        @Override
        public LimiterConfig config() {
            return config;
        }

        @Override
        public CompletionStage<LimitDecision> acquire(String key, long cost) {
            return CompletableFuture.completedStage(new LimitDecision(LimitDecision.Verdict.ALLOWED, 5, 4, 0, 0));
        }

        @Override
        public void charge(String key, long cost) {
        }

        @Override
        public void close() {
            closes++;
        }
    }
}
