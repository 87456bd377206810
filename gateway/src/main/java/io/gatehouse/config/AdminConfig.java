package io.gatehouse.config;

/** The admin listener, loopback only by default. */
public record AdminConfig(String address, int port) {
}
