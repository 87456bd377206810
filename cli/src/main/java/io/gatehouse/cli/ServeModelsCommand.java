package io.gatehouse.cli;

import io.gatehouse.config.Durations;
import io.gatehouse.config.Sizes;
import io.gatehouse.serving.ControlMode;
import io.gatehouse.serving.ModelServer;
import io.gatehouse.serving.ServingConfig;
import io.gatehouse.serving.onnx.DemoModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse serve-models}: the embedded ONNX Runtime model server over a model repository. */
@Command(name = "serve-models", mixinStandardHelpOptions = true,
        description = "Serve the ONNX models of a repository (<repo>/<model>/<version>/model.onnx) over the"
                + " Open Inference Protocol v2 and TF Serving REST APIs.")
final class ServeModelsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--repo", paramLabel = "DIR", required = true, description = "Model repository directory.")
    private Path repository;

    @Option(names = "--address", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String address;

    @Option(names = "--port", defaultValue = "8000", description = "Port to listen on, 0 for any (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--control", defaultValue = "explicit", paramLabel = "explicit|poll",
            description = "explicit: only what the repository API (or --load) loads; poll: watch the repository"
                    + " (default: ${DEFAULT-VALUE}).")
    private String control;

    @Option(names = "--poll-interval", defaultValue = "5s", description = "How often poll mode scans (default: ${DEFAULT-VALUE}).")
    private String pollInterval;

    @Option(names = "--load", paramLabel = "MODEL", description = "A model to load at start by its version policy (repeatable).")
    private List<String> models = new ArrayList<>();

    @Option(names = "--demo-models", description = "Write the demo models (linear, versions 1 and 2; classifier)"
            + " into the repository where absent, creating it if needed, and load them.")
    private boolean demoModels;

    @Option(names = "--workers", description = "Inference threads (default: one per core / intra-op threads).")
    private Integer workers;

    @Option(names = "--intra-op-threads", defaultValue = "1", description = "ONNX Runtime threads per run (default: ${DEFAULT-VALUE}).")
    private int intraOpThreads;

    @Option(names = "--queue", description = "Requests that may wait for a worker before 503 (default: 64 per core).")
    private Integer queue;

    @Option(names = "--max-body", defaultValue = "64MiB", description = "Largest request body (default: ${DEFAULT-VALUE}).")
    private String maxBody;

    @Override
    public Integer call() throws Exception {
        ServingConfig config = config();
        ModelServer server;
        try {
            if (demoModels) {
                writeDemoModels();
            }
            server = ModelServer.start(config);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            spec.commandLine().getErr().println("gatehouse: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println("serving models from " + repository + " on http://" + address + ":"
                + server.port() + "/v2 and /v1/models");
        spec.commandLine().getOut().flush();
        // Closing finishes the requests in flight, then unloads every model.
        Signals.serveUntilStopped(server, null);
        return 0;
    }

    private void writeDemoModels() throws IOException {
        List<String> written;
        try {
            written = DemoModels.writeMissing(repository);
        } catch (IOException e) {
            throw new IOException("cannot write the demo models into " + repository + ": " + e, e);
        }
        spec.commandLine().getOut().println(written.isEmpty() ? "demo models already in " + repository
                : "wrote demo models " + String.join(", ", written) + " into " + repository);
    }

    /** The settings, or a usage error naming the bad value. */
    private ServingConfig config() {
        if (!demoModels && !Files.isDirectory(repository)) {
            throw usage("model repository not found: " + repository);
        }
        ControlMode mode;
        try {
            mode = ControlMode.valueOf(control.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--control " + control + ": expected explicit or poll");
        }
        try {
            ServingConfig defaults = ServingConfig.defaults(repository);
            int threads = intraOpThreads < 1 ? 1 : intraOpThreads;
            int workerCount = workers != null ? workers
                    : Math.max(1, Runtime.getRuntime().availableProcessors() / threads);
            return defaults.withListener(address, port)
                    .withControl(mode, Durations.parse(pollInterval))
                    .withThreads(workerCount, intraOpThreads, queue != null ? queue : defaults.queueCapacity())
                    .withMaxBodyBytes(Sizes.parse(maxBody))
                    .withModels(demoModels ? withDemoModels(models) : models);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private static List<String> withDemoModels(List<String> named) {
        List<String> all = new ArrayList<>(named);
        DemoModels.NAMES.stream().filter(model -> !all.contains(model)).forEach(all::add);
        return all;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
