package io.gatehouse.config;

import java.time.Duration;

/**
 * Active health checking of every endpoint of an upstream.
 *
 * @param path      the HTTP request path; null for a TCP connect check
 * @param statuses  statuses that count as healthy (HTTP only)
 * @param healthy   consecutive successes that mark an unhealthy endpoint healthy
 * @param unhealthy consecutive failures that mark a healthy endpoint unhealthy
 * @param jitter    up to this much is added at random to each interval, so checks do not align
 */
public record HealthCheckConfig(String path, StatusSet statuses, Duration interval, Duration timeout, int healthy,
                                int unhealthy, Duration jitter) {

    public boolean http() {
        return path != null;
    }
}
