package io.gatehouse.model;

import io.gatehouse.proxy.Json;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Local replies of the TorchServe API in its own shape: {@code {"code": 404, "type": "...", "message": "..."}}. */
final class TorchServeErrorRenderer extends ProtocolErrorRenderer {

    @Override
    String errorJson(HttpResponseStatus status, String message) {
        return "{\"code\":" + status.code() + ",\"type\":" + Json.quote(type(status)) + ",\"message\":"
                + Json.quote(message) + "}";
    }

    /** The exception names TorchServe itself reports for these statuses. */
    private static String type(HttpResponseStatus status) {
        return switch (status.code()) {
            case 404 -> "ModelNotFoundException";
            case 503 -> "ServiceUnavailableException";
            case 429 -> "TooManyRequestsException";
            case 400, 413 -> "BadRequestException";
            case 405 -> "MethodNotAllowedException";
            default -> status.code() >= 500 ? "InternalServerException" : "BadRequestException";
        };
    }
}
