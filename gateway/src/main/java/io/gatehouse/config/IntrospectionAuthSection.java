package io.gatehouse.config;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;

/** Reads the settings of the {@code oauth2-introspection} method of an {@code auth} filter. */
final class IntrospectionAuthSection {

    static final String METHOD = "oauth2-introspection";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
    static final long DEFAULT_CACHE_SIZE = 10_000;

    private static final String[] KEYS = Stream.concat(Stream.of("url", "client-id", "client-secret",
            "client-secret-file", "timeout", "cache-ttl", "cache-size", "consumer-claim", "realm"),
            Stream.of(TokenSourceSection.KEYS)).toArray(String[]::new);

    private IntrospectionAuthSection() {
    }

    /** Null after reporting a problem. */
    static IntrospectionAuthConfig parse(ConfigNode node) {
        int before = node.errors().messages().size();
        if (!node.requireMap(KEYS)) {
            return null;
        }
        TokenSource token = TokenSourceSection.read(node);
        URI url = HttpUrls.read(node.get("url"));
        String clientId = node.get("client-id").requiredString();
        Secret clientSecret = node.secrets().secret(node, "client-secret", "client-secret-file", "client secret");
        if (clientSecret == null && node.errors().messages().size() == before) {
            node.error("expected client-secret or client-secret-file");
        }
        Duration timeout = node.get("timeout").positiveDuration(DEFAULT_TIMEOUT);
        Duration cacheTtl = node.get("cache-ttl").duration(DEFAULT_CACHE_TTL);
        long cacheSize = node.get("cache-size").longInteger(DEFAULT_CACHE_SIZE, 0);
        ConfigNode claim = node.get("consumer-claim");
        String consumerClaim = claim.isPresent() ? claim.requiredString() : null;
        String realm = Realms.read(node.get("realm"), JwtAuthSection.DEFAULT_REALM);
        return node.errors().messages().size() == before
                ? new IntrospectionAuthConfig(token, url, clientId, clientSecret, timeout, cacheTtl, cacheSize,
                        consumerClaim, realm)
                : null;
    }
}
