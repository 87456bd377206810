package io.gatehouse.proxy;

import io.gatehouse.context.AttributeKey;
import io.gatehouse.context.RequestContext;
import io.gatehouse.upstream.Upstream;
import io.netty.handler.codec.http.HttpRequest;

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

    /**
     * Once the filters let the request through: sets {@code upstreamHead}'s target to a filter's decision, or to
     * the route's rewritten path with the query a filter changed (key-auth removing its key), and returns the
     * upstream to use; null when neither a filter nor the route names one.
     *
     * @param receivedUri the request's target before the filters ran
     */
    static Upstream settle(RequestContext ctx, HttpRequest request, String receivedUri, HttpRequest upstreamHead,
                           Upstream routeUpstream) {
        Target chosen = ctx.get(TARGET);
        if (chosen != null) {
            upstreamHead.setUri(chosen.uri());
            return chosen.upstream();
        }
        if (!request.uri().equals(receivedUri)) {
            upstreamHead.setUri(withQueryOf(upstreamHead.uri(), request.uri()));
        }
        return routeUpstream;
    }

    /** The upstream target with the query of {@code changedUri}; its path may have been rewritten since. */
    private static String withQueryOf(String upstreamTarget, String changedUri) {
        int query = upstreamTarget.indexOf('?');
        String path = query < 0 ? upstreamTarget : upstreamTarget.substring(0, query);
        int changedQuery = changedUri.indexOf('?');
        return changedQuery < 0 ? path : path + changedUri.substring(changedQuery);
    }
}
