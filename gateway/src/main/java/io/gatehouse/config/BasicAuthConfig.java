package io.gatehouse.config;

/** The settings of the {@code basic-auth} authentication method. */
public record BasicAuthConfig() implements AuthMethodConfig {

    @Override
    public String method() {
        return BasicAuthSection.METHOD;
    }
}
