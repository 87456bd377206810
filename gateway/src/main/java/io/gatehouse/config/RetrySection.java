package io.gatehouse.config;

import java.time.Duration;
import java.util.List;

/** Reads a route's {@code retries}. */
final class RetrySection {

    static final FailureConditions DEFAULT_ON =
            new FailureConditions(true, true, false, StatusSet.parse(List.of("502", "503", "504")));
    static final Duration DEFAULT_BACKOFF = Duration.ofMillis(25);
    /** Without a {@code max-backoff}, one backoff is at most this many times the base. */
    static final int DEFAULT_MAX_BACKOFF_FACTOR = 10;
    static final RetryConfig DEFAULTS = new RetryConfig(2, DEFAULT_ON, DEFAULT_BACKOFF,
            DEFAULT_BACKOFF.multipliedBy(DEFAULT_MAX_BACKOFF_FACTOR), 0.2, 3, false, 64 * 1024);
    static final int MAX_ATTEMPTS = 10;

    private RetrySection() {
    }

    /** Null when absent: no retries. */
    static RetryConfig retries(ConfigNode node) {
        if (!node.expectMap("attempts", "on", "backoff", "max-backoff", "budget", "min-retries", "non-idempotent",
                "replay-buffer")) {
            return null;
        }
        Duration backoff = node.get("backoff").duration(DEFAULTS.backoff());
        ConfigNode maxBackoffNode = node.get("max-backoff");
        Duration maxBackoff = maxBackoffNode.duration(backoff.multipliedBy(DEFAULT_MAX_BACKOFF_FACTOR));
        maxBackoffNode.notBelow(maxBackoff, "backoff", backoff);
        return new RetryConfig(
                node.get("attempts").integer(DEFAULTS.attempts(), 1, MAX_ATTEMPTS),
                FailureConditionsSection.conditions(node.get("on"), DEFAULTS.on()),
                backoff,
                maxBackoff,
                node.get("budget").percentage(DEFAULTS.budget()),
                node.get("min-retries").integer(DEFAULTS.minRetries(), 0, Integer.MAX_VALUE),
                node.get("non-idempotent").bool(DEFAULTS.nonIdempotent()),
                node.get("replay-buffer").size(DEFAULTS.replayBuffer()));
    }
}
