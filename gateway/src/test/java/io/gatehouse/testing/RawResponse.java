package io.gatehouse.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One HTTP/1.1 response as read off the wire by {@link RawHttpClient}.
 *
 * @param informational the 1xx responses that preceded this final one
 * @param body          the body, or null when it was only counted
 * @param bodyLength    the body length in bytes, whether stored or only counted
 * @param bodyCrc32     the CRC32 of the body
 * @param trailers      trailing headers of a chunked body (empty otherwise)
 */
public record RawResponse(
        String statusLine,
        int status,
        RawHeaders headers,
        byte[] body,
        long bodyLength,
        long bodyCrc32,
        RawHeaders trailers,
        List<RawResponse> informational) {

    public String header(String name) {
        return headers.first(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
