package io.gatehouse.upstream.discovery;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every source shares: it reports a list only when it differs from the last one reported, never after close,
 * and a failing consumer is logged rather than allowed to kill the source's periodic task or watch.
 *
 * <p>{@link #close()} takes no lock and does not wait: the consumer usually synchronises on its owner, which may
 * be the very thread closing the source. A report whose closed check passed just before {@code close()} may still
 * be delivered while {@code close()} runs; every report that begins after it is dropped.
 */
final class ChangeReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeReporter.class);

    private final String upstream;
    private final String origin;
    private volatile Consumer<List<DiscoveredEndpoint>> onChange;
    private volatile boolean closed;
    private List<DiscoveredEndpoint> last;

    /** @param origin names where the lists come from in log lines, e.g. {@code DNS name "db.internal"} */
    ChangeReporter(String upstream, String origin) {
        this.upstream = upstream;
        this.origin = origin;
    }

    String upstream() {
        return upstream;
    }

    /** @return false when already closed, so the caller starts nothing */
    boolean start(Consumer<List<DiscoveredEndpoint>> consumer) {
        if (onChange != null) {
            throw new IllegalStateException("the endpoint source of upstream " + upstream + " (" + origin
                    + ") was already started");
        }
        onChange = consumer;
        return !closed;
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    /** The list last reported, empty before the first report. */
    synchronized List<DiscoveredEndpoint> last() {
        return last == null ? List.of() : last;
    }

    /** Reports {@code list} unless it equals the last one reported or the source is closed. */
    synchronized void report(List<DiscoveredEndpoint> list) {
        if (closed || list.equals(last)) {
            return;
        }
        LOG.info("upstream {}: {} lists {}", upstream, origin,
                list.stream().map(DiscoveredEndpoint::authority).toList());
        try {
            onChange.accept(list);
            last = list;
        } catch (RuntimeException e) {
            LOG.error("upstream {}: applying the endpoints from {} failed; it is offered again with the next result",
                    upstream, origin, e);
        }
    }
}
