package io.gatehouse.ratelimit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua script of each algorithm, read from this package's resources, with the SHA-1 digest Redis caches it
 * under ({@code EVALSHA}). Each script reads the Redis server's clock, so nodes with skewed clocks agree.
 */
enum LimitScript {
    TOKEN_BUCKET("token-bucket.lua"),
    LEAKY_BUCKET("leaky-bucket.lua"),
    FIXED_WINDOW("fixed-window.lua"),
    SLIDING_WINDOW("sliding-window.lua");

    private final String resource;
    private final String body;
    private final String sha1;

    LimitScript(String resource) {
        this.resource = resource;
        this.body = read(resource);
        this.sha1 = sha1(body);
    }

    String body() {
        return body;
    }

    String sha1() {
        return sha1;
    }

    @Override
    public String toString() {
        return resource;
    }

    private static String read(String resource) {
        try (InputStream in = LimitScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("expected the resource " + resource + " beside "
                        + LimitScript.class.getName() + ", found none");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }

    private static String sha1(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1, this one has not", e);
        }
    }
}
