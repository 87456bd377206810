package io.gatehouse.auth.token;

/** The RFC 6750 {@code WWW-Authenticate} challenges of a bearer token method. */
public record BearerChallenge(String plain, String invalidToken) {

    /** @param realm checked when the config loaded: no quotes or backslashes */
    public static BearerChallenge forRealm(String realm) {
        String plain = "Bearer realm=\"" + realm + "\"";
        return new BearerChallenge(plain, plain + ", error=\"invalid_token\"");
    }
}
