package io.gatehouse.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A user name and password from an {@code Authorization: Basic} field (RFC 7617, UTF-8).
 *
 * @param problem why the field could not be read (for the debug log), with null user and password; null otherwise
 */
record BasicCredentials(String user, String password, String problem) {

    private static final String SCHEME = "Basic ";

    /** Null when the request carries no Basic credentials (none at all, or another scheme's). */
    static BasicCredentials of(HttpHeaders headers) {
        List<String> fields = headers.getAll(HttpHeaderNames.AUTHORIZATION);
        if (fields.isEmpty() || fields.stream().noneMatch(BasicCredentials::isBasic)) {
            return null;
        }
        if (fields.size() > 1) {
            return failed("more than one Authorization field");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(fields.get(0).substring(SCHEME.length()).trim());
        } catch (IllegalArgumentException e) {
            return failed("the Basic credentials are not valid base64");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            return failed("the Basic credentials are not valid UTF-8");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return failed("the Basic credentials have no \":\" between user and password");
        }
        return new BasicCredentials(text.substring(0, colon), text.substring(colon + 1), null);
    }

    static boolean isBasic(String field) {
        return field.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    private static BasicCredentials failed(String problem) {
        return new BasicCredentials(null, null, problem);
    }
}
