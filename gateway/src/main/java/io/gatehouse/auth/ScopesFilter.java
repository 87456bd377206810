package io.gatehouse.auth;

import io.gatehouse.config.ScopesFilterConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterDecision;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scopes}: requires scopes of the identity {@code auth} established (a token's {@code scope}); with
 * {@code all} every listed scope, with {@code any} at least one. A request without them gets 403 with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"} naming what is needed (RFC 6750 3.1).
 */
final class ScopesFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(ScopesFilter.class);

    /** What one request method needs, and the reply that says so. */
    private record Needed(Set<String> scopes, HttpHeaders challenge) {
    }

    private final boolean all;
    private final Needed base;
    private final Map<String, Needed> byMethod = new HashMap<>();

    ScopesFilter(ScopesFilterConfig config) {
        this.all = config.all();
        this.base = needed(config.scopes(), List.of());
        config.methods().forEach((method, scopes) -> byMethod.put(method, needed(config.scopes(), scopes)));
    }

    private static Needed needed(List<String> common, List<String> extra) {
        Set<String> scopes = new LinkedHashSet<>(common);
        scopes.addAll(extra);
        HttpHeaders challenge = new DefaultHttpHeaders().add(HttpHeaderNames.WWW_AUTHENTICATE,
                "Bearer error=\"insufficient_scope\", scope=\"" + String.join(" ", scopes) + "\"");
        return new Needed(Set.copyOf(scopes), challenge);
    }

    @Override
    public CompletionStage<FilterDecision> onRequest(RequestContext ctx, HttpRequest request) {
        Needed needed = byMethod.getOrDefault(request.method().name(), base);
        if (needed.scopes().isEmpty()) {
            return FilterDecision.CONTINUE;
        }
        Identity identity = Identities.of(ctx);
        Set<String> held = identity == null ? Set.of() : identity.scopes();
        boolean enough = all ? held.containsAll(needed.scopes()) : !Collections.disjoint(held, needed.scopes());
        if (enough) {
            return FilterDecision.CONTINUE;
        }
        if (LOG.isDebugEnabled()) {
            List<String> missing = new ArrayList<>(needed.scopes());
            missing.removeAll(held);
            LOG.debug("scopes refused request {} on route {}: missing {}", ctx.requestId(), ctx.routeName(), missing);
        }
        return FilterDecision.respond(HttpResponseStatus.FORBIDDEN, "insufficient scope",
                new DefaultHttpHeaders().add(needed.challenge()));
    }
}
