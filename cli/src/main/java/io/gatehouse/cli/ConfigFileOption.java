package io.gatehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code -c FILE} option shared by the commands that serve: resolved relative to the working directory, else
 * to the installation the launcher names in {@code GATEHOUSE_HOME}.
 */
final class ConfigFileOption {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec mixee;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "config/gatehouse.yaml",
            description = "Configuration file (default: ${DEFAULT-VALUE}).")
    private String value;

    /** Returns an existing file or throws a usage error naming the path. */
    Path resolve() {
        Path path = Path.of(value);
        String home = System.getenv("GATEHOUSE_HOME");
        if (!Files.exists(path) && !path.isAbsolute() && home != null && Files.exists(Path.of(home).resolve(path))) {
            path = Path.of(home).resolve(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "config file not found: " + value);
        }
        return path;
    }
}
