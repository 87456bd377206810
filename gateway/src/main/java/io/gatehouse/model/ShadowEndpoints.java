package io.gatehouse.model;

import io.gatehouse.transport.EventLoops;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.UpstreamTry;
import io.gatehouse.upstream.lb.PickRequest;
import io.gatehouse.upstream.resilience.CircuitBreaker;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;

/**
 * Chooses where a mirrored request goes the way the proxy chooses for a request: the upstream's admission, then its
 * balancer over the endpoints that health checks and outlier ejection leave in rotation, with the cursor of the
 * exchange's event loop. The try this takes is given back at once, unreported: a mirror is not the upstream's own
 * traffic, so the breaker, outlier detection and latency learn nothing from it, and it holds no active-request slot
 * while it is out. An upstream whose breaker is not closed gets no mirrors: its probes are for real requests.
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
        int loopIndex = EventLoops.positionInGroup(loop);
        UpstreamTry attempt = loopIndex < 0 ? null : upstream.startTry();
        if (attempt == null || attempt.refusal() != null) {
            return null;
        }
        try {
            Endpoint endpoint = attempt.pick(new PickRequest(loopIndex, null, null, 0));
            return endpoint == null ? null : endpoint.address();
        } finally {
            attempt.finish();
        }
    }
}
