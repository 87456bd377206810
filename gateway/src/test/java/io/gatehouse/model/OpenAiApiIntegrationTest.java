package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAI-style API in front of a scripted origin standing in for an OpenAI-compatible server: the path it
 * receives and the checksum of the body it receives tell where the request went and what its {@code model} became.
 */
@ExtendWith(LeakDetectionExtension.class)
class OpenAiApiIntegrationTest {

    private static final int MAX_BODY = 64 << 10;
    private static final String TOO_LARGE = "{\"error\":{\"message\":\"the request body exceeds " + MAX_BODY
            + " bytes\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"request_too_large\"}}\n";

    private final CompletableFuture<Void> firstEventSeen = new CompletableFuture<>();
    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        origin = TestOrigin.start()
                .on("/v1/chat/completions", Behaviour.status(200).header("content-type", "application/json")
                        .body("{\"object\":\"chat.completion\"}"))
                .on("/v1/embeddings", Behaviour.status(200).body("{\"object\":\"list\"}"))
                .on("/v1/completions", Behaviour.status(200).header("content-type", "text/event-stream")
                        .chunks(List.of("data: {\"text\":\"Hel\"}\n\n", "data: {\"text\":\"lo\"}\n\n",
                                "data: [DONE]\n\n"), Duration.ofMillis(20))
                        .holdChunksAfterFirstUntil(firstEventSeen));
        gateway = TestGateway.start(TestGateway.config(2, """
                upstreams:
                  backend: { endpoints: [ { address: "%s" } ] }
                model-registry: { reconcile-interval: 0s }   # the tests set version states themselves
                models:
                  - name: chat
                    protocol: openai
                    backend-name: llama-3-8b
                    aliases: [ gpt-small, gpt-mini ]
                    upstream: backend
                    versions: [ { version: "1" }, { version: "2" } ]
                    labels: { stable: "1", canary: "2" }
                    default: stable
                  - name: embed
                    protocol: openai
                    upstream: backend
                    versions: [ { version: "1" } ]
                  - name: draft
                    protocol: openai
                    upstream: backend
                    versions: [ { version: "1" } ]
                  - name: linear
                    protocol: open-inference-v2
                    upstream: backend
                    versions: [ { version: "1" } ]
                model-apis:
                  openai: { prefix: /v1, max-body: 64KiB }
                """.formatted(origin.authority())));
        for (String[] available : new String[][] {{"chat", "1"}, {"chat", "2"}, {"embed", "1"}, {"linear", "1"}}) {
            gateway.gateway().models().updateModel(available[0], model -> model.withVersion(
                    model.versions().get(available[1]).withState(VersionState.AVAILABLE, null)));
        }
    }

    @AfterEach
    void stop() {
        firstEventSeen.complete(null);
        gateway.close();
        origin.close();
    }

    private RawResponse post(String path, String json, String... headerLines) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: x\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n\r\n");
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            return client.write(head.toString()).write(body).readResponse();
        }
    }

    private RecordedRequest lastReceived() {
        List<RecordedRequest> requests = origin.requests();
        return requests.get(requests.size() - 1);
    }

    /** Asserts the origin received exactly {@code json} (length and checksum) with a fixed length. */
    private void assertReceivedBody(String json) {
        byte[] expected = json.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(expected);
        RecordedRequest received = lastReceived();
        assertThat(received.bodyBytes()).isEqualTo(expected.length);
        assertThat(received.bodyCrc32()).isEqualTo(crc.getValue());
        assertThat(received.header("content-length")).isEqualTo(String.valueOf(expected.length));
        assertThat(received.header("transfer-encoding")).isNull();
    }

    @Test
    void aliasAndNameReachTheBackendUnderItsOwnName() throws Exception {
        String messages = ",\"messages\":[{\"role\":\"user\",\"content\":\"hi, model \\\"gpt-small\\\"\"}]}";
        RawResponse byAlias = post("/v1/chat/completions", "{\"model\":\"gpt-small\"" + messages);
        assertThat(byAlias.status()).isEqualTo(200);
        assertThat(byAlias.bodyText()).isEqualTo("{\"object\":\"chat.completion\"}");
        assertThat(byAlias.header("x-model-version")).isEqualTo("1");
        assertThat(lastReceived().uri()).isEqualTo("/v1/chat/completions");
        assertReceivedBody("{\"model\":\"llama-3-8b\"" + messages);

        RawResponse byName = post("/v1/chat/completions?trace=1", "{\"model\":\"chat\"" + messages,
                "X-Model-Version: canary");
        assertThat(byName.header("x-model-version")).isEqualTo("2");
        assertThat(lastReceived().uri()).isEqualTo("/v1/chat/completions?trace=1");
        assertReceivedBody("{\"model\":\"llama-3-8b\"" + messages);

        // A model whose backend name is its own name goes through byte for byte.
        String embedding = "{\"input\":\"hello\",\"model\":\"embed\"}";
        assertThat(post("/v1/embeddings", embedding).status()).isEqualTo(200);
        assertThat(lastReceived().uri()).isEqualTo("/v1/embeddings");
        assertReceivedBody(embedding);
    }

    @Test
    void aChunkedRequestGoesOnWithAFixedLength() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "9\r\n{\"model\":\r\n" + "c\r\n\"gpt-mini\", \r\n" + "f\r\n\"messages\": []}\r\n" + "0\r\n\r\n");
            RawResponse response = client.readResponse();
            assertThat(response.status()).isEqualTo(200);
        }
        assertReceivedBody("{\"model\":\"llama-3-8b\", \"messages\": []}");
    }

    @Test
    void listsEveryOpenAiModelAndAliasFromTheRegistry() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            RawResponse list = client.write("GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.header("content-type")).isEqualTo("application/json");
            assertThat(list.bodyText()).isEqualTo("{\"object\":\"list\",\"data\":["
                    + "{\"id\":\"chat\",\"object\":\"model\",\"owned_by\":\"gatehouse\"},"
                    + "{\"id\":\"gpt-small\",\"object\":\"model\",\"owned_by\":\"gatehouse\"},"
                    + "{\"id\":\"gpt-mini\",\"object\":\"model\",\"owned_by\":\"gatehouse\"},"
                    + "{\"id\":\"embed\",\"object\":\"model\",\"owned_by\":\"gatehouse\"},"
                    + "{\"id\":\"draft\",\"object\":\"model\",\"owned_by\":\"gatehouse\"}]}\n");
        }
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void answersErrorsInOpenAisShape() throws Exception {
        RawResponse unknown = post("/v1/chat/completions", "{\"model\":\"gpt-huge\",\"messages\":[]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("content-type")).isEqualTo("application/json");
        assertThat(unknown.bodyText()).isEqualTo("{\"error\":{\"message\":\"model \\\"gpt-huge\\\" not found\","
                + "\"type\":\"invalid_request_error\",\"param\":\"model\",\"code\":\"model_not_found\"}}\n");
        // A model of another API family is not one of this API's.
        assertThat(post("/v1/completions", "{\"model\":\"linear\"}").status()).isEqualTo(404);
        // Nor is the backend's own name a client-facing one.
        assertThat(post("/v1/completions", "{\"model\":\"llama-3-8b\"}").status()).isEqualTo(404);

        RawResponse noModel = post("/v1/chat/completions", "{\"messages\":[]}");
        assertThat(noModel.status()).isEqualTo(400);
        assertThat(noModel.bodyText()).isEqualTo("{\"error\":{\"message\":\"model: the request body names no "
                + "model\",\"type\":\"invalid_request_error\",\"param\":\"model\",\"code\":null}}\n");
        RawResponse notJson = post("/v1/embeddings", "model=embed");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.bodyText()).startsWith("{\"error\":{\"message\":\"the request body is not JSON: ")
                .endsWith("\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}\n");

        RawResponse notAvailable = post("/v1/chat/completions", "{\"model\":\"draft\"}");
        assertThat(notAvailable.status()).isEqualTo(503);
        assertThat(notAvailable.header("retry-after")).isEqualTo("1");
        assertThat(notAvailable.bodyText()).isEqualTo("{\"error\":{\"message\":\"model \\\"draft\\\" has no "
                + "AVAILABLE version\",\"type\":\"server_error\",\"param\":\"model\",\"code\":null}}\n");
        RawResponse versionNotAvailable = post("/v1/chat/completions", "{\"model\":\"draft\"}", "X-Model-Version: 1");
        assertThat(versionNotAvailable.status()).isEqualTo(503);
        assertThat(versionNotAvailable.header("retry-after")).isEqualTo("1");
        assertThat(versionNotAvailable.bodyText()).startsWith("{\"error\":{\"message\":\"version 1 of model "
                + "\\\"draft\\\" is START\",\"type\":\"server_error\",\"param\":null,");

        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            RawResponse wrongMethod = client.write("GET /v1/chat/completions HTTP/1.1\r\nHost: x\r\n\r\n")
                    .readResponse();
            assertThat(wrongMethod.status()).isEqualTo(404);
            assertThat(wrongMethod.bodyText()).contains("\"code\":\"unknown_url\"");
        }
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void sendsContinueToAClientThatWaitsBeforeSendingItsBody() throws Exception {
        String json = "{\"model\":\"embed\",\"input\":\"x\"}";
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                    + json.length() + "\r\n\r\n");
            assertThat(client.readInformational().status()).isEqualTo(100);
            RawResponse response = client.write(json).readResponse();
            assertThat(response.status()).isEqualTo(200);
        }
        assertReceivedBody(json);
    }

    @Test
    void releasesTheHeldBodyWhenTheClientGoesAwayMidBody() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"
                    + "{\"model\":\"chat\",");
        }
        // A request afterwards is served, and the leak detector (paranoid) finds the abandoned piece released.
        assertThat(post("/v1/embeddings", "{\"model\":\"embed\"}").status()).isEqualTo(200);
        assertThat(origin.requests()).hasSize(1);
    }

    /** An embeddings body of exactly {@code size} bytes naming a model whose backend name is its own. */
    private static byte[] embedBody(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        byte[] start = "{\"model\":\"embed\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, body, 0, start.length);
        body[size - 2] = '"';
        body[size - 1] = '}';
        return body;
    }

    @Test
    void aBodyUpToTheApisMaxBodyGoesThroughAndOneOverIsRefusedWith413() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: " + MAX_BODY
                    + "\r\n\r\n").write(embedBody(MAX_BODY));
            assertThat(client.readResponse().status()).isEqualTo(200);
        }
        assertThat(lastReceived().bodyBytes()).isEqualTo(MAX_BODY);

        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: " + (MAX_BODY + 1)
                    + "\r\n\r\n").write(embedBody(MAX_BODY + 1));
            RawResponse tooLarge = client.readResponse();
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.bodyText()).isEqualTo(TOO_LARGE);
        }
        assertThat(origin.requests()).hasSize(1);
    }

    @Test
    void aChunkedBodyThatGrowsOverTheMaxBodyIsRefusedWith413() throws Exception {
        byte[] body = embedBody(MAX_BODY + 1);
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length) + "\r\n").write(body).write("\r\n0\r\n\r\n");
            RawResponse tooLarge = client.readResponse();
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.bodyText()).isEqualTo(TOO_LARGE);
        }
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void streamsServerSentEventsAsTheyArrive() throws Exception {
        String json = "{\"model\":\"gpt-small\",\"prompt\":\"Say hello\",\"stream\":true}";
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Length: " + json.length()
                    + "\r\n\r\n" + json);
            // The origin sends the second event only once the first has come out of the gateway: a buffering
            // gateway would never deliver it and this read would time out.
            String first = client.readUntil("data: {\"text\":\"Hel\"}\n\n");
            assertThat(first).contains("text/event-stream").doesNotContain("[DONE]");
            firstEventSeen.complete(null);
            assertThat(client.readUntil("data: [DONE]\n\n")).contains("data: {\"text\":\"lo\"}\n\n");
        }
        assertThat(lastReceived().uri()).isEqualTo("/v1/completions");
        assertReceivedBody("{\"model\":\"llama-3-8b\",\"prompt\":\"Say hello\",\"stream\":true}");
    }
}
