package io.gatehouse.config;

/** The settings of the {@code mtls} authentication method. */
public record MtlsAuthConfig() implements AuthMethodConfig {

    @Override
    public String method() {
        return MtlsAuthSection.METHOD;
    }
}
