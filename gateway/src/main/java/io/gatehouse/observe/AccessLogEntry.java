package io.gatehouse.observe;

/**
 * One finished exchange as the access log records it.
 *
 * @param path           the request path without its query string, which may carry credentials
 * @param route          the matched route's name, or null when no route matched
 * @param consumer       the consumer an {@code auth} filter established, or null when none did
 * @param upstream       the upstream's name, or null when none was involved
 * @param endpoint       the endpoint ({@code host:port}) the last try went to, or null when none was picked
 * @param retries        tries after the first
 * @param totalMicros    from the first request byte to the last response byte
 * @param upstreamMicros time spent waiting on the upstream, or -1 when none was involved
 * @param error          a short reason when the exchange failed, otherwise null
 */
public record AccessLogEntry(
        long epochMillis,
        String requestId,
        String clientAddress,
        String method,
        String path,
        String route,
        String consumer,
        String upstream,
        String endpoint,
        int retries,
        int status,
        long bytesIn,
        long bytesOut,
        long totalMicros,
        long upstreamMicros,
        String error) {
}
