package io.gatehouse.ratelimit;

import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.LimiterConfig;
import io.gatehouse.context.AttributeKey;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.observe.RateLimitMeters;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Checks a request against a route's limiters in order. The first that rejects answers 429 (503 when a limiter
 * that fails closed cannot reach Redis); a shaping limiter's wait is served by a timer on the exchange's event loop,
 * never by holding it, and a request that leaves before its wait is over gives its place in the queue back. The
 * response carries the tightest limiter's {@code RateLimit} fields.
 */
final class RateLimitFilter implements Filter {

    /** A limiter as this route uses it, with its counters. */
    record Bound(RateLimiter limiter, RateLimitMeters meters) {

        LimiterConfig config() {
            return limiter.config();
        }

        long cost() {
            return config().algorithm() instanceof LimitAlgorithm.TokenBucket bucket ? bucket.cost() : 1;
        }
    }

    /** The decision whose numbers the response shows: the one with the least left. */
    private record Shown(LimiterConfig limiter, LimitDecision decision) {
    }

    /**
     * A request a shaping limiter delayed: the places it holds in shapers' queues until its wait is over, and the
     * timer that ends the wait. Confined to the exchange's loop.
     */
    private static final class Wait {
        final List<Bound> limiters = new ArrayList<>(1);
        final List<String> keys = new ArrayList<>(1);
        ScheduledFuture<?> timer;
        boolean over;
    }

    private static final AttributeKey<Shown> SHOWN = AttributeKey.of("rate-limit");

    private final List<Bound> limiters;
    private final boolean legacyHeaders;
    /** This instance's own: a route may have several rate-limit filters, each waiting in turn. */
    private final AttributeKey<Wait> waitKey = AttributeKey.of("rate-limit-wait");

    RateLimitFilter(List<Bound> limiters, boolean legacyHeaders) {
        this.limiters = List.copyOf(limiters);
        this.legacyHeaders = legacyHeaders;
    }

    @Override
    public CompletionStage<FilterDecision> onRequest(RequestContext ctx, HttpRequest request) {
        return check(ctx, request, 0, 0);
    }

    /** Checks limiters from {@code from} on; {@code waitNanos} is the longest wait a shaper asked for so far. */
    private CompletionStage<FilterDecision> check(RequestContext ctx, HttpRequest request, int from, long waitNanos) {
        long wait = waitNanos;
        for (int i = from; i < limiters.size(); i++) {
            Bound bound = limiters.get(i);
            String key = LimitKey.of(bound.config().key(), ctx, request);
            if (key == null) {
                key = bound.config().missingKey();
                if (key == null) {
                    bound.meters().rejected();
                    return FilterDecision.respond(HttpResponseStatus.TOO_MANY_REQUESTS, "the request has no "
                            + LimitKey.describe(bound.config().key()) + " to count it under");
                }
            }
            CompletableFuture<LimitDecision> pending = bound.limiter().acquire(key, bound.cost())
                    .toCompletableFuture();
            if (!pending.isDone()) {
                int next = i + 1;
                long waitSoFar = wait;
                String counted = key;
                // Back on the exchange's loop, which the context belongs to.
                return pending.thenComposeAsync(decision -> {
                    CompletionStage<FilterDecision> refusal = judge(ctx, bound, counted, decision);
                    return refusal != null ? refusal
                            : check(ctx, request, next, Math.max(waitSoFar, delayOf(decision)));
                }, ctx.eventLoop());
            }
            LimitDecision decision = pending.join();
            CompletionStage<FilterDecision> refusal = judge(ctx, bound, key, decision);
            if (refusal != null) {
                return refusal;
            }
            wait = Math.max(wait, delayOf(decision));
        }
        return wait > 0 ? after(ctx, wait) : FilterDecision.CONTINUE;
    }

