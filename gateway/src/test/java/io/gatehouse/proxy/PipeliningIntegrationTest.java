package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ProxyRig;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests written back to back in one packet are answered in order, one exchange at a time. */
@ExtendWith(LeakDetectionExtension.class)
class PipeliningIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    // The first response is slow, so the others are certainly waiting in the gateway while it is pending.
    @RegisterExtension
    final ProxyRig rig = ProxyRig.withClient(
            () -> TestOrigin.start().on("/app/slow", Behaviour.echo().delay(Duration.ofMillis(200))),
            authority -> TestGateway.config(1, HttpTestSupport.upstreamAndRoute(authority, "/app", "")));

    private List<RawResponse> readResponses(int count) throws Exception {
        List<RawResponse> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            responses.add(rig.client().readResponse());
        }
        return responses;
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOverOneUpstreamConnection() throws Exception {
        rig.client().write(get("/app/slow") + get("/app/2")
                + "POST /app/3 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n" + "hello" + get("/app/4"));
        List<RawResponse> responses = readResponses(4);
        assertThat(responses).extracting(RawResponse::status).containsOnly(200);
        assertThat(responses.get(0).bodyText()).contains("\"uri\":\"/app/slow\"");
        assertThat(responses.get(1).bodyText()).contains("\"uri\":\"/app/2\"");
        assertThat(responses.get(2).bodyText()).contains("\"uri\":\"/app/3\"").contains("\"bodyBytes\":5");
        assertThat(responses.get(3).bodyText()).contains("\"uri\":\"/app/4\"");
        List<RecordedRequest> received = rig.origin().awaitRequests(4, WAIT);
        assertThat(received).extracting(RecordedRequest::path).containsExactly("/app/slow", "/app/2", "/app/3", "/app/4");
        // One upstream connection carried all four, so the origin saw them one after another.
        assertThat(received).extracting(RecordedRequest::connection).containsOnly(1);
        assertThat(rig.origin().connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void localReplyInTheMiddleKeepsTheOrder() throws Exception {
        rig.client().write(get("/app/slow") + get("/nowhere") + get("/app/3"));
        List<RawResponse> responses = readResponses(3);
        assertThat(responses.get(0).bodyText()).contains("\"uri\":\"/app/slow\"");
        assertProblem(responses.get(1), 404);
        assertThat(responses.get(2).bodyText()).contains("\"uri\":\"/app/3\"");
        assertThat(rig.origin().awaitRequests(2, WAIT)).extracting(RecordedRequest::path)
                .containsExactly("/app/slow", "/app/3");
        assertThat(responses.get(1).header("x-request-id")).isNotEqualTo(responses.get(0).header("x-request-id"))
                .isNotEqualTo(responses.get(2).header("x-request-id"));
    }
}
