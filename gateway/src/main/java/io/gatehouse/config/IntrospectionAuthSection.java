package io.gatehouse.config;

/** Reads the settings of the {@code oauth2-introspection} method of an {@code auth} filter. */
final class IntrospectionAuthSection {

    static final String METHOD = "oauth2-introspection";

    private IntrospectionAuthSection() {
    }

    /** Absent settings mean the defaults. */
    static IntrospectionAuthConfig parse(ConfigNode node) {
        node.expectMap();
        return new IntrospectionAuthConfig();
    }
}
