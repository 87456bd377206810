package io.gatehouse.config;

/** Reads the settings of the {@code jwt} method of an {@code auth} filter. */
final class JwtAuthSection {

    static final String METHOD = "jwt";

    private JwtAuthSection() {
    }

    /** Absent settings mean the defaults. */
    static JwtAuthConfig parse(ConfigNode node) {
        node.expectMap();
        return new JwtAuthConfig();
    }
}
