package io.gatehouse.config;

/**
 * A named downstream listener; port 0 binds an ephemeral port.
 *
 * @param tls how the listener terminates TLS; null for cleartext
 */
public record ListenerConfig(String name, String address, int port, ListenerTlsConfig tls) {

    /** A cleartext listener. */
    public ListenerConfig(String name, String address, int port) {
        this(name, address, port, null);
    }
}
