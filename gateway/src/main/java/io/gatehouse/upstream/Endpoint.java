package io.gatehouse.upstream;

import io.gatehouse.upstream.pool.EndpointPools;
import java.net.InetSocketAddress;

/**
 * A backend address of an upstream with its pools. The same object lives on across config reloads for as long as
 * its upstream keeps listing it, so its connections survive.
 */
public final class Endpoint {

    private final String authority;
    private final InetSocketAddress address;
    private final EndpointPools pools;
    private volatile int weight;

    Endpoint(String authority, InetSocketAddress address, int weight, EndpointPools pools) {
        this.authority = authority;
        this.address = address;
        this.weight = weight;
        this.pools = pools;
    }

    public String authority() {
        return authority;
    }

    public InetSocketAddress address() {
        return address;
    }

    public int weight() {
        return weight;
    }

    void weight(int weight) {
        this.weight = weight;
    }

    public EndpointPools pools() {
        return pools;
    }

    @Override
    public String toString() {
        return authority;
    }
}
