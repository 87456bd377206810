package io.gatehouse.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * Reads a consumer's {@code credentials}: {@code key-auth} keys, {@code basic-auth} users and {@code mtls}
 * certificate subjects. Secrets are turned into hashes here and the plain text is dropped. One instance reads every
 * consumer of a config, so that a credential held by two consumers is reported.
 */
final class CredentialsSection {

    static final int MIN_KEY_LENGTH = 16;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final Secrets secrets;
    private final Uniqueness keys = new Uniqueness("key-auth");
    private final Uniqueness usernames = new Uniqueness("basic-auth username");
    private final Uniqueness subjects = new Uniqueness("mtls subject");

    CredentialsSection(Secrets secrets) {
        this.secrets = secrets;
    }

    /** The consumer named {@code name} (null when its name was invalid) with the credentials read at {@code node}. */
    ConsumerConfig read(ConfigNode node, String name, List<String> groups, Map<String, String> metadata) {
        node.expectMap("key-auth", "basic-auth", "mtls");
        List<ConsumerConfig.KeyCredential> keyCredentials = new ArrayList<>();
        for (ConfigNode item : node.get("key-auth").items()) {
            ConsumerConfig.KeyCredential key = key(item);
            if (key != null) {
                keys.check(item, key.sha256(), "key");
                keyCredentials.add(key);
            }
        }
        List<ConsumerConfig.BasicCredential> users = new ArrayList<>();
        for (ConfigNode item : node.get("basic-auth").items()) {
            ConsumerConfig.BasicCredential user = user(item);
            if (user != null) {
                users.add(user);
            }
        }
        List<String> subjectNames = new ArrayList<>();
        for (ConfigNode item : node.get("mtls").items()) {
            String subject = item.requireMap("subject") ? subject(item.get("subject")) : null;
            if (subject != null) {
                subjects.check(item.get("subject"), subject, "\"" + subject + "\"");
                subjectNames.add(subject);
            }
        }
        return new ConsumerConfig(name, groups, metadata, keyCredentials, users, subjectNames);
    }

    private ConsumerConfig.KeyCredential key(ConfigNode item) {
        if (!item.requireMap("key", "key-file", "sha256")) {
            return null;
        }
        String written = item.exactlyOne("key", "key-file", "sha256");
        if ("sha256".equals(written)) {
            String hex = item.get("sha256").requiredString();
            if (hex != null && !SHA256_HEX.matcher(hex).matches()) {
                item.get("sha256").error("expected the SHA-256 of the key as 64 hexadecimal digits, got "
                        + hex.length() + " characters");
                return null;
            }
            return hex == null ? null : new ConsumerConfig.KeyCredential(hex.toLowerCase(Locale.ROOT));
        }
        String key = written == null ? null : "key".equals(written)
                ? secrets.fromValue(item.get("key"), "key", "key-file", "sha256")
                : secrets.fromFile(item.get("key-file"), "key");
        if (key == null) {
            return null;
        }
        if (key.length() < MIN_KEY_LENGTH) {
            item.error("a key must be at least " + MIN_KEY_LENGTH + " characters long");
            return null;
        }
        return ConsumerConfig.KeyCredential.ofKey(key);
    }

    private ConsumerConfig.BasicCredential user(ConfigNode item) {
        if (!item.requireMap("username", "bcrypt", "password", "password-file")) {
            return null;
        }
        ConfigNode usernameNode = item.get("username");
        String username = usernameNode.requiredString();
        if (username != null && username.indexOf(':') >= 0) {
            usernameNode.error("a basic-auth username cannot contain \":\" (it separates the password), got \""
                    + username + "\"");
            username = null;
        } else if (username != null) {
            usernames.check(usernameNode, username, "\"" + username + "\"");
        }
        String written = item.exactlyOne("bcrypt", "password", "password-file");
        String hash = null;
        if ("bcrypt".equals(written)) {
            hash = item.get("bcrypt").parsed(BcryptHashes::check, null);
        } else if (written != null) {
            String password = "password".equals(written)
                    ? secrets.fromValue(item.get("password"), "password", "password-file", "bcrypt")
                    : secrets.fromFile(item.get("password-file"), "password");
            hash = password == null ? null : hashed(item, password);
        }
        return username == null || hash == null ? null : new ConsumerConfig.BasicCredential(username, hash);
    }

    private static String hashed(ConfigNode item, String password) {
        try {
            return BcryptHashes.hash(password);
        } catch (IllegalArgumentException e) {
            item.error(e.getMessage());
            return null;
        }
    }

    /** The subject as {@link X500Principal} prints it (RFC 2253), so that it compares exactly with a certificate's. */
    private static String subject(ConfigNode node) {
        String text = node.requiredString();
        if (text == null) {
            return null;
        }
        try {
            return new X500Principal(text).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            node.error("expected a distinguished name (RFC 2253) like \"CN=ops,O=Example\", got \"" + text + "\"");
            return null;
        }
    }
}
