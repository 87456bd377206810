package io.gatehouse.config;

/** One backend address ({@code address: "host:port"} in YAML) and its balancing weight. */
public record EndpointConfig(String host, int port, int weight) {

    /** The {@code host:port} form used as a stable identity and in logs. */
    public String authority() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
