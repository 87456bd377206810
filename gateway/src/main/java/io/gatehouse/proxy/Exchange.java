package io.gatehouse.proxy;

import io.gatehouse.auth.Identities;
import io.gatehouse.config.HashConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.filter.RequestBody;
import io.gatehouse.internal.Deadline;
import io.gatehouse.upstream.Refusal;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.lb.HashKeys;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One request and its response, from a routed head to the last byte, entirely on the client connection's event
 * loop. The request streams to the upstream and the response back, each direction reading only while the other
 * side is writable; nothing is aggregated. Any failure ends in a local reply while nothing went downstream, or a
 * closed connection after that; a connection that saw anything abnormal is never pooled.
 */
final class Exchange implements FilterChain.Outcome {

    static final AsciiString REQUEST_ID = AsciiString.cached("x-request-id");

    private final DownstreamConnection downstream;
    private final ChannelHandlerContext dctx;
    private final RouteRuntime route;
    private final RequestContext context;
    private final ExchangeRecord record;
    private final boolean headRequest;
    private final boolean http10;
    private final boolean requestHasBody;
    /** From the snapshot the exchange started on, like everything else it uses. */
    private final long bodyReadTimeoutNanos;
    private final Deadline bodyDeadline;
    private final Deadline upstreamDeadline;
    private final UpstreamLeg upstream;
    /** The body a body filter reads before the request goes upstream; null on routes that stream it. */
    private final BodyAggregation aggregation;
    /** Attached by a filter; fed only once the filters let the request through. */
    private ExchangeTap tap;
    private boolean closeDownstream;
    private boolean filtersDone;
    private boolean requestReceived;
    private boolean responseStarted;
    private boolean skippingInformational;
    private boolean upstreamKeepAlive;
    private boolean done;
    private String allowHeader;
    /** The request as the filters see it, and what goes upstream once they let it through. */
    private HttpRequest request;
    private HttpRequest upstreamHead;
    private String receivedUri;
    /** Whether a 100 Continue is owed to the client before it sends the body. */
    private boolean expectContinue;
    /** The route's filters at work on this exchange; null on routes without filters. */
    private FilterChain filters;

    Exchange(DownstreamConnection downstream, RouteRuntime route, RequestContext context, ExchangeRecord record,
             HttpRequest request, boolean clientKeepAlive, boolean requestHasBody, long bodyReadTimeoutNanos) {
        this.downstream = downstream;
        this.dctx = downstream.ctx();
        this.route = route;
        this.context = context;
        this.record = record;
        this.headRequest = HttpMethod.HEAD.equals(request.method());
        this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.closeDownstream = !clientKeepAlive;
        this.requestHasBody = requestHasBody;
        this.bodyReadTimeoutNanos = bodyReadTimeoutNanos;
        this.bodyDeadline = downstream.bodyDeadline();
        this.upstreamDeadline = downstream.upstreamDeadline();
        this.upstream = new UpstreamLeg(this, downstream, route, record, request, requestHasBody);
        this.aggregation = BodyAggregation.forRoute(route.filters(), dctx.alloc(), requestHasBody);
    }

    /** Runs the filters, then forwards {@code upstreamHead}; the body follows through {@link #onRequestContent}. */
    void start(HttpRequest request, HttpRequest upstreamHead, boolean expectContinue) {
        this.request = request;
        this.upstreamHead = upstreamHead;
        this.receivedUri = request.uri();
        this.expectContinue = expectContinue;
        if (route.filters().isEmpty()) {
            filtersPassed();
        } else {
            filters = new FilterChain(route.filters(), route.config().timeouts().filter(), context, request, this);
            filters.start();
        }
    }

    /** A body filter came up: the body is read from the client from now on (asked for if the client waits). */
    @Override
    public CompletionStage<RequestBody> requestBody() {
        CompletionStage<RequestBody> whole = aggregation.await();
        if (!requestReceived) {
            sendContinue();
            bodyDeadline.start(bodyReadTimeoutNanos);
            downstream.updateReading();
        }
        return whole;
    }

