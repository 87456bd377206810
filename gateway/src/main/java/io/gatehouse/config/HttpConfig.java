package io.gatehouse.config;

/**
 * How strictly client requests are read (key {@code server.http}).
 *
 * @param maxHeaders the most header fields a request head may carry (431 over)
 * @param allowTrace whether TRACE requests are forwarded; refused with 405 when false (the default)
 * @param path       how request paths are normalised before routing
 */
public record HttpConfig(int maxHeaders, boolean allowTrace, PathConfig path) {
}
