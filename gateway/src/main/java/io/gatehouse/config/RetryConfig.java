package io.gatehouse.config;

import java.time.Duration;

/**
 * How a route retries a failed upstream try.
 *
 * @param attempts      tries in all, the first included
 * @param on            the outcomes that are retried
 * @param backoff       the base of the exponential backoff (with full jitter) between tries
 * @param maxBackoff    the cap of one backoff
 * @param budget        retries in flight may be at most this fraction of the upstream's active requests
 * @param minRetries    retries in flight that are always allowed, whatever the budget says
 * @param nonIdempotent whether POST, PATCH and other non-idempotent methods are retried too
 * @param replayBuffer  a request body up to this many bytes is kept to be sent again; a larger one is not retried
 */
public record RetryConfig(int attempts, FailureConditions on, Duration backoff, Duration maxBackoff, double budget,
                          int minRetries, boolean nonIdempotent, long replayBuffer) {
}
