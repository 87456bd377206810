package io.gatehouse.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AccessLogJsonTest {

    private static final long NOON = 1_714_564_800_000L; // 2024-05-01T12:00:00Z

    @Test
    void rendersEveryFieldOnOneLine() {
        var entry = new AccessLogEntry(NOON + 7, "r-1", "10.0.0.1:5000", "GET", "/users/42", "users", "alice",
                "user-svc", "10.0.0.2:8080", 1, 200, 12, 3456, 1500, 1234, null);

        assertThat(AccessLogJson.render(entry)).isEqualTo("{\"time\":\"2024-05-01T12:00:00.007Z\","
                + "\"request_id\":\"r-1\",\"client\":\"10.0.0.1:5000\",\"method\":\"GET\",\"path\":\"/users/42\","
                + "\"route\":\"users\",\"consumer\":\"alice\",\"upstream\":\"user-svc\","
                + "\"endpoint\":\"10.0.0.2:8080\",\"retries\":1,"
                + "\"status\":200,\"bytes_in\":12,\"bytes_out\":3456,"
                + "\"duration_ms\":1.500,\"upstream_ms\":1.234,\"error\":null}");
    }

    @Test
    void keepsMillisWhenZeroAndWritesNullsForMissingParts() throws Exception {
        var entry = new AccessLogEntry(NOON, "r-2", "::1", "POST", "/nowhere", null, null, null, null, 0, 404, 0, 9,
                7, -1, "no route");

        JsonNode json = new ObjectMapper().readTree(AccessLogJson.render(entry));

        assertThat(json.get("time").asText()).isEqualTo("2024-05-01T12:00:00.000Z");
        assertThat(json.get("route").isNull()).isTrue();
        assertThat(json.get("consumer").isNull()).isTrue();
        assertThat(json.get("upstream").isNull()).isTrue();
        assertThat(json.get("upstream_ms").isNull()).isTrue();
        assertThat(json.get("duration_ms").decimalValue()).isEqualByComparingTo("0.007");
        assertThat(json.get("error").asText()).isEqualTo("no route");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() throws Exception {
        String path = "/a\"b\\c\nd\u0001e";
        var entry = new AccessLogEntry(NOON, "r-3", "c", "GET", path, "r", null, "u", "e", 0, 200, 0, 0, 0, 0, null);

        String line = AccessLogJson.render(entry);

        assertThat(line).contains("\"path\":\"/a\\\"b\\\\c\\nd\\u0001e\"").doesNotContain("\n");
        assertThat(new ObjectMapper().readTree(line).get("path").asText()).isEqualTo(path);
    }
}
