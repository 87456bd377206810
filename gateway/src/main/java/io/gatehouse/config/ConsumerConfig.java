package io.gatehouse.config;

import java.util.List;
import java.util.Map;

/**
 * A consumer: who a credential belongs to. Secrets are held only as hashes.
 *
 * @param groups   what {@code acl} filters allow or deny
 * @param metadata free-form labels, never secrets
 * @param keys     {@code key-auth} keys
 * @param basic    {@code basic-auth} users
 * @param subjects client certificate subjects (RFC 2253 distinguished names) that {@code mtls} maps to this consumer
 */
public record ConsumerConfig(String name, List<String> groups, Map<String, String> metadata, List<KeyCredential> keys,
                             List<BasicCredential> basic, List<String> subjects) {

    public ConsumerConfig {
        groups = List.copyOf(groups);
        metadata = Map.copyOf(metadata);
        keys = List.copyOf(keys);
        basic = List.copyOf(basic);
        subjects = List.copyOf(subjects);
    }

    /** An API key, as the lowercase hex SHA-256 of its text. */
    public record KeyCredential(String sha256) {
    }

    /** A user name and its bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}). */
    public record BasicCredential(String username, String bcrypt) {
    }
}
