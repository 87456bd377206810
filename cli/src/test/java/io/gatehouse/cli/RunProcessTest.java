package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.TestOrigin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse run} as a real process: it serves, reloads on SIGHUP, and SIGTERM drains it to exit 0. */
class RunProcessTest {

    private static final Pattern LISTENER = Pattern.compile("listener public on [^:]+:(\\d+)");

    private TestOrigin origin;
    private Process process;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        origin = TestOrigin.start("origin");
        Path config = dir.resolve("gatehouse.yaml");
        Files.writeString(config, """
                listeners: [ { name: public, address: 127.0.0.1, port: 0 } ]
                admin: { address: 127.0.0.1, port: 0 }
                access-log: { enabled: false }
                upstreams: { o: { endpoints: [ { address: "%s" } ] } }
                routes: [ { name: all, match: { prefix: / }, upstream: o } ]
                """.formatted(origin.authority()));
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GatehouseCommand.class.getName(),
                "run", "-c", config.toString())
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)).lines().forEach(output::add));
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void stop() {
        process.destroyForcibly();
        origin.close();
    }

    @Test
    void servesThenExitsZeroOnSigterm() throws Exception {
        int port = Integer.parseInt(awaitLine(LISTENER).group(1));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        process.destroy();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void sighupReloadsTheConfig() throws Exception {
        awaitLine(LISTENER);

        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(awaitLine(Pattern.compile("config unchanged \\(SIGHUP\\)")).group()).isNotEmpty();
        assertThat(process.isAlive()).isTrue();
    }

    private Matcher awaitLine(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String line = output.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("the gateway process printed no line matching " + pattern);
    }
}
