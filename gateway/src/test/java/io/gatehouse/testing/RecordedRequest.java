package io.gatehouse.testing;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A request as {@link TestOrigin} received it. The body is only counted and checksummed, never kept.
 *
 * @param connection  the 1-based number of the connection it arrived on, in accept order
 * @param complete    false when the connection ended before the whole body arrived
 */
public record RecordedRequest(
        int connection,
        String method,
        String uri,
        HttpHeaders headers,
        long bodyBytes,
        long bodyCrc32,
        HttpHeaders trailers,
        boolean complete) {

    public String path() {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** The first value of the named header (case-insensitive), or null. */
    public String header(String name) {
        return headers.get(name);
    }
}
