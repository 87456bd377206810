package io.gatehouse.auth;

import java.util.Set;

/**
 * The outcome of authentication that later filters and the access log see.
 *
 * @param method the authenticator that vouched for the consumer ({@code key-auth}, {@code jwt}, ..., or
 *               {@code anonymous})
 * @param scopes what a token granted (JWT {@code scope}/{@code scp}, introspection {@code scope}); empty otherwise
 */
public record Identity(Consumer consumer, String method, Set<String> scopes) {

    public Identity {
        scopes = Set.copyOf(scopes);
    }
}
