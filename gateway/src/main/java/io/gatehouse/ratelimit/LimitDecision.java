package io.gatehouse.ratelimit;

/**
 * A limiter's verdict on one request.
 *
 * @param limit          the quota the verdict was made against (capacity, window limit or queue size)
 * @param remaining      what is left of it after this request (never negative)
 * @param resetNanos     until the quota is whole again (bucket full, window over)
 * @param waitNanos      for {@link Verdict#DELAYED}: how long the request waits before it goes on; for
 *                       {@link Verdict#REJECTED}: when a retry could succeed (Retry-After)
 */
public record LimitDecision(Verdict verdict, long limit, long remaining, long resetNanos, long waitNanos) {

    public enum Verdict {
        /** Go on now. */
        ALLOWED,
        /** Go on after {@code waitNanos} (a shaping leaky bucket). */
        DELAYED,
        /** Over the limit: 429. */
        REJECTED,
        /** The limiter cannot decide (its Redis is down and it fails closed): 503. */
        UNAVAILABLE
    }

    public boolean proceeds() {
        return verdict == Verdict.ALLOWED || verdict == Verdict.DELAYED;
    }
}
