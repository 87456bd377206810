package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ProxyRig;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A route's {@code headers} filter edits the request the upstream gets and the response the client gets. */
@ExtendWith(LeakDetectionExtension.class)
class HeadersFilterIntegrationTest {

    @RegisterExtension
    final ProxyRig rig = ProxyRig.withClient(() -> TestOrigin.start().on("/edited", Behaviour.status(200).body("ok")
            .header("server", "origin/1.0").header("x-tag", "origin").header("cache-control", "public")),
            authority -> TestGateway.config(1, """
            upstreams:
              origin: { endpoints: [ { address: "%s" } ] }
            routes:
              - name: edited
                match: { prefix: /edited }
                upstream: origin
                max-body-size: 8
                filters:
                  - headers:
                      request: { set: { X-Env: prod }, add: { X-Tag: gateway }, remove: [ X-Secret ] }
                      response: { set: { Cache-Control: no-cache }, add: { X-Tag: gateway }, remove: [ Server ] }
            """.formatted(authority)));

    @Test
    void requestHeadersAreSetAddedAndRemoved() throws Exception {
        rig.client().write("GET /edited HTTP/1.1\r\nHost: x\r\nX-Env: dev\r\nX-Tag: client\r\nX-Secret: s3cr3t\r\n\r\n")
                .readResponse();
        RecordedRequest received = rig.origin().awaitRequests(1, Duration.ofSeconds(5)).get(0);
        assertThat(received.headers().getAll("x-env")).containsExactly("prod");
        assertThat(received.headers().getAll("x-tag")).containsExactly("client", "gateway");
        assertThat(received.header("x-secret")).isNull();
    }

    @Test
    void responseHeadersAreSetAddedAndRemoved() throws Exception {
        RawResponse response = rig.client().write("GET /edited HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
        assertThat(response.bodyText()).isEqualTo("ok");
        assertThat(response.headers().all("cache-control")).containsExactly("no-cache");
        assertThat(response.headers().all("x-tag")).containsExactly("origin", "gateway");
        assertThat(response.header("server")).isNull();
    }

    @Test
    void responseEditsApplyToTheRoutesLocalReplies() throws Exception {
        RawResponse response = rig.client()
                .write("POST /edited HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n123456789").readResponse();
        assertProblem(response, 413);
        assertThat(response.headers().all("x-tag")).containsExactly("gateway");
    }
}
