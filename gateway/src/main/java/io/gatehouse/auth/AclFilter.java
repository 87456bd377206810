package io.gatehouse.auth;

import io.gatehouse.config.AclFilterConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterDecision;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Collections;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code acl}: lets a request through by its consumer's groups, after {@code auth} has named the consumer. With
 * {@code allow}, the consumer needs one of the groups; with {@code deny}, none of them. Anything else is 403.
 */
final class AclFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AclFilter.class);

    private final AclFilterConfig config;

    AclFilter(AclFilterConfig config) {
        this.config = config;
    }

    @Override
    public CompletionStage<FilterDecision> onRequest(RequestContext ctx, HttpRequest request) {
        Identity identity = Identities.of(ctx);
        boolean listed = identity != null && !Collections.disjoint(identity.consumer().groups(), config.groups());
        if (identity != null && listed == config.allow()) {
            return FilterDecision.CONTINUE;
        }
        LOG.debug("acl refused {} on route {} for request {}", identity == null ? "a request without a consumer"
                : "consumer " + identity.consumer().name(), ctx.routeName(), ctx.requestId());
        return FilterDecision.respond(HttpResponseStatus.FORBIDDEN, "access denied");
    }
}
