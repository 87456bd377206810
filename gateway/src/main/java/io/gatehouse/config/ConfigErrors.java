package io.gatehouse.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while loading a config, each with the path of the offending value. */
public final class ConfigErrors {

    private final List<String> messages = new ArrayList<>();

    /** Records {@code path: message}, e.g. {@code routes[2].upstream: unknown upstream "x" (known: a, b)}. */
    public void add(String path, String message) {
        messages.add(path.isEmpty() ? message : path + ": " + message);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Throws a {@link ConfigException} listing every problem when any was recorded. */
    public void throwIfAny(String source) {
        if (!messages.isEmpty()) {
            throw new ConfigException(source, messages);
        }
    }
}
