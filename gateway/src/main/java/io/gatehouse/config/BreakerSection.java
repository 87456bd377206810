package io.gatehouse.config;

import java.time.Duration;

/** Reads an upstream's {@code circuit-breaker}. */
final class BreakerSection {

    static final FailureConditions DEFAULT_FAILURES =
            new FailureConditions(true, true, true, StatusSet.range(500, 599));
    static final BreakerConfig DEFAULTS = new BreakerConfig(Duration.ofSeconds(10), 10, 20, 0.5,
            Duration.ofSeconds(5), 3, DEFAULT_FAILURES, null, 0.8);

    private BreakerSection() {
    }

    /** Null when absent: no breaker. */
    static BreakerConfig breaker(ConfigNode node) {
        if (!node.expectMap("window", "buckets", "min-requests", "error-rate", "open-for", "half-open-requests",
                "failures", "slow-call")) {
            return null;
        }
        ConfigNode windowNode = node.get("window");
        Duration window = windowNode.positiveDuration(DEFAULTS.window());
        int buckets = node.get("buckets").integer(DEFAULTS.buckets(), 1, 1000);
        if (window.toMillis() < buckets) {
            windowNode.error("must be at least 1ms per bucket (" + buckets + " buckets), got "
                    + Durations.format(window));
        }
        ConfigNode slowCall = node.get("slow-call");
        boolean slow = slowCall.expectMap("duration", "rate");
        return new BreakerConfig(
                window,
                buckets,
                node.get("min-requests").integer(DEFAULTS.minRequests(), 1, Integer.MAX_VALUE),
                rate(node.get("error-rate"), DEFAULTS.errorRate()),
                node.get("open-for").positiveDuration(DEFAULTS.openFor()),
                node.get("half-open-requests").integer(DEFAULTS.halfOpenRequests(), 1, Integer.MAX_VALUE),
                FailureConditionsSection.conditions(node.get("failures"), DEFAULT_FAILURES),
                slow && slowCall.get("duration").require()
                        ? slowCall.get("duration").positiveDuration(null) : null,
                slow ? rate(slowCall.get("rate"), DEFAULTS.slowCallRate()) : DEFAULTS.slowCallRate());
    }

    /** A rate that opens the breaker; 0% would open it on a window without a single failure. */
    private static double rate(ConfigNode node, double fallback) {
        double rate = node.percentage(fallback);
        if (rate == 0) {
            node.error("expected a percentage above 0%, got \"" + node.string(null) + "\"");
            return fallback;
        }
        return rate;
    }
}
