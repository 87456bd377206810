package io.gatehouse.upstream.resilience;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with full jitter between tries. */
public final class Backoff {

    private Backoff() {
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry): uniform in [0, min(max, base * 2^(retry-1))].
     */
    public static long delayNanos(int retry, Duration base, Duration max, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("expected a retry number of at least 1, got " + retry);
        }
        if (base.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("expected non-negative backoff durations, got base " + base
                    + " and max " + max);
        }
        long ceiling = ceilingNanos(retry - 1, base.toNanos(), max.toNanos());
        // nextLong(bound) excludes the bound; a ceiling of Long.MAX_VALUE has no bound above it
        return ceiling == Long.MAX_VALUE ? random.nextLong() >>> 1 : random.nextLong(ceiling + 1);
    }

    /** min(max, base * 2^doublings) without overflowing. */
    private static long ceilingNanos(int doublings, long base, long max) {
        if (base == 0) {
            return 0;
        }
        if (doublings >= Long.SIZE - 1 || base > max >> doublings) {
            return max;
        }
        return base << doublings;
    }
}
