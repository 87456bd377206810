package io.gatehouse.config;

/** The settings of the {@code jwt} authentication method. */
public record JwtAuthConfig() implements AuthMethodConfig {

    @Override
    public String method() {
        return JwtAuthSection.METHOD;
    }
}
