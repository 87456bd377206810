package io.gatehouse.cli;

import io.gatehouse.bootstrap.Gateway;
import io.gatehouse.config.ConfigException;
import io.gatehouse.config.EndpointConfig;
import io.gatehouse.config.ConfigLoader;
import io.gatehouse.config.GatewayConfig;
import io.gatehouse.config.UpstreamConfig;
import io.gatehouse.filter.FilterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gatehouse demo}: the default config with in-process demo origins on the addresses of its {@code demo}
 * upstream, the embedded model server on its {@code model-server} upstream, and curl lines to try. Nothing outside
 * the JVM is needed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the gateway on the default config with two in-process demo origins and the embedded"
                + " model server.")
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_UPSTREAM = "demo";
    static final String MODEL_SERVER_UPSTREAM = "model-server";
    /** Loading a small model takes well under a second; this leaves room for a slow first start of the runtime. */
    private static final Duration MODELS_READY = Duration.ofSeconds(60);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ConfigFileOption configFile;

    @Override
    public Integer call() throws Exception {
        Path file = configFile.resolve();
        PrintWriter err = spec.commandLine().getErr();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            GatewayConfig parsed = new ConfigLoader(FilterRegistry.builtins(), System::getenv).load(file);
            UpstreamConfig demo = parsed.upstreams().get(DEMO_UPSTREAM);
            UpstreamConfig models = parsed.upstreams().get(MODEL_SERVER_UPSTREAM);
            if (demo == null || models == null) {
                err.println("gatehouse: " + file + " needs a \"" + DEMO_UPSTREAM + "\" upstream for the demo origins"
                        + " and a \"" + MODEL_SERVER_UPSTREAM + "\" upstream for the model server");
                return 1;
            }
            int n = 1;
            for (EndpointConfig endpoint : demo.endpoints()) {
                started.add(DemoOrigin.start("demo-" + n++, endpoint.host(), endpoint.port()));
            }
            // Before the gateway, whose first reconciliation loads the configured versions on it.
            DemoModelServer modelServer = DemoModelServer.start(models.endpoints().get(0));
            started.add(modelServer);
            Gateway gateway = Gateway.start(file);
            started.add(0, gateway);
            DemoModelServer.awaitAvailable(gateway.models(), MODEL_SERVER_UPSTREAM, MODELS_READY);
            DemoBanner.print(spec.commandLine().getOut(), gateway, demo, modelServer);
            // The gateway drains first, then the model server and the origins behind it.
            Signals.serveUntilStopped(() -> closeAll(started), () -> gateway.reload("SIGHUP"));
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            closeAll(started);
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("gatehouse: demo could not start: " + e.getMessage());
            closeAll(started);
            return 1;
        }
    }

    /** Closes each in order, every one even when another fails; the first failure is thrown. */
    private static void closeAll(List<AutoCloseable> parts) throws Exception {
        Exception first = null;
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
