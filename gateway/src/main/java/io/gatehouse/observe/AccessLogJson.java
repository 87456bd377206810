package io.gatehouse.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** Renders an {@link AccessLogEntry} as one line of JSON; Jackson does the escaping. */
final class AccessLogJson {

    private static final JsonFactory JSON = new JsonFactory();
    // ISO_INSTANT drops the fraction when it is zero; a fixed width keeps lines sortable and easy to parse.
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private AccessLogJson() {
    }

    static String render(AccessLogEntry entry) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", TIME.format(Instant.ofEpochMilli(entry.epochMillis())));
            json.writeStringField("request_id", entry.requestId());
            json.writeStringField("client", entry.clientAddress());
            json.writeStringField("method", entry.method());
            json.writeStringField("path", entry.path());
            json.writeStringField("route", entry.route());
            json.writeStringField("consumer", entry.consumer());
            json.writeStringField("upstream", entry.upstream());
            json.writeStringField("endpoint", entry.endpoint());
            json.writeNumberField("retries", entry.retries());
            json.writeNumberField("status", entry.status());
            json.writeNumberField("bytes_in", entry.bytesIn());
            json.writeNumberField("bytes_out", entry.bytesOut());
            json.writeNumberField("duration_ms", millis(entry.totalMicros()));
            if (entry.upstreamMicros() < 0) {
                json.writeNullField("upstream_ms");
            } else {
                json.writeNumberField("upstream_ms", millis(entry.upstreamMicros()));
            }
            json.writeStringField("error", entry.error());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return line.toString();
    }

    /** Microseconds as milliseconds with exactly three decimals, e.g. 1500 as 1.500. */
    private static BigDecimal millis(long micros) {
        return BigDecimal.valueOf(micros, 3);
    }
}
