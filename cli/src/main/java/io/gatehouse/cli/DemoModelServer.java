package io.gatehouse.cli;

import io.gatehouse.config.EndpointConfig;
import io.gatehouse.model.ModelRegistry;
import io.gatehouse.model.ModelView;
import io.gatehouse.model.VersionView;
import io.gatehouse.serving.ModelServer;
import io.gatehouse.serving.ServingConfig;
import io.gatehouse.serving.onnx.DemoModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo's embedded model server, in explicit control mode (the default) over a temporary repository of the demo models that
 * is deleted on close. It loads {@code classifier} itself, which the gateway serves unmanaged; everything else is
 * loaded by the gateway through the repository API.
 */
final class DemoModelServer implements AutoCloseable {

    /** The model the server loads at start; the others are the gateway's to load. */
    static final String SELF_LOADED = "classifier";

    private final Path repository;
    private final ModelServer server;
    private final String authority;

    private DemoModelServer(Path repository, ModelServer server, String authority) {
        this.repository = repository;
        this.server = server;
        this.authority = authority;
    }

    static DemoModelServer start(EndpointConfig endpoint) throws IOException, InterruptedException {
        Path repository = Files.createTempDirectory("gatehouse-demo-models");
        try {
            DemoModels.writeMissing(repository);
            ModelServer server = ModelServer.start(ServingConfig.defaults(repository)
                    .withListener(endpoint.host(), endpoint.port())
                    .withModels(List.of(SELF_LOADED)));
            return new DemoModelServer(repository, server, endpoint.authority());
        } catch (IOException | InterruptedException | RuntimeException e) {
            delete(repository);
            throw e;
        }
    }

    Path repository() {
        return repository;
    }

    String authority() {
        return authority;
    }

    /**
     * Waits until every version the gateway has on {@code upstream} is AVAILABLE, so the printed curl lines work at
     * once; fails naming the versions that are not, with their errors.
     */
    static void awaitAvailable(ModelRegistry models, String upstream, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> waiting = notAvailable(models, upstream);
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("demo model versions not AVAILABLE within " + timeout + ": "
                        + String.join(", ", waiting));
            }
            Thread.sleep(50);
            waiting = notAvailable(models, upstream);
        }
    }

    private static List<String> notAvailable(ModelRegistry models, String upstream) {
        List<String> waiting = new ArrayList<>();
        for (ModelView model : models.current().values()) {
            for (VersionView version : model.versions().values()) {
                if (upstream.equals(version.upstream()) && !version.available()) {
                    waiting.add(model.name() + " version " + version.version() + " " + version.state()
                            + (version.error() == null ? "" : " (" + version.error() + ")"));
                }
            }
        }
        return waiting;
    }

    /** Finishes the inferences in flight, unloads every model, then deletes the repository. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            delete(repository);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo model repository " + directory, e);
        }
    }
}
