package io.gatehouse.auth;

import io.gatehouse.context.AttributeKey;
import io.gatehouse.context.RequestContext;

/** Where an exchange's {@link Identity} is kept once the {@code auth} filter has established it. */
public final class Identities {

    private static final AttributeKey<Identity> IDENTITY = AttributeKey.of("identity");

    private Identities() {
    }

    /** The exchange's identity; null when no {@code auth} filter ran or it has not decided yet. */
    public static Identity of(RequestContext ctx) {
        return ctx.get(IDENTITY);
    }

    /** The authenticated consumer's name; null without one. */
    public static String consumerName(RequestContext ctx) {
        Identity identity = ctx.get(IDENTITY);
        return identity == null ? null : identity.consumer().name();
    }

    static void set(RequestContext ctx, Identity identity) {
        ctx.set(IDENTITY, identity);
    }
}
