package io.gatehouse.proxy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Turns a received request head into the head sent upstream. */
final class UpstreamRequests {

    private UpstreamRequests() {
    }

    /**
     * Builds the upstream head, reusing the received header object (the received head is not needed afterwards).
     *
     * @param target      the rewritten path with the original query
     * @param host        the received host (from the URI in absolute form, else the Host field)
     * @param hostRewrite the route's replacement Host, or null to pass the received one through
     */
    static HttpRequest build(HttpRequest received, boolean chunked, String target, String host, String hostRewrite,
                             ClientAddress client, boolean peerTrusted, String requestId) {
        HttpHeaders headers = received.headers();
        ForwardingHeaders.removeHopByHop(headers);
        headers.remove(HttpHeaderNames.PROXY_AUTHORIZATION).remove(HttpHeaderNames.EXPECT);
        ForwardingHeaders.appendForwarded(headers, client, peerTrusted, "http", host);
        if (hostRewrite != null) {
            headers.set(HttpHeaderNames.HOST, hostRewrite);
        } else if (host != null) {
            headers.set(HttpHeaderNames.HOST, host);
        }
        headers.set(Exchange.REQUEST_ID, requestId);
        if (chunked) {
            HttpUtil.setTransferEncodingChunked(received, true);
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, received.method(), target, headers);
    }
}
