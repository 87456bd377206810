package io.gatehouse.config;

/**
 * The admin listener, loopback only by default.
 *
 * @param token         the bearer token every admin request but the health checks needs; null for none, which
 *                      only a loopback address allows
 * @param metricsPublic whether {@code /metrics} is served without the token
 */
public record AdminConfig(String address, int port, String token, boolean metricsPublic) {

    /** An admin listener without a token. */
    public AdminConfig(String address, int port) {
        this(address, port, null, false);
    }

    /** Never shows the token, so that logging the config cannot leak it. */
    @Override
    public String toString() {
        return "AdminConfig[address=" + address + ", port=" + port + ", token=" + (token == null ? "none" : "(set)")
                + ", metricsPublic=" + metricsPublic + "]";
    }
}
