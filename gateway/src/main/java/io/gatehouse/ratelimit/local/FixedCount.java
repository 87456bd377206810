package io.gatehouse.ratelimit.local;

/** A key's count in the window that ends at {@code end}. */
record FixedCount(long end, long count) {

    FixedCount plus(long cost) {
        return new FixedCount(end, LimitMath.saturatedAdd(count, cost));
    }
}
