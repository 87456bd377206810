package io.gatehouse.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a secret (a key, password, token) or other short text (public keys) from the file a config value names;
 * blocking, like all config loading.
 */
final class SecretFiles {

    private SecretFiles() {
    }

    /**
     * The file's text without its trailing line breaks; null after reporting, at {@code node}, a file that cannot
     * be read or holds nothing. Messages name the file, never its content.
     *
     * @param what names the secret in messages, e.g. {@code key}
     */
    static String read(ConfigNode node, Path file, String what) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            node.error("cannot read the " + what + " file " + file + ": no such file");
            return null;
        } catch (IOException | RuntimeException e) {
            node.error("cannot read the " + what + " file " + file + ": " + e.getClass().getSimpleName());
            return null;
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            node.error("the " + what + " file " + file + " is empty");
            return null;
        }
        return text.substring(0, end);
    }
}
