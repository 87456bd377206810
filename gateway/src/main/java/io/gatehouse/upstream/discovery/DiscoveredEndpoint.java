package io.gatehouse.upstream.discovery;

import java.net.InetSocketAddress;

/**
 * An endpoint as a discovery source reports it: already resolved, so nothing on the data path ever resolves.
 *
 * @param authority the {@code host:port} identity (for DNS, the resolved address)
 */
public record DiscoveredEndpoint(String authority, InetSocketAddress address, int weight) {
}
