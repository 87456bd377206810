package io.gatehouse.auth;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What one authenticator made of a request.
 *
 * @param identity        for {@link Kind#AUTHENTICATED}
 * @param upstreamHeaders for {@link Kind#AUTHENTICATED}: added to the request forwarded upstream (claims, what an
 *                        external service returned); null for none
 * @param status          for {@link Kind#DENIED}: the reply's status
 * @param replyHeaders    for {@link Kind#DENIED}: added to the reply; null for none
 * @param reason          for {@link Kind#INVALID} and {@link Kind#DENIED}: why, for the log only, never the client
 */
public record AuthOutcome(Kind kind, Identity identity, HttpHeaders upstreamHeaders, HttpResponseStatus status,
                          HttpHeaders replyHeaders, String reason) {

    public enum Kind {
        /** The credential was valid. */
        AUTHENTICATED,
        /** The request carries no credential this authenticator reads. */
        NO_CREDENTIAL,
        /** A credential was present and wrong (unknown key, bad signature, expired): 401. */
        INVALID,
        /** An authority refused the request with its own status (an external service's 403). */
        DENIED
    }

    private static final AuthOutcome NONE = new AuthOutcome(Kind.NO_CREDENTIAL, null, null, null, null, null);

    public static AuthOutcome authenticated(Identity identity) {
        return authenticated(identity, null);
    }

    public static AuthOutcome authenticated(Identity identity, HttpHeaders upstreamHeaders) {
        return new AuthOutcome(Kind.AUTHENTICATED, identity, upstreamHeaders, null, null, null);
    }

    public static AuthOutcome noCredential() {
        return NONE;
    }

    public static AuthOutcome invalid(String reason) {
        return new AuthOutcome(Kind.INVALID, null, null, null, null, reason);
    }

    public static AuthOutcome denied(HttpResponseStatus status, HttpHeaders replyHeaders, String reason) {
        return new AuthOutcome(Kind.DENIED, null, null, status, replyHeaders, reason);
    }
}
