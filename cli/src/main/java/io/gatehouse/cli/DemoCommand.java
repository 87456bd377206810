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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gatehouse demo}: the default config with in-process demo origins on the addresses of its {@code demo}
 * upstream, and curl lines to try. Nothing outside the JVM is needed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the gateway on the default config with two in-process demo origins.")
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_UPSTREAM = "demo";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ConfigFileOption configFile;

    @Override
    public Integer call() throws Exception {
        Path file = configFile.resolve();
        PrintWriter err = spec.commandLine().getErr();
        List<DemoOrigin> origins = new ArrayList<>();
        try {
            GatewayConfig parsed = new ConfigLoader(FilterRegistry.builtins(), System::getenv).load(file);
            UpstreamConfig demo = parsed.upstreams().get(DEMO_UPSTREAM);
            if (demo == null) {
                err.println("gatehouse: " + file + " has no \"" + DEMO_UPSTREAM + "\" upstream for the demo origins");
                return 1;
            }
            int n = 1;
            for (EndpointConfig endpoint : demo.endpoints()) {
                origins.add(DemoOrigin.start("demo-" + n++, endpoint.host(), endpoint.port()));
            }
            Gateway gateway = Gateway.start(file);
            DemoBanner.print(spec.commandLine().getOut(), gateway, demo);
            Signals.serveUntilStopped(() -> {
                gateway.close();
                origins.forEach(DemoOrigin::close);
            }, () -> gateway.reload("SIGHUP"));
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            origins.forEach(DemoOrigin::close);
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("gatehouse: demo could not start: " + e.getMessage());
            origins.forEach(DemoOrigin::close);
            return 1;
        }
    }
}
