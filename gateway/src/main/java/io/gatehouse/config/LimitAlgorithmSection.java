package io.gatehouse.config;

import java.time.Duration;

/** Reads the one algorithm a limiter counts with: token-bucket, leaky-bucket, fixed-window or sliding-window. */
final class LimitAlgorithmSection {

    static final String[] KINDS = {"token-bucket", "leaky-bucket", "fixed-window", "sliding-window"};
    static final long DEFAULT_COST = 1;
    static final Duration DEFAULT_MAX_WAIT = Duration.ZERO;

    private LimitAlgorithmSection() {
    }

    /** The algorithm under {@code limiter}, which must hold exactly one; null after reporting a problem. */
    static LimitAlgorithm algorithm(ConfigNode limiter) {
        String kind = limiter.exactlyOne(KINDS);
        if (kind == null) {
            return null;
        }
        ConfigNode node = limiter.get(kind);
        return switch (kind) {
            case "token-bucket" -> tokenBucket(node);
            case "leaky-bucket" -> leakyBucket(node);
            case "fixed-window" -> node.requireMap("limit", "window") ? window(node, false) : null;
            default -> node.requireMap("limit", "window") ? window(node, true) : null;
        };
    }

    private static LimitAlgorithm tokenBucket(ConfigNode node) {
        if (!node.requireMap("capacity", "rate", "cost")) {
            return null;
        }
        long capacity = requiredCount(node.get("capacity"));
        Rate rate = requiredRate(node.get("rate"));
        ConfigNode costNode = node.get("cost");
        long cost = costNode.longInteger(DEFAULT_COST, 1);
        if (capacity > 0 && cost > capacity) {
            costNode.error("must not exceed capacity (" + capacity + "), got " + cost);
        }
        if (rate != null && !countable(capacity, rate)) {
            node.get("capacity").error(tooLarge(capacity, rate));
        }
        return capacity == 0 || rate == null ? null : new LimitAlgorithm.TokenBucket(capacity, rate, cost);
    }

    private static LimitAlgorithm leakyBucket(ConfigNode node) {
        if (!node.requireMap("rate", "queue", "max-wait")) {
            return null;
        }
        Rate rate = requiredRate(node.get("rate"));
        long queue = requiredCount(node.get("queue"));
        Duration maxWait = node.get("max-wait").duration(DEFAULT_MAX_WAIT);
        if (rate != null && !countable(queue, rate)) {
            node.get("queue").error(tooLarge(queue, rate));
        }
        return rate == null || queue == 0 || maxWait == null ? null
                : new LimitAlgorithm.LeakyBucket(rate, queue, maxWait);
    }

    private static LimitAlgorithm window(ConfigNode node, boolean sliding) {
        long limit = requiredCount(node.get("limit"));
        Duration window = node.get("window").require() ? node.get("window").positiveDuration(null) : null;
        if (limit == 0 || window == null) {
            return null;
        }
        return sliding
                ? new LimitAlgorithm.SlidingWindow(limit, window)
                : new LimitAlgorithm.FixedWindow(limit, window);
    }

    /**
     * Buckets count in ticks of 1/amount of their period's nanoseconds (reduced by their common divisor), and a
     * full bucket must stay below 2^61 ticks: far beyond any useful limit, but a typo like a capacity of 10^15 at
     * 1/h is caught here rather than when the limiter is built.
     */
    private static boolean countable(long count, Rate rate) {
        return count <= 0 || count <= maxCount(rate);
    }

    private static long maxCount(Rate rate) {
        long per = rate.per().toNanos();
        return ((1L << 61) - 1) / (per / java.math.BigInteger.valueOf(per).gcd(java.math.BigInteger.valueOf(
                rate.amount())).longValueExact());
    }

    private static String tooLarge(long count, Rate rate) {
        return "too large for a rate of " + rate.amount() + " per " + Durations.format(rate.per()) + ": at most "
                + maxCount(rate) + ", got " + count;
    }

    /** The name an algorithm is written under. */
    static String kind(LimitAlgorithm algorithm) {
        if (algorithm instanceof LimitAlgorithm.TokenBucket) {
            return KINDS[0];
        }
        if (algorithm instanceof LimitAlgorithm.LeakyBucket) {
            return KINDS[1];
        }
        return algorithm instanceof LimitAlgorithm.FixedWindow ? KINDS[2] : KINDS[3];
    }

    /** A required count of at least 1; 0 after reporting a problem. */
    private static long requiredCount(ConfigNode node) {
        return node.require() ? node.longInteger(0, 1) : 0;
    }

    private static Rate requiredRate(ConfigNode node) {
        return node.require() ? node.parsed(Rates::parse, null) : null;
    }
}
