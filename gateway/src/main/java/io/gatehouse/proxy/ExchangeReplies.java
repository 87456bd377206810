package io.gatehouse.proxy;

import io.gatehouse.context.RequestContext;
import io.gatehouse.internal.Deadline;
import io.gatehouse.upstream.Refusal;
import io.gatehouse.upstream.Upstream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
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

/**
 * What an exchange sends back to its client: the upstream's response, relayed as it arrives (informational heads
 * skipped, malformed ones refused), or a local reply rendered for the route; and whether the client connection goes
 * on afterwards. The subclass, {@link Exchange}, takes the request to the upstream and says how the exchange ends.
 */
abstract class ExchangeReplies {

    static final AsciiString REQUEST_ID = AsciiString.cached("x-request-id");

    final DownstreamConnection downstream;
    final ChannelHandlerContext dctx;
    final RouteRuntime route;
    final RequestContext context;
    final ExchangeRecord record;
    final boolean requestHasBody;
    final Deadline bodyDeadline;
    final Deadline upstreamDeadline;
    private final boolean headRequest;
    private final boolean http10;
    /** Attached by a filter; fed only once the filters let the request through. */
    ExchangeTap tap;
    boolean requestReceived;
    boolean responseStarted;
    boolean done;
    private boolean closeDownstream;
    private boolean skippingInformational;
    private boolean upstreamKeepAlive;
    private String allowHeader;

    ExchangeReplies(DownstreamConnection downstream, RouteRuntime route, RequestContext context,
                    ExchangeRecord record, HttpRequest request, boolean clientKeepAlive, boolean requestHasBody) {
        this.downstream = downstream;
        this.dctx = downstream.ctx();
        this.route = route;
        this.context = context;
        this.record = record;
        this.headRequest = HttpMethod.HEAD.equals(request.method());
        this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.closeDownstream = !clientKeepAlive;
        this.requestHasBody = requestHasBody;
        this.bodyDeadline = downstream.bodyDeadline();
        this.upstreamDeadline = downstream.upstreamDeadline();
    }

    /** Whether the whole request went upstream, so that its connection could serve another. */
    abstract boolean requestSent();

    /** The client can take more of the response: the upstream is read for it. */
    abstract void readMore();

    /** Ends the exchange for good; {@code cause} (null for none) goes to the access log. */
    abstract void end(String cause, boolean upstreamReusable);

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
            fail(HttpResponseStatus.BAD_GATEWAY, "the upstream sent an invalid status code",
                    "invalid status " + status);
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
            readMore();
        }
    }

    private void complete() {
        end(null, requestSent() && upstreamKeepAlive);
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

    /** A local reply a filter decided on, with the headers it adds (null for none). */
    void refuse(HttpResponseStatus status, String detail, HttpHeaders headers, String cause) {
        HttpResponse reply = route.renderer().render(dctx.alloc(), status, detail, context.requestId());
        if (headers != null) {
            reply.headers().add(headers);
        }
        sendLocalReply(reply, cause);
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
}
