package io.gatehouse.config;

/**
 * Which outcomes of an upstream try count as failures, for retries and the circuit breaker alike. Written in YAML as
 * a list such as {@code [connect-failure, reset, timeout, 502, 503, 504]} or {@code [5xx]}.
 *
 * @param connectFailure the connection could not be established
 * @param reset          the connection closed before the response was complete
 * @param timeout        the try timed out waiting for the response
 * @param statuses       response statuses that count
 */
public record FailureConditions(boolean connectFailure, boolean reset, boolean timeout, StatusSet statuses) {
}
