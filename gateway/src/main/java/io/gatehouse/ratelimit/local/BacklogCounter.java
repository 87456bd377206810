package io.gatehouse.ratelimit.local;

/** A bucket that counts in a {@link Backlog} clearing at a pace: a token bucket or a leaky bucket. */
abstract class BacklogCounter extends Counter<Backlog> {

    final Pace pace;

    BacklogCounter(Pace pace) {
        this.pace = pace;
    }

    @Override
    final Backlog fresh(long now) {
        return Backlog.clearAt(now, pace);
    }

    @Override
    final Backlog current(Backlog state, long now) {
        return state.at(pace, now);
    }

    @Override
    final Backlog charged(Backlog state, long now, long cost) {
        return state.plus(cost, now);
    }
}
