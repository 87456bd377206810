package io.gatehouse.ratelimit.local;

/**
 * A key's counts in the window of {@code length} that starts at {@code start} and in the window before it.
 */
record SlidingCount(long start, long length, long current, long previous) {

    static SlidingCount empty(long now, long length) {
        return new SlidingCount(LimitMath.windowStart(now, length), length, 0, 0);
    }

    /** This state in the window that holds {@code now}: the same one, the next, or a later (empty) one. */
    SlidingCount rolled(long now) {
        long elapsed = now - start;
        if (elapsed < length) {
            return this;
        }
        return elapsed < 2 * length
                ? new SlidingCount(start + length, length, 0, current)
                : empty(now, length);
    }

    SlidingCount plus(long cost) {
        return new SlidingCount(start, length, LimitMath.saturatedAdd(current, cost), previous);
    }

    /**
     * {@code current + previous * (1 - elapsed / length)}: the previous window weighted by how much of it the
     * sliding window still covers, rounded up, so that comparing it with a whole limit is exact.
     */
    long estimate(long now) {
        return LimitMath.saturatedAdd(current, LimitMath.ceilMulDiv(previous, length - (now - start), length));
    }

    /**
     * How far into a window {@code count} requests of the window before weigh at most {@code allowed}: zero when
     * they already do.
     */
    long decayedAfter(long count, long allowed) {
        return count <= allowed ? 0 : length - LimitMath.floorMulDiv(allowed, length, count);
    }
}
