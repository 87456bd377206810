package io.gatehouse.config;

/** Reads the settings of the {@code key-auth} method of an {@code auth} filter. */
final class KeyAuthSection {

    static final String METHOD = "key-auth";

    private KeyAuthSection() {
    }

    /** Absent settings mean the defaults. */
    static KeyAuthConfig parse(ConfigNode node) {
        node.expectMap();
        return new KeyAuthConfig();
    }
}
