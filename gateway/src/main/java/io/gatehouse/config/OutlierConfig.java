package io.gatehouse.config;

import java.time.Duration;

/**
 * Passive outlier detection: an endpoint that fails {@code consecutiveErrors} times in a row (5xx or connect
 * failure) is ejected for {@code baseEjection} times its number of ejections, at most {@code maxEjection}.
 *
 * @param maxEjectedFraction at most this fraction of the upstream's endpoints are ejected at once (one always may be)
 */
public record OutlierConfig(int consecutiveErrors, Duration baseEjection, Duration maxEjection,
                            double maxEjectedFraction) {
}
