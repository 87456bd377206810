package io.gatehouse.config;

/**
 * Reads the admin token from {@code admin.token}, written as {@code ${VAR}}, or from the file {@code admin.token-file}
 * names, relative to the config's directory, as every secret of the config is read. Errors name the setting and what
 * was wrong, never the token.
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
        String token = admin.secrets().fromValueOrFile(admin, "token", "token-file", "token");
        if (token == null) {
            return null;
        }
        boolean inFile = admin.get("token-file").isPresent();
        if (token.length() < MIN_LENGTH || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            admin.get(inFile ? "token-file" : "token").error("expected a token of at least " + MIN_LENGTH
                    + " visible ASCII characters without spaces, got " + token.length() + " characters"
                    + (inFile ? " in the file" : ""));
            return null;
        }
        return token;
    }
}
