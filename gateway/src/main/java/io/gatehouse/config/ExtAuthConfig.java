package io.gatehouse.config;

/** The settings of the {@code ext-auth} authentication method. */
public record ExtAuthConfig() implements AuthMethodConfig {

    @Override
    public String method() {
        return ExtAuthSection.METHOD;
    }
}
