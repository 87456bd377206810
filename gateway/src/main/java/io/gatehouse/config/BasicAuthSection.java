package io.gatehouse.config;

/** Reads the settings of the {@code basic-auth} method of an {@code auth} filter. */
final class BasicAuthSection {

    static final String METHOD = "basic-auth";

    private BasicAuthSection() {
    }

    /** Absent settings mean the defaults. */
    static BasicAuthConfig parse(ConfigNode node) {
        node.expectMap();
        return new BasicAuthConfig();
    }
}
