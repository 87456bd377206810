package io.gatehouse.ratelimit.redis;

import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.LimiterConfig;
import io.gatehouse.config.RedisLimitConfig;
import io.gatehouse.config.RedisLimitConfig.FailurePolicy;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;
import io.gatehouse.ratelimit.RateLimiter;
import io.gatehouse.ratelimit.redis.RedisAlgorithm.Mode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A limiter whose counts live in Redis, so every gateway node shares one quota. Each algorithm is one Lua script
 * that reads and updates a key atomically on the Redis server's clock (nodes with skewed clocks agree), and gives
 * the key an expiry so an idle key vanishes (a full bucket, an empty window). Calls pipeline on one connection
 * per Redis URL ({@link RedisConnections}) and complete on Lettuce's threads; nothing blocks.
 *
 * <p><b>Failures.</b> A call that fails or does not answer within {@code redis.timeout} gets the failure policy:
 * FAIL_OPEN answers from a local limiter of the same algorithm on this node (made by the function given to the
 * constructor), FAIL_CLOSED answers {@link Verdict#UNAVAILABLE}. After a few consecutive failures a circuit stops
 * calling Redis for a short interval that grows while Redis stays down: requests then get the failure policy at
 * once, without waiting for a timeout. {@link #state()} and {@link #counters()} tell how it goes.
 *
 * <p><b>Batching</b> ({@code redis.batch} above 0, token buckets only). A node takes up to {@code batch} tokens
 * from Redis at once and spends them locally. Tokens held by a node are already taken from the shared bucket, yet
 * may be spent long after, when the bucket has refilled: each node may admit up to {@code batch} more than the
 * limit allows, so the cluster admits at most {@code batch} x nodes beyond it. Remaining, on a request served
 * locally, counts the tokens this node still holds.
 *
 * <p><b>Redis.</b> {@code redis://[[user]:password@]host:port[/db]}, or {@code rediss://} for TLS (verifying the
 * server against the JVM's trust store), a single server or a proxy in front of several. Sentinel and Redis
 * Cluster are out of scope: their URLs are refused.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final String KEY_PREFIX = "gatehouse:ratelimit:";

    private final LimiterConfig config;
    private final RedisAlgorithm algorithm;
    private final Duration timeout;
    private final RedisConnections connections;
    private final RedisLink link;
    private final RateLimiter fallback;
    private final TokenBatches batches;
    private final String keyPrefix;
    private final CompletionStage<LimitDecision> unavailable;
    private final RedisLimiterCounters counters = new RedisLimiterCounters();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A limiter on the Redis that {@code config.redis()} names, whose connection it shares through
     * {@code connections}. {@code localLimiters} makes the FAIL_OPEN fallback, once, from a copy of
     * {@code config} whose policy is LOCAL (and which has no Redis settings); it is not called for FAIL_CLOSED.
     */
    public RedisRateLimiter(LimiterConfig config, RedisConnections connections,
                            Function<LimiterConfig, RateLimiter> localLimiters) {
        this(config, connections, localLimiters, NanoClock.SYSTEM);
    }

    RedisRateLimiter(LimiterConfig config, RedisConnections connections,
                     Function<LimiterConfig, RateLimiter> localLimiters, NanoClock clock) {
        RedisLimitConfig redis = validated(config);
        this.config = config;
        this.algorithm = RedisAlgorithm.of(config.algorithm());
        this.timeout = redis.timeout();
        this.keyPrefix = KEY_PREFIX + config.name() + ":" + algorithm.tag() + ":";
        this.unavailable = CompletableFuture.completedStage(
                new LimitDecision(Verdict.UNAVAILABLE, algorithm.limit(), 0, 0, 0));
        this.batches = redis.batch() > 0
                ? new TokenBatches(algorithm.limit(), redis.batch(), config.maxKeys(), clock) : null;
        this.fallback = redis.onFailure() == FailurePolicy.FAIL_OPEN ? localLimiters.apply(localCopy(config)) : null;
        this.connections = connections;
        try {
            this.link = connections.acquire(redis.url());
        } catch (RuntimeException e) {
            closeFallback();
            throw e;
        }
    }

    @Override
    public LimiterConfig config() {
        return config;
    }

    @Override
    public CompletionStage<LimitDecision> acquire(String key, long cost) {
        checkCost(cost);
        if (batches == null) {
            return fromRedis(key, cost, cost);
        }
        LimitDecision local = batches.take(key, cost);
        return local != null ? CompletableFuture.completedStage(local) : fromRedis(key, cost, batches.batch());
    }

    @Override
    public void charge(String key, long cost) {
        checkCost(cost);
        if (!link.admitsCall()) {
            chargeFallback(key, cost);
            return;
        }
        callUnanswered(key, cost, Mode.CHARGE, () -> chargeFallback(key, cost));
    }

    /**
     * Only a shaping leaky bucket delays requests, so only its script takes a cost back: from Redis while it can be
     * called, else from the local fallback that answered meanwhile.
     */
    @Override
    public void giveBack(String key, long cost) {
        checkCost(cost);
        if (!(config.algorithm() instanceof LimitAlgorithm.LeakyBucket bucket && bucket.shapes())) {
            return;
        }
        if (!link.admitsCall()) {
            if (fallback != null) {
                fallback.giveBack(key, cost);
            }
            return;
        }
        callUnanswered(key, cost, Mode.GIVE_BACK, () -> { });
    }

    /** Runs the script in a mode whose reply nobody waits for; {@code onFailure} runs when the call fails. */
    private void callUnanswered(String key, long cost, Mode mode, Runnable onFailure) {
        counters.call();
        link.call(algorithm.script(), keyPrefix + key, algorithm.arguments(cost, cost, mode), timeout)
                .whenComplete((reply, error) -> {
                    if (error != null) {
                        failed(error);
                        onFailure.run();
                    }
                });
    }

    /** UP while this limiter's Redis is connected and its circuit closed. */
    public RedisState state() {
        return link.state();
    }

    public RedisLimiterCounters counters() {
        return counters;
    }

    /** This limiter's Redis as logs and the admin API may show it: its URL without the password. */
    public String redisName() {
        return link.name();
    }

    /** Gives up this limiter's share of its Redis connection, and closes its local fallback. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connections.release(link);
        closeFallback();
    }

    private void closeFallback() {
        if (fallback instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("could not close the local fallback of rate limiter {}", config.name(), e);
            }
        }
    }

    private CompletionStage<LimitDecision> fromRedis(String key, long cost, long wanted) {
        if (!link.admitsCall()) {
            return failurePolicy(key, cost);
        }
        counters.call();
        String[] arguments = algorithm.arguments(cost, wanted, Mode.ACQUIRE);
        return link.call(algorithm.script(), keyPrefix + key, arguments, timeout)
                .thenApply(ScriptReply::parse)
                .handle((reply, error) -> {
                    if (error != null) {
                        failed(error);
                        return failurePolicy(key, cost);
                    }
                    if (batches != null) {
                        batches.keep(key, reply.granted() - cost, reply.decision().resetNanos());
                    }
                    return CompletableFuture.completedStage(reply.decision());
                })
                .thenCompose(Function.identity());
    }

    private CompletionStage<LimitDecision> failurePolicy(String key, long cost) {
        counters.fallback();
        return fallback != null ? fallback.acquire(key, cost) : unavailable;
    }

    private void chargeFallback(String key, long cost) {
        counters.fallback();
        if (fallback != null) {
            fallback.charge(key, cost);
        }
    }

    private void failed(Throwable error) {
        counters.failure();
        LOG.debug("rate limiter {}: Redis call failed", config.name(), error);
    }

    private static void checkCost(long cost) {
        if (cost < 0) {
            throw new IllegalArgumentException("expected a cost of at least 0, got " + cost);
        }
    }

    private static RedisLimitConfig validated(LimiterConfig config) {
        RedisLimitConfig redis = config.redis();
        if (config.policy() != LimiterConfig.Policy.REDIS || redis == null) {
            throw new IllegalArgumentException("expected limiter " + config.name() + " to have policy REDIS with"
                    + " Redis settings, got policy " + config.policy() + " and " + redis);
        }
        if (redis.url() == null || !(redis.url().startsWith("redis://") || redis.url().startsWith("rediss://"))) {
            throw new IllegalArgumentException("expected a redis:// or rediss:// URL for limiter " + config.name()
                    + ", got " + (redis.url() == null ? null : redis.url().replaceFirst(":[^:/@]*@", ":***@")));
        }
        if (redis.timeout() == null || redis.timeout().isNegative() || redis.timeout().isZero()) {
            throw new IllegalArgumentException("expected a positive redis.timeout for limiter " + config.name()
                    + ", got " + redis.timeout());
        }
        if (redis.batch() > 0 && !(config.algorithm() instanceof LimitAlgorithm.TokenBucket)) {
            throw new IllegalArgumentException("expected redis.batch 0 for limiter " + config.name()
                    + ": batching applies to token buckets only, got batch " + redis.batch() + " with "
                    + config.algorithm());
        }
        return redis;
    }

    private static LimiterConfig localCopy(LimiterConfig config) {
        return new LimiterConfig(config.name(), config.key(), config.algorithm(), config.missingKey(),
                LimiterConfig.Policy.LOCAL, null, config.maxKeys(), config.idleExpiry());
    }
}
