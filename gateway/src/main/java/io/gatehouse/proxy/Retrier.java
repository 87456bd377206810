package io.gatehouse.proxy;

import io.gatehouse.config.RetryConfig;
import io.gatehouse.upstream.TryOutcome;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.resilience.Backoff;
import io.gatehouse.upstream.resilience.RetryBudget;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The retries of one request: whether a failed try is tried again and after how long, the retry-budget slot the
 * request holds from its first retry on, and the pending backoff. Used on the exchange's event loop.
 */
final class Retrier {

    /** RFC 9110 section 9.2.2: a client may repeat these. */
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

    private final RetryConfig policy;
    /** The budget this request's retry slot came from; null while it holds none. */
    private RetryBudget slot;
    private ScheduledFuture<?> backoff;

    /** @param policy the route's retries, or null for none; a method that is not idempotent may disable them */
    Retrier(RetryConfig policy, HttpMethod method) {
        this.policy = policy != null && (policy.nonIdempotent() || IDEMPOTENT.contains(method)) ? policy : null;
    }

    /** How many body bytes to keep for a later try: none without a body, -1 (keep nothing) without retries. */
    long replayCap(boolean requestHasBody) {
        return !requestHasBody ? 0 : policy != null ? policy.replayBuffer() : -1;
    }

    /**
     * The wait before another try after {@code tries} tries, or -1 for none: when tries are used up, the outcome is
     * not one the route retries, the wait (the upstream's {@code Retry-After}, else the backoff) would not end
     * before {@code limitNanos}, or {@code target}'s retry budget has no room. A positive answer counts the retry.
     *
     * @param retryAfterNanos what the response's Retry-After asks for; -1 when it has none
     */
    long delayNanos(TryOutcome outcome, int tries, long retryAfterNanos, long limitNanos, Upstream target,
                    RandomGenerator random) {
        if (policy == null || tries >= policy.attempts() || !outcome.failsBy(policy.on())) {
            return -1;
        }
        long delay = retryAfterNanos >= 0 ? retryAfterNanos
                : Backoff.delayNanos(tries, policy.backoff(), policy.maxBackoff(), random);
        if (delay >= limitNanos) {
            return -1;
        }
        if (slot == null) {
            if (!target.retryBudget().tryStartRetry(target.limits().active(), policy.budget(), policy.minRetries())) {
                target.budgetExhausted();
                return -1;
            }
            slot = target.retryBudget();
        }
        target.retried();
        return delay;
    }

    /** Runs {@code next} after the backoff, unless {@link #cancel()} comes first. */
    void schedule(EventLoop loop, Runnable next, long delayNanos) {
        backoff = loop.schedule(() -> {
            backoff = null;
            next.run();
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Gives the retry slot back to the budget it came from: the request retries no more against that upstream. */
    void endRetries() {
        if (slot != null) {
            slot.endRetry();
            slot = null;
        }
    }

    /** The request is over: a pending backoff never fires, the slot goes back. */
    void cancel() {
        if (backoff != null) {
            backoff.cancel(false);
            backoff = null;
        }
        endRetries();
    }
}