    private void sendContinue() {
        if (expectContinue && requestHasBody) {
            dctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            expectContinue = false;
        }
    }

    @Override
    public void filtersRefused(FilterDecision decision) {
        HttpResponse reply = route.renderer().render(dctx.alloc(), decision.status(), decision.detail(),
                context.requestId());
        if (decision.headers() != null) {
            reply.headers().add(decision.headers());
        }
        sendLocalReply(reply, "rejected by filter");
    }

    @Override
    public void filterFailed(RouteFilter filter, Throwable error) {
        fail(HttpResponseStatus.INTERNAL_SERVER_ERROR, "a filter failed", "filter " + filter.name() + " failed: "
                + error);
    }

    /**
     * 504: the gateway gave up waiting for a decision it needed, which a filter usually waits for from another
     * server (an authorization service, Redis, a model backend's queue): not the client's fault (408), nor an
     * overload that a retry-later would cure (503).
     */
    @Override
    public void filterTimedOut(RouteFilter filter, long timeoutNanos) {
        fail(HttpResponseStatus.GATEWAY_TIMEOUT, "filter " + filter.name() + " did not decide within "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", "filter timeout: " + filter.name());
    }

    /** Every filter let the request through: it goes to the upstream a filter chose, else the route's. */
    @Override
    public void filtersPassed() {
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
        tap = ExchangeTap.of(context);
        if (tap != null) {
            upstream.tapHeld(tap);
        }
        HttpContent aggregated = aggregation == null ? null : aggregation.forward(upstreamHead);
        if (aggregated != null) {
            if (tap != null) {
                tap.request(aggregated.content(), true);
            }
            upstream.send(aggregated);
        }
        upstream.connect(upstreamHead, hashKey(request, target), target);
    }

    /** What consistent hashing hashes, read from the request as the client sent it (before rewrites). */
    private CharSequence hashKey(HttpRequest request, Upstream target) {
        HashConfig hash = target.config().hash();
        return hash == null ? null : HashKeys.of(hash, request, downstream.client().ip());
    }

    /** The upstream (and any fallback upstream) cannot take the request. */
    void unavailable(Refusal refusal, Upstream upstream) {
        boolean fallsBack = UnavailableReply.fallsBack(route);
        if (fallsBack) {
            upstream.fellBack();
        }
        sendLocalReply(UnavailableReply.render(route, refusal, upstream, dctx.alloc(), context.requestId()),
                fallsBack ? "fallback: " + refusal.detail() : refusal.detail());
    }

    boolean done() {
        return done;
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
        if (aggregation == null) {
            if (tap != null) {
                tap.request(content.content(), last);
            }
            upstream.send(content);
        } else if (!aggregation.add(content)) {
            fail(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the request body exceeds " + aggregation.cap()
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
                && (filtersDone ? upstream.acceptsBody() : aggregation != null && aggregation.awaiting());
    }

    boolean requestReceived() {
        return requestReceived;
    }

    void onDownstreamWritable() {
        if (!done) {
            upstream.readMore();
        }
    }

    /** A decoded piece of the upstream response; ownership passes here. */
    void onUpstreamRead(HttpObject msg) {
        if (done) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            fail(HttpResponseStatus.BAD_GATEWAY, "the upstream sent a malformed response", "bad upstream response");
            return;
        }
        if (msg instanceof HttpResponse response && !responseHead(response)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            responseContent(content);
        }
    }

    /** Forwards a final response head; returns false for an informational one, which is never final. */
    private boolean responseHead(HttpResponse response) {
        int status = response.status().code();
        if (status < 100 || status > 599) {
            // Netty's decoder takes any number; a client or cache in front may not, and must never see one.
            fail(HttpResponseStatus.BAD_GATEWAY, "the upstream sent an invalid status code", "invalid status " + status);
            return false;
        }
        if (status == 101) {
            // The Upgrade field is never forwarded, so no upgrade was asked for: the upstream is out of step.
            fail(HttpResponseStatus.BAD_GATEWAY, "the upstream switched protocols unasked", "unsolicited 101");
            return false;
        }
        if (status < 200) {
            skippingInformational = true;
            return false;
        }
        upstreamDeadline.start(route.config().timeouts().idle().toNanos());
        record.upstreamResponded();
        upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        if (!requestReceived && requestHasBody) {
            // An early answer: the rest of the body will never be read, so this client connection cannot go on.
            closeDownstream = true;
            // Nor is that rest wanted any more: a client that stops sending it must not cut the response.
            bodyDeadline.stop();
        }
        closeDownstream |= ResponseHeads.prepare(response, headRequest, http10);
        closeDownstream |= downstream.services().draining();
        ResponseHeads.connection(response, closeDownstream, http10);
        response.headers().set(REQUEST_ID, context.requestId());
        FilterChain.runResponse(route.filters(), context, response);
        record.status(status);
        responseStarted = true;
        dctx.write(response, dctx.voidPromise());
        return true;
    }

    private void responseContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (skippingInformational) {
            skippingInformational = !last;
            content.release();
            return;
        }
        upstreamDeadline.touch();
        record.addBytesOut(content.content().readableBytes());
        if (tap != null) {
            tap.response(content.content(), last);
        }
        dctx.write(content, dctx.voidPromise());
        if (last) {
            complete();
        }
    }

    void onUpstreamReadComplete() {
        dctx.flush();
        if (!done && dctx.channel().isWritable()) {
            upstream.readMore();
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

    private void complete() {
        end(null, upstream.requestSent() && upstreamKeepAlive);
        dctx.flush();
        downstream.exchangeEnded(!closeDownstream);
    }

    /** Refuses the request at its head; {@code close} when the connection cannot be trusted to go on. */
    void reject(HttpResponseStatus status, String detail, String cause, boolean close) {
        closeDownstream |= close;
        localReply(status, detail, cause);
    }

    /** 405 with the methods the matched path does allow. */
    void rejectMethod(Set<String> allowed) {
        allowHeader = String.join(", ", new TreeSet<>(allowed));
        localReply(HttpResponseStatus.METHOD_NOT_ALLOWED, "allowed methods: " + allowHeader, "method not allowed");
    }

    /** A local reply while the response has not started; otherwise the client connection is cut. */
    void fail(HttpResponseStatus status, String detail, String cause) {
        if (done) {
            return;
        }
        if (responseStarted) {
            end(cause, false);
            downstream.exchangeEnded(false);
        } else {
            localReply(status, detail, cause);
        }
    }

    private void localReply(HttpResponseStatus status, String detail, String cause) {
        sendLocalReply(route.renderer().render(dctx.alloc(), status, detail, context.requestId()), cause);
    }

    private void sendLocalReply(HttpResponse reply, String cause) {
        if (headRequest && reply instanceof FullHttpResponse full) {
            reply = ResponseHeads.withoutBody(full);
        }
        if (!requestReceived && requestHasBody) {
            closeDownstream = true;
        }
        closeDownstream |= downstream.services().draining();
        int status = reply.status().code();
        ResponseHeads.connection(reply, closeDownstream, http10);
        reply.headers().set(REQUEST_ID, context.requestId());
        if (allowHeader != null) {
            reply.headers().set(HttpHeaderNames.ALLOW, allowHeader);
        }
        FilterChain.runResponse(route.filters(), context, reply);
        record.status(status);
        responseStarted = true;
        end(cause, false);
        dctx.writeAndFlush(reply);
        downstream.exchangeEnded(!closeDownstream);
    }

    private void end(String cause, boolean upstreamReusable) {
        done = true;
        if (filters != null) {
            filters.end();
        }
        bodyDeadline.stop();
        upstreamDeadline.stop();
        upstream.release(upstreamReusable);
        if (aggregation != null) {
            aggregation.release();
        }
        record.consumer(Identities.consumerName(context));
        record.finish(cause);
    }
}
