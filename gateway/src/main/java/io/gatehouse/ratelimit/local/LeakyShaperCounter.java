package io.gatehouse.ratelimit.local;

import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;

/**
 * A leaky bucket that shapes: requests leave one after another at a fixed pace, in the order they arrived, each
 * told how long to wait for its turn (virtual scheduling: the state is the time the last admitted request's turn
 * ends). A request whose wait would exceed {@code maxWait}, or that would find more than {@code queue} requests
 * waiting, is rejected. The counter never waits itself: the caller resumes the request when its wait is over.
 */
final class LeakyShaperCounter extends BacklogCounter {

    private final long queue;
    /**
     * The longest backlog an arriving request may find, in ticks: one that it waits no longer than maxWait for, and
     * that holds no more than the queue.
     */
    private final long longestBacklog;

    LeakyShaperCounter(long queue, Pace pace, long maxWaitNanos) {
        super(pace);
        this.queue = pace.checkedBound(queue, "queue");
        this.longestBacklog = Math.min(pace.ticks(queue), LimitMath.saturatedMultiply(maxWaitNanos, pace.units()));
    }

    @Override
    Backlog taken(Backlog state, long now, long cost) {
        // Its turn comes when the backlog it finds has left.
        return state.ticksLeft(now) > longestBacklog ? null : state.plus(cost, now);
    }

    /**
     * The backlog ends {@code cost} earlier. Requests already waiting keep the turns they were told, so the next
     * request may leave together with the last of them: the pace holds on average, not between those two.
     */
    @Override
    Backlog givenBack(Backlog state, long now, long cost) {
        return state.minus(cost, now);
    }

    @Override
    LimitDecision admitted(Backlog before, Backlog after, long now) {
        long wait = before.nanosLeft(now);
        return new LimitDecision(wait == 0 ? Verdict.ALLOWED : Verdict.DELAYED, queue, placesLeft(after, now),
                after.nanosLeft(now), wait);
    }

    @Override
    LimitDecision rejected(Backlog state, long now, long cost) {
        return new LimitDecision(Verdict.REJECTED, queue, placesLeft(state, now), state.nanosLeft(now),
                state.nanosUntilAtMost(longestBacklog, now));
    }

    /**
     * Free places in the queue. The request whose turn is now does not wait, so the backlog's units less one are
     * waiting.
     */
    private long placesLeft(Backlog state, long now) {
        long waiting = Math.max(0, state.units(now) - 1);
        return Math.max(0, queue - waiting);
    }
}
