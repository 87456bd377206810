package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;

/**
 * What a pick may depend on.
 *
 * @param loopIndex the dense index of the exchange's event loop
 * @param hashKey   the consistent-hash key; null when the request has none (a random pick then)
 * @param avoid     an endpoint an earlier try of the same request used, to be avoided when another exists; or null
 * @param attempt   0 for the first try, then 1, 2, ... (consistent hashing walks on to the next endpoint)
 */
public record PickRequest(int loopIndex, CharSequence hashKey, Endpoint avoid, int attempt) {
}
