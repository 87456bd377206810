package io.gatehouse.proxy;

import io.gatehouse.config.FallbackConfig;
import io.gatehouse.upstream.Refusal;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.resilience.CircuitBreaker;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.TimeUnit;

/**
 * What a route answers when its upstream (and any fallback upstream) cannot take the request: the route's static
 * fallback reply, or 503 with {@code Retry-After}.
 */
final class UnavailableReply {

    private UnavailableReply() {
    }

    /** Whether the route answers with its static fallback reply. */
    static boolean fallsBack(RouteRuntime route) {
        FallbackConfig fallback = route.config().fallback();
        return fallback != null && fallback.upstream() == null;
    }

    static HttpResponse render(RouteRuntime route, Refusal refusal, Upstream upstream, ByteBufAllocator alloc,
                               String requestId) {
        if (fallsBack(route)) {
            return FallbackReply.render(alloc, route.config().fallback());
        }
        HttpResponse reply = route.renderer().render(alloc, HttpResponseStatus.SERVICE_UNAVAILABLE, refusal.detail(),
                requestId);
        reply.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds(refusal, upstream));
        return reply;
    }

    /** Until the breaker lets probes through; a second for everything else, which frees up as requests end. */
    private static long retryAfterSeconds(Refusal refusal, Upstream upstream) {
        CircuitBreaker breaker = upstream.breaker();
        if (refusal == Refusal.BREAKER_OPEN && breaker != null) {
            return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(breaker.remainingOpenNanos() + 999_999_999L));
        }
        return 1;
    }
}
