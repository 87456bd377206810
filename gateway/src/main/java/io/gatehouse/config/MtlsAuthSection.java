package io.gatehouse.config;

/** Reads the settings of the {@code mtls} method of an {@code auth} filter. */
final class MtlsAuthSection {

    static final String METHOD = "mtls";

    private MtlsAuthSection() {
    }

    /** Absent settings mean the defaults. */
    static MtlsAuthConfig parse(ConfigNode node) {
        node.expectMap();
        return new MtlsAuthConfig();
    }
}
