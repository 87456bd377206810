package io.gatehouse.config;

import java.io.IOException;
import java.nio.file.Files;
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

    private static Secret fromFile(ConfigNode node) {
        String name = node.requiredString();
        if (name == null) {
            return null;
        }
        try {
            String text = Files.readString(Path.of(name));
            text = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            if (text.isEmpty()) {
                node.error("file \"" + name + "\" is empty, expected a secret");
                return null;
            }
            return Secret.of(text);
        } catch (IOException | RuntimeException e) {
            node.error("cannot read file \"" + name + "\": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return null;
        }
    }
}
