package io.gatehouse.config;

import java.time.Duration;

/**
 * How a cluster-wide limiter reaches Redis.
 *
 * @param url       {@code redis://[user:password@]host:port[/db]}, or {@code rediss://} for TLS
 * @param timeout   a Redis call that takes longer counts as a failure
 * @param onFailure what requests get while Redis fails or times out
 * @param batch     tokens a node takes from Redis at a time and spends locally (0 for a Redis call per request);
 *                  the cluster may admit up to {@code batch} x nodes more than the limit
 */
public record RedisLimitConfig(String url, Duration timeout, FailurePolicy onFailure, long batch) {

    public enum FailurePolicy {
        /** Serve, counting locally on this node. */
        FAIL_OPEN,
        /** Refuse with 503. */
        FAIL_CLOSED
    }
}
