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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse run} as a real process: it serves, and SIGTERM drains it to exit status 0 (not 143). */
class RunProcessTest {

    private static final Pattern LISTENER = Pattern.compile("listener public on [^:]+:(\\d+)");

    @Test
    void servesThenExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
        try (TestOrigin origin = TestOrigin.start("origin")) {
            Path config = dir.resolve("gatehouse.yaml");
            Files.writeString(config, """
                    listeners: [ { name: public, address: 127.0.0.1, port: 0 } ]
                    admin: { address: 127.0.0.1, port: 0 }
                    access-log: { enabled: false }
                    upstreams: { o: { endpoints: [ { address: "%s" } ] } }
                    routes: [ { name: all, match: { prefix: / }, upstream: o } ]
                    """.formatted(origin.authority()));
            Process process = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    GatehouseCommand.class.getName(), "run", "-c", config.toString())
                    .redirectErrorStream(true).start();
            try {
                int port = awaitListenerPort(process);
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isZero();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static int awaitListenerPort(Process process) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            Matcher matcher = LISTENER.matcher(line);
            if (matcher.find()) {
                // Keep draining the output so the child never blocks on a full pipe.
                Thread drain = new Thread(() -> reader.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("the gateway process ended without reporting its listener");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
