package io.gatehouse.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret read from the config (a signing key, a client secret). It never shows its value: {@link #toString()}
 * is redacted, so a config record that holds one can be logged or shown by the admin API.
 */
public final class Secret {

    private final byte[] bytes;

    public Secret(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static Secret of(String text) {
        return new Secret(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the secret's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "(secret)";
    }
}
