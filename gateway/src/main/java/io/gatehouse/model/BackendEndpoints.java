package io.gatehouse.model;

import java.net.InetSocketAddress;
import java.util.List;

/** The resolved addresses of an upstream's endpoints, where a version's management calls go. */
@FunctionalInterface
public interface BackendEndpoints {

    /** Every endpoint of the upstream, available or not; null when there is no upstream of that name. */
    List<InetSocketAddress> of(String upstream);
}
