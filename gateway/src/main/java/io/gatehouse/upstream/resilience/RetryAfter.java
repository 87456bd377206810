package io.gatehouse.upstream.resilience;

import java.time.Instant;

/** Reads the {@code Retry-After} response header (RFC 9110 section 10.2.3). */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The wait the header asks for, in nanoseconds, from delay-seconds or an HTTP-date relative to {@code now}
     * (a date in the past is 0); -1 when {@code value} is null or malformed.
     */
    public static long parseNanos(String value, Instant now) {
        return -1;
    }
}
