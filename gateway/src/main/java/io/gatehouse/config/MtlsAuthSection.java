package io.gatehouse.config;

/** Reads the settings of the {@code mtls} method of an {@code auth} filter. */
final class MtlsAuthSection {

    static final String METHOD = "mtls";

    private MtlsAuthSection() {
    }

    /** Absent settings mean the defaults. */
    static MtlsAuthConfig parse(ConfigNode node) {
        node.expectMap("consumer-from");
        return new MtlsAuthConfig(node.get("consumer-from").parsed(text -> switch (text) {
            case "subject" -> MtlsAuthConfig.ConsumerFrom.SUBJECT;
            case "san-dns" -> MtlsAuthConfig.ConsumerFrom.SAN_DNS;
            case "cn" -> MtlsAuthConfig.ConsumerFrom.CN;
            default -> throw new IllegalArgumentException("expected subject, san-dns or cn, got \"" + text + "\"");
        }, MtlsAuthConfig.ConsumerFrom.SUBJECT));
    }
}
