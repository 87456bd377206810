package io.gatehouse.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A JSON answer; errors take the shape both Open Inference and TF Serving use, {@code {"error": "..."}}. */
record Reply(HttpResponseStatus status, byte[] body, boolean retryAfter) {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(Reply.class);

    /** Writes a JSON document with a streaming generator. */
    interface JsonWriter {
        void write(JsonGenerator json) throws IOException;
    }

    static Reply json(HttpResponseStatus status, Object value) {
        try {
            return new Reply(status, JSON.writeValueAsBytes(value), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply ok(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    static Reply written(JsonWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.getFactory().createGenerator(bytes)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reply(HttpResponseStatus.OK, bytes.toByteArray(), false);
    }

    static Reply error(HttpResponseStatus status, String message) {
        return new Reply(status, json(status, Map.of("error", message)).body(), false);
    }

    /** The answer for a failed request: its own status for a refused one, 503 when full, else a logged 500. */
    static Reply failure(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException refused) {
            return error(refused.status(), refused.getMessage());
        }
        if (cause instanceof InferenceWorkers.QueueFullException full) {
            Reply reply = error(HttpResponseStatus.SERVICE_UNAVAILABLE, full.getMessage());
            return new Reply(reply.status(), reply.body(), true);
        }
        LOG.error("request failed", cause);
        return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + cause);
    }
}
