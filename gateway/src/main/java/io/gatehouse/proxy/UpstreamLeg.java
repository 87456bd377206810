package io.gatehouse.proxy;

import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.Refusal;
import io.gatehouse.upstream.TryOutcome;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.UpstreamTry;
import io.gatehouse.upstream.lb.PickRequest;
import io.gatehouse.upstream.pool.PoolFullException;
import io.gatehouse.upstream.resilience.RetryAfter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The upstream side of an exchange: tries, each admitted by the upstream's limits and breaker, sent to a picked
 * endpoint over a pooled connection, and judged at its response head. A failed try is retried as the route allows
 * (never once a response byte went to the client), the next try preferring another endpoint; an upstream that
 * cannot take the request at all hands it to the route's fallback upstream, else to the exchange's fallback reply.
 * The connection of the current try is {@link TryConnection}'s part; what a response means downstream is the
 * exchange's business.
 */
final class UpstreamLeg extends TryConnection {

    private static final String TOTAL_TIMEOUT_DETAIL = "the upstream did not answer within the route's total timeout";

    private final EventLoop loop;
    private final Retrier retrier;
    private final TotalDeadline total;
    private Upstream target;
    private CharSequence hashKey;
    private UpstreamTry attempt;
    private Endpoint endpoint;
    private int tries;
    private boolean staleRetried;
    private boolean bytesSeen;
    private boolean headSeen;

    UpstreamLeg(Exchange exchange, DownstreamConnection downstream, RouteRuntime route, ExchangeRecord record,
                HttpRequest request, boolean requestHasBody) {
        this(exchange, downstream, route, record, new Retrier(route.name() != null ? route.config().retries() : null,
                request.method()), requestHasBody);
    }

    private UpstreamLeg(Exchange exchange, DownstreamConnection downstream, RouteRuntime route,
                        ExchangeRecord record, Retrier retrier, boolean requestHasBody) {
        // A body is kept for replay only when a retry could use it; without a body there is nothing to keep, and
        // even then a stale keep-alive connection may be replaced.
        super(exchange, downstream, route, record, retrier.replayCap(requestHasBody));
        this.loop = downstream.ctx().channel().eventLoop();
        this.retrier = retrier;
        // The runtime of requests no route matched has no config: those never reach an upstream.
        this.total = route.name() != null ? new TotalDeadline(loop.ticker(), route.config().timeouts()) : null;
    }

    @Override
    long tryTimeoutNanos() {
        return total.tryTimeoutNanos();
    }

    /**
     * Starts the first try of {@code head} to {@code upstream}; {@code hashKey} feeds consistent hashing (null for
     * none).
     */
    void connect(HttpRequest head, CharSequence hashKey, Upstream upstream) {
        this.head = head;
        this.hashKey = hashKey;
        this.target = upstream;
        startTry();
    }

    private void startTry() {
        UpstreamTry next = target.startTry();
        if (next.refusal() != null) {
            unavailable(next.refusal());
            return;
        }
        Endpoint picked = next.pick(new PickRequest(downstream.loopIndex(), hashKey, endpoint, tries));
        if (picked == null) {
            next.finish();
            target.refused(Refusal.NO_ENDPOINT);
            unavailable(Refusal.NO_ENDPOINT);
            return;
        }
        attempt = next;
        endpoint = picked;
        tries++;
        requestSent = false;
        bytesSeen = false;
        record.upstream(target.name(), picked.authority());
        // Time spent queued for a connection counts towards the response timeout, so a busy one cannot hold it.
        upstreamDeadline.start(total.tryTimeoutNanos());
        acquire(endpoint, false);
    }

    /** The route's fallback upstream gets a request its own upstream refused; else the exchange answers. */
    private void unavailable(Refusal refusal) {
        if (route.fallbackUpstream() != null && target != route.fallbackUpstream()) {
            // No retry goes to this upstream any more; the other one's budget governs retries from here on.
            retrier.endRetries();
            target.fellBack();
            target = route.fallbackUpstream();
            startTry();
            return;
        }
        exchange.unavailable(refusal, target);
    }

