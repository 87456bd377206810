package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse demo} as a user runs it: the curl lines it prints show balancing, a rewrite and a problem 404,
 * and SIGTERM stops the gateway and both demo origins with exit status 0.
 */
class DemoProcessTest {

    private static final Pattern GATEWAY = Pattern.compile("gateway: (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern ORIGIN = Pattern.compile("\"origin\":\"(demo-\\d)\"");

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void demoShowsBalancingRewriteAndProblem404ThenStopsCleanly(@TempDir Path dir) throws Exception {
        int origin1 = freePort();
        int origin2 = freePort();
        Path config = dir.resolve("demo.yaml");
        // The shipped default config with ports that cannot collide with anything else on the machine.
        Files.writeString(config, Files.readString(Path.of("../config/gatehouse.yaml"))
                .replace("port: 8080", "port: 0").replace("port: 9901", "port: 0")
                .replace("127.0.0.1:9001", "127.0.0.1:" + origin1).replace("127.0.0.1:9002", "127.0.0.1:" + origin2)
                .replace("listeners:", "server: { event-loops: 1 }\nlisteners:"));
        try (GatehouseProcess demo = GatehouseProcess.start("demo", "-c", config.toString())) {
            String base = demo.awaitLine(GATEWAY).group(1);

            Set<String> origins = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> api = get(base + "/api/items/42");
                assertThat(api.statusCode()).isEqualTo(200);
                Matcher origin = ORIGIN.matcher(api.body());
                assertThat(origin.find()).isTrue();
                origins.add(origin.group(1));
            }
            assertThat(origins).containsExactlyInAnyOrder("demo-1", "demo-2");

            assertThat(get(base + "/hello/ada").body()).contains("\"path\":\"/greet/ada\"");

            HttpResponse<String> missing = get(base + "/nowhere");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("content-type")).contains("application/problem+json");

            demo.awaitLine(Pattern.compile("serving: SIGTERM"));
            assertThat(demo.terminate()).isZero();
            assertThatThrownBy(() -> new Socket("127.0.0.1", origin1).close()).isInstanceOf(ConnectException.class);
        }
    }

    private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }


    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
