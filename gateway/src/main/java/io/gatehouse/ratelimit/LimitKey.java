package io.gatehouse.ratelimit;

import io.gatehouse.auth.Identities;
import io.gatehouse.config.KeyPart;
import io.gatehouse.context.RequestContext;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;

/** Builds the key a request is counted under from a limiter's key parts. */
final class LimitKey {

    /** Between parts: a character that cannot occur in a header value, address or path segment. */
    private static final char SEPARATOR = '\n';

    private LimitKey() {
    }

    /** The key, or null when the request lacks the value of some part. */
    static String of(List<KeyPart> parts, RequestContext ctx, HttpRequest request) {
        if (parts.size() == 1) {
            return value(parts.get(0), ctx, request);
        }
        StringBuilder key = new StringBuilder(64);
        for (KeyPart part : parts) {
            String value = value(part, ctx, request);
            if (value == null) {
                return null;
            }
            if (key.length() > 0) {
                key.append(SEPARATOR);
            }
            key.append(value);
        }
        return key.toString();
    }

    private static String value(KeyPart part, RequestContext ctx, HttpRequest request) {
        String value;
        if (part instanceof KeyPart.Route) {
            value = ctx.routeName();
        } else if (part instanceof KeyPart.ClientAddress) {
            value = ctx.client();
        } else if (part instanceof KeyPart.Consumer) {
            value = Identities.consumerName(ctx);
        } else if (part instanceof KeyPart.Header header) {
            value = request.headers().get(header.name());
        } else {
            value = ctx.pathVariables().get(((KeyPart.PathVariable) part).name());
        }
        return value == null || value.isEmpty() ? null : value;
    }

    /** How a missing part is named to the client. */
    static String describe(List<KeyPart> parts) {
        StringBuilder text = new StringBuilder();
        for (KeyPart part : parts) {
            text.append(text.length() > 0 ? ", " : "");
            if (part instanceof KeyPart.Consumer) {
                text.append("the consumer");
            } else if (part instanceof KeyPart.Header header) {
                text.append("header ").append(header.name());
            } else if (part instanceof KeyPart.PathVariable variable) {
                text.append("path variable ").append(variable.name());
            } else {
                text.append(part instanceof KeyPart.Route ? "the route" : "the client address");
            }
        }
        return text.toString();
    }
}
