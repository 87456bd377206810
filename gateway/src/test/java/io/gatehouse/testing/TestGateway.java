package io.gatehouse.testing;

import io.gatehouse.bootstrap.Gateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The real gateway on ephemeral ports, started from a YAML config written to a temporary file (so reload tests
 * can rewrite it). The config's listener and admin ports should be 0.
 */
public final class TestGateway implements AutoCloseable {

    private final Path directory;
    private final Path file;
    private final Gateway gateway;

    private TestGateway(Path directory, Path file, Gateway gateway) {
        this.directory = directory;
        this.file = file;
        this.gateway = gateway;
    }

    public static TestGateway start(String yaml) {
        return start(yaml, Map.of());
    }

    public static TestGateway start(String yaml, Map<String, String> env) {
        try {
            Path directory = Files.createTempDirectory("gatehouse-test");
            Path file = directory.resolve("gatehouse.yaml");
            Files.writeString(file, yaml);
            return new TestGateway(directory, file, Gateway.start(file, env::get));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal config: one listener, admin, access log off, the given upstreams and routes sections. */
    public static String config(int eventLoops, String upstreamsAndRoutes) {
        return config(eventLoops, "", upstreamsAndRoutes);
    }

    /** Like {@link #config(int, String)} with extra {@code server} settings, e.g. {@code "max-pipelined: 4"}. */
    public static String config(int eventLoops, String serverSettings, String upstreamsAndRoutes) {
        return """
                server: { event-loops: %d%s }
                listeners: [ { name: public, address: 127.0.0.1, port: 0 } ]
                admin: { address: 127.0.0.1, port: 0 }
                access-log: { enabled: false }
                """.formatted(eventLoops, serverSettings.isEmpty() ? "" : ", " + serverSettings) + upstreamsAndRoutes;
    }

    public Gateway gateway() {
        return gateway;
    }

    public int port() {
        return gateway.port("public");
    }

    public int adminPort() {
        return gateway.adminPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + adminPort() + path);
    }

    /** Replaces the config file atomically, as config management tools do. */
    public void rewriteConfig(String yaml) {
        try {
            Path temp = directory.resolve("gatehouse.yaml.tmp");
            Files.writeString(temp, yaml);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        TestResources.deleteDirectory(directory);
    }
}
