package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.TestOrigin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse run} as a real process: it serves, reloads on SIGHUP, and SIGTERM drains it to exit 0. */
class RunProcessTest {

    private static final Pattern LISTENER = Pattern.compile("listener public on [^:]+:(\\d+)");
    /** Logged once the signal handlers are in place: only then may a test send signals. */
    private static final Pattern SERVING = Pattern.compile("serving: SIGTERM");

    private TestOrigin origin;
    private GatehouseProcess gatehouse;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        origin = TestOrigin.start("origin");
        Path config = dir.resolve("gatehouse.yaml");
        Files.writeString(config, """
                listeners: [ { name: public, address: 127.0.0.1, port: 0 } ]
                admin: { address: 127.0.0.1, port: 0 }
                access-log: { enabled: false }
                upstreams: { o: { endpoints: [ { address: "%s" } ] } }
                routes: [ { name: all, match: { prefix: / }, upstream: o } ]
                """.formatted(origin.authority()));
        gatehouse = GatehouseProcess.start("run", "-c", config.toString());
    }

    @AfterEach
    void stop() {
        gatehouse.close();
        origin.close();
    }

    @Test
    void servesThenExitsZeroOnSigterm() throws Exception {
        int port = Integer.parseInt(gatehouse.awaitLine(LISTENER).group(1));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        gatehouse.awaitLine(SERVING);
        assertThat(gatehouse.terminate()).isZero();
    }

    @Test
    void sighupReloadsTheConfig() throws Exception {
        gatehouse.awaitLine(LISTENER);
        gatehouse.awaitLine(SERVING);

        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(gatehouse.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(gatehouse.awaitLine(Pattern.compile("config unchanged \\(SIGHUP\\)")).group()).isNotEmpty();
        assertThat(gatehouse.isAlive()).isTrue();
    }
}
