package io.gatehouse.proxy;

import io.gatehouse.internal.Deadline;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.pool.ConnectionCallback;
import io.gatehouse.upstream.pool.ConnectionPool;
import io.gatehouse.upstream.pool.ConnectionListener;
import io.gatehouse.upstream.pool.PoolFullException;
import io.gatehouse.upstream.pool.PooledConnection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One request and its response, from a routed head to the last byte, entirely on the client connection's event
 * loop. The request streams to the upstream and the response back, each direction reading only while the other
 * side is writable; nothing is aggregated. Any failure ends in a local reply while nothing went downstream, or a
 * closed connection after that; a connection that saw anything abnormal is never pooled.
 */
final class Exchange implements ConnectionCallback, ConnectionListener {

    static final AsciiString REQUEST_ID = AsciiString.cached("x-request-id");

    private final DownstreamConnection downstream;
    private final ChannelHandlerContext dctx;
    private final RouteRuntime route;
    private final RequestContext context;
    private final ExchangeRecord record;
    private final boolean headRequest;
    private final boolean http10;
    private final boolean requestHasBody;
    private final Deadline bodyDeadline;
    private final Deadline upstreamDeadline;
    private final ArrayDeque<HttpContent> held = new ArrayDeque<>(2);
    private HttpRequest upstreamRequest;
    private PooledConnection upstream;
    private ConnectionPool acquiring;
    private boolean closeDownstream;
    private boolean filtersDone;
    private boolean requestReceived;
    private boolean requestSent;
    private boolean bodyWritten;
    private boolean responseStarted;
    private boolean skippingInformational;
    private boolean upstreamKeepAlive;
    private boolean retried;
    private boolean done;
    private String allowHeader;

    Exchange(DownstreamConnection downstream, RouteRuntime route, RequestContext context, ExchangeRecord record,
             HttpRequest request, boolean clientKeepAlive, boolean requestHasBody) {
        this.downstream = downstream;
        this.dctx = downstream.ctx();
        this.route = route;
        this.context = context;
        this.record = record;
        this.headRequest = io.netty.handler.codec.http.HttpMethod.HEAD.equals(request.method());
        this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.closeDownstream = !clientKeepAlive;
        this.requestHasBody = requestHasBody;
        this.bodyDeadline = downstream.bodyDeadline();
        this.upstreamDeadline = downstream.upstreamDeadline();
    }

    /** Runs the filters, then forwards {@code upstreamHead}; the body follows through {@link #onRequestContent}. */
    void start(HttpRequest request, HttpRequest upstreamHead, boolean expectContinue) {
        FilterChain.runRequest(route.filters(), context, request, (decision, error) -> {
            if (done) {
                return;
            }
            filtersDone = true;
            if (error != null) {
                fail(HttpResponseStatus.INTERNAL_SERVER_ERROR, "a filter failed", "filter error: " + error);
            } else if (!decision.proceeds()) {
                localReply(decision.status(), decision.detail(), "rejected by filter");
            } else {
                proceed(upstreamHead, expectContinue);
            }
        });
    }

