package io.gatehouse.config;

import java.nio.file.Path;

/**
 * Reads a secret written either inline under {@code valueKey} (normally as {@code ${VAR}}) or as a file path under
 * {@code fileKey}. The file is read when the config loads, which happens off the event loops; one trailing line
 * break is dropped, as editors add one. Messages never repeat the secret.
 */
final class SecretSection {

    private SecretSection() {
    }

    /** The secret, or null when neither key is written or after reporting a problem. */
    static Secret read(ConfigNode parent, String valueKey, String fileKey) {
        ConfigNode value = parent.get(valueKey);
        ConfigNode file = parent.get(fileKey);
        if (value.isPresent() && file.isPresent()) {
            parent.error("expected one of " + valueKey + ", " + fileKey + ", got both");
            return null;
        }
        if (value.isPresent()) {
            String text = value.string(null);
            if (text != null && text.isEmpty()) {
                value.error("must not be empty");
                return null;
            }
            return text == null ? null : Secret.of(text);
        }
        return file.isPresent() ? fromFile(file) : null;
    }

    /** Relative to the working directory: a filter's settings are read without the config's location. */
    private static Secret fromFile(ConfigNode node) {
        String name = node.requiredString();
        String text = name == null ? null : SecretFiles.read(node, Path.of(name), "secret");
        return text == null ? null : Secret.of(text);
    }
}
