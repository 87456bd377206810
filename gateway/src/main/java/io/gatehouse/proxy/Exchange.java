package io.gatehouse.proxy;

import io.gatehouse.auth.Identities;
import io.gatehouse.config.HashConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.lb.HashKeys;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One request and its response, from a routed head to the last byte, entirely on the client connection's event
 * loop. The request streams to the upstream and the response back, each direction reading only while the other
 * side is writable; nothing is aggregated unless a body filter asks for it. Any failure ends in a local reply while
 * nothing went downstream, or a closed connection after that; a connection that saw anything abnormal is never
 * pooled. What goes back to the client is {@link ExchangeReplies}'s part; the upstream side is the
 * {@link UpstreamLeg}'s, and what the route's filters add, {@link ExchangeFilters}'.
 */
final class Exchange extends ExchangeReplies {

    /** From the snapshot the exchange started on, like everything else it uses. */
    private final long bodyReadTimeoutNanos;
    private final UpstreamLeg upstream;
    private boolean filtersDone;
    /** The request as the filters see it, and what goes upstream once they let it through. */
    private HttpRequest request;
    private HttpRequest upstreamHead;
    private String receivedUri;
    /** Whether a 100 Continue is owed to the client before it sends the body. */
    private boolean expectContinue;
    /** The route's filters at work on this exchange; null on routes without filters. */
    private ExchangeFilters filters;

    Exchange(DownstreamConnection downstream, RouteRuntime route, RequestContext context, ExchangeRecord record,
             HttpRequest request, boolean clientKeepAlive, boolean requestHasBody, long bodyReadTimeoutNanos) {
        super(downstream, route, context, record, request, clientKeepAlive, requestHasBody);
        this.bodyReadTimeoutNanos = bodyReadTimeoutNanos;
        this.upstream = new UpstreamLeg(this, downstream, route, record, request, requestHasBody);
    }

    /** Runs the filters, then forwards {@code upstreamHead}; the body follows through {@link #onRequestContent}. */
    void start(HttpRequest request, HttpRequest upstreamHead, boolean expectContinue) {
        this.request = request;
        this.upstreamHead = upstreamHead;
        this.receivedUri = request.uri();
        this.expectContinue = expectContinue;
        if (route.filters().isEmpty()) {
            forward();
        } else {
            filters = new ExchangeFilters(this, route, context, request, dctx.alloc(), requestHasBody);
            filters.start();
        }
    }

    /** A body filter needs the body before the request goes on: the client is read for it (asked if it waits). */
    void readBody() {
        if (!requestReceived) {
            sendContinue();
            bodyDeadline.start(bodyReadTimeoutNanos);
            downstream.updateReading();
        }
    }

    private void sendContinue() {
        if (expectContinue && requestHasBody) {
            dctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            expectContinue = false;
        }
    }

    /** The filters let the request through: it goes to the upstream a filter chose, else the route's. */
    void forward() {
        filtersDone = true;
        Upstream target = Forwarding.settle(context, request, receivedUri, upstreamHead, route.upstream());
        if (target == null) {
            fail(HttpResponseStatus.INTERNAL_SERVER_ERROR, "no upstream was chosen", "route without upstream");
            return;
        }
        if (!requestReceived) {
            sendContinue();
            if (requestHasBody) {
                bodyDeadline.start(bodyReadTimeoutNanos);
            }
        }
        tap = filters == null ? null : filters.forward(upstreamHead, upstream);
        upstream.connect(upstreamHead, hashKey(request, target), target);
    }

    /** What consistent hashing hashes, read from the request as the client sent it (before rewrites). */
    private CharSequence hashKey(HttpRequest request, Upstream target) {
        HashConfig hash = target.config().hash();
        return hash == null ? null : HashKeys.of(hash, request, downstream.client().ip());
    }

    /** A piece of the request body from the client; ownership passes to the exchange. */
    void onRequestContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            ReferenceCountUtil.release(content);
            fail(HttpResponseStatus.BAD_REQUEST, "the request body is malformed", "bad body framing");
            return;
        }
        record.addBytesIn(content.content().readableBytes());
        boolean last = content instanceof LastHttpContent;
        if (last) {
            requestReceived = true;
            bodyDeadline.stop();
        } else {
            bodyDeadline.touch();
        }
        if (done || responseStarted && !upstream.requestSent()) {
            // Nobody wants these bytes any more: a local reply went out, or the upstream answered early.
            content.release();
            return;
        }
        if (record.bytesIn() > route.config().maxBodySize()) {
            content.release();
            fail(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the request body exceeds "
                    + route.config().maxBodySize() + " bytes", "body too large");
            return;
        }
        if (filters == null || !filters.aggregates()) {
            if (tap != null) {
                tap.request(content.content(), last);
            }
            upstream.send(content);
        } else if (!filters.aggregate(content)) {
            fail(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the request body exceeds " + filters.aggregationCap()
                    + " bytes", "body too large");
        }
    }

    void onDownstreamReadComplete() {
        if (!done) {
            upstream.flush();
        }
    }

    /** Whether the client connection should be read for more of this request's body. */
    boolean wantsRequestBody() {
        return !done && !requestReceived
                && (filtersDone ? upstream.acceptsBody() : filters != null && filters.awaitingBody());
    }

    boolean requestReceived() {
        return requestReceived;
    }

    void onDownstreamWritable() {
        if (!done) {
            readMore();
        }
    }

    void bodyTimedOut() {
        fail(HttpResponseStatus.REQUEST_TIMEOUT, "the request body stopped arriving", "body timeout");
    }

    void upstreamTimedOut() {
        if (responseStarted) {
            fail(HttpResponseStatus.GATEWAY_TIMEOUT, null, "upstream idle timeout");
        } else {
            upstream.timedOut();
        }
    }

    /** The client went away: abandon everything. */
    void onDownstreamClosed() {
        if (!done) {
            record.status(499);
            end("client closed the connection", false);
        }
    }

    @Override
    boolean requestSent() {
        return upstream.requestSent();
    }

    @Override
    void readMore() {
        upstream.readMore();
    }

    @Override
    void end(String cause, boolean upstreamReusable) {
        done = true;
        if (filters != null) {
            filters.end();
        }
        bodyDeadline.stop();
        upstreamDeadline.stop();
        upstream.release(upstreamReusable);
        record.consumer(Identities.consumerName(context));
        record.finish(cause);
    }
}
