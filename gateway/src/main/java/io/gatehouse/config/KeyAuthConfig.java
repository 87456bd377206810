package io.gatehouse.config;

/** The settings of the {@code key-auth} authentication method. */
public record KeyAuthConfig() implements AuthMethodConfig {

    @Override
    public String method() {
        return KeyAuthSection.METHOD;
    }
}
