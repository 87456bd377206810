package io.gatehouse.ratelimit.redis;

import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.LimitAlgorithm.FixedWindow;
import io.gatehouse.config.LimitAlgorithm.LeakyBucket;
import io.gatehouse.config.LimitAlgorithm.SlidingWindow;
import io.gatehouse.config.LimitAlgorithm.TokenBucket;
import io.gatehouse.config.Rate;
import java.time.Duration;

/**
 * An algorithm as its script sees it: which script, the arguments of one call (durations in microseconds, the
 * scripts' unit), and a tag in the key so that a limiter whose algorithm changes across a reload does not read
 * the other algorithm's state.
 */
final class RedisAlgorithm {

    /**
     * What a call does with the cost: take it (or refuse), charge it after the fact (never refuses), or give it back
     * (a delayed request that left; leaky buckets only).
     */
    enum Mode {
        ACQUIRE("acquire"), CHARGE("charge"), GIVE_BACK("give-back");

        private final String argument;

        Mode(String argument) {
            this.argument = argument;
        }
    }

    @FunctionalInterface
    private interface Arguments {
        String[] of(String cost, String wanted, String mode);
    }

    private final LimitScript script;
    private final String tag;
    private final long limit;
    private final Arguments arguments;

    private RedisAlgorithm(LimitScript script, String tag, long limit, Arguments arguments) {
        this.script = script;
        this.tag = tag;
        this.limit = limit;
        this.arguments = arguments;
    }

    static RedisAlgorithm of(LimitAlgorithm algorithm) {
        if (algorithm instanceof TokenBucket bucket) {
            String capacity = positive(bucket.capacity(), "capacity");
            String amount = amount(bucket.rate());
            String per = micros(bucket.rate().per());
            return new RedisAlgorithm(LimitScript.TOKEN_BUCKET, "tb", bucket.capacity(),
                    (cost, wanted, mode) -> new String[] {capacity, amount, per, cost, wanted, mode});
        }
        if (algorithm instanceof LeakyBucket bucket) {
            String queue = positive(bucket.queue(), "queue");
            String amount = amount(bucket.rate());
            String per = micros(bucket.rate().per());
            // a zero wait limit makes the script meter, any other shape
            String maxWait = bucket.shapes() ? micros(bucket.maxWait()) : "0";
            return new RedisAlgorithm(LimitScript.LEAKY_BUCKET, bucket.shapes() ? "ls" : "lm", bucket.queue(),
                    (cost, wanted, mode) -> new String[] {queue, amount, per, cost, maxWait, mode});
        }
        if (algorithm instanceof FixedWindow window) {
            return windowed(LimitScript.FIXED_WINDOW, "fw", window.limit(), window.window());
        }
        if (algorithm instanceof SlidingWindow window) {
            return windowed(LimitScript.SLIDING_WINDOW, "sw", window.limit(), window.window());
        }
        throw new IllegalArgumentException("expected a token bucket, leaky bucket, fixed or sliding window, got "
                + algorithm);
    }

    LimitScript script() {
        return script;
    }

    String tag() {
        return tag;
    }

    /** The quota decisions are made against: capacity, queue or window limit. */
    long limit() {
        return limit;
    }

    /**
     * The script's arguments for one call. {@code wanted} (at least {@code cost}) is what a batching token bucket
     * takes when there is that much; the other algorithms take exactly {@code cost}.
     */
    String[] arguments(long cost, long wanted, Mode mode) {
        return arguments.of(Long.toString(cost), Long.toString(Math.max(cost, wanted)), mode.argument);
    }

    private static RedisAlgorithm windowed(LimitScript script, String tag, long limit, Duration window) {
        String limitArgument = positive(limit, "limit");
        String windowArgument = micros(window);
        return new RedisAlgorithm(script, tag, limit,
                (cost, wanted, mode) -> new String[] {limitArgument, windowArgument, cost, mode});
    }

    private static String positive(long value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException("expected a " + what + " of at least 1, got " + value);
        }
        return Long.toString(value);
    }

    private static String amount(Rate rate) {
        return positive(rate.amount(), "rate amount");
    }

    private static String micros(Duration duration) {
        long micros = duration.toNanos() / 1000;
        if (micros < 1) {
            throw new IllegalArgumentException("expected a duration of at least 1us, got " + duration);
        }
        return Long.toString(micros);
    }
}
