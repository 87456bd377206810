package io.gatehouse.config;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks bcrypt hashes written in the config and hashes passwords given in plain text when the config loads. */
final class BcryptHashes {

    /** The cost of hashes made at load: about 50-100 ms per check, the usual default. */
    static final int LOAD_COST = 10;
    static final int MIN_COST = 4;
    static final int MAX_COST = 31;
    /** bcrypt reads at most this many bytes of a password. */
    static final int MAX_PASSWORD_BYTES = 72;

    private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    private BcryptHashes() {
    }

    /**
     * Checks the form of a modular crypt bcrypt hash; the exception's message says what was expected. The hash
     * itself is never repeated in it.
     */
    static String check(String hash) {
        Matcher matcher = HASH.matcher(hash);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a bcrypt hash: $2a$, $2b$ or $2y$, a two-digit cost, $, "
                    + "then 53 characters of [./A-Za-z0-9] (60 in all), got " + hash.length() + " characters");
        }
        int cost = Integer.parseInt(matcher.group(1));
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("expected a bcrypt cost from " + MIN_COST + " to " + MAX_COST
                    + ", got " + cost);
        }
        return hash;
    }

    /** Hashes a password at {@link #LOAD_COST}; the exception's message says why one cannot be hashed. */
    static String hash(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("a bcrypt password must be at most " + MAX_PASSWORD_BYTES
                    + " bytes in UTF-8");
        }
        return BCrypt.with(LongPasswordStrategies.strict(BCrypt.Version.VERSION_2A))
                .hashToString(LOAD_COST, password.toCharArray());
    }
}