    @Override
    public void onAcquireFailed(Throwable cause, boolean timedOut) {
        acquireEnded();
        if (cause instanceof PoolFullException) {
            attempt.finish();
            target.refused(Refusal.MAX_PENDING);
            unavailable(Refusal.MAX_PENDING);
            return;
        }
        if (retry(TryOutcome.failure(TryOutcome.Kind.CONNECT_FAILURE, attempt.elapsedNanos()), -1)) {
            return;
        }
        if (timedOut) {
            exchange.fail(HttpResponseStatus.GATEWAY_TIMEOUT, "connecting to the upstream timed out",
                    "connect timeout");
        } else {
            exchange.fail(HttpResponseStatus.BAD_GATEWAY, "the upstream refused the connection",
                    "connect failed: " + cause);
        }
    }

    /**
     * The try's deadline passed before a response head. Waiting in a pool's queue ends the exchange with 504; a
     * request that went out counts as a timed-out try, which may be retried. A connect under way is bounded by
     * the connect timeout, and by the total deadline, which this keeps watching.
     */
    void timedOut() {
        boolean totalPassed = total.passed();
        if (leaveQueue()) {
            exchange.fail(HttpResponseStatus.GATEWAY_TIMEOUT, "waiting for a connection to the upstream timed out",
                    "connect timeout");
        } else if (requestSent) {
            if (!retry(TryOutcome.failure(TryOutcome.Kind.TIMEOUT, attempt.elapsedNanos()), -1)) {
                exchange.fail(HttpResponseStatus.GATEWAY_TIMEOUT, totalPassed ? TOTAL_TIMEOUT_DETAIL
                        : "the upstream did not answer in time", "upstream timeout");
            }
        } else if (totalPassed) {
            exchange.fail(HttpResponseStatus.GATEWAY_TIMEOUT, TOTAL_TIMEOUT_DETAIL, "upstream timeout");
        } else if (total.set()) {
            upstreamDeadline.start(total.remainingNanos());
        }
    }

    @Override
    public void onUpstreamRead(HttpObject msg) {
        bytesSeen = true;
        if (!headSeen && msg instanceof HttpResponse response && response.status().code() >= 200
                && !msg.decoderResult().isFailure()) {
            headSeen = true;
            int status = response.status().code();
            TryOutcome outcome = TryOutcome.response(status, attempt.elapsedNanos());
            long retryAfter = RetryAfter.parseNanos(response.headers().get(HttpHeaderNames.RETRY_AFTER),
                    Instant.now());
            if (retry(outcome, retryAfter)) {
                ReferenceCountUtil.release(msg);
                return;
            }
        }
        exchange.onUpstreamRead(msg);
    }

    @Override
    public void onUpstreamReadComplete() {
        exchange.onUpstreamReadComplete();
    }

    @Override
    public void onUpstreamClosed(Throwable cause) {
        if (exchange.done()) {
            return;
        }
        boolean staleCandidate = connection.reused();
        connection = null;
        // A reused connection that fails before any response byte may simply have been closed by the upstream
        // while idle: not the endpoint's fault, and a request whose body is all kept is replayed once on a fresh
        // connection to the same endpoint.
        if (staleCandidate && !staleRetried && !bytesSeen && body.replayable() && body.empty()) {
            staleRetried = true;
            requestSent = false;
            upstreamDeadline.start(total.tryTimeoutNanos());
            acquire(endpoint, true);
            return;
        }
        if (!headSeen && retry(TryOutcome.failure(TryOutcome.Kind.RESET, attempt.elapsedNanos()), -1)) {
            return;
        }
        exchange.fail(HttpResponseStatus.BAD_GATEWAY,
                "the upstream closed the connection before the response was complete",
                cause == null ? "upstream closed" : "upstream reset: " + cause);
    }

    /**
     * Reports the try's outcome and, when the route retries it and its budget allows, ends the try and schedules
     * the next one. Returns whether a retry is on its way.
     */
    private boolean retry(TryOutcome outcome, long retryAfterNanos) {
        attempt.report(outcome);
        if (exchange.done() || !body.replayable()) {
            return false;
        }
        long delay = retrier.delayNanos(outcome, tries, retryAfterNanos, total.retryWaitLimitNanos(), target,
                ThreadLocalRandom.current());
        if (delay < 0) {
            return false;
        }
        record.retried();
        endTry(false);
        headSeen = false;
        upstreamDeadline.stop();
        retrier.schedule(loop, this::startTry, delay);
        return true;
    }

    /** Ends the leg: drops held body and replay copy, leaves a pool queue or a backoff, gives back everything. */
    void release(boolean reusable) {
        retrier.cancel();
        body.release();
        endTry(reusable);
    }

    private void endTry(boolean reusable) {
        releaseConnection(reusable);
        if (attempt != null) {
            attempt.finish();
        }
    }
}
