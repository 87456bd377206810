package io.gatehouse.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads every secret of the config (API keys, passwords, the JWT secret, the introspection client secret, the admin
 * token) by one rule: either a value that came from an environment variable through {@code ${VAR}}, or a file,
 * relative to the config's directory. A secret written in the config file itself is refused, so that config files
 * can be shared and versioned without leaking credentials. No message ever contains a secret.
 */
final class Secrets {

    private static final String FROM_ENVIRONMENT = "${VARIABLE} (from the environment)";

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

    /** For text that comes from no file: relative paths against the working directory, no value from the environment. */
    static Secrets workingDirectory() {
        return new Secrets(Path.of("").toAbsolutePath(), Set.of());
    }

    Path baseDirectory() {
        return baseDirectory;
    }

    /** Whether the value at {@code path} took a variable's value from the environment (not a default). */
    boolean isFromEnvironment(String path) {
        return fromEnvironment.contains(path);
    }

    /**
     * The secret written under {@code valueKey} of {@code parent} as {@code ${VAR}}, or read from the file
     * {@code fileKey} names; null when neither is written (not reported here) or after reporting a problem.
     *
     * @param what names the secret in messages, e.g. {@code secret}
     */
    String fromValueOrFile(ConfigNode parent, String valueKey, String fileKey, String what) {
        if (!parent.get(valueKey).isPresent() && !parent.get(fileKey).isPresent()) {
            return null;
        }
        String written = parent.exactlyOne(valueKey, fileKey);
        if (written == null) {
            return null;
        }
        return written.equals(valueKey) ? fromValue(parent.get(valueKey), what, fileKey)
                : fromFile(parent.get(fileKey), what);
    }

    /** Like {@link #fromValueOrFile}, held as a {@link Secret}, which never shows its value. */
    Secret secret(ConfigNode parent, String valueKey, String fileKey, String what) {
        String text = fromValueOrFile(parent, valueKey, fileKey, what);
        return text == null ? null : Secret.of(text);
    }

    /**
     * A secret written at {@code node} as {@code ${VAR}}; null after reporting a problem, such as plain text written
     * in the file.
     *
     * @param what      names the secret in messages, e.g. {@code key}
     * @param otherWays the other ways to give it, for the message, e.g. {@code key-file} and {@code sha256}
     */
    String fromValue(ConfigNode node, String what, String... otherWays) {
        String value = node.requiredString();
        if (value == null) {
            return null;
        }
        if (!isFromEnvironment(node.path())) {
            node.error("a " + what + " must not be written in the config as plain text: use " + ways(otherWays));
            return null;
        }
        return value;
    }

    /** {@code ${VARIABLE} (from the environment), a or b}. */
    private static String ways(String... otherWays) {
        List<String> ways = new ArrayList<>(List.of(FROM_ENVIRONMENT));
        ways.addAll(List.of(otherWays));
        String last = ways.remove(ways.size() - 1);
        return ways.isEmpty() ? last : String.join(", ", ways) + " or " + last;
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
