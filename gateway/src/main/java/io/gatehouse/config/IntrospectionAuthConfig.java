package io.gatehouse.config;

/** The settings of the {@code oauth2-introspection} authentication method. */
public record IntrospectionAuthConfig() implements AuthMethodConfig {

    @Override
    public String method() {
        return IntrospectionAuthSection.METHOD;
    }
}
