package io.gatehouse.ratelimit;

import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.LimiterConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The rate-limit response fields: {@code RateLimit-Policy} and {@code RateLimit} as the IETF httpapi draft
 * (draft-ietf-httpapi-ratelimit-headers) writes them, e.g. {@code RateLimit-Policy: "per-client";q=20;w=2} and
 * {@code RateLimit: "per-client";r=7;t=1}, and on request the legacy {@code X-RateLimit-Limit/Remaining/Reset}.
 */
final class RateLimitHeaders {

    static final AsciiString POLICY = AsciiString.cached("ratelimit-policy");
    static final AsciiString RATE_LIMIT = AsciiString.cached("ratelimit");
    static final AsciiString LEGACY_LIMIT = AsciiString.cached("x-ratelimit-limit");
    static final AsciiString LEGACY_REMAINING = AsciiString.cached("x-ratelimit-remaining");
    static final AsciiString LEGACY_RESET = AsciiString.cached("x-ratelimit-reset");

    private RateLimitHeaders() {
    }

    /**
     * The parts of both fields that stay the same while the limiter and its quota do: the whole
     * {@code RateLimit-Policy} value and the start of {@code RateLimit}, {@code "name";r=}, as bytes.
     */
    private record Fixed(LimiterConfig limiter, long quota, AsciiString policy, byte[] rateLimitStart) {

        static Fixed of(LimiterConfig limiter, long quota) {
            String name = "\"" + limiter.name() + "\"";
            return new Fixed(limiter, quota,
                    AsciiString.of(name + ";q=" + quota + ";w=" + windowSeconds(limiter.algorithm())),
                    (name + ";r=").getBytes(StandardCharsets.US_ASCII));
        }

        /** {@code "name";r=REMAINING;t=RESET}, written straight into the bytes the encoder copies. */
        AsciiString rateLimit(long remaining, long reset) {
            int start = rateLimitStart.length;
            byte[] value = new byte[start + digits(remaining) + RESET_PARAM.length + digits(reset)];
            System.arraycopy(rateLimitStart, 0, value, 0, start);
            int at = writeDigits(value, start, remaining);
            System.arraycopy(RESET_PARAM, 0, value, at, RESET_PARAM.length);
            writeDigits(value, at + RESET_PARAM.length, reset);
            return new AsciiString(value, false);
        }
    }

    private static final byte[] RESET_PARAM = ";t=".getBytes(StandardCharsets.US_ASCII);

    // Per thread, so event loops never share a write; a route with several limiters just rebuilds more often.
    private static final FastThreadLocal<Fixed> LAST = new FastThreadLocal<>();

    /** Adds the fields describing {@code decision} of {@code limiter}. */
    static void add(HttpHeaders headers, LimiterConfig limiter, LimitDecision decision, boolean legacy) {
        long reset = seconds(decision.resetNanos());
        Fixed fixed = fixed(limiter, decision.limit());
        headers.set(POLICY, fixed.policy());
        headers.set(RATE_LIMIT, fixed.rateLimit(decision.remaining(), reset));
        if (legacy) {
            headers.set(LEGACY_LIMIT, decision.limit());
            headers.set(LEGACY_REMAINING, decision.remaining());
            headers.set(LEGACY_RESET, reset);
        }
    }

    private static Fixed fixed(LimiterConfig limiter, long quota) {
        Fixed last = LAST.get();
        if (last == null || last.limiter() != limiter || last.quota() != quota) {
            last = Fixed.of(limiter, quota);
            LAST.set(last);
        }
        return last;
    }

    /** Decimal digits of a value that is never negative. */
    private static int digits(long value) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /** Writes {@code value} in decimal at {@code at}; returns the index after it. */
    private static int writeDigits(byte[] into, int at, long value) {
        int end = at + digits(value);
        long rest = value;
        for (int i = end - 1; i >= at; i--) {
            into[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return end;
    }

    /** The fields of a 429: the limiter's state and when to try again. */
    static HttpHeaders rejection(LimiterConfig limiter, LimitDecision decision, boolean legacy) {
        HttpHeaders headers = new DefaultHttpHeaders();
        add(headers, limiter, decision, legacy);
        if (decision.waitNanos() != Long.MAX_VALUE) {
            // A request costing more than the whole quota never fits: no time to come back is honest.
            headers.set(HttpHeaderNames.RETRY_AFTER, Math.max(1, seconds(decision.waitNanos())));
        }
        return headers;
    }

    /** The span the quota refers to: a full bucket's refill time, the window, or the time to drain the queue. */
    static long windowSeconds(LimitAlgorithm algorithm) {
        double seconds;
        if (algorithm instanceof LimitAlgorithm.TokenBucket bucket) {
            seconds = bucket.capacity() / bucket.rate().perSecond();
        } else if (algorithm instanceof LimitAlgorithm.LeakyBucket bucket) {
            seconds = bucket.queue() / bucket.rate().perSecond();
        } else if (algorithm instanceof LimitAlgorithm.FixedWindow window) {
            seconds = window.window().toNanos() / 1e9;
        } else {
            seconds = ((LimitAlgorithm.SlidingWindow) algorithm).window().toNanos() / 1e9;
        }
        return Math.max(1, (long) Math.ceil(seconds));
    }

    /** Whole seconds, rounded up: a client waiting that long is never early. */
    static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
