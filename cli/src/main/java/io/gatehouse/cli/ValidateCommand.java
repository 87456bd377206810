package io.gatehouse.cli;

import io.gatehouse.config.ConfigException;
import io.gatehouse.config.ConfigLoader;
import io.gatehouse.filter.FilterRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gatehouse validate}: checks a config file and prints every problem; exit 0 or 1. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a configuration file.")
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ConfigFileOption configFile;

    @Override
    public Integer call() {
        Path file = configFile.resolve();
        try {
            new ConfigLoader(FilterRegistry.builtins(), System::getenv).load(file);
            spec.commandLine().getOut().println(file + ": ok");
            return 0;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
