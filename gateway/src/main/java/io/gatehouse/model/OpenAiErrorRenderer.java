package io.gatehouse.model;

import io.gatehouse.proxy.Json;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Local replies of the OpenAI-style API in OpenAI's error object:
 * {@code {"error":{"message":...,"type":...,"param":...,"code":...}}}. Details about the requested model start with
 * {@code model} (as the model filter writes them): those name {@code model} as the param, and a 404 among them is
 * {@code model_not_found}.
 */
final class OpenAiErrorRenderer extends ProtocolErrorRenderer {

    @Override
    String errorJson(HttpResponseStatus status, String message) {
        boolean aboutModel = message.startsWith("model");
        return "{\"error\":{\"message\":" + Json.quote(message)
                + ",\"type\":" + Json.quote(type(status.code()))
                + ",\"param\":" + (aboutModel ? "\"model\"" : "null")
                + ",\"code\":" + code(status.code(), aboutModel) + "}}";
    }

    private static String type(int status) {
        if (status == 401 || status == 403) {
            return "authentication_error";
        }
        if (status == 429) {
            return "rate_limit_error";
        }
        return status < 500 ? "invalid_request_error" : "server_error";
    }

    private static String code(int status, boolean aboutModel) {
        return switch (status) {
            case 404 -> aboutModel ? "\"model_not_found\"" : "\"unknown_url\"";
            case 413 -> "\"request_too_large\"";
            default -> "null";
        };
    }
}
