package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitFilterSectionTest {

    private static final String PATH = "routes[0].filters[1].rate-limit";
    private static final String ALLOWED = "limiters, legacy-headers, key, token-bucket, leaky-bucket, fixed-window, "
            + "sliding-window, missing-key, max-keys, idle-expiry, policy, redis";

    private final ConfigErrors errors = new ConfigErrors();

    private RateLimitFilterConfig parse(String yaml) {
        return RateLimitFilterSection.parse(FilterSettingsFixtures.settings(yaml, PATH, errors));
    }

    /** What parsing {@code yaml} adds to {@link #errors}, which makes it return null. */
    private List<String> errors(String yaml) {
        int before = errors.messages().size();
        assertThat(parse(yaml)).isNull();
        List<String> messages = errors.messages();
        return messages.subList(before, messages.size());
    }

    @Test
    void readsNamesOfTopLevelLimiters() {
        assertThat(parse("{ limiters: [per-client, cluster-quota] }")).isEqualTo(
                new RateLimitFilterConfig(List.of("per-client", "cluster-quota"), List.of(), false));
        assertThat(parse("{ limiters: per-client }")).isEqualTo(
                new RateLimitFilterConfig(List.of("per-client"), List.of(), false));
        assertThat(errors.messages()).isEmpty();
    }

    @Test
    void readsAnInlineLimiterWithoutAName() {
        assertThat(parse("""
                { key: [route, "path:id"], leaky-bucket: { rate: 5/s, queue: 20, max-wait: 2s },
                  missing-key: { use: anonymous }, max-keys: 10, idle-expiry: 1m, policy: redis,
                  redis: { url: "redis://r:6379", on-failure: fail-closed } }
                """)).isEqualTo(new RateLimitFilterConfig(List.of(), List.of(new LimiterConfig(null,
                List.of(new KeyPart.Route(), new KeyPart.PathVariable("id")),
                new LimitAlgorithm.LeakyBucket(new Rate(5, Duration.ofSeconds(1)), 20, Duration.ofSeconds(2)),
                "anonymous", LimiterConfig.Policy.REDIS, new RedisLimitConfig("redis://r:6379", Duration.ofMillis(50),
                RedisLimitConfig.FailurePolicy.FAIL_CLOSED, 0), 10, Duration.ofMinutes(1))), false));
    }

    @Test
    void readsNamesAndAnInlineLimiterTogetherWithLegacyHeaders() {
        RateLimitFilterConfig config = parse("""
                { limiters: [per-client], key: route, fixed-window: { limit: 100, window: 1m }, legacy-headers: true }
                """);

        assertThat(config.limiters()).containsExactly("per-client");
        assertThat(config.inline()).singleElement().satisfies(limiter -> {
            assertThat(limiter.name()).isNull();
            assertThat(limiter.key()).containsExactly(new KeyPart.Route());
            assertThat(limiter.algorithm()).isEqualTo(new LimitAlgorithm.FixedWindow(100, Duration.ofMinutes(1)));
            assertThat(limiter.maxKeys()).isEqualTo(100_000);
            assertThat(limiter.idleExpiry()).isEqualTo(Duration.ofMinutes(10));
        });
        assertThat(config.legacyHeaders()).isTrue();
    }

    @Test
    void needsNamesOrAnInlineLimiter() {
        assertThat(errors("{ legacy-headers: true }")).containsExactly(PATH + ": expected limiters (names of "
                + "top-level limiters), an inline limiter (key and one of token-bucket, leaky-bucket, fixed-window, "
                + "sliding-window), or both");
        assertThat(errors("{ limiters: [] }")).containsExactly(PATH + ".limiters: expected at least one limiter name");
    }

    @Test
    void reportsMalformedNames() {
        assertThat(errors("{ limiters: [a, \"\", b, a, { name: c }] }")).containsExactly(
                PATH + ".limiters[1]: must not be empty",
                PATH + ".limiters[3]: duplicate limiter \"a\" (also at " + PATH + ".limiters[0])",
                PATH + ".limiters[4]: expected a string");
    }

    @Test
    void reportsInlineProblemsUnderTheFilterPath() {
        assertThat(errors("{ token-bucket: { capacity: 0, rate: 10/s }, legacy-headers: maybe, limit: 5 }"))
                .containsExactly(
                        PATH + ".limit: unknown key (allowed: " + ALLOWED + ")",
                        PATH + ".key: required",
                        PATH + ".token-bucket.capacity: expected an integer >= 1, got \"0\"",
                        PATH + ".legacy-headers: expected true or false, got \"maybe\"");
    }

    @Test
    void theSettingsAreAMap() {
        assertThat(errors("per-client")).containsExactly(PATH + ": expected a map with keys " + ALLOWED);
        assertThat(RateLimitFilterSection.parse(FilterSettingsFixtures.settings("~", "f", errors))).isNull();
        assertThat(errors.messages()).last().isEqualTo("f: expected a map with keys " + ALLOWED);
    }

    @Test
    void problemsFoundBeforeDoNotFailTheseSettings() {
        errors.add("upstreams.users", "something else");

        assertThat(parse("{ limiters: [a] }")).isNotNull();
        assertThat(errors.messages()).containsExactly("upstreams.users: something else");
    }
}
