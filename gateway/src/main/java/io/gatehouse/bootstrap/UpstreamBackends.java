package io.gatehouse.bootstrap;

import io.gatehouse.config.UpstreamTlsConfig;
import io.gatehouse.model.BackendEndpoints;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.UpstreamRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The model control plane's view of the proxy's upstreams: their endpoints' addresses and their TLS settings. */
final class UpstreamBackends implements BackendEndpoints {

    private final UpstreamRegistry upstreams;

    UpstreamBackends(UpstreamRegistry upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public List<InetSocketAddress> of(String upstream) {
        Upstream found = find(upstream);
        return found == null ? null : found.endpoints().stream().map(UpstreamBackends::named).toList();
    }

    @Override
    public UpstreamTlsConfig tls(String upstream) {
        Upstream found = find(upstream);
        return found == null ? null : found.config().pool().tls();
    }

    private Upstream find(String upstream) {
        List<Upstream> found = upstreams.upstreams(List.of(upstream));
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The endpoint's resolved address under the host it was configured with (a discovered one's is its IP), the
     * name TLS checks on the proxy's connections too; equal to the plain address, which it stays.
     */
    private static InetSocketAddress named(Endpoint endpoint) {
        InetSocketAddress address = endpoint.address();
        try {
            return new InetSocketAddress(InetAddress.getByAddress(endpoint.host(), address.getAddress().getAddress()),
                    address.getPort());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("endpoint " + endpoint.authority() + " has an address of neither 4 nor 16 "
                    + "bytes: " + address, e);
        }
    }
}
