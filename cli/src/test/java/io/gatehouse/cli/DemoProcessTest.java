package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testing.ServiceBinaries;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse demo} as a user runs it: the curl lines it prints work as printed, in order (balancing, a rewrite,
 * a problem 404, and inference by name, version and label, a version load, a canary split and a label move through
 * the embedded model server), and SIGTERM stops the gateway, the demo origins and the model server with exit
 * status 0, deleting the model repository.
 */
class DemoProcessTest {

    private static final Pattern GATEWAY = Pattern.compile("gateway: (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern MODEL_SERVER = Pattern.compile("model server: 127\\.0\\.0\\.1:(\\d+) over (\\S+)");
    private static final Pattern END_OF_BANNER = Pattern.compile("Press Ctrl-C to stop");
    private static final Pattern ORIGIN = Pattern.compile("\"origin\":\"(demo-\\d)\"");
    /** The linear model's answers for x = [1, 1, 1]. */
    private static final String VERSION_1 = "\"data\":[9.5,11.5]";
    private static final String VERSION_2 = "\"data\":[19.0,25.0]";
    private static final String X = "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\","
            + " \"data\": [1, 1, 1]}]}";
    private static final int SPLIT_REQUESTS = 200;

    /** A printed curl line, recognised by a fragment, and what its output must show. */
    private record Step(String fragment, Consumer<String> check) {
    }

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void demoShowsBalancingRewriteAndProblem404ThenStopsCleanly(@TempDir Path dir) throws Exception {
        int origin1 = freePort();
        try (GatehouseProcess demo = GatehouseProcess.start("demo", "-c", demoConfig(dir, origin1).toString())) {
            String base = demo.awaitLine(GATEWAY).group(1);
            Matcher modelServer = demo.awaitLine(MODEL_SERVER);

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

            assertThat(inferByName(base).body()).contains(VERSION_1);

            demo.awaitLine(Pattern.compile("serving: SIGTERM"));
            assertThat(demo.terminate()).isZero();
            assertThatThrownBy(() -> new Socket("127.0.0.1", origin1).close()).isInstanceOf(ConnectException.class);
            int modelPort = Integer.parseInt(modelServer.group(1));
            assertThatThrownBy(() -> new Socket("127.0.0.1", modelPort).close()).isInstanceOf(ConnectException.class);
            assertThat(Path.of(modelServer.group(2))).doesNotExist();
        }
    }

    @Test
    void everyPrintedCurlLineWorksInOrder(@TempDir Path dir) throws Exception {
        Path curl = ServiceBinaries.find("curl", "curl");
        try (GatehouseProcess demo = GatehouseProcess.start("demo", "-c", demoConfig(dir, freePort()).toString())) {
            List<String> banner = demo.linesUntil(END_OF_BANNER);
            String base = banner.stream().map(GATEWAY::matcher).filter(Matcher::find).findFirst().orElseThrow()
                    .group(1);
            List<String> lines = banner.stream().map(String::strip).filter(line -> line.startsWith("curl ")).toList();
            String byName = lines.stream().filter(line -> line.contains("/v2/models/linear/infer")
                    && !line.contains("X-Model-Version")).findFirst().orElseThrow();
            List<Step> steps = List.of(
                    new Step("/api/items/42", out -> assertThat(out).contains("HTTP/1.1 200", "\"origin\":\"demo-")),
                    new Step("/hello/ada", out -> assertThat(out).contains("\"path\":\"/greet/ada\"")),
                    new Step("/nowhere", out -> assertThat(out).contains("HTTP/1.1 404", "application/problem+json")),
                    new Step("/admin/routes", out -> assertThat(out).contains("\"hello\"", "model-api:tfserving")),
                    new Step("/metrics", out -> assertThat(out).contains("gatehouse_requests_total")),
                    new Step("/v2/models/linear/infer", out -> assertThat(out).contains(VERSION_1)),
                    new Step("/v2/models/linear/versions/1/infer", out -> assertThat(out).contains(VERSION_1)),
                    new Step("X-Model-Version: stable", out -> assertThat(out).contains(VERSION_1)),
                    new Step("/tfs/v1/models/classifier/labels/stable:predict",
                            out -> assertThat(out).contains("\"probabilities\":[0.15428", "0.6914")),
                    new Step("-X POST", out -> assertThat(out).contains("\"AVAILABLE\"")),
                    new Step("/v2/models/linear/versions/2/infer", out -> assertThat(out).contains(VERSION_2)),
                    new Step("/admin/models/linear/traffic", out -> {
                        assertThat(out).contains("90");
                        assertCanarySplit(base);
                    }),
                    new Step("/admin/models/linear/labels/stable", out -> {
                        assertThat(out).contains("\"stable\"");
                        assertThat(run(curl, byName)).contains(VERSION_2);
                    }),
                    new Step("/admin/models/linear ", out -> assertThat(out).contains("\"AVAILABLE\"")
                            .doesNotContain("\"END\"")));
            assertThat(lines).hasSameSizeAs(steps);
            for (int i = 0; i < steps.size(); i++) {
                assertThat(lines.get(i)).contains(steps.get(i).fragment());
                steps.get(i).check().accept(run(curl, lines.get(i)));
            }
            demo.awaitLine(Pattern.compile("serving: SIGTERM"));
            assertThat(demo.terminate()).isZero();
        }
    }

    /** With weights 90:10, version 2 answers some of the requests by name and version 1 most of them. */
    private void assertCanarySplit(String base) {
        int second = 0;
        for (int i = 0; i < SPLIT_REQUESTS; i++) {
            String body = inferByName(base).body();
            assertThat(body).containsAnyOf(VERSION_1, VERSION_2);
            second += body.contains(VERSION_2) ? 1 : 0;
        }
        // Expected 20 of 200; outside 2..50 is over 4 standard deviations away.
        assertThat(second).isBetween(2, 50);
    }

    /** Runs a printed line as a shell would, with the curl found on PATH; fails unless it exits 0. */
    private static String run(Path curl, String line) {
        try {
            Process process = new ProcessBuilder("sh", "-c", curl + line.substring("curl".length()))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s ends", line).isTrue();
            assertThat(process.exitValue()).as("exit status of %s: %s", line, output).isZero();
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + line, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + line, e);
        }
    }

    /** The shipped default config with ports that cannot collide with anything else on the machine. */
    private static Path demoConfig(Path dir, int origin1) throws IOException {
        Path config = dir.resolve("demo.yaml");
        Files.writeString(config, Files.readString(Path.of("../config/gatehouse.yaml"))
                .replace("port: 8080", "port: 0").replace("port: 9901", "port: 0")
                .replace("127.0.0.1:9001", "127.0.0.1:" + origin1)
                .replace("127.0.0.1:9002", "127.0.0.1:" + freePort())
                .replace("127.0.0.1:8500", "127.0.0.1:" + freePort())
                .replace("listeners:", "server: { event-loops: 1 }\nlisteners:"));
        return config;
    }

    private HttpResponse<String> inferByName(String base) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/v2/models/linear/infer"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(X)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("inference by name failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
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
