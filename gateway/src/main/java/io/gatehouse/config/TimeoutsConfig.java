package io.gatehouse.config;

import java.time.Duration;

/**
 * Upstream timeouts of one route.
 *
 * @param connect  establishing the upstream connection (502 after)
 * @param response the upstream's first response byte after the request was sent, or a connection while the
 *                 request waits in the pool's queue (504 after)
 * @param idle     silence between body chunks in either direction once they flow
 */
public record TimeoutsConfig(Duration connect, Duration response, Duration idle) {
}
