package io.gatehouse.config;

/** Reads the settings of the {@code ext-auth} method of an {@code auth} filter. */
final class ExtAuthSection {

    static final String METHOD = "ext-auth";

    private ExtAuthSection() {
    }

    /** Absent settings mean the defaults. */
    static ExtAuthConfig parse(ConfigNode node) {
        node.expectMap();
        return new ExtAuthConfig();
    }
}
