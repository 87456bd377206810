package io.gatehouse.model;

import io.gatehouse.config.UpstreamTlsConfig;
import java.net.InetSocketAddress;
import java.util.List;

/** The resolved addresses of an upstream's endpoints and its TLS: where and how a version's management calls go. */
@FunctionalInterface
public interface BackendEndpoints {

    /**
     * Every endpoint of the upstream, available or not; null when there is no upstream of that name. Each address's
     * host name ({@link InetSocketAddress#getHostString()}) is the endpoint's configured host: the name its TLS
     * certificate is checked for unless the upstream sets {@code server-name}.
     */
    List<InetSocketAddress> of(String upstream);

    /** The upstream's TLS settings; null for cleartext, and for an upstream that is not there. */
    default UpstreamTlsConfig tls(String upstream) {
        return null;
    }
}
