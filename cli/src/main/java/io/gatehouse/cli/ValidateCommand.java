package io.gatehouse.cli;

import io.gatehouse.config.ConfigException;
import io.gatehouse.config.ConfigLoader;
import io.gatehouse.filter.FilterRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse validate}: checks a config file and prints every problem; exit 0 or 1. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a configuration file.")
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "Configuration file.")
    private String config;

    @Override
    public Integer call() {
        Path file = ConfigFileOption.resolve(spec.commandLine(), config);
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
