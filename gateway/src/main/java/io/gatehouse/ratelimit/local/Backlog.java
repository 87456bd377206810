package io.gatehouse.ratelimit.local;

/**
 * A key's state in a bucket (token or leaky): when its backlog clears, that is when its token bucket is full again
 * or its leaky bucket empty, and the pace it clears at. One instant says it all (the generic cell rate algorithm):
 * what is used is the time left until then, at the pace. The instant is {@code clearsAt} nanoseconds plus
 * {@code fraction} ticks (below one nanosecond), so that refills are exact at any rate.
 */
record Backlog(long clearsAt, long fraction, Pace pace) {

    static Backlog clearAt(long now, Pace pace) {
        return new Backlog(now, 0, pace);
    }

    /** Ticks until the backlog clears; zero once it has. */
    long ticksLeft(long now) {
        long nanos = clearsAt - now;
        return nanos < 0 ? 0 : LimitMath.saturatedAdd(LimitMath.saturatedMultiply(nanos, pace.units()), fraction);
    }

    /** Nanoseconds until the backlog clears, rounded up. */
    long nanosLeft(long now) {
        return LimitMath.ceilDiv(ticksLeft(now), pace.units());
    }

    /** Units still in the backlog, a unit partly cleared counting whole. */
    long units(long now) {
        return LimitMath.ceilDiv(ticksLeft(now), pace.nanos());
    }

    /** Nanoseconds, rounded up, until no more than {@code ticks} are left. */
    long nanosUntilAtMost(long ticks, long now) {
        return LimitMath.ceilDiv(Math.max(0, ticksLeft(now) - ticks), pace.units());
    }

    /** This backlog with {@code cost} more units, which clear after those already in it. */
    Backlog plus(long cost, long now) {
        return after(now, Math.min(Pace.MAX_TICKS, ticksLeft(now) + pace.ticks(cost)), pace);
    }

    /** This backlog with {@code cost} units fewer, never below empty. */
    Backlog minus(long cost, long now) {
        return after(now, Math.max(0, ticksLeft(now) - pace.ticks(cost)), pace);
    }

    /**
     * The same units clearing at {@code next} from now on (a reload changed the rate): a reload neither forgives
     * what was used nor makes it weigh more.
     */
    Backlog at(Pace next, long now) {
        // Identity first: the pace is nearly always the counter's own, and a record's equals is comparatively slow.
        return pace == next || pace.equals(next) ? this : after(now, next.ticks(units(now)), next);
    }

    private static Backlog after(long now, long ticks, Pace pace) {
        return new Backlog(now + ticks / pace.units(), ticks % pace.units(), pace);
    }
}
