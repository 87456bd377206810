package io.gatehouse.config;

import java.util.List;

/** A config that cannot be used, with every problem found in it. */
public final class ConfigException extends RuntimeException {

    private final List<String> errors;

    public ConfigException(String source, List<String> errors) {
        super(source + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors") + "\n  "
                + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
