package io.gatehouse.serving;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request the server refuses, answered as {@code {"error": message}} with this status. */
final class ApiException extends RuntimeException {

    private final transient HttpResponseStatus status;

    ApiException(HttpResponseStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, message);
    }

    HttpResponseStatus status() {
        return status;
    }
}
