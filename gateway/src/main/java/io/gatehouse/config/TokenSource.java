package io.gatehouse.config;

/**
 * Where a bearer token is read from, in this order: the {@code header} (as {@code Bearer <token>}), the cookie,
 * the query parameter.
 *
 * @param cookie    a cookie name; null to not look
 * @param query     a query parameter name; null to not look
 * @param keepToken forward the token upstream instead of removing it once it was accepted
 */
public record TokenSource(String header, String cookie, String query, boolean keepToken) {

    public static final String DEFAULT_HEADER = "Authorization";
}