    /** Counts the decision and remembers it for the response; returns the refusal, or null to go on. */
    private CompletionStage<FilterDecision> judge(RequestContext ctx, Bound bound, String key,
                                                  LimitDecision decision) {
        switch (decision.verdict()) {
            case REJECTED -> {
                bound.meters().rejected();
                return FilterDecision.respond(HttpResponseStatus.TOO_MANY_REQUESTS,
                        "rate limit \"" + bound.config().name() + "\" exceeded",
                        RateLimitHeaders.rejection(bound.config(), decision, legacyHeaders));
            }
            case UNAVAILABLE -> {
                bound.meters().unavailable();
                return FilterDecision.respond(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "rate limit \"" + bound.config().name() + "\" cannot be checked now");
            }
            case DELAYED -> {
                bound.meters().delayed();
                held(ctx, bound, key);
            }
            default -> bound.meters().allowed();
        }
        Shown shown = ctx.get(SHOWN);
        if (shown == null || share(decision) < share(shown.decision())) {
            ctx.set(SHOWN, new Shown(bound.config(), decision));
        }
        return null;
    }

    private static double share(LimitDecision decision) {
        return decision.limit() <= 0 ? 1 : (double) decision.remaining() / decision.limit();
    }

    private static long delayOf(LimitDecision decision) {
        return decision.verdict() == LimitDecision.Verdict.DELAYED ? decision.waitNanos() : 0;
    }

    /** Remembers a place {@code bound} holds for the request until its wait is over. */
    private void held(RequestContext ctx, Bound bound, String key) {
        Wait wait = ctx.get(waitKey);
        if (wait == null) {
            wait = new Wait();
            ctx.set(waitKey, wait);
        }
        wait.limiters.add(bound);
        wait.keys.add(key);
    }

    /** Goes on after {@code nanos}: a timer on the exchange's loop, so the wait holds no thread. */
    private CompletionStage<FilterDecision> after(RequestContext ctx, long nanos) {
        CompletableFuture<FilterDecision> later = new CompletableFuture<>();
        Wait wait = ctx.get(waitKey);
        wait.timer = ctx.eventLoop().schedule(() -> {
            if (!wait.over) {
                wait.over = true;
                later.complete(FilterDecision.CONTINUE.toCompletableFuture().join());
            }
        }, nanos, TimeUnit.NANOSECONDS);
        return later;
    }

    /** The longest a decision may take: the Redis calls, one after another, then the longest shaping wait. */
    @Override
    public Duration ownTimeout(RequestContext ctx) {
        Duration calls = Duration.ZERO;
        Duration longestWait = Duration.ZERO;
        for (Bound bound : limiters) {
            if (bound.config().redis() != null) {
                calls = calls.plus(bound.config().redis().timeout());
            }
            if (bound.config().algorithm() instanceof LimitAlgorithm.LeakyBucket bucket
                    && bucket.maxWait().compareTo(longestWait) > 0) {
                longestWait = bucket.maxWait();
            }
        }
        return calls.plus(longestWait);
    }

    /**
     * A request that leaves before its wait is over (its client went away, it timed out, a later limiter refused
     * it) gives its places back, so that the next request can take them.
     */
    @Override
    public void onComplete(RequestContext ctx) {
        Wait wait = ctx.get(waitKey);
        if (wait == null || wait.over) {
            return;
        }
        wait.over = true;
        if (wait.timer != null) {
            wait.timer.cancel(false);
        }
        for (int i = 0; i < wait.limiters.size(); i++) {
            Bound bound = wait.limiters.get(i);
            bound.limiter().giveBack(wait.keys.get(i), bound.cost());
        }
    }

    @Override
    public void onResponse(RequestContext ctx, HttpResponse response) {
        Shown shown = ctx.get(SHOWN);
        if (shown != null && response.status().code() != HttpResponseStatus.TOO_MANY_REQUESTS.code()) {
            RateLimitHeaders.add(response.headers(), shown.limiter(), shown.decision(), legacyHeaders);
        }
    }
}
