package io.gatehouse.proxy;

import io.gatehouse.config.HttpConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.routing.QueryParams;
import io.gatehouse.routing.PathVariables;
import io.gatehouse.routing.RouteLookup;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLSession;

/**
 * Turns a decoded request head into an exchange: checks what the decoder let through, routes on the head alone
 * (before any body byte is read), and refuses with a local reply what cannot be served.
 */
final class Admission {

    private final DownstreamConnection connection;
    private final String listener;

    Admission(DownstreamConnection connection, String listener) {
        this.connection = connection;
        this.listener = listener;
    }

    /** Returns the started exchange; a refused request is an exchange that has already replied. */
    Exchange admit(HttpRequest request) {
        ChannelHandlerContext ctx = connection.ctx();
        ProxyServices services = connection.services();
        GatewaySnapshot snapshot = services.snapshot();
        HttpHeaders headers = request.headers();
        String incomingId = headers.get(Exchange.REQUEST_ID);
        String requestId = RequestIds.acceptable(incomingId) ? incomingId : RequestIds.next();
        ClientAddress client = connection.client();
        // A failed head may carry the very Content-Length the decoder refused (e.g. "5, 6"): do not parse it.
        boolean decoded = request.decoderResult().isSuccess();
        boolean chunked = decoded && HttpUtil.isTransferEncodingChunked(request);
        long contentLength = decoded ? HttpUtil.getContentLength(request, 0L) : 0;
        boolean hasBody = chunked || contentLength > 0;
        HttpConfig http = snapshot.config().server().http();
        RequestTarget received = decoded ? RequestTarget.parse(request.uri()) : null;
        HeadChecks.Rejection rejection = HeadChecks.check(request, received, http);
        RequestTarget target = null;
        if (rejection == null) {
            try {
                target = received.withNormalizedPath(PathNormalizer.normalize(received.path(), http.path()));
            } catch (PathNormalizer.RejectedPath e) {
                rejection = new HeadChecks.Rejection(HttpResponseStatus.BAD_REQUEST, e.getMessage(), true);
            }
        }
        String path = target == null ? "-" : target.path();

        RouteLookup lookup = target == null ? null : snapshot.router().find(listener, host(request, target),
                request.method().name(), target.path(), QueryParams.of(target.query()), headers);
        RouteRuntime route = lookup instanceof RouteLookup.Matched matched
                ? snapshot.route(matched.route().index()) : snapshot.unmatched();
        String originalClient = snapshot.trustedProxies().originalClient(client.peer().getAddress(), client.ip(),
                headers.get(ForwardingHeaders.X_FORWARDED_FOR));
        RequestContext context = new RequestContext(requestId, route.name(), client.peer(), originalClient,
                lookup instanceof RouteLookup.Matched found ? found.vars() : PathVariables.NONE,
                ctx.channel().eventLoop(), ctx.executor().ticker().nanoTime(),
                tlsSession(ctx));
        ExchangeRecord record = new ExchangeRecord(ctx.executor().ticker(), requestId,
                originalClient, request.method().name(), path, route.name(), route.meters(),
                services.accessLog());
        boolean keepAlive = decoded && HttpUtil.isKeepAlive(request);
        Exchange exchange = new Exchange(connection, route, context, record, request, keepAlive, hasBody,
                snapshot.config().server().bodyReadTimeout().toNanos());

        String unsupportedCoding = unsupportedTransferCoding(headers);
        if (rejection != null && rejection.status().equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            exchange.rejectMethod(HeadChecks.FORWARDED_METHODS);
        } else if (rejection != null) {
            exchange.reject(rejection.status(), rejection.detail(), "malformed request", rejection.close());
        } else if (unsupportedCoding != null) {
            exchange.reject(HttpResponseStatus.NOT_IMPLEMENTED, unsupportedCoding, "transfer coding", true);
        } else if (unsupportedUpgrade(headers)) {
            exchange.reject(HttpResponseStatus.NOT_IMPLEMENTED,
                    "protocol upgrade (" + headers.get(HttpHeaderNames.UPGRADE) + ") is not supported", "upgrade", false);
        } else if (unsupportedExpectation(headers)) {
            exchange.reject(HttpResponseStatus.EXPECTATION_FAILED, "only Expect: 100-continue is supported",
                    "unsupported expectation", false);
        } else if (lookup instanceof RouteLookup.MethodNotAllowed notAllowed) {
            exchange.rejectMethod(notAllowed.allowed());
        } else if (!(lookup instanceof RouteLookup.Matched matched)) {
            exchange.reject(HttpResponseStatus.NOT_FOUND, "no route matches " + request.method() + " " + path,
                    "no route", false);
        } else if (contentLength > route.config().maxBodySize()) {
            exchange.reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the request body exceeds "
                    + route.config().maxBodySize() + " bytes", "body too large", true);
        } else {
            String hostRewrite = route.config().rewrite().host();
            String upstreamTarget = target.withPath(matched.route().rewritePath(target.path(), matched));
            boolean expectContinue = HttpUtil.is100ContinueExpected(request);
            HttpRequest upstreamHead = UpstreamRequests.build(request, chunked, upstreamTarget, host(request, target),
                    hostRewrite, client, snapshot.trustedProxies().contains(client.peer().getAddress()), requestId);
            exchange.start(request, upstreamHead, expectContinue);
        }
        return exchange;
    }

    /** A request is decoded only after the handshake, so a TLS connection's session is established here. */
    private static SSLSession tlsSession(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        return ssl == null ? null : ssl.engine().getSession();
    }

    /** A transfer coding other than chunked alone: the body's framing is unknown (501, RFC 9112 section 6.1). */
    private static String unsupportedTransferCoding(HttpHeaders headers) {
        String te = headers.get(HttpHeaderNames.TRANSFER_ENCODING);
        return te == null || te.trim().equalsIgnoreCase("chunked") ? null
                : "unsupported Transfer-Encoding \"" + te + "\" (only chunked is accepted)";
    }

    /**
     * An upgrade the gateway cannot perform yet (WebSocket, ...). A cleartext HTTP/2 offer ({@code h2c}, which
     * clients such as the JDK's send unprompted) is simply declined by answering in HTTP/1.1, as RFC 9110 allows.
     */
    private static boolean unsupportedUpgrade(HttpHeaders headers) {
        String upgrade = headers.get(HttpHeaderNames.UPGRADE);
        if (upgrade == null) {
            return false;
        }
        for (String protocol : upgrade.split(",")) {
            if (!protocol.trim().equalsIgnoreCase("h2c")) {
                return true;
            }
        }
        return false;
    }

    private static boolean unsupportedExpectation(HttpHeaders headers) {
        String expect = headers.get(HttpHeaderNames.EXPECT);
        return expect != null && !expect.trim().equalsIgnoreCase("100-continue");
    }

    /** The Host field; an absolute-form target's authority equals it (or stands in for HTTP/1.0 without one). */
    private static String host(HttpRequest request, RequestTarget target) {
        return target.authority() != null ? target.authority() : request.headers().get(HttpHeaderNames.HOST);
    }
}
