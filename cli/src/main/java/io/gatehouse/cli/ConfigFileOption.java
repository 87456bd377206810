package io.gatehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Resolves {@code -c FILE}: relative to the working directory, else to the installation the launcher names. */
final class ConfigFileOption {

    static final String DEFAULT = "config/gatehouse.yaml";

    private ConfigFileOption() {
    }

    /** Returns an existing file or throws a usage error naming the path. */
    static Path resolve(CommandLine commandLine, String value) {
        Path path = Path.of(value);
        String home = System.getenv("GATEHOUSE_HOME");
        if (!Files.exists(path) && !path.isAbsolute() && home != null && Files.exists(Path.of(home).resolve(path))) {
            path = Path.of(home).resolve(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new CommandLine.ParameterException(commandLine, "config file not found: " + value);
        }
        return path;
    }
}
