package io.gatehouse.ratelimit;

import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.LimiterConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
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

    /** The last {@code RateLimit-Policy} value written, reused while the limiter and its quota stay the same. */
    private record Policy(LimiterConfig limiter, long quota, AsciiString value) {

        static Policy of(LimiterConfig limiter, long quota) {
            return new Policy(limiter, quota, AsciiString.of(quoted(limiter) + ";q=" + quota + ";w="
                    + windowSeconds(limiter.algorithm())));
        }
    }

    // Per thread, so event loops never share a write; a route with several limiters just rebuilds more often.
    private static final FastThreadLocal<Policy> LAST_POLICY = new FastThreadLocal<>();

    /** Adds the fields describing {@code decision} of {@code limiter}. */
    static void add(HttpHeaders headers, LimiterConfig limiter, LimitDecision decision, boolean legacy) {
        long reset = seconds(decision.resetNanos());
        headers.set(POLICY, policy(limiter, decision.limit()));
        headers.set(RATE_LIMIT, quoted(limiter) + ";r=" + decision.remaining() + ";t=" + reset);
        if (legacy) {
            headers.set(LEGACY_LIMIT, decision.limit());
            headers.set(LEGACY_REMAINING, decision.remaining());
            headers.set(LEGACY_RESET, reset);
        }
    }

    private static AsciiString policy(LimiterConfig limiter, long quota) {
        Policy last = LAST_POLICY.get();
        if (last == null || last.limiter() != limiter || last.quota() != quota) {
            last = Policy.of(limiter, quota);
            LAST_POLICY.set(last);
        }
        return last.value();
    }

    private static String quoted(LimiterConfig limiter) {
        return "\"" + limiter.name() + "\"";
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
