package io.gatehouse.config;

/**
 * The settings of the {@code mtls} authentication method.
 *
 * @param consumerFrom what of the verified client certificate names the consumer
 */
public record MtlsAuthConfig(ConsumerFrom consumerFrom) implements AuthMethodConfig {

    /** How a client certificate is mapped to a consumer. */
    public enum ConsumerFrom {
        /** The subject DN (RFC 2253) is one of a consumer's {@code mtls} subjects. */
        SUBJECT,
        /** A DNS subject alternative name is a consumer's name (the first that is, in certificate order). */
        SAN_DNS,
        /** The subject's common name is a consumer's name. */
        CN
    }

    @Override
    public String method() {
        return MtlsAuthSection.METHOD;
    }
}
