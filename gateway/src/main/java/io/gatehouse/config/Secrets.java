package io.gatehouse.config;

import java.nio.file.Path;
import java.util.Set;

/**
 * Reads secrets (API keys, passwords) from the config: either a value that came from an environment variable
 * through {@code ${VAR}}, or a file. A secret written in the config file itself is refused, so that config files can
 * be shared and versioned without leaking credentials. No message ever contains a secret.
 */
final class Secrets {

    private final Path baseDirectory;
    private final Set<String> fromEnvironment;

    /**
     * @param baseDirectory   what relative paths in the config are resolved against
     * @param fromEnvironment paths of the values that took a variable's value from the environment
     */
    Secrets(Path baseDirectory, Set<String> fromEnvironment) {
        this.baseDirectory = baseDirectory;
        this.fromEnvironment = Set.copyOf(fromEnvironment);
    }

    Path baseDirectory() {
        return baseDirectory;
    }

    /**
     * A secret written at {@code node} as {@code ${VAR}}; null after reporting a problem, such as plain text written
     * in the file.
     *
     * @param what      names the secret in messages, e.g. {@code key}
     * @param otherWays the other ways to give it, for the message, e.g. {@code key-file or sha256}
     */
    String fromValue(ConfigNode node, String what, String otherWays) {
        String value = node.requiredString();
        if (value == null) {
            return null;
        }
        if (!fromEnvironment.contains(node.path())) {
            node.error("a " + what + " must not be written in the config as plain text: use ${VARIABLE} (from the "
                    + "environment), " + otherWays);
            return null;
        }
        return value;
    }

    /**
     * A secret read from the file named at {@code node}, relative to the config's directory, without its trailing
     * line breaks; null after reporting a problem.
     */
    String fromFile(ConfigNode node, String what) {
        String name = node.requiredString();
        if (name == null) {
            return null;
        }
        return SecretFiles.read(node, baseDirectory.resolve(name), what);
    }
}
