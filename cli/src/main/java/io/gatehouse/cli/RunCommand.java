package io.gatehouse.cli;

import io.gatehouse.bootstrap.Gateway;
import io.gatehouse.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gatehouse run}: serves until SIGTERM or Ctrl-C, then drains and exits 0. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ConfigFileOption configFile;

    @Override
    public Integer call() throws Exception {
        Path file = configFile.resolve();
        Gateway gateway;
        try {
            gateway = Gateway.start(file);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        Signals.serveUntilStopped(gateway, () -> gateway.reload("SIGHUP"));
        return 0;
    }
}
