package io.gatehouse.config;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the settings of the {@code jwt} method of an {@code auth} filter. */
final class JwtAuthSection {

    static final String METHOD = "jwt";
    static final Duration DEFAULT_JWKS_REFRESH = Duration.ofMinutes(5);
    static final Duration DEFAULT_JWKS_MIN_REFETCH = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    static final String DEFAULT_REALM = "gatehouse";

    private static final String[] KEYS = Stream.concat(Stream.of("algorithms", "secret", "secret-file", "keys",
            "keys-file", "jwks-url", "jwks-refresh", "jwks-min-refetch", "timeout", "issuer", "audience",
            "clock-skew", "consumer-claim", "require-known-consumer", "scopes-claim", "forward-claims", "realm"),
            Stream.of(TokenSourceSection.KEYS)).toArray(String[]::new);

    private JwtAuthSection() {
    }

    /** Null after reporting a problem. */
    static JwtAuthConfig parse(ConfigNode node) {
        int before = node.errors().messages().size();
        if (!node.requireMap(KEYS)) {
            return null;
        }
        TokenSource token = TokenSourceSection.read(node);
        Secret secret = node.secrets().secret(node, "secret", "secret-file", "secret");
        List<JWK> keys = keys(node);
        ConfigNode urlNode = node.get("jwks-url");
        URI jwksUrl = urlNode.isPresent() ? HttpUrls.read(urlNode) : null;
        if (secret == null && keys.isEmpty() && !urlNode.isPresent() && node.errors().messages().size() == before) {
            node.error("expected at least one of secret, secret-file, keys, keys-file, jwks-url");
        }
        if (secret != null && secret.length() < JwtAlgorithms.minimumSecretBytes("HS256")) {
            node.get(node.get("secret").isPresent() ? "secret" : "secret-file").error("the secret is "
                    + secret.length() + " bytes, expected at least 32 (256 bits) for HS256");
        }
        Set<String> algorithms = algorithms(node.get("algorithms"), secret, keys, jwksUrl != null);
        Duration refresh = node.get("jwks-refresh").positiveDuration(DEFAULT_JWKS_REFRESH);
        Duration minRefetch = node.get("jwks-min-refetch").duration(DEFAULT_JWKS_MIN_REFETCH);
        Duration timeout = node.get("timeout").positiveDuration(DEFAULT_TIMEOUT);
        String issuer = optionalString(node.get("issuer"));
        List<String> audience = new ArrayList<>();
        for (ConfigNode item : node.get("audience").oneOrMany()) {
            String value = item.requiredString();
            if (value != null) {
                audience.add(value);
            }
        }
        Duration skew = node.get("clock-skew").duration(DEFAULT_CLOCK_SKEW);
        String consumerClaim = node.get("consumer-claim").isPresent() ? node.get("consumer-claim").requiredString()
                : "sub";
        boolean requireKnown = node.get("require-known-consumer").bool(false);
        String scopesClaim = optionalString(node.get("scopes-claim"));
        Map<String, String> forwardClaims = HeaderMappings.read(node.get("forward-claims"), "claim");
        String realm = Realms.read(node.get("realm"), DEFAULT_REALM);
        return node.errors().messages().size() == before
                ? new JwtAuthConfig(token, algorithms, secret, keys, jwksUrl, refresh, minRefetch, timeout, issuer,
                        audience, skew, consumerClaim, requireKnown, scopesClaim, forwardClaims, realm)
                : null;
    }

    private static String optionalString(ConfigNode node) {
        return node.isPresent() ? node.requiredString() : null;
    }

    /** {@code keys} (one text or a list) and {@code keys-file}, both allowed together. */
    private static List<JWK> keys(ConfigNode node) {
        List<JWK> keys = new ArrayList<>();
        for (ConfigNode item : node.get("keys").oneOrMany()) {
            List<JWK> parsed = item.parsed(PublicKeys::parse, List.of());
            keys.addAll(parsed);
        }
        ConfigNode file = node.get("keys-file");
        String name = file.isPresent() ? file.requiredString() : null;
        Path path = name == null ? null : node.secrets().baseDirectory().resolve(name);
        String text = path == null ? null : SecretFiles.read(file, path, "keys");
        if (text != null) {
            try {
                keys.addAll(PublicKeys.parse(text));
            } catch (RuntimeException e) {
                file.error("cannot read keys from " + path + ": " + (e instanceof IllegalArgumentException
                        ? e.getMessage() : e.getClass().getSimpleName() + " " + e.getMessage()));
            }
        }
        return keys;
    }

    /** As written (each one supported and backed by a configured key), or what the configured keys allow. */
    private static Set<String> algorithms(ConfigNode node, Secret secret, List<JWK> keys, boolean jwks) {
        Set<String> available = new LinkedHashSet<>();
        if (secret != null) {
            JwtAlgorithms.HMAC.stream().filter(alg -> secret.length() >= JwtAlgorithms.minimumSecretBytes(alg))
                    .forEach(available::add);
        }
        keys.forEach(key -> available.addAll(JwtAlgorithms.allowedBy(key)));
        if (jwks) {
            available.addAll(JwtAlgorithms.ASYMMETRIC);
        }
        if (!node.isPresent()) {
            return available;
        }
        Set<String> written = new LinkedHashSet<>();
        List<ConfigNode> items = node.oneOrMany();
        if (items.isEmpty()) {
            node.error("expected at least one algorithm: " + String.join(", ", JwtAlgorithms.SUPPORTED));
        }
        for (ConfigNode item : items) {
            String alg = item.requiredString();
            if (alg == null) {
                continue;
            }
            if (!JwtAlgorithms.SUPPORTED.contains(alg)) {
                item.errorUnknown("algorithm", alg, JwtAlgorithms.SUPPORTED);
            } else if (!available.contains(alg)) {
                item.error(alg + " has no key to verify it: " + (JwtAlgorithms.HMAC.contains(alg)
                        ? "it needs secret or secret-file of at least " + JwtAlgorithms.minimumSecretBytes(alg)
                        + " bytes" : "keys, keys-file or jwks-url must provide a matching key"));
            } else {
                written.add(alg);
            }
        }
        return written;
    }
}
