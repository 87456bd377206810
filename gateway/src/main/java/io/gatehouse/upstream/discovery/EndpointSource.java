package io.gatehouse.upstream.discovery;

import java.util.List;
import java.util.function.Consumer;

/**
 * A dynamic source of an upstream's endpoints (DNS, a watched file, later etcd). It works off the event loops and
 * reports each complete new list; when it fails it logs why and reports nothing, so the last list keeps serving.
 */
public interface EndpointSource extends AutoCloseable {

    /** Starts watching; {@code onChange} gets the first list as soon as it is known, then each change. */
    void start(Consumer<List<DiscoveredEndpoint>> onChange);

    /** Stops watching; no report follows. */
    @Override
    void close();
}
