package io.gatehouse.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    static String read(ConfigNode admin) {
        if (!admin.isMap()) {
            return null;
        }
        String key = admin.get("token").isPresent() || admin.get("token-file").isPresent()
                ? admin.exactlyOne("token", "token-file") : null;
        if (key == null) {
            return null;
        }
        ConfigNode node = admin.get(key);
        String token = key.equals("token") ? node.string(null) : fromFile(node);
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

    /** The file's content without its trailing line break; blocking, like all config loading. */
    private static String fromFile(ConfigNode node) {
        String file = node.string(null);
        if (file == null) {
            return null;
        }
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException | RuntimeException e) {
            node.error("cannot read the token file \"" + file + "\": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return null;
        }
    }
}
