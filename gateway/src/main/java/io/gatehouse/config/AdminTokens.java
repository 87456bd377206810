package io.gatehouse.config;

import java.nio.file.Path;

/**
 * Reads the admin token from {@code admin.token} or from the file {@code admin.token-file} names. Errors name the
 * setting and what was wrong, never the token.
 */
final class AdminTokens {

    /** Short tokens can be guessed; 16 characters of a random token are about 96 bits. */
    static final int MIN_LENGTH = 16;

    private AdminTokens() {
    }

    /** The token, or null when none is set or it was reported as unusable. */
    static String read(ConfigNode admin, Path baseDirectory) {
        if (!admin.isMap()) {
            return null;
        }
        String key = admin.get("token").isPresent() || admin.get("token-file").isPresent()
                ? admin.exactlyOne("token", "token-file") : null;
        if (key == null) {
            return null;
        }
        ConfigNode node = admin.get(key);
        String token = key.equals("token") ? node.string(null) : fromFile(node, baseDirectory);
        if (token == null) {
            return null;
        }
        if (token.length() < MIN_LENGTH || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            node.error("expected a token of at least " + MIN_LENGTH + " visible ASCII characters without spaces, got "
                    + token.length() + " characters" + (key.equals("token-file") ? " in the file" : ""));
            return null;
        }
        return token;
    }

    /** The token in the file named at {@code node}, relative to the config's directory. */
    private static String fromFile(ConfigNode node, Path baseDirectory) {
        String file = node.requiredString();
        return file == null ? null : SecretFiles.read(node, baseDirectory.resolve(file), "token");
    }
}
