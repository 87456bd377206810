package io.gatehouse.ratelimit.local;

import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;

/**
 * Up to {@code capacity} tokens refilled at a pace, kept as the time the bucket is full again: the tokens used are
 * the time left until then, at the pace, so {@code tokens = min(capacity, tokens + elapsed * rate)} holds without
 * storing the tokens. A charge may push the bucket below zero; later requests wait until it has refilled.
 */
final class TokenBucketCounter extends BacklogCounter {

    private final long capacity;

    TokenBucketCounter(long capacity, Pace pace) {
        super(pace);
        this.capacity = pace.checkedBound(capacity, "capacity");
    }

    @Override
    Backlog taken(Backlog state, long now, long cost) {
        return state.units(now) > capacity - cost ? null : state.plus(cost, now);
    }

    @Override
    LimitDecision admitted(Backlog before, Backlog after, long now) {
        return new LimitDecision(Verdict.ALLOWED, capacity, remaining(after, now), after.nanosLeft(now), 0);
    }

    @Override
    LimitDecision rejected(Backlog state, long now, long cost) {
        long wait = cost > capacity ? NEVER : state.nanosUntilAtMost(pace.ticks(capacity - cost), now);
        return new LimitDecision(Verdict.REJECTED, capacity, remaining(state, now), state.nanosLeft(now), wait);
    }

    private long remaining(Backlog state, long now) {
        return Math.max(0, capacity - state.units(now));
    }
}
