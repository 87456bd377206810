package io.gatehouse.config;

import java.util.List;

/**
 * The settings of the {@code key-auth} authentication method.
 *
 * @param headers        request headers a key is read from, in order
 * @param query          a query parameter a key is read from when no header carries one; null for none
 * @param keepCredential forward the key upstream instead of removing it
 * @param realm          named in the {@code WWW-Authenticate} challenge
 */
public record KeyAuthConfig(List<String> headers, String query, boolean keepCredential, String realm)
        implements AuthMethodConfig {

    public KeyAuthConfig {
        headers = List.copyOf(headers);
    }

    @Override
    public String method() {
        return KeyAuthSection.METHOD;
    }
}
