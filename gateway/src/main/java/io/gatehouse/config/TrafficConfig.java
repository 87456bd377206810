package io.gatehouse.config;

import java.util.Map;

/**
 * How requests that name neither a version nor a label are split.
 *
 * @param weights      label or version to a weight (weights need not add up to 100)
 * @param stickyHeader with {@code sticky: header:NAME}, the header whose value keeps a caller on one version
 * @param stickyConsumer with {@code sticky: consumer}, the authenticated consumer keeps its version
 */
public record TrafficConfig(Map<String, Integer> weights, boolean stickyConsumer, String stickyHeader) {

    public TrafficConfig {
        weights = Map.copyOf(weights);
    }
}
