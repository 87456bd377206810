package io.gatehouse.config;

/**
 * The JSON access log.
 *
 * @param queueSize lines buffered for the writer thread; beyond it lines are dropped and counted, never blocking
 */
public record AccessLogConfig(boolean enabled, int queueSize) {
}