    private void proceed(HttpRequest upstreamHead, boolean expectContinue) {
        upstreamRequest = upstreamHead;
        if (expectContinue && requestHasBody && !requestReceived) {
            dctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        Endpoint endpoint = route.upstream().pick(downstream.loopIndex());
        if (endpoint == null) {
            fail(HttpResponseStatus.SERVICE_UNAVAILABLE, "no endpoint is available", "no endpoint");
            return;
        }
        record.upstream(route.upstream().name(), endpoint.authority());
        if (requestHasBody && !requestReceived) {
            bodyDeadline.start(downstream.services().snapshot().config().server().bodyReadTimeout().toNanos());
        }
        // Time spent queued for a connection counts towards the response timeout, so a busy one cannot hold it.
        upstreamDeadline.start(route.config().timeouts().response().toNanos());
        acquiring = endpoint.pools().forLoop(downstream.loopIndex());
        acquiring.acquire(this, route.config().timeouts().connect(), retried);
    }

    @Override
    public void onAcquired(PooledConnection connection) {
        acquiring = null;
        if (done) {
            connection.release(true);
            return;
        }
        upstream = connection;
        connection.attach(this);
        upstreamDeadline.stop();
        record.upstreamStarted();
        Channel channel = connection.channel();
        // Void promises: nothing waits on these writes, and a failed one reaches exceptionCaught, which closes.
        channel.write(upstreamRequest, channel.voidPromise());
        HttpContent content;
        while ((content = held.poll()) != null) {
            writeUpstream(content);
        }
        if (retried && requestReceived && !requestSent) {
            // A retried request has no body (see onUpstreamClosed); its end was written to the failed connection.
            writeUpstream(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        channel.flush();
        channel.read();
        downstream.updateReading();
    }

    @Override
    public void onAcquireFailed(Throwable cause, boolean timedOut) {
        acquiring = null;
        if (done) {
            return;
        }
        if (cause instanceof PoolFullException) {
            fail(HttpResponseStatus.SERVICE_UNAVAILABLE, "the upstream is at its connection limit", cause.getMessage());
        } else if (timedOut) {
            fail(HttpResponseStatus.GATEWAY_TIMEOUT, "connecting to the upstream timed out", "connect timeout");
        } else {
            fail(HttpResponseStatus.BAD_GATEWAY, "the upstream refused the connection", "connect failed: " + cause);
        }
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
        if (done || responseStarted && !requestSent) {
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
        if (upstream == null) {
            held.add(content);
        } else {
            writeUpstream(content);
        }
    }

    private void writeUpstream(HttpContent content) {
        bodyWritten |= content.content().isReadable();
        boolean last = content instanceof LastHttpContent;
        upstream.channel().write(content, upstream.channel().voidPromise());
        if (last) {
            requestSent = true;
            upstreamDeadline.start(route.config().timeouts().response().toNanos());
        }
    }

    void onDownstreamReadComplete() {
        if (upstream != null && !done) {
            upstream.channel().flush();
        }
    }

    /** Whether the client connection should be read for more of this request's body. */
    boolean wantsRequestBody() {
        return !done && !requestReceived && filtersDone && upstream != null && upstream.channel().isWritable();
    }

    boolean requestReceived() {
        return requestReceived;
    }

    void onDownstreamWritable() {
        if (upstream != null && !done) {
            upstream.channel().read();
        }
    }

    @Override
    public void onUpstreamRead(HttpObject msg) {
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
        upstreamKeepAlive = io.netty.handler.codec.http.HttpUtil.isKeepAlive(response);
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
        dctx.write(content, dctx.voidPromise());
        if (last) {
            complete();
        }
    }

    @Override
    public void onUpstreamReadComplete() {
        dctx.flush();
        if (!done && dctx.channel().isWritable()) {
            upstream.channel().read();
        }
    }

    @Override
    public void onUpstreamWritabilityChanged(boolean writable) {
        if (writable) {
            downstream.updateReading();
        }
    }

    @Override
    public void onUpstreamClosed(Throwable cause) {
        if (done) {
            return;
        }
        boolean staleCandidate = upstream.reused();
        upstream = null;
        // A reused connection that fails before any response byte may simply have been closed by the upstream
        // while idle; a request with no body can be replayed safely once, on a fresh connection.
        if (staleCandidate && !retried && !requestHasBody && !responseStarted && !skippingInformational) {
            retried = true;
            requestSent = false;
            upstreamDeadline.stop();
            proceed(upstreamRequest, false);
            return;
        }
        fail(HttpResponseStatus.BAD_GATEWAY, "the upstream closed the connection before the response was complete",
                cause == null ? "upstream closed" : "upstream reset: " + cause);
    }

    void bodyTimedOut() {
        fail(HttpResponseStatus.REQUEST_TIMEOUT, "the request body stopped arriving", "body timeout");
    }

    void upstreamTimedOut() {
        if (responseStarted) {
            fail(HttpResponseStatus.GATEWAY_TIMEOUT, null, "upstream idle timeout");
        } else if (acquiring != null) {
            // Still queued for a connection: give up. A connection being opened has its own connect timeout.
            if (acquiring.cancel(this)) {
                fail(HttpResponseStatus.GATEWAY_TIMEOUT, "waiting for a connection to the upstream timed out",
                        "connect timeout");
            }
        } else {
            fail(HttpResponseStatus.GATEWAY_TIMEOUT, "the upstream did not answer in time", "upstream timeout");
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
        end(null, requestSent && upstreamKeepAlive);
        dctx.flush();
        downstream.exchangeEnded(!closeDownstream);
    }

    /** Refuses the request at its head; {@code close} when the connection cannot be trusted to go on. */
    void reject(HttpResponseStatus status, String detail, String cause, boolean close) {
        closeDownstream |= close;
        localReply(status, detail, cause);
    }

    /** 405 with the methods the matched path does allow. */
    void rejectMethod(java.util.Set<String> allowed) {
        allowHeader = String.join(", ", new java.util.TreeSet<>(allowed));
        localReply(HttpResponseStatus.METHOD_NOT_ALLOWED, "allowed methods: " + allowHeader, "method not allowed");
    }

    /** A local reply while the response has not started; otherwise the client connection is cut. */
    private void fail(HttpResponseStatus status, String detail, String cause) {
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
        if (!requestReceived && requestHasBody) {
            closeDownstream = true;
        }
        closeDownstream |= downstream.services().draining();
        HttpResponse reply = route.renderer().render(dctx.alloc(), status, detail, context.requestId());
        ResponseHeads.connection(reply, closeDownstream, http10);
        reply.headers().set(REQUEST_ID, context.requestId());
        if (allowHeader != null) {
            reply.headers().set(io.netty.handler.codec.http.HttpHeaderNames.ALLOW, allowHeader);
        }
        FilterChain.runResponse(route.filters(), context, reply);
        record.status(status.code());
        responseStarted = true;
        end(cause, false);
        dctx.writeAndFlush(reply);
        downstream.exchangeEnded(!closeDownstream);
    }

    private void end(String cause, boolean upstreamReusable) {
        done = true;
        bodyDeadline.stop();
        upstreamDeadline.stop();
        HttpContent content;
        while ((content = held.poll()) != null) {
            content.release();
        }
        if (acquiring != null) {
            acquiring.cancel(this);
            acquiring = null;
        }
        if (upstream != null) {
            PooledConnection connection = upstream;
            upstream = null;
            connection.release(upstreamReusable);
        }
        record.finish(cause);
    }
}
