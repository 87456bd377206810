package io.gatehouse.config;

import java.time.Duration;

/**
 * Timeouts of one route.
 *
 * @param connect  establishing the upstream connection (502 after)
 * @param response per try: the upstream's first response byte after the request was sent, or a connection while
 *                 the request waits in the pool's queue (504 after)
 * @param idle     silence between body chunks in either direction once they flow
 * @param total    from the request's arrival to the response head, across every try and backoff; zero for no
 *                 overall deadline
 * @param filter   how long a filter's pending request decision may take, for filters without a timeout of their
 *                 own (504 after); a filter that bounds its own wait (a shaper's max-wait) is given that long
 */
public record TimeoutsConfig(Duration connect, Duration response, Duration idle, Duration total, Duration filter) {
}
