package io.gatehouse.proxy;

import io.gatehouse.observe.AccessLog;
import io.gatehouse.observe.AccessLogEntry;
import io.gatehouse.observe.RouteMeters;
import io.netty.util.concurrent.Ticker;

/** What is measured about one exchange, turned into a metric sample and an access-log line when it ends. */
final class ExchangeRecord {

    private final Ticker ticker;
    private final long startNanos;
    private final long epochMillis;
    private final String requestId;
    private final String client;
    private final String method;
    private final String path;
    private final String route;
    private final RouteMeters meters;
    private final AccessLog accessLog;
    private String consumer;
    private String upstream;
    private String endpoint;
    private int status;
    private int retries;
    private long bytesIn;
    private long bytesOut;
    private long upstreamStartNanos = -1;
    private long upstreamNanos = -1;
    private boolean finished;

    ExchangeRecord(Ticker ticker, String requestId, String client, String method, String path, String route,
                   RouteMeters meters, AccessLog accessLog) {
        this.ticker = ticker;
        this.startNanos = ticker.nanoTime();
        this.epochMillis = System.currentTimeMillis();
        this.requestId = requestId;
        this.client = client;
        this.method = method;
        this.path = path;
        this.route = route;
        this.meters = meters;
        this.accessLog = accessLog;
    }

    void upstream(String name, String endpoint) {
        upstream = name;
        this.endpoint = endpoint;
    }

    /** The consumer authentication established; null (the default) when there is none. */
    void consumer(String name) {
        consumer = name;
    }

    void retried() {
        retries++;
    }

    void upstreamStarted() {
        upstreamStartNanos = ticker.nanoTime();
    }

    /** The upstream duration is time to the response head: what the backend cost, not the client's download. */
    void upstreamResponded() {
        if (upstreamStartNanos >= 0) {
            upstreamNanos = ticker.nanoTime() - upstreamStartNanos;
        }
    }

    void status(int status) {
        this.status = status;
    }

    void addBytesIn(long n) {
        bytesIn += n;
    }

    long bytesIn() {
        return bytesIn;
    }

    void addBytesOut(long n) {
        bytesOut += n;
    }

    /** Records the sample once; later calls are ignored. */
    void finish(String error) {
        if (finished) {
            return;
        }
        finished = true;
        long totalNanos = ticker.nanoTime() - startNanos;
        meters.record(method, status, totalNanos, upstreamNanos);
        if (accessLog.enabled()) {
            accessLog.log(new AccessLogEntry(epochMillis, requestId, client, method, path, route, consumer, upstream,
                    endpoint, retries, status, bytesIn, bytesOut, totalNanos / 1000,
                    upstreamNanos < 0 ? -1 : upstreamNanos / 1000, error));
        }
    }
}
