package io.gatehouse.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON an echoing origin answers with:
 * {@code {"origin": NAME, "method": M, "uri": U, "headers": {lower-case name: values joined by ", "}, "bodyBytes": N}}.
 */
final class EchoBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EchoBody() {
    }

    static byte[] describe(String originName, RequestTally request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : request.headers().names()) {
            headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", request.headers().getAll(name)));
        }
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("origin", originName);
        echo.put("method", request.method());
        echo.put("uri", request.uri());
        echo.put("headers", headers);
        echo.put("bodyBytes", request.bodyBytes());
        try {
            return JSON.writeValueAsBytes(echo);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
