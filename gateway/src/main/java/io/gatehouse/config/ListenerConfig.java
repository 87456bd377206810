package io.gatehouse.config;

/** A named downstream listener; port 0 binds an ephemeral port. */
public record ListenerConfig(String name, String address, int port) {
}
