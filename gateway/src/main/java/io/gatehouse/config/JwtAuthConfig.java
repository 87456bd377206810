package io.gatehouse.config;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of the {@code jwt} authentication method.
 *
 * @param algorithms           the {@code alg} values accepted: as written, or what the keys allow
 * @param secret               the HMAC key of HS256/384/512; null without one
 * @param keys                 public keys given in the config (PEM or JWK), never symmetric or private
 * @param jwksUrl              a JWK set to fetch and refresh; null without one
 * @param jwksRefresh          how often the key set is fetched again
 * @param jwksMinRefetch       the least time between fetches that an unknown {@code kid} triggers
 * @param timeout              of one key set fetch
 * @param issuer               the required {@code iss}; null to accept any
 * @param audience             {@code aud} must hold one of these; empty to accept any
 * @param clockSkew            leeway for {@code exp} and {@code nbf}
 * @param consumerClaim        the claim that names the consumer
 * @param requireKnownConsumer refuse a token whose consumer is not configured
 * @param scopesClaim          the claim holding scopes; null for {@code scope} (space separated) then {@code scp}
 * @param forwardClaims        claim name to the header that carries its value upstream
 * @param realm                of the {@code WWW-Authenticate: Bearer} challenge
 */
public record JwtAuthConfig(TokenSource token, Set<String> algorithms, Secret secret, List<JWK> keys, URI jwksUrl,
                            Duration jwksRefresh, Duration jwksMinRefetch, Duration timeout, String issuer,
                            List<String> audience, Duration clockSkew, String consumerClaim,
                            boolean requireKnownConsumer, String scopesClaim, Map<String, String> forwardClaims,
                            String realm) implements AuthMethodConfig {

    public JwtAuthConfig {
        algorithms = Set.copyOf(algorithms);
        keys = List.copyOf(keys);
        audience = List.copyOf(audience);
        forwardClaims = Map.copyOf(forwardClaims);
    }

    @Override
    public String method() {
        return JwtAuthSection.METHOD;
    }
}
