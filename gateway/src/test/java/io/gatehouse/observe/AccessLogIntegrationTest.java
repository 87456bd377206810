package io.gatehouse.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.config.ConsumerConfig;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(LeakDetectionExtension.class)
class AccessLogIntegrationTest {

    private static final List<String> FIELDS = List.of("time", "request_id", "client", "method", "path", "route",
            "consumer", "upstream", "endpoint", "retries", "status", "bytes_in", "bytes_out", "duration_ms",
            "upstream_ms", "error");

    /** Records what reaches the {@code gatehouse.access} logger of the test's Logback context. */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getFormattedMessage());
        }
    }

    private static final String ALICE_KEY = "alice-key-0123456789";

    private final Capture capture = new Capture();
    private Logger accessLogger;
    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        accessLogger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(AccessLog.LOGGER_NAME);
        capture.setContext(accessLogger.getLoggerContext());
        capture.start();
        accessLogger.addAppender(capture);
        origin = TestOrigin.start();
        gateway = TestGateway.start("""
                server: { event-loops: 1 }
                listeners: [ { name: public, address: 127.0.0.1, port: 0 } ]
                admin: { address: 127.0.0.1, port: 0 }
                access-log: { enabled: true, queue-size: 64 }
                consumers:
                  - { name: alice, credentials: { key-auth: [ { sha256: "%s" } ] } }
                upstreams:
                  users: { endpoints: [ { address: "%s" } ] }
                routes:
                  - { name: users, match: { prefix: /users }, upstream: users }
                  - name: keyed
                    match: { prefix: /keyed }
                    upstream: users
                    filters: [ { auth: { any-of: [key-auth] } } ]
                """.formatted(ConsumerConfig.KeyCredential.sha256Hex(ALICE_KEY), origin.authority()));
    }

    @AfterEach
    void stop() {
        try {
            if (gateway != null) {
                gateway.close();
            }
            origin.close();
        } finally {
            accessLogger.detachAppender(capture);
            capture.stop();
        }
    }

    @Test
    void theAuthenticatedConsumerIsLoggedAndNeverTheKey() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            assertThat(client.write("GET /keyed HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + ALICE_KEY + "\r\n\r\n")
                    .readResponse().status()).isEqualTo(200);
        }
        gateway.close();
        gateway = null;
        Eventually.await("an access log line", Duration.ofSeconds(5), () -> !capture.lines.isEmpty());

        assertThat(capture.lines.get(0)).doesNotContain(ALICE_KEY);
        assertThat(new ObjectMapper().readTree(capture.lines.get(0)).get("consumer").asText()).isEqualTo("alice");
    }

    @Test
    void oneJsonLinePerRequestWithoutQueryOrCredentials() throws Exception {
        RawResponse ok;
        RawResponse missing;
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            ok = client.write("POST /users/42?api_key=s3cr3t-query&page=2 HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer s3cr3t-token\r\nContent-Length: 5\r\n\r\nhello").readResponse();
            missing = client.write("GET /nothing?token=s3cr3t-other HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Basic czNjcjN0OnMzY3IzdA==\r\n\r\n").readResponse();
        }
        assertThat(ok.status()).isEqualTo(200);
        assertThat(missing.status()).isEqualTo(404);

        gateway.close();
        gateway = null;
        Eventually.await("two access log lines", Duration.ofSeconds(5), () -> capture.lines.size() >= 2);
        assertThat(capture.lines).hasSize(2);
        for (String line : capture.lines) {
            assertThat(line).doesNotContain("\n").doesNotContain("s3cr3t").doesNotContain("czNjcjN0")
                    .doesNotContain("Bearer").doesNotContain("Basic").doesNotContain("?");
        }

        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(capture.lines.get(0));
        assertThat(fieldNames(first)).containsExactlyElementsOf(FIELDS);
        assertThat(Instant.parse(first.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(first.get("request_id").asText()).isEqualTo(ok.header("x-request-id"));
        assertThat(first.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(first.get("method").asText()).isEqualTo("POST");
        assertThat(first.get("path").asText()).isEqualTo("/users/42");
        assertThat(first.get("route").asText()).isEqualTo("users");
        assertThat(first.get("consumer").isNull()).as("no auth filter names one").isTrue();
        assertThat(first.get("upstream").asText()).isEqualTo("users");
        assertThat(first.get("endpoint").asText()).isEqualTo(origin.authority());
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.get("bytes_in").asLong()).isEqualTo(5);
        assertThat(first.get("bytes_out").asLong()).isEqualTo(ok.bodyLength()).isPositive();
        assertThat(first.get("duration_ms").isNumber()).isTrue();
        assertThat(first.get("upstream_ms").isNumber()).isTrue();
        assertThat(first.get("upstream_ms").asDouble()).isLessThanOrEqualTo(first.get("duration_ms").asDouble());
        assertThat(first.get("error").isNull()).isTrue();

        JsonNode second = mapper.readTree(capture.lines.get(1));
        assertThat(fieldNames(second)).containsExactlyElementsOf(FIELDS);
        assertThat(second.get("request_id").asText()).isEqualTo(missing.header("x-request-id"));
        assertThat(second.get("path").asText()).isEqualTo("/nothing");
        assertThat(second.get("status").asInt()).isEqualTo(404);
        assertThat(second.get("upstream").isNull()).isTrue();
        assertThat(second.get("endpoint").isNull()).isTrue();
        assertThat(second.get("upstream_ms").isNull()).isTrue();
        assertThat(second.get("error").asText()).isEqualTo("no route");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
