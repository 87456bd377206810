package io.gatehouse.admin;

import io.gatehouse.model.ModelControl;
import io.gatehouse.proxy.RouteRuntime;
import io.gatehouse.upstream.Upstream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** What the admin API can see and do; the gateway's bootstrap implements it. */
public interface AdminOperations {

    /** Config loaded, listeners bound and not draining. */
    boolean ready();

    /** Reloads the config file off the event loops; completes with the outcome. */
    CompletionStage<ReloadOutcome> reload(String trigger);

    /** The current routes in match precedence order, each with its filters in the order they run. */
    List<RouteRuntime> routes();

    /** Each cluster-wide rate limiter's Redis connection: {@code up} or {@code down}, by limiter name. */
    Map<String, String> redisStates();

    /** The upstreams with their live state, in config order. */
    List<Upstream> upstreams();

    /** The model registry's control plane: loads, unloads, labels and traffic. */
    ModelControl modelControl();

    /** Metrics in the Prometheus text format. */
    String scrapeMetrics();
}
