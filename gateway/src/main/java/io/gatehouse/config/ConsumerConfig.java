package io.gatehouse.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

        /** The credential of a key given in plain text. */
        public static KeyCredential ofKey(String key) {
            return new KeyCredential(sha256Hex(key));
        }

        /** The lowercase hex SHA-256 of the UTF-8 bytes of {@code text}. */
        public static String sha256Hex(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK provides SHA-256", e);
            }
        }
    }

    /** A user name and its bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}). */
    public record BasicCredential(String username, String bcrypt) {
    }
}
