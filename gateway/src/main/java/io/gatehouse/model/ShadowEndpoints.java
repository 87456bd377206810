package io.gatehouse.model;

import io.gatehouse.transport.EventLoops;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.UpstreamLimits;
import io.gatehouse.upstream.resilience.CircuitBreaker;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;

/**
 * Chooses where a mirrored request goes the way the proxy chooses for a request: the upstream's balancer over the
 * endpoints that health checks and outlier ejection leave in rotation, with the cursor of the exchange's event
 * loop. A mirror is not the upstream's own traffic and yields to it: it takes no active-request slot (not even for
 * an instant, so it never refuses a real request), the breaker, outlier detection and latency learn nothing from
 * it, and none goes to an upstream whose breaker is not closed (its probes are for real requests) or that is at its
 * {@code max-active} (its real requests fill what it was declared to take). A mirror not sent for either reason is
 * the shadow's failure, never counted as a refusal of the upstream.
 */
final class ShadowEndpoints {

    private ShadowEndpoints() {
    }

    /** The endpoint for a mirror; null when the upstream has none to offer now. Call on {@code loop}. */
    static InetSocketAddress pick(Upstream upstream, EventLoop loop) {
        CircuitBreaker breaker = upstream.breaker();
        if (breaker != null && breaker.state() != CircuitBreaker.State.CLOSED) {
            return null;
        }
        UpstreamLimits limits = upstream.limits();
        int loopIndex = EventLoops.positionInGroup(loop);
        if (loopIndex < 0 || limits.active() >= limits.config().maxActive()) {
            return null;
        }
        Endpoint endpoint = upstream.pickUnadmitted(loopIndex);
        return endpoint == null ? null : endpoint.address();
    }
}
