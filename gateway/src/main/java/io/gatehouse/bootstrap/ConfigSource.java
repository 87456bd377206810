package io.gatehouse.bootstrap;

import io.gatehouse.config.ConfigException;
import io.gatehouse.config.ConfigLoader;
import io.gatehouse.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The config file and the hash of the content last applied, so an unchanged file is not reloaded. */
final class ConfigSource {

    /** A parsed config with the hash of the bytes it came from. */
    record Loaded(GatewayConfig config, String hash) {
    }

    private final Path file;
    private final ConfigLoader loader;

    ConfigSource(Path file, ConfigLoader loader) {
        this.file = file;
        this.loader = loader;
    }

    Path file() {
        return file;
    }

    /** Reads and validates the file; blocking, so never on an event loop. */
    Loaded load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read the config file: " + e.getMessage()));
        }
        // The path, not just its name: relative paths in the config (endpoint files) are against its directory.
        GatewayConfig config = loader.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), file);
        return new Loaded(config, sha256(bytes));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
