package io.gatehouse.config;

/**
 * What a consistent-hash balancer hashes: a request header, a cookie, the client address or the path.
 *
 * @param name the header or cookie name; null for the other kinds
 */
public record HashConfig(Source source, String name) {

    public enum Source { HEADER, COOKIE, CLIENT_ADDRESS, PATH }
}
