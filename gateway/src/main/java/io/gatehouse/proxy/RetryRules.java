package io.gatehouse.proxy;

import io.gatehouse.config.RetryConfig;
import io.gatehouse.upstream.TryOutcome;
import io.gatehouse.upstream.resilience.Backoff;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Whether a failed try of a route's request is tried again, and after how long. */
final class RetryRules {

    /** RFC 9110 section 9.2.2: a client may repeat these. */
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

    private RetryRules() {
    }

    /** Whether the route may retry a request of this method at all. */
    static boolean allows(RetryConfig policy, HttpMethod method) {
        return policy != null && (policy.nonIdempotent() || IDEMPOTENT.contains(method));
    }

    /**
     * The wait before the next try, or -1 for none: when tries are used up, the outcome is not one the route
     * retries, or the wait (the upstream's {@code Retry-After}, else the backoff) would not end before
     * {@code limitNanos}.
     *
     * @param tries           tries made so far
     * @param retryAfterNanos what the response's Retry-After asks for; -1 when it has none
     */
    static long delayNanos(RetryConfig policy, TryOutcome outcome, int tries, long retryAfterNanos, long limitNanos,
                           RandomGenerator random) {
        if (tries >= policy.attempts() || !outcome.failsBy(policy.on())) {
            return -1;
        }
        long delay = retryAfterNanos >= 0 ? retryAfterNanos
                : Backoff.delayNanos(tries, policy.backoff(), policy.maxBackoff(), random);
        return delay < limitNanos ? delay : -1;
    }
}
