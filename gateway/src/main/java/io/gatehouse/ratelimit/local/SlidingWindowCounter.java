package io.gatehouse.ratelimit.local;

import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;

/**
 * At most {@code limit} in any window, estimated from the current aligned window and the previous one, weighted by
 * how much of it the sliding window still covers. When a reload changes the window's length, a key's estimate at
 * that moment becomes its count in the current window of the new length: a reload never forgives requests.
 */
final class SlidingWindowCounter extends Counter<SlidingCount> {

    private final long limit;
    private final long windowNanos;

    SlidingWindowCounter(long limit, long windowNanos) {
        this.limit = limit;
        this.windowNanos = windowNanos;
    }

    @Override
    SlidingCount fresh(long now) {
        return SlidingCount.empty(now, windowNanos);
    }

    @Override
    SlidingCount current(SlidingCount state, long now) {
        SlidingCount rolled = state.rolled(now);
        if (state.length() == windowNanos) {
            return rolled;
        }
        return new SlidingCount(LimitMath.windowStart(now, windowNanos), windowNanos, rolled.estimate(now), 0);
    }

    @Override
    SlidingCount taken(SlidingCount state, long now, long cost) {
        return state.estimate(now) > limit - cost ? null : state.plus(cost);
    }

    @Override
    SlidingCount charged(SlidingCount state, long now, long cost) {
        return state.plus(cost);
    }

    @Override
    LimitDecision admitted(SlidingCount before, SlidingCount after, long now) {
        return new LimitDecision(Verdict.ALLOWED, limit, remaining(after, now), untilEmpty(after, now), 0);
    }

    @Override
    LimitDecision rejected(SlidingCount state, long now, long cost) {
        return new LimitDecision(Verdict.REJECTED, limit, remaining(state, now), untilEmpty(state, now),
                untilFits(state, now, cost));
    }

    private long remaining(SlidingCount state, long now) {
        return Math.max(0, limit - state.estimate(now));
    }

    /** Until neither window counts: the current one must have become the previous one and slid out too. */
    private long untilEmpty(SlidingCount state, long now) {
        long end = state.start() + windowNanos;
        if (state.current() > 0) {
            return end + windowNanos - now;
        }
        return state.previous() > 0 ? end - now : 0;
    }

    private long untilFits(SlidingCount state, long now, long cost) {
        long allowed = limit - cost;
        if (allowed < 0) {
            return NEVER;
        }
        if (state.current() <= allowed) {
            // Later in this window, once the previous window weighs little enough.
            return state.start() + state.decayedAfter(state.previous(), allowed - state.current()) - now;
        }
        // In the next window, once this one, then the previous, weighs little enough.
        return state.start() + windowNanos + state.decayedAfter(state.current(), allowed) - now;
    }
}
