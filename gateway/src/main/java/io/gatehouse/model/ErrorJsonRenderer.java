package io.gatehouse.model;

import io.gatehouse.proxy.Json;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Local replies of the Open Inference and TF Serving APIs: {@code {"error": "..."}} as both protocols answer errors.
 */
final class ErrorJsonRenderer extends ProtocolErrorRenderer {

    @Override
    String errorJson(HttpResponseStatus status, String message) {
        return "{\"error\":" + Json.quote(message) + "}";
    }
}
