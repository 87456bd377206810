package io.gatehouse.auth;

import io.gatehouse.context.RequestContext;
import java.util.Set;

/** Gives an exchange an identity, as the {@code auth} filter would, for tests of filters that read it. */
public final class TestIdentities {

    private TestIdentities() {
    }

    public static void authenticate(RequestContext ctx, String consumer, Set<String> groups, Set<String> scopes) {
        Identities.set(ctx, new Identity(new Consumer(consumer, groups, java.util.Map.of()), "test", scopes));
    }
}
