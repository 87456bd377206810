package io.gatehouse.ratelimit.local;

import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;

/**
 * At most {@code limit} per aligned window. A window in progress when a reload changes its length runs to its
 * end with its count, and the windows after it have the new length.
 */
final class FixedWindowCounter extends Counter<FixedCount> {

    private final long limit;
    private final long windowNanos;

    FixedWindowCounter(long limit, long windowNanos) {
        this.limit = limit;
        this.windowNanos = windowNanos;
    }

    @Override
    FixedCount fresh(long now) {
        return new FixedCount(LimitMath.windowStart(now, windowNanos) + windowNanos, 0);
    }

    @Override
    FixedCount current(FixedCount state, long now) {
        return now - state.end() < 0 ? state : fresh(now);
    }

    @Override
    FixedCount taken(FixedCount state, long now, long cost) {
        return state.count() > limit - cost ? null : state.plus(cost);
    }

    @Override
    FixedCount charged(FixedCount state, long now, long cost) {
        return state.plus(cost);
    }

    @Override
    LimitDecision admitted(FixedCount before, FixedCount after, long now) {
        return new LimitDecision(Verdict.ALLOWED, limit, remaining(after), after.end() - now, 0);
    }

    @Override
    LimitDecision rejected(FixedCount state, long now, long cost) {
        long untilNext = state.end() - now;
        return new LimitDecision(Verdict.REJECTED, limit, remaining(state), untilNext,
                cost > limit ? NEVER : untilNext);
    }

    private long remaining(FixedCount state) {
        return Math.max(0, limit - state.count());
    }
}
