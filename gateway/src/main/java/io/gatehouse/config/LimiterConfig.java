package io.gatehouse.config;

import java.time.Duration;
import java.util.List;

/**
 * A rate limiter: named under {@code limiters} (one quota may then span routes) or written inline in a
 * {@code rate-limit} filter (named after its route and position).
 *
 * @param key          the parts that, joined, make the key a request is counted under
 * @param missingKey   the key used when a request lacks a key part's value; null rejects such requests (429)
 * @param policy       where the counts live
 * @param redis        for {@link Policy#REDIS}, how to reach Redis and what to do when it fails; null otherwise
 * @param maxKeys      keys tracked at most per node (least recently used evicted beyond)
 * @param idleExpiry   a key unused this long is forgotten (its bucket full again, its window empty)
 */
public record LimiterConfig(String name, List<KeyPart> key, LimitAlgorithm algorithm, String missingKey,
                            Policy policy, RedisLimitConfig redis, long maxKeys, Duration idleExpiry) {

    public enum Policy { LOCAL, REDIS }

    public LimiterConfig {
        key = List.copyOf(key);
    }
}
