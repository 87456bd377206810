package io.gatehouse.proxy;

import io.gatehouse.context.AttributeKey;
import io.gatehouse.context.RequestContext;
import io.gatehouse.upstream.Upstream;

/**
 * Where a filter decided an exchange goes when the route does not fix it: the model routes choose the upstream
 * and the backend's own path per request. Without a decision the route's upstream and rewritten path apply.
 */
public final class Forwarding {

    /** The upstream and the request target (path and query) to send it. */
    record Target(Upstream upstream, String uri) {
    }

    private static final AttributeKey<Target> TARGET = AttributeKey.of("forwarding");

    private Forwarding() {
    }

    /** Sends the exchange to {@code upstream} with {@code uri} as its request target. */
    public static void to(RequestContext ctx, Upstream upstream, String uri) {
        ctx.set(TARGET, new Target(upstream, uri));
    }

    static Target of(RequestContext ctx) {
        return ctx.get(TARGET);
    }
}
