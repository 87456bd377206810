package io.gatehouse.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.auth.AuthOutcome;
import io.gatehouse.auth.AuthResources;
import io.gatehouse.auth.Consumer;
import io.gatehouse.auth.Consumers;
import io.gatehouse.auth.Identity;
import io.gatehouse.auth.token.BearerAuthenticator;
import io.gatehouse.auth.token.ClaimValues;
import io.gatehouse.config.JwtAlgorithms;
import io.gatehouse.config.JwtAuthConfig;
import io.gatehouse.context.RequestContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code jwt}: a signed JSON Web Token, verified in memory against the configured secret, keys and key set. The
 * token's {@code alg} must be allowed, and only a key of the matching kind is tried: HMAC with the secret alone,
 * the others with public keys alone. A key set fetch is awaited (asynchronously) only when no key matches.
 */
public final class JwtAuthenticator extends BearerAuthenticator {

    public static final String METHOD = "jwt";

    private final Set<String> algorithms;
    private final JWSVerifier hmac;
    private final VerificationKeys keys;
    private final JwksSource jwks;
    private final ClaimRules rules;
    private final JwtAuthConfig config;
    private final Consumers consumers;
    private final Clock clock;

    public JwtAuthenticator(JwtAuthConfig config, AuthResources resources) {
        super(METHOD, config.token(), config.realm());
        this.config = config;
        this.algorithms = config.algorithms();
        this.hmac = config.secret() == null ? null : macVerifier(config);
        this.keys = VerificationKeys.of(config.keys());
        this.jwks = config.jwksUrl() == null ? null : resources.services().jwks().obtain(config.jwksUrl(),
                config.jwksRefresh(), config.jwksMinRefetch(), config.timeout());
        this.rules = new ClaimRules(config);
        this.consumers = resources.consumers();
        this.clock = resources.services().clock();
    }

    private static JWSVerifier macVerifier(JwtAuthConfig config) {
        try {
            return new MACVerifier(config.secret().bytes());
        } catch (JOSEException e) {
            throw new IllegalStateException("jwt secret of " + config.secret().length() + " bytes is not usable, "
                    + "expected at least 32", e);
        }
    }

    @Override
    public Set<String> upstreamHeaderNames() {
        return Set.copyOf(config.forwardClaims().values());
    }

    /** A token signed with a key not seen yet waits for the key set to be fetched again, which is shared. */
    @Override
    public Duration timeout() {
        return jwks == null ? Duration.ZERO : config.timeout();
    }

    @Override
    public CompletionStage<AuthOutcome> authenticate(RequestContext ctx, HttpRequest request) {
        String token = tokens.find(request);
        if (token == null) {
            return CompletableFuture.completedFuture(AuthOutcome.noCredential());
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return invalid("not a signed JWT: " + e.getMessage());
        }
        String alg = jwt.getHeader().getAlgorithm().getName();
        if (!algorithms.contains(alg)) {
            return invalid("alg " + alg + " is not allowed (allowed: " + String.join(", ", algorithms) + ")");
        }
        if (JwtAlgorithms.HMAC.contains(alg)) {
            return CompletableFuture.completedFuture(verified(jwt, List.of(hmac)));
        }
        String kid = jwt.getHeader().getKeyID();
        List<JWSVerifier> candidates = candidates(keys, alg, kid);
        if (jwks != null) {
            candidates.addAll(candidates(jwks.current(), alg, kid));
        }
        if (!candidates.isEmpty() || jwks == null) {
            return CompletableFuture.completedFuture(verified(jwt, candidates));
        }
        return jwks.keysForUnknownKey().thenApply(fetched -> {
            List<JWSVerifier> found = candidates(keys, alg, kid);
            found.addAll(candidates(fetched, alg, kid));
            return verified(jwt, found);
        });
    }

    private static List<JWSVerifier> candidates(VerificationKeys keys, String alg, String kid) {
        return new ArrayList<>(keys.candidates(alg, kid).stream().map(VerificationKeys.Key::verifier)
                .toList());
    }

    private AuthOutcome verified(SignedJWT jwt, List<JWSVerifier> candidates) {
        if (candidates.isEmpty()) {
            return AuthOutcome.invalid("no key for alg " + jwt.getHeader().getAlgorithm() + " and kid "
                    + jwt.getHeader().getKeyID());
        }
        if (!anyVerifies(jwt, candidates)) {
            return AuthOutcome.invalid("bad signature (kid " + jwt.getHeader().getKeyID() + ")");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return AuthOutcome.invalid("claims are not a JSON object: " + e.getMessage());
        }
        String violation = rules.violation(claims, clock.instant());
        return violation != null ? AuthOutcome.invalid(violation) : identify(claims);
    }

    private static boolean anyVerifies(SignedJWT jwt, List<JWSVerifier> candidates) {
        for (JWSVerifier verifier : candidates) {
            try {
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException wrongKindOfKey) {
                // this key cannot verify this token; the next one may
            }
        }
        return false;
    }

    private AuthOutcome identify(JWTClaimsSet claims) {
        Object name = claims.getClaim(config.consumerClaim());
        if (!(name instanceof String consumerName) || consumerName.isEmpty()) {
            return AuthOutcome.invalid("no string claim " + config.consumerClaim() + " to name the consumer");
        }
        if (config.requireKnownConsumer() && consumers.named(consumerName) == null) {
            return AuthOutcome.invalid("consumer " + consumerName + " is not configured");
        }
        Consumer consumer = ClaimValues.consumer(consumers, consumerName);
        Set<String> scopes = config.scopesClaim() != null ? ClaimValues.scopes(claims.getClaim(config.scopesClaim()))
                : claims.getClaim("scope") != null ? ClaimValues.scopes(claims.getClaim("scope"))
                : ClaimValues.scopes(claims.getClaim("scp"));
        return AuthOutcome.authenticated(new Identity(consumer, METHOD, scopes), forwarded(claims));
    }

    private HttpHeaders forwarded(JWTClaimsSet claims) {
        if (config.forwardClaims().isEmpty()) {
            return null;
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> entry : config.forwardClaims().entrySet()) {
            String value = ClaimValues.headerValue(claims.getClaim(entry.getKey()));
            if (value != null) {
                headers.set(entry.getValue(), value);
            }
        }
        return headers;
    }

    private static CompletionStage<AuthOutcome> invalid(String reason) {
        return CompletableFuture.completedFuture(AuthOutcome.invalid(reason));
    }
}
