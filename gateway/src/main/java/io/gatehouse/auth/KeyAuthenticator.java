package io.gatehouse.auth;

import io.gatehouse.config.ConsumerConfig;
import io.gatehouse.config.KeyAuthConfig;
import io.gatehouse.context.RequestContext;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code key-auth}: an API key in a request header (or a query parameter), looked up by its SHA-256 among the
 * consumers' keys. Only hashes are held, so neither memory nor a config dump reveals a key.
 */
final class KeyAuthenticator implements Authenticator {

    private static final CompletionStage<AuthOutcome> NO_KEY = CompletableFuture.completedStage(
            AuthOutcome.noCredential());

    /** A consumer's key hash and the outcome it leads to, built once. */
    private record Holder(byte[] sha256, CompletionStage<AuthOutcome> outcome) {
    }

    private final KeyAuthConfig config;
    private final String challenge;
    private final Map<String, Holder> byHash = new HashMap<>();

    KeyAuthenticator(KeyAuthConfig config, Consumers consumers) {
        this.config = config;
        this.challenge = "ApiKey realm=\"" + config.realm() + "\"";
        for (ConsumerConfig consumer : consumers.configs()) {
            Identity identity = new Identity(consumers.named(consumer.name()), method(), Set.of());
            for (ConsumerConfig.KeyCredential key : consumer.keys()) {
                byHash.put(key.sha256(), new Holder(key.sha256().getBytes(StandardCharsets.US_ASCII),
                        CompletableFuture.completedStage(AuthOutcome.authenticated(identity))));
            }
        }
    }

    @Override
    public String method() {
        return config.method();
    }

    @Override
    public String challenge() {
        return challenge;
    }

    @Override
    public CompletionStage<AuthOutcome> authenticate(RequestContext ctx, HttpRequest request) {
        List<String> presented = presented(request);
        if (presented.isEmpty()) {
            return NO_KEY;
        }
        if (presented.size() > 1) {
            return CompletableFuture.completedStage(AuthOutcome.invalid("more than one key presented"));
        }
        String hash = ConsumerConfig.KeyCredential.sha256Hex(presented.get(0));
        Holder holder = byHash.get(hash);
        // The map finds the candidate; the constant-time comparison is what decides.
        if (holder == null || !MessageDigest.isEqual(holder.sha256(), hash.getBytes(StandardCharsets.US_ASCII))) {
            return CompletableFuture.completedStage(AuthOutcome.invalid("unknown key"));
        }
        return holder.outcome();
    }

    /** The keys the request carries: those of the first configured header present, else of the query parameter. */
    private List<String> presented(HttpRequest request) {
        for (String header : config.headers()) {
            List<String> values = request.headers().getAll(header);
            if (!values.isEmpty()) {
                return values;
            }
        }
        return config.query() == null ? List.of() : QueryParameters.values(request.uri(), config.query());
    }

    @Override
    public void stripCredential(HttpRequest request) {
        if (config.keepCredential()) {
            return;
        }
        for (String header : config.headers()) {
            request.headers().remove(header);
        }
        if (config.query() != null) {
            request.setUri(QueryParameters.without(request.uri(), config.query()));
        }
    }
}
