package io.gatehouse.ratelimit.redis;

import io.gatehouse.config.KeyPart;
import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.LimiterConfig;
import io.gatehouse.config.Rate;
import io.gatehouse.config.RedisLimitConfig;
import io.gatehouse.config.RedisLimitConfig.FailurePolicy;
import io.gatehouse.ratelimit.LimitDecision;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Limiter configs for the tests, and waiting for a decision. */
final class Limiters {

    /** Long enough for a first call, which waits for the connection, in a JVM that has just started. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** How long past its timeout a call may take to complete on this shared machine before a test fails. */
    static final Duration MARGIN = Duration.ofSeconds(3);

    private Limiters() {
    }

    static LimiterConfig config(String name, LimitAlgorithm algorithm, String url, FailurePolicy onFailure,
                                long batch, Duration timeout) {
        return new LimiterConfig(name, List.of(new KeyPart.ClientAddress()), algorithm, null,
                LimiterConfig.Policy.REDIS, new RedisLimitConfig(url, timeout, onFailure, batch), 10_000,
                Duration.ofMinutes(10));
    }

    static LimiterConfig config(String name, LimitAlgorithm algorithm, String url, FailurePolicy onFailure,
                                long batch) {
        return config(name, algorithm, url, onFailure, batch, TIMEOUT);
    }

    static LimiterConfig config(String name, LimitAlgorithm algorithm, String url) {
        return config(name, algorithm, url, FailurePolicy.FAIL_CLOSED, 0);
    }

    /** A bucket that refills too slowly to matter within a test: exactly {@code capacity} tokens. */
    static LimitAlgorithm.TokenBucket slowBucket(long capacity) {
        return new LimitAlgorithm.TokenBucket(capacity, new Rate(1, Duration.ofHours(1)), 1);
    }

    /** The decision, which must come within the limiter's timeout and a generous margin. */
    static LimitDecision decide(RedisRateLimiter limiter, String key, long cost) {
        return await(limiter.acquire(key, cost).toCompletableFuture(), limiter.config().redis().timeout());
    }

    /**
     * The first rejection of up to 3 quick requests for one unit to a limiter that admits one: a limit that
     * replenishes over real time may admit the second if the machine stalls, never all 3.
     */
    static LimitDecision firstRejection(RedisRateLimiter limiter) {
        for (int attempt = 0; attempt < 3; attempt++) {
            LimitDecision decision = decide(limiter, "k", 1);
            if (decision.verdict() == LimitDecision.Verdict.REJECTED) {
                return decision;
            }
        }
        throw new AssertionError("expected a rejection within 3 quick requests to a limit of 1");
    }

    static LimitDecision await(CompletableFuture<LimitDecision> decision) {
        return await(decision, TIMEOUT);
    }

    static LimitDecision await(CompletableFuture<LimitDecision> decision, Duration timeout) {
        try {
            return decision.get(timeout.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no decision within the timeout " + timeout + " and a margin of " + MARGIN, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a decision", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the decision failed; limiters answer, they do not fail", e.getCause());
        }
    }
}
