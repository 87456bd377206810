package io.gatehouse.proxy;

import io.gatehouse.config.HttpConfig;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.List;
import java.util.Set;

/**
 * What a request head must satisfy before it is routed: what the decoder found, the version, the method, the
 * target's form and the Host field. Framing fields were checked by the decoder already.
 */
final class HeadChecks {

    /** What the gateway forwards; TRACE only when allowed, CONNECT never. */
    static final Set<String> FORWARDED_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /**
     * Why a head is refused.
     *
     * @param close whether the connection must close after the reply (it cannot be trusted to be in step)
     */
    record Rejection(HttpResponseStatus status, String detail, boolean close) {
    }

    private HeadChecks() {
    }

    /** Returns null when the head may be routed; {@code target} is null when the request target was refused. */
    static Rejection check(HttpRequest request, RequestTarget target, HttpConfig http) {
        if (request.decoderResult().isFailure()) {
            return decoderFailure(request.decoderResult().cause());
        }
        if (request.headers().size() > http.maxHeaders()) {
            return new Rejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the request has "
                    + request.headers().size() + " header fields, more than " + http.maxHeaders(), true);
        }
        HttpVersion version = request.protocolVersion();
        if (!version.equals(HttpVersion.HTTP_1_1) && !version.equals(HttpVersion.HTTP_1_0)) {
            return new Rejection(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
                    "only HTTP/1.1 and HTTP/1.0 are supported", true);
        }
        // Case-insensitively: some origins read method names that way, although RFC 9110 does not.
        String method = request.method().name();
        if (method.equalsIgnoreCase("CONNECT") || method.equalsIgnoreCase("TRACE") && !http.allowTrace()) {
            return new Rejection(HttpResponseStatus.METHOD_NOT_ALLOWED, method + " is not served", false);
        }
        if (target == null) {
            return new Rejection(HttpResponseStatus.BAD_REQUEST, "unsupported request target", true);
        }
        return hostRejection(request, target);
    }

    private static Rejection decoderFailure(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return new Rejection(HttpResponseStatus.REQUEST_URI_TOO_LONG, cause.getMessage(), true);
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Rejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, cause.getMessage(), true);
        }
        return new Rejection(HttpResponseStatus.BAD_REQUEST, cause instanceof TooLongFrameException
                ? cause.getMessage() : "malformed request: " + cause.getMessage(), true);
    }

    /**
     * One valid Host field (HTTP/1.0 may omit it); an absolute-form target must name the same authority, so the
     * gateway never serves a host other than the one the Host field, and anything in front of it, saw.
     */
    private static Rejection hostRejection(HttpRequest request, RequestTarget target) {
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            return badRequest("the request has " + hosts.size() + " Host fields");
        }
        if (hosts.isEmpty()) {
            return request.protocolVersion().equals(HttpVersion.HTTP_1_1)
                    ? badRequest("an HTTP/1.1 request needs a Host field")
                    : target.authority() != null ? badRequest("an absolute-form target needs a matching Host field")
                    : null;
        }
        String host = hosts.get(0);
        if (!HostField.isValid(host)) {
            return badRequest("the Host field is not a valid host[:port]");
        }
        if (target.authority() != null && !target.authority().equalsIgnoreCase(host)) {
            return badRequest("the authority of an absolute-form target must equal the Host field");
        }
        return null;
    }

    private static Rejection badRequest(String detail) {
        return new Rejection(HttpResponseStatus.BAD_REQUEST, detail, true);
    }
}
