package io.gatehouse.ratelimit;

import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.LimiterConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
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

    /** Adds the fields describing {@code decision} of {@code limiter}. */
    static void add(HttpHeaders headers, LimiterConfig limiter, LimitDecision decision, boolean legacy) {
        String name = "\"" + limiter.name() + "\"";
        long reset = seconds(decision.resetNanos());
        headers.set(POLICY, name + ";q=" + decision.limit() + ";w=" + windowSeconds(limiter.algorithm()));
        headers.set(RATE_LIMIT, name + ";r=" + decision.remaining() + ";t=" + reset);
        if (legacy) {
            headers.set(LEGACY_LIMIT, decision.limit());
            headers.set(LEGACY_REMAINING, decision.remaining());
            headers.set(LEGACY_RESET, reset);
        }
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
