package io.gatehouse.config;

import java.net.URI;
import java.time.Duration;

/**
 * The settings of the {@code oauth2-introspection} authentication method (RFC 7662).
 *
 * @param clientSecret  sent with {@code clientId} as HTTP Basic credentials
 * @param cacheTtl      the longest an answer is reused; a token's own {@code exp} may end it sooner
 * @param cacheSize     answers kept at most
 * @param consumerClaim the answer's member that names the consumer; null for {@code username}, then {@code sub}
 * @param realm         of the {@code WWW-Authenticate: Bearer} challenge
 */
public record IntrospectionAuthConfig(TokenSource token, URI url, String clientId, Secret clientSecret,
                                      Duration timeout, Duration cacheTtl, long cacheSize, String consumerClaim,
                                      String realm) implements AuthMethodConfig {

    @Override
    public String method() {
        return IntrospectionAuthSection.METHOD;
    }
}
