package io.gatehouse.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Turns an upstream response head, or a local reply, into the head sent to the client. */
final class ResponseHeads {

    private ResponseHeads() {
    }

    /** Whether a response to this request can carry no body whatever its headers say. */
    static boolean bodiless(boolean headRequest, int status) {
        return headRequest || status == 204 || status == 304 || status < 200;
    }

    /**
     * Rewrites framing and connection fields in place and reports whether the client connection must close after
     * the body because it is delimited by the close (an HTTP/1.0 client cannot take chunked framing).
     */
    static boolean prepare(HttpResponse response, boolean headRequest, boolean http10Client) {
        boolean hasLength = response.headers().contains(HttpHeaderNames.CONTENT_LENGTH);
        ForwardingHeaders.removeHopByHop(response.headers());
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (hasLength || bodiless(headRequest, response.status().code())) {
            return false;
        }
        if (http10Client) {
            return true;
        }
        HttpUtil.setTransferEncodingChunked(response, true);
        return false;
    }

    /**
     * A local reply as a HEAD request gets it: the same head, whose framing fields describe the body a GET would
     * have had, without that body. Takes ownership of {@code reply}.
     */
    static FullHttpResponse withoutBody(FullHttpResponse reply) {
        FullHttpResponse head = reply.replace(Unpooled.EMPTY_BUFFER);
        reply.release();
        return head;
    }

    /** States how the client connection continues. */
    static void connection(HttpResponse response, boolean close, boolean http10Client) {
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10Client) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }
}
