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
        return base.toNanos();
    }
}
