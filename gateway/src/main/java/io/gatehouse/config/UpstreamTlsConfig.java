package io.gatehouse.config;

import java.nio.file.Path;

/**
 * TLS to an upstream's endpoints. Paths are absolute (relative ones were resolved against the config's directory).
 *
 * @param ca         the CAs the endpoints' certificates are verified against; null for the JDK's trust store
 * @param verify     whether the chain and the host name are verified; false trusts any certificate
 * @param serverName SNI and the name the certificate must carry; null for each endpoint's configured host
 * @param cert       the client certificate chain presented to endpoints that ask; null for none
 * @param key        the client certificate's key; null exactly when {@code cert} is
 */
public record UpstreamTlsConfig(Path ca, boolean verify, String serverName, Path cert, Path key) {
}
